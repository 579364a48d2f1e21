/**
 * Casefiles on disk, end to end in Chromium: create, change, close the tab
 * mid-autosave and reopen; undo and redo across saves; Open and Save As;
 * a second tab offered read-only or take-over; a file changed on disk by
 * another program; a damaged file restored from its backup.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { holdAnswers, screenshot } from '../support/browser';
import { seedPath } from '../support/fixtures';

const FILE = 'Drones-for-Russia.corroborate';

let app: RunningApp;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await launchApp();
  page = app.page;
  watch(page);
});
afterAll(async () => {
  await app?.stop();
});

function watch(p: Page): void {
  p.on('pageerror', (e) => pageErrors.push(e.message));
}

/** The casefile as it is on disk now. */
function onDisk(name = FILE): { meta: { title: string }; articles: Record<string, { title: string; outlet: string }> } {
  return JSON.parse(readFileSync(path.join(app.workspace, name), 'utf8'));
}
const saveState = (p: Page) => p.getByTestId('save-state');
const articleRows = (p: Page) => p.getByRole('listbox', { name: 'Articles' }).getByRole('option');
async function saved(p: Page): Promise<void> {
  await expect.poll(() => saveState(p).textContent(), { timeout: 5_000 }).toBe('Saved');
}
async function importArticles(p: Page, names: string[]): Promise<void> {
  await p.getByTestId('import-input').setInputFiles(names.map((n) => seedPath(n)));
  // One clean file ends in a notice; several end in a summary to close.
  if (names.length === 1) return void (await p.getByText(/^Imported “/).first().waitFor());
  const summary = p.getByTestId('import-summary');
  await summary.waitFor();
  await summary.getByRole('button', { name: 'Done' }).click();
}

test('a casefile survives closing the tab in the middle of an autosave', async () => {
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Drones for Russia');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await saved(page);
  expect(existsSync(path.join(app.workspace, FILE))).toBe(true);

  await importArticles(page, ['000', '002']);
  await expect.poll(() => articleRows(page).count()).toBe(2);
  await articleRows(page).first().click();
  await page.getByRole('tab', { name: 'Article' }).click();
  const outlet = page.getByTestId('article-details').getByLabel('Outlet');
  await outlet.fill('Edited just before the tab closed');
  await outlet.press('Enter');
  await expect.poll(() => saveState(page).textContent()).not.toBe('Saved');
  // Close the tab while the change is still waiting for its autosave.
  await page.close();

  page = await app.reopen();
  watch(page);
  await page.getByRole('button', { name: /Drones-for-Russia/ }).first().click();
  await expect.poll(() => articleRows(page).count()).toBe(2);
  await expect.poll(() => Object.values(onDisk().articles).map((a) => a.outlet)).toContain('Edited just before the tab closed');
  expect(await page.getByText('Edited just before the tab closed').count()).toBeGreaterThan(0);
});

test('undo and redo work across saves, and the file follows', async () => {
  await importArticles(page, ['003']);
  await expect.poll(() => articleRows(page).count()).toBe(3);
  await saved(page);
  expect(Object.keys(onDisk().articles)).toHaveLength(3);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => articleRows(page).count()).toBe(2);
  await saved(page);
  expect(Object.keys(onDisk().articles)).toHaveLength(2);

  await page.locator('body').press('Control+Shift+Z');
  await expect.poll(() => articleRows(page).count()).toBe(3);
  await saved(page);
  expect(Object.keys(onDisk().articles)).toHaveLength(3);

  await page.locator('body').press('Control+Z');
  await expect.poll(() => articleRows(page).count()).toBe(2);
  await saved(page);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => articleRows(page).count()).toBe(3);
  await saved(page);
  expect(Object.keys(onDisk().articles)).toHaveLength(3);

  // An answer held back until its autosave is on disk: the "Saved" event overtakes it, as it can on a busy
  // machine, and the older answer ("Unsaved") must not undo what the event said.
  const answer = await holdAnswers(page, 'undo');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => Object.keys(onDisk().articles).length).toBe(2);
  await answer.release();
  await expect.poll(() => articleRows(page).count()).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await saveState(page).textContent()).toBe('Saved');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => articleRows(page).count()).toBe(3);
  await saved(page);
  expect(Object.keys(onDisk().articles)).toHaveLength(3);
});

