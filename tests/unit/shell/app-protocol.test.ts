import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { appProtocolResponse } from '../../../electron/shell/app-protocol';
import { APP_ORIGIN } from '../../../electron/shell/security';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/csp';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-app-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Corroborate</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the UI');
});

const get = (url: string, method = 'GET') => appProtocolResponse(root, { url, method });

test('serves the UI with the Content-Security-Policy header and the right type', async () => {
  const page = await get(`${APP_ORIGIN}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Corroborate</title>');
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');

  const script = await get(`${APP_ORIGIN}/assets/main.js`);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect(await script.text()).toBe('console.log(1)');
});

test('a file beside the UI cannot be read through the protocol', async () => {
  for (const url of [`${APP_ORIGIN}/..%2fsecret.txt`, `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`]) {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside the UI');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  }
  // The URL parser folds these into the root, where there is no such file.
  for (const url of [`${APP_ORIGIN}/../secret.txt`, `${APP_ORIGIN}/%2e%2e/secret.txt`]) {
    expect((await get(url)).status).toBe(404);
  }
});

test('other hosts, missing files, folders and writes are refused', async () => {
  expect((await get('app://elsewhere/index.html')).status).toBe(403);
  expect((await get(`${APP_ORIGIN}/missing.js`)).status).toBe(404);
  expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404);
  expect((await get(`${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
});
