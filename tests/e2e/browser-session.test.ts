/**
 * Browser mode's session in a real Chromium against the built web host: the
 * token leaves the address bar, two instances in one browser keep working
 * side by side, a view whose code cannot load fails alone, and a refused
 * token is a message with the way back, never a blank page.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, screenshot } from '../support/browser';
import { startBuiltWebHost, type RunningWebHost } from '../support/web-host';

let browser: Browser;
let context: BrowserContext;
const hosts: RunningWebHost[] = [];

async function startHost(opts: { workspace?: string; config?: string; port?: number } = {}): Promise<RunningWebHost> {
  const host = await startBuiltWebHost({ config: mkdtempSync(path.join(os.tmpdir(), 'corroborate-cfg-')), ...opts });
  hosts.push(host);
  return host;
}

/** Opens the host's printed address and creates a casefile, as an analyst would on first start. */
async function openWorkbench(host: RunningWebHost, title: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  for (const host of hosts) await host.stop();
});

test('the token leaves the address bar, and a reload still works', async () => {
  const host = await startHost();
  const page = await openWorkbench(host, 'Token test');
  expect(page.url()).toBe(`${host.origin}/`);
  await page.reload();
  await expect.poll(() => page.getByRole('heading', { name: 'Open a casefile' }).isVisible()).toBe(true);
  // The API still answers after the reload (the token is kept for the tab): the casefile just made is listed (by file name).
  await expect.poll(() => page.getByText(/^Token.test/).first().isVisible()).toBe(true);
  expect(page.url()).not.toContain(host.token);
  await page.close();
});

test('two instances in one browser: the first window keeps working, lazily loaded views included', async () => {
  const first = await startHost();
  const second = await startHost();
  const a = await openWorkbench(first, 'First instance');
  const b = await openWorkbench(second, 'Second instance');
  // The first window, after the second instance set its own cookie: its Matrix view (loaded on demand) still loads.
  await a.bringToFront();
  await a.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => a.locator('.area-failed, .session-ended').count()).toBe(0);
  await expect.poll(() => a.getByRole('tab', { name: 'Matrix', selected: true }).isVisible()).toBe(true);
  await expect.poll(() => a.getByTestId('matrix').isVisible()).toBe(true);
  expect(await a.locator('.area-failed, .session-ended').count()).toBe(0);
  await screenshot(a, 'session-two-instances-first-window');
  await b.getByRole('tab', { name: 'Matrix' }).click();
  await expect.poll(() => b.getByTestId('matrix').isVisible()).toBe(true);
  await a.close();
  await b.close();
});

test('a view whose code cannot load fails on its own; the rest keeps working', async () => {
  const host = await startHost();
  const page = await openWorkbench(host, 'Broken view');
  // The network drops the Graph view's code (the edge of the world); nothing else is touched.
  await page.route(/\/assets\/GraphView[^/]*\.js/, (route) => route.abort());
  await page.getByRole('tab', { name: 'Graph' }).click();
  const failed = page.locator('.area-failed');
  await expect.poll(() => failed.isVisible()).toBe(true);
  expect(await failed.innerText()).toMatch(/The Graph area stopped working\.[\s\S]*Its code could not be loaded\.[\s\S]*Reload the window/);
  await screenshot(page, 'session-broken-view');
  // The side panels and the other views still work.
  await page.getByRole('tab', { name: 'Sources' }).click();
  await expect.poll(() => page.getByRole('tab', { name: 'Sources', selected: true }).isVisible()).toBe(true);
  await page.getByRole('tab', { name: 'Read' }).click();
  await expect.poll(() => failed.count()).toBe(0);
  expect(await page.locator('.session-ended').count()).toBe(0);
  await page.close();
});

test('a host restarted with a new token: the window says the session ended and how to get back', async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
  const config = mkdtempSync(path.join(os.tmpdir(), 'corroborate-cfg-'));
  const before = await startHost({ workspace, config });
  const page = await openWorkbench(before, 'Before the restart');
  await before.stop();
  const after = await startHost({ workspace, config, port: Number(new URL(before.origin).port) });
  expect(after.token).not.toBe(before.token);
  // The window's event stream reconnects, is refused, and the window finds out: no click needed, no blank page.
  const message = page.locator('.session-ended');
  await expect.poll(() => message.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await message.innerText()).toMatch(/Session ended[\s\S]*session has ended[\s\S]*Open the address printed by npm run web again\./);
  await screenshot(page, 'session-ended');
  // The printed address of the new run gets back in.
  await page.goto(after.url);
  await expect.poll(() => page.locator('.session-ended').count()).toBe(0);
  await expect.poll(() => page.getByText(/^Before.the.restart/).first().isVisible()).toBe(true);
  await page.close();
});

test('opening an address with a wrong token shows the way back, not a blank page', async () => {
  const host = await startHost();
  const page = await context.newPage();
  await page.goto(`${host.origin}/?token=not-the-token`);
  expect(await page.locator('h1').innerText()).toBe('Session ended');
  expect(await page.locator('body').innerText()).toMatch(/Open the address printed by npm run web again\./);
  await page.close();
});
