/**
 * The window's security as the page sees it. The first part runs on every
 * target (browser mode by default): no Node in the page, and the
 * Content-Security-Policy stops eval and injected scripts. The second part
 * needs the desktop app (CORROBORATE_E2E_TARGET=electron and an Electron
 * binary): the bridge exposes exactly the API contract, and the window cannot
 * navigate away or open windows.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { API_EVENT_NAMES, API_NAMES } from '../../shared/api/contract';
import { screenshot } from '../support/browser';
import { E2E_TARGET, electronBinary, launchApp, type RunningApp } from '../support/app';
import { skipBecause } from '../support/skip';

const desktop = E2E_TARGET === 'electron';
const whyNoDesktop = electronBinary()
  ? 'CORROBORATE_E2E_TARGET is not "electron"'
  : 'no Electron binary is installed here (run `npm start` once to fetch it, then CORROBORATE_E2E_TARGET=electron)';
if (!desktop) process.stdout.write(`shell-desktop: desktop end-to-end checks SKIPPED: ${whyNoDesktop}. Running the browser-mode checks only.\n`);

let app: RunningApp;

beforeAll(async () => {
  app = await launchApp();
  await app.page.waitForSelector('#root *');
});
afterAll(async () => {
  await app?.stop();
});

test(`${E2E_TARGET}: the page has no Node: no require, process, module or Buffer`, async () => {
  const globals = await app.page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return ['require', 'process', 'module', 'Buffer', '__dirname'].map((name) => [name, typeof g[name]]);
  });
  expect(Object.fromEntries(globals)).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', __dirname: 'undefined' });
});

test(`${E2E_TARGET}: the Content-Security-Policy blocks injected scripts and inline handlers`, async () => {
  // (eval cannot be tested from here: DevTools-protocol evaluation is exempt from the page's CSP.)
  const result = await app.page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('src', 'data:image/png;base64,not-a-png');
    img.setAttribute('onerror', 'window.__injectedHandler = true');
    document.body.append(img);
    const remote = document.createElement('script');
    remote.src = 'https://example.org/remote.js';
    document.body.append(remote);
    await new Promise((r) => setTimeout(r, 500));
    const w = window as unknown as Record<string, unknown>;
    for (const node of [script, img, remote]) node.remove();
    return { injected: w.__injected ?? false, handler: w.__injectedHandler ?? false, violations: [...new Set(violations)].sort() };
  });
  expect(result.injected).toBe(false);
  expect(result.handler).toBe(false);
  expect(result.violations).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
});

test('desktop: window.corroborate exposes exactly the API contract', async (ctx) => {
  if (!desktop) return skipBecause(ctx, whyNoDesktop);
  const exposed = await app.page.evaluate(() => {
    const bridge = (window as unknown as { corroborate: { api: Record<string, unknown>; on: (e: string, l: () => void) => () => void } }).corroborate;
    let unknownEvent = 'accepted';
    try {
      bridge.on('not-an-event', () => undefined);
    } catch {
      unknownEvent = 'refused';
    }
    return {
      keys: Object.keys(bridge).sort(),
      calls: Object.keys(bridge.api).sort(),
      allFunctions: Object.values(bridge.api).every((f) => typeof f === 'function'),
      unknownEvent,
    };
  });
  expect(exposed.keys).toEqual(['api', 'on']);
  expect(exposed.calls).toEqual([...API_NAMES].sort());
  expect(exposed.allFunctions).toBe(true);
  expect(exposed.unknownEvent).toBe('refused');
  expect(API_EVENT_NAMES.length).toBeGreaterThan(0);
});

test('desktop: calls are validated and the UI comes from app://', async (ctx) => {
  if (!desktop) return skipBecause(ctx, whyNoDesktop);
  const result = await app.page.evaluate(async () => {
    const api = (window as unknown as { corroborate: { api: Record<string, (args: unknown) => Promise<unknown>> } }).corroborate.api;
    const info = await api.appInfo!({});
    const bad = await api.openCasefile!({ path: 42 }).then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    return { origin: location.origin, protocol: location.protocol, info, bad };
  });
  expect(result.protocol).toBe('app:');
  expect(result.info).toMatchObject({ mode: 'desktop' });
  expect(result.bad).toContain('invalid-arguments');
  await screenshot(app.page, 'shell-desktop');
});

test('desktop: the window cannot navigate away or open new windows', async (ctx) => {
  if (!desktop) return skipBecause(ctx, whyNoDesktop);
  const before = app.page.url();
  const opened = await app.page.evaluate(() => window.open('https://example.org/') === null);
  expect(opened).toBe(true);
  await app.page.evaluate(() => {
    location.href = 'https://example.org/';
  });
  await new Promise((r) => setTimeout(r, 500));
  expect(app.page.url()).toBe(before);
});
