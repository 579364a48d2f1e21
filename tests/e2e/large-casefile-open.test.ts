/**
 * Opening casefiles large enough that browser mode sends the file's bytes
 * before its answer (shared/api/file-bytes-first.ts), end to end in
 * Chromium: the casefile opens whole and is drawn; a damaged one is refused
 * with the same dialog as a small one, its backup restored and the file left
 * alone. In the desktop app the same steps go over IPC.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FILE_BYTES_LENGTH } from '../../shared/api/file-bytes-first';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { generateCasefile, SCALES } from '../support/generate';

/** Over the size from which the Node side proves a file is the casefile as it is (FAST_VALIDATION_MIN_CHARS). */
const LARGER = { ...SCALES.typical, name: 'larger', articles: 120, articleChars: 30_000, claims: 2_400 };

let app: RunningApp;
let page: Page;
const pageErrors: string[] = [];
/** The length header of each openCasefile answer, null when the answer was plain JSON. */
const fileBytesAnswers: (string | null)[] = [];

beforeAll(async () => {
  app = await launchApp();
  page = app.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (response) => {
    if (response.url().endsWith('/api/openCasefile')) fileBytesAnswers.push(response.headers()[FILE_BYTES_LENGTH.toLowerCase()] ?? null);
  });
  const text = JSON.stringify(generateCasefile(LARGER));
  writeFileSync(path.join(app.workspace, 'larger.corroborate'), text);
  writeFileSync(path.join(app.workspace, 'Cut.corroborate'), text.slice(0, Math.floor(text.length * 0.6)));
  mkdirSync(path.join(app.workspace, '.Cut.corroborate.backups'));
  copyFileSync(path.join(app.workspace, 'larger.corroborate'), path.join(app.workspace, '.Cut.corroborate.backups', '2024-09-26T08-15-00-000Z.corroborate'));
  await page.reload();
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
});

afterAll(async () => {
  await app?.stop();
});

const articleCount = () => page.locator('.articles-pane h2 .count').textContent();

test('a large casefile opens whole, and is drawn', async () => {
  const size = readFileSync(path.join(app.workspace, 'larger.corroborate')).length;
  await page.locator('.file-button', { hasText: 'larger' }).click();
  await expect.poll(articleCount).toBe(String(LARGER.articles));
  await page.locator('.article-row').nth(1).click();
  await expect.poll(() => page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('cb-type-') || k === 'cb-untagged').length)).toBeGreaterThan(0);
  await screenshot(page, 'large-casefile-opened');
  if (app.target === 'web') expect(fileBytesAnswers).toEqual([String(size)]);
  expect(pageErrors).toEqual([]);
});

test('a large damaged casefile gets the damaged dialog, and its backup is restored', async () => {
  const damaged = path.join(app.workspace, 'Cut.corroborate');
  const before = readFileSync(damaged);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.locator('.file-button', { hasText: 'Cut' }).click();
  const dialog = page.getByTestId('damaged-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toMatch(/Cut\.corroborate is cut short/);
  if (app.target === 'web') expect(fileBytesAnswers.at(-1)).toBe(String(before.length));
  await dialog.getByRole('button', { name: /Restore the backup of/ }).click();
  await expect.poll(() => page.locator('.topbar h1').getAttribute('title')).toMatch(/^Cut \(restored .+\)\.corroborate$/);
  await expect.poll(articleCount).toBe(String(LARGER.articles));
  expect(readFileSync(damaged).equals(before)).toBe(true);
  expect(pageErrors).toEqual([]);
});
