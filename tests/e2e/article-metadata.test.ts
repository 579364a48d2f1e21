/**
 * What the import read, checked in Chromium: a copied Ukrainska Pravda text
 * and a Newsmax text are imported; the details panel shows where each field
 * came from and how sure it is; the analyst confirms one field and corrects
 * another in one step each, corrects the outlet's registry entry, reviews the
 * proposed page chrome by keyboard and accepts the rest at once; the accepted
 * lines become page chrome.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { FIXTURES_DIR } from '../support/fixtures';

const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-metadata-'));
let app: RunningApp;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await launchApp();
  app.page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await app?.stop();
});

function fixtures(...names: string[]): string[] {
  return names.map((name) => {
    copyFileSync(path.join(FIXTURES_DIR, 'articles', name), path.join(dir, name));
    return path.join(dir, name);
  });
}

async function createCasefile(page: Page): Promise<void> {
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Drones from China');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await page.getByText('No articles yet.').waitFor();
}

const details = (page: Page) => page.getByTestId('article-details');
const origin = (page: Page, field: string) => details(page).locator(`.field-origin[data-field="${field}"]`);

test('fields show their origin; one is confirmed, one corrected; page chrome is reviewed by keyboard and accepted', async () => {
  const { page } = app;
  await page.setViewportSize({ width: 1500, height: 1000 });
  await createCasefile(page);
  await page.getByTestId('import-input').setInputFiles(fixtures('t01-ukrainska-pravda-copy.txt', 't03-newsmax-copy.txt'));
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  await expect.poll(() => summary.locator('.summary-counts').innerText()).toMatch(/2 imported/);
  await summary.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').filter({ hasText: 'Zelensky: We will present' }).click();
  await page.getByRole('tab', { name: 'Article' }).click();
  const panel = details(page);
  await expect.poll(() => panel.getByLabel('Outlet', { exact: true }).inputValue()).toBe('Ukrainska Pravda');
  expect(await panel.getByLabel('Author', { exact: true }).inputValue()).toBe('Oleh Pavliuk, Roman Petrenko');
  expect(await panel.getByText('Published (at 15:41)').count()).toBe(1);
  expect(await origin(page, 'outlet').innerText()).toMatch(/Read from masthead line 1 · 80 % sure/);
  expect(await origin(page, 'author').innerText()).toMatch(/Read from byline line 4/);
  expect(await panel.getByText('Cites or credits: The Wall Street Journal, Reuters').count()).toBe(1);
  await screenshot(page, 'article-metadata-read');

  // Confirm the outlet as read: one click.
  await origin(page, 'outlet').getByRole('button', { name: 'Confirm' }).click();
  await expect.poll(() => origin(page, 'outlet').innerText()).toMatch(/Confirmed by the analyst \(read from masthead line 1\)/);
  // The outlet's registry entry, corrected: a second web domain.
  const entry = panel.getByTestId('outlet-entry');
  expect(await entry.innerText()).toMatch(/Registry: Ukrainska Pravda · newspaper · pravda\.com\.ua/);
  await entry.getByRole('button', { name: 'Edit outlet' }).click();
  const editor = panel.getByRole('group', { name: 'Outlet registry entry' });
  await editor.getByLabel('Web domains').fill('pravda.com.ua, www.epravda.com.ua');
  await editor.getByRole('button', { name: 'Save outlet' }).click();
  await expect.poll(() => panel.getByTestId('outlet-entry').innerText()).toMatch(/pravda\.com\.ua, epravda\.com\.ua/);

  // Correct the title: type, then one click.
  await panel.getByRole('textbox', { name: /^Title/ }).fill('Zelensky to present victory plan to all partners in October');
  await origin(page, 'title').getByRole('button', { name: 'Save correction' }).click();
  await expect.poll(() => origin(page, 'title').innerText()).toMatch(/Corrected by the analyst/);
  expect(await page.getByRole('listbox', { name: 'Articles' }).getByRole('option').filter({ hasText: 'Zelensky to present victory plan' }).count()).toBe(1);

  // Page chrome: review the first proposals by keyboard, then accept the rest at once.
  const chrome = panel.getByRole('listbox', { name: /Proposed page chrome/ });
  const proposed = await chrome.getByRole('option').count();
  expect(proposed).toBeGreaterThanOrEqual(7);
  expect(await chrome.getByRole('option').first().innerText()).toMatch(/UKRAINSKA PRAVDA/);
  await chrome.focus();
  await page.keyboard.press('a'); // accept the masthead
  await expect.poll(() => chrome.getByRole('option').count()).toBe(proposed - 1);
  await page.keyboard.press('r'); // reject the next one ("Edit post"): it stays article text
  await expect.poll(() => chrome.getByRole('option').count()).toBe(proposed - 2);
  await screenshot(page, 'article-metadata-chrome');
  await panel.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => panel.getByRole('listbox', { name: /Proposed page chrome/ }).count()).toBe(0);
  expect(await panel.locator('.details-facts').innerText()).toContain(`${proposed - 1} page-chrome ranges`);
  await screenshot(page, 'article-metadata-done');
  expect(pageErrors).toEqual([]);
});
