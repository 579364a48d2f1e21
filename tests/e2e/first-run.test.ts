import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshot } from '../support/browser';
import { launchApp, type RunningApp } from '../support/app';

let app: RunningApp;

beforeAll(async () => {
  app = await launchApp();
});
afterAll(async () => {
  await app?.stop();
});

test('a new analyst gives their name, creates a casefile and sees the empty workbench', async () => {
  const { page } = app;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.reload();
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await screenshot(page, 'first-run-name');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Chinese attack drones for Russia');
  await screenshot(page, 'welcome');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  expect(await page.getByText('No articles yet.').isVisible()).toBe(true);
  await screenshot(page, 'empty-workbench-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'empty-workbench-1920');
  expect(errors).toEqual([]);
});

test('the sample casefile opens from the welcome screen: a copy in the workspace, with its propositions and roots', async () => {
  const { page } = app;
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Open the sample casefile' }).click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
  expect(existsSync(path.join(app.workspace, 'Sample casefile.corroborate'))).toBe(true);
  expect(await page.locator('[role="listbox"] [role="option"]').count()).toBe(5);
  await page.getByLabel('Panels').getByRole('tab', { name: 'Propositions' }).click();
  await page.getByTestId('proposition-list').getByRole('button', { name: 'Tarnfield Marine Systems ships underwater drones to Kessland’s navy' }).click();
  expect(await page.getByTestId('independence-summary').textContent()).toBe('7 appearances, 3 independent roots; denied by 1');
  await screenshot(page, 'sample-casefile');
  // The README's picture: the aggregator's article with its claims, one selected, at 1440×900.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('.article-row', { hasText: 'Daily Digest 24' }).click();
  await page.locator('.reading-text').waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
  for (const close of await page.getByRole('button', { name: 'Dismiss' }).all()) await close.click();
  await screenshot(page, 'sample-workbench-1440');
  await page.setViewportSize({ width: 1280, height: 800 });
  // A second time gives a second copy; the first, perhaps already annotated further, is never overwritten.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Open the sample casefile' }).click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
  expect(existsSync(path.join(app.workspace, 'Sample casefile-2.corroborate'))).toBe(true);
});
