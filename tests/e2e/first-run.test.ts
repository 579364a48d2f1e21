import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { startBuiltWebHost, type RunningWebHost } from '../support/web-host';

let host: RunningWebHost;
let browser: Browser;

beforeAll(async () => {
  host = await startBuiltWebHost();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

test('a new analyst gives their name, creates a casefile and sees the empty workbench', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(host.url);
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await screenshot(page, 'first-run-name');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Chinese attack drones for Russia');
  await screenshot(page, 'welcome');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  await expect(page.getByText('No articles yet.')).toBeTruthy();
  await screenshot(page, 'empty-workbench-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'empty-workbench-1920');
  expect(errors).toEqual([]);
});
