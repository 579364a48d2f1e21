/**
 * Browser mode's guards, tested with real HTTP requests against the web host
 * and the real API handlers over a real workspace folder: the per-run token,
 * the Host and Origin checks, the token header on API calls, the workspace
 * boundary for casefile paths, and the static files' boundary.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callApi, send as sendRaw, type RawRequest, type Reply } from '../../support/http';
import { createBackend, type Backend } from '../../../electron/services/handlers';
import { desktopPolicy, workspacePolicy } from '../../../electron/services/paths';
import { SettingsStore } from '../../../electron/services/settings';
import { startWebHost, tokenCookieName, type WebHost } from '../../../electron/web/server';
import { CONTENT_SECURITY_POLICY } from '../../../electron/services/csp';


let host: WebHost;
let backend: Backend;
let settings: SettingsStore;
let base: string;
let workspace: string;
let outside: string;
const SECRET = 'TOP SECRET: a casefile outside the workspace';


const send = (opts: RawRequest) => sendRaw(host.port, opts);
const call = (name: string, args: unknown, headers: Record<string, string> = {}) => callApi(host.port, host.token, name, args, headers);

const errorCode = (reply: Reply) => (JSON.parse(reply.body) as { error?: { code: string } }).error?.code;

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'corroborate-webhost-'));
  workspace = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  const staticDir = path.join(base, 'static');
  mkdirSync(workspace);
  mkdirSync(outside);
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Corroborate</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(base, 'static-secret.txt'), SECRET);
  writeFileSync(path.join(outside, 'secret.corroborate'), SECRET);
  // Links inside the workspace that lead out of it.
  symlinkSync(path.join(outside, 'secret.corroborate'), path.join(workspace, 'link-to-secret.corroborate'));
  symlinkSync(outside, path.join(workspace, 'linked-folder'));

  settings = new SettingsStore(path.join(base, 'config', 'settings.json'));
  await settings.load();
  await settings.update({ analystName: 'Dana Whitfield' });
  backend = createBackend({
    mode: 'web',
    version: '0.0.0-test',
    paths: workspacePolicy(workspace),
    settings,
    emit: () => undefined,
    openExternal: async () => false,
  });
  host = await startWebHost({ staticDir, handlers: backend.handlers });
});

afterAll(async () => {
  await backend?.sessions.flushAll();
  await host?.close();
});

describe('the per-run token', () => {
  test('the right token gets the page, with the CSP and a strict HttpOnly cookie', async () => {
    const reply = await send({ path: `/?token=${host.token}` });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Corroborate</title>');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const cookie = String(reply.headers['set-cookie']);
    // Named after the port: two instances in one browser keep their own cookies.
    expect(cookie).toContain(`corroborate_token_${host.port}=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  test('the right token in the header makes API calls', async () => {
    const reply = await call('appInfo', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { mode: 'web', workspace: workspacePolicy(workspace).workspace } });
  });

  test('no token: 403 for the page, the files and the API', async () => {
    for (const p of ['/', '/index.html', '/assets/app.js', '/api/events']) {
      expect((await send({ path: p })).status).toBe(403);
    }
    const api = await send({ path: '/api/appInfo', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(403);
    expect(api.body).not.toContain('workspace');
  });

  test('a wrong token: 403, whether in the URL, the header or the cookie', async () => {
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await send({ path: `/?token=${wrong}` })).status).toBe(403);
    expect((await send({ path: '/?token=' })).status).toBe(403);
    expect((await send({ path: '/', headers: { Cookie: `${tokenCookieName(host.port)}=${wrong}` } })).status).toBe(403);
    expect((await call('appInfo', {}, { 'X-Corroborate-Token': wrong })).status).toBe(403);
    expect((await call('appInfo', {}, { 'X-Corroborate-Token': `${host.token}x` })).status).toBe(403);
  });

  test('an API call with only the cookie (as a cross-site form would send) is refused', async () => {
    const reply = await send({
      path: '/api/createCasefile',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: `${tokenCookieName(host.port)}=${host.token}` },
      body: JSON.stringify({ title: 'Planted by another site' }),
    });
    expect(reply.status).toBe(403);
    expect((await backend.handlers.listCasefiles({})).map((c) => c.title)).not.toContain('Planted by another site');
    // The cookie alone is enough for the page itself (reloads keep working).
    expect((await send({ path: '/', headers: { Cookie: `${tokenCookieName(host.port)}=${host.token}` } })).status).toBe(200);
  });
});

describe('Host and Origin', () => {
  test('a foreign Host header (DNS rebinding) is refused even with the right token', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const page = await send({ path: `/?token=${host.token}`, headers: { Host: hostHeader } });
      expect(page.status, hostHeader).toBe(403);
      const api = await call('appInfo', {}, { Host: hostHeader });
      expect(api.status, hostHeader).toBe(403);
    }
  });

  test('localhost with our port is our own Host', async () => {
    expect((await call('appInfo', {}, { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  test('a foreign Origin is refused even with the right token', async () => {
    for (const origin of ['https://evil.example', `http://evil.example:${host.port}`, `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const api = await call('appInfo', {}, { Origin: origin });
      expect(api.status, origin).toBe(403);
      const page = await send({ path: `/?token=${host.token}`, headers: { Origin: origin } });
      expect(page.status, origin).toBe(403);
    }
  });

  test('our own Origin is accepted', async () => {
    expect((await call('appInfo', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });
});

describe('casefile paths stay inside the workspace', () => {
  test.each([
    ['a ../ path', '../outside/secret.corroborate'],
    ['a ../ path after a folder', 'sub/../../outside/secret.corroborate'],
    ['an absolute path to a file outside', '<outside>/secret.corroborate'],
    ['an absolute system path', '/etc/passwd'],
    ['a Windows drive path', 'C:\\Windows\\win.ini'],
    ['a UNC path', '\\\\server\\share\\x.corroborate'],
    ['a NUL byte', 'a.corroborate\u0000.txt'],
  ])('openCasefile refuses %s', async (_what, userPath) => {
    const reply = await call('openCasefile', { path: userPath.replace('<outside>', outside) });
    expect(reply.status).toBe(422);
    expect(['outside-workspace', 'bad-path']).toContain(errorCode(reply));
    expect(reply.body).not.toContain('TOP SECRET');
  });

  test('a link inside the workspace to a valid casefile outside it is refused', async () => {
    // A real casefile, made by the desktop code path outside the workspace, so only the path check can stop it.
    const desktop = createBackend({ mode: 'desktop', version: '0', paths: desktopPolicy(outside), settings, emit: () => undefined, openExternal: async () => false });
    const made = await desktop.handlers.createCasefile({ title: 'Private notes outside the workspace' });
    await desktop.handlers.closeCasefile({ sessionId: made.sessionId });
    symlinkSync(made.path, path.join(workspace, 'link-to-casefile.corroborate'));

    for (const link of ['link-to-casefile.corroborate', 'link-to-secret.corroborate']) {
      const reply = await call('openCasefile', { path: link });
      expect(reply.status, link).toBe(422);
      expect(errorCode(reply), link).toBe('outside-workspace');
      expect(reply.body).not.toContain('Private notes');
      expect(reply.body).not.toContain('TOP SECRET');
    }
  });

  test('a dangling link cannot be used to create a file outside', async () => {
    symlinkSync(path.join(outside, 'not-yet.corroborate'), path.join(workspace, 'dangling.corroborate'));
    const created = await call('createCasefile', { title: 'Dangling' });
    const { sessionId } = (JSON.parse(created.body) as { result: { sessionId: string } }).result;
    const reply = await call('saveCasefileAs', { sessionId, path: 'dangling.corroborate', overwrite: true });
    expect(reply.status).toBe(422);
    expect(existsSync(path.join(outside, 'not-yet.corroborate'))).toBe(false);
  });

  test('a linked folder that leads outside is refused', async () => {
    const reply = await call('openCasefile', { path: 'linked-folder/secret.corroborate' });
    expect(reply.status).toBe(422);
    expect(errorCode(reply)).toBe('outside-workspace');
  });

  test('saveCasefileAs cannot write outside the workspace, by ../, absolute path or link', async () => {
    const created = await call('createCasefile', { title: 'Drones for Russia' });
    expect(created.status).toBe(200);
    const { sessionId } = (JSON.parse(created.body) as { result: { sessionId: string } }).result;
    const targets = [
      '../outside/escaped.corroborate',
      path.join(outside, 'escaped-absolute.corroborate'),
      'linked-folder/escaped-through-link.corroborate',
      'link-to-secret.corroborate',
    ];
    for (const target of targets) {
      const reply = await call('saveCasefileAs', { sessionId, path: target, overwrite: true });
      expect(reply.status, target).toBe(422);
    }
    expect(existsSync(path.join(outside, 'escaped.corroborate'))).toBe(false);
    expect(existsSync(path.join(outside, 'escaped-absolute.corroborate'))).toBe(false);
    expect(existsSync(path.join(outside, 'escaped-through-link.corroborate'))).toBe(false);
    expect(readFileSync(path.join(outside, 'secret.corroborate'), 'utf8')).toBe(SECRET);
  });

  test('a plain name inside the workspace works', async () => {
    const created = await call('createCasefile', { title: 'Inside' });
    const { sessionId } = (JSON.parse(created.body) as { result: { sessionId: string } }).result;
    const saved = await call('saveCasefileAs', { sessionId, path: 'inside-copy.corroborate' });
    expect(saved.status).toBe(200);
    expect(existsSync(path.join(workspace, 'inside-copy.corroborate'))).toBe(true);
  });
});

describe('static files stay inside the built UI', () => {
  test.each([
    '/../static-secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/static-secret.txt',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fstatic-secret.txt',
    '/..%5cstatic-secret.txt',
    '/index.html%00.png',
  ])('%s is refused', async (p) => {
    const reply = await send({ path: `${p}${p.includes('?') ? '&' : '?'}token=${host.token}` });
    expect([403, 404]).toContain(reply.status);
    expect(reply.body).not.toContain('TOP SECRET');
    expect(reply.body).not.toContain('root:');
  });
});

describe('the listening socket', () => {
  test('is bound to 127.0.0.1 only', async () => {
    // Every 127.x address is loopback on Linux, so a server bound to all interfaces would answer 127.0.0.2.
    await expect(send({ path: '/', address: '127.0.0.2' })).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) await expect(send({ path: '/', address: external.address })).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