test('Open lists the workspace and recent casefiles; Save As moves the casefile to a new name', async () => {
  await page.getByRole('button', { name: 'Open…' }).click();
  const open = page.getByTestId('open-dialog');
  await open.waitFor();
  await open.getByRole('list', { name: 'Casefiles in the workspace' }).getByRole('button', { name: /Drones-for-Russia/ }).waitFor();
  await screenshot(page, 'casefile-open-dialog');
  await open.getByRole('button', { name: 'Cancel' }).click();

  await page.keyboard.press('Control+Shift+S');
  const saveAs = page.getByTestId('save-as-dialog');
  await saveAs.waitFor();
  await saveAs.getByLabel('File name').fill('Drones final');
  await screenshot(page, 'casefile-save-as-dialog');
  await saveAs.getByRole('button', { name: 'Save' }).click();
  await saveAs.waitFor({ state: 'detached' });
  await saved(page);
  expect(Object.keys(onDisk('Drones final.corroborate').articles)).toHaveLength(3);
  expect(await page.locator('.topbar h1').getAttribute('title')).toBe('Drones final.corroborate');

  // Saving onto an existing file asks first.
  await page.getByRole('button', { name: 'Save As…' }).click();
  await saveAs.getByLabel('File name').fill('Drones-for-Russia');
  await saveAs.getByRole('button', { name: 'Save' }).click();
  await saveAs.getByText('Drones-for-Russia.corroborate already exists. Replace it?').waitFor();
  await screenshot(page, 'casefile-save-as-replace');
  await saveAs.getByRole('button', { name: 'Cancel' }).click();
});

test('a second tab is offered read-only or take-over, never a second writer', async () => {
  const second = await app.reopen();
  watch(second);
  await second.getByRole('button', { name: /Drones final/ }).first().click();
  const locked = second.getByTestId('locked-dialog');
  await locked.waitFor();
  expect(await locked.innerText()).toMatch(/Drones final\.corroborate is already open in another window of Corroborate\./);
  await screenshot(second, 'casefile-locked-dialog');
  await locked.getByRole('button', { name: 'Open read-only' }).click();
  await second.getByText('Read-only', { exact: true }).waitFor();
  expect(await second.getByRole('button', { name: 'Import articles…' }).isDisabled()).toBe(true);

  await second.getByRole('button', { name: 'Open…' }).click();
  await second.getByTestId('open-dialog').getByRole('button', { name: /Drones final/ }).first().click();
  await second.getByTestId('locked-dialog').getByRole('button', { name: 'Take over' }).click();
  await expect.poll(() => second.getByText('Read-only', { exact: true }).count()).toBe(0);
  // The first tab is told, and can no longer write.
  await page.getByText('Read-only', { exact: true }).waitFor();
  await expect.poll(() => page.getByRole('alert').filter({ hasText: 'taken over' }).count()).toBeGreaterThan(0);
  await screenshot(page, 'casefile-taken-over');
  await page.close();
  page = second;
});

test('a change made on disk by another program is noticed and never overwritten', async () => {
  const file = path.join(app.workspace, 'Drones final.corroborate');
  const theirs = JSON.parse(readFileSync(file, 'utf8'));
  theirs.meta.title = 'Their version';
  writeFileSync(file, JSON.stringify(theirs));
  const dialog = page.getByTestId('changed-on-disk-dialog');
  await dialog.waitFor({ timeout: 10_000 });
  await screenshot(page, 'casefile-changed-on-disk');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'casefile-changed-on-disk-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await expect.poll(() => page.locator('.topbar h1').getAttribute('title')).toMatch(/^Drones final \(my copy .+\)\.corroborate$/);
  await saved(page);
  expect(onDisk('Drones final.corroborate').meta.title).toBe('Their version');
});

test('a damaged casefile is left alone and its newest good backup can be restored', async () => {
  // A casefile whose last save was cut short, with a good backup beside it.
  const damaged = path.join(app.workspace, 'Broken.corroborate');
  const good = readFileSync(path.join(app.workspace, FILE));
  writeFileSync(damaged, good.subarray(0, Math.floor(good.length / 3)));
  mkdirSync(path.join(app.workspace, '.Broken.corroborate.backups'));
  copyFileSync(path.join(app.workspace, FILE), path.join(app.workspace, '.Broken.corroborate.backups', '2024-09-26T08-15-00-000Z.corroborate'));
  const before = readFileSync(damaged);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Open…' }).click();
  const open = page.getByTestId('open-dialog');
  const recent = open.getByRole('list', { name: 'Recent casefiles' });
  await recent.waitFor();
  expect(await recent.innerText()).toMatch(/Drones final[\s\S]*Drones-for-Russia/);
  await screenshot(page, 'casefile-open-dialog-recent-1920');
  await open.getByRole('button', { name: /^Broken/ }).click();
  const dialog = page.getByTestId('damaged-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toMatch(/Broken\.corroborate is cut short/);
  await screenshot(page, 'casefile-damaged-dialog');
  await dialog.getByRole('button', { name: /Restore the backup of/ }).click();
  await expect.poll(() => page.locator('.topbar h1').getAttribute('title')).toMatch(/^Broken \(restored .+\)\.corroborate$/);
  await expect.poll(() => articleRows(page).count()).toBe(3);
  expect(readFileSync(damaged)).toEqual(before);
  expect(pageErrors).toEqual([]);
});
