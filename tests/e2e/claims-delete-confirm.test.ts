/**
 * Deleting a claim that a proposition uses asks first and names the
 * proposition, from the Delete key and from the inspector's button: Enter
 * deletes, Esc keeps it. A claim nothing uses goes at once (undo brings it back).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { importSeeds, lastNotice, selectText, startCasefile } from './claims-helpers';

const USED = 'Chinese companies are allegedly developing attack drones';
const UNUSED = 'This audio is created with AI assistance';
const STATEMENT = 'Chinese companies develop attack drones for Russia';

let app: RunningApp;
beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await app?.stop();
});

const claimCount = (page: Page) => page.locator('.reading-toolbar-count').textContent();
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Delete this claim?' });

async function createClaim(page: Page, words: string): Promise<void> {
  await page.locator('.reading-pane').focus();
  await selectText(page, words);
  await page.keyboard.press('c');
  await expect.poll(() => page.getByTestId('claim-quote').textContent()).toBe(words);
}

test('a claim in a proposition is deleted only after a yes that names the proposition', async () => {
  const { page } = app;
  await startCasefile(page, 'Deleting claims');
  await importSeeds(page);
  await page.locator('.article-row').first().click();
  await createClaim(page, UNUSED);
  await createClaim(page, USED);
  await page.getByLabel('Panels').getByRole('tab', { name: 'Propositions' }).click();
  await page.getByRole('button', { name: 'New from claim' }).click();
  await page.getByLabel('Statement', { exact: true }).fill(STATEMENT);
  await page.getByLabel('Statement', { exact: true }).press('Tab');
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claim', exact: true }).click();
  await expect.poll(() => page.getByTestId('claim-quote').textContent()).toBe(USED);

  // The Delete key asks, naming the proposition; Esc keeps the claim.
  await page.locator('.reading-pane').focus();
  await page.keyboard.press('Delete');
  await expect.poll(() => dialog(page).isVisible()).toBe(true);
  expect(await dialog(page).textContent()).toContain(STATEMENT);
  await screenshot(page, 'claims-delete-confirm');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog(page).isVisible()).toBe(false);
  expect(await claimCount(page)).toBe('2 claims');

  // The button asks too; Enter deletes.
  await page.getByRole('button', { name: 'Delete claim' }).click();
  await expect.poll(() => dialog(page).isVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => claimCount(page)).toBe('1 claim');
  await expect.poll(() => lastNotice(page)).toContain('Claim deleted');

  // Undo brings it back into its proposition, so deleting it asks again.
  await page.locator('.reading-pane').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => claimCount(page)).toBe('2 claims');

  // A claim nothing uses (the first in the article) is deleted at once.
  await page.keyboard.press('k');
  await expect.poll(() => page.getByTestId('claim-quote').textContent()).toBe(UNUSED);
  await page.keyboard.press('Delete');
  await expect.poll(() => claimCount(page)).toBe('1 claim');
  expect(await dialog(page).count()).toBe(0);

  await page.keyboard.press('j');
  await expect.poll(() => page.getByTestId('claim-quote').textContent()).toBe(USED);
  await page.keyboard.press('Delete');
  await expect.poll(() => dialog(page).isVisible()).toBe(true);
  expect(await dialog(page).textContent()).toContain(STATEMENT);
});
