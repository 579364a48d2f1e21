/**
 * Importing articles in Chromium: the five seeds as .txt plus a web page, a
 * PDF and a Word file made here; metadata prefilled; the 000/001 pair
 * flagged and linked; metadata edited; search, sort and filter; bad files
 * refused with reasons; a folder and pasted text; and a hostile web page whose
 * scripts, handlers, frames and links never run or load anything.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  articleHtml, grayPng, HOSTILE_MARKERS, hostileHtml, makeDocx, makeEncryptedPdf, makeImageOnlyPdf, makePdf,
} from '../fixtures/import/make';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { SEEDS_DIR } from '../support/fixtures';


const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-e2e-import-'));

let app: RunningApp;
const pageErrors: string[] = [];
const dialogs: string[] = [];
const outsideRequests: string[] = [];

beforeAll(async () => {
  app = await launchApp();
  const { page } = app;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') outsideRequests.push(r.url());
  });
});
afterAll(async () => {
  await app?.stop();
});

async function writeFixtures(): Promise<string[]> {
  const files = readdirSync(SEEDS_DIR).sort().map((name) => {
    copyFileSync(path.join(SEEDS_DIR, name), path.join(dir, name));
    return path.join(dir, name);
  });
  const html = path.join(dir, 'drones-china.html');
  writeFileSync(html, articleHtml({
    title: 'Russia builds attack drones in China', siteName: 'Example Wire', author: 'Jane Roe', published: '2024-09-25T06:10:00+02:00',
    canonical: 'https://example.org/world/drones-china',
    paragraphs: [
      'Russia has set up a programme in China to develop and produce long-range attack drones for use in the war in Ukraine, according to documents seen by the agency.',
      'IEMZ Kupol, a subsidiary of Almaz-Antey, developed and flight-tested a new model called Garpiya-3 in China with the help of local specialists.',
      'China’s foreign ministry said it was not aware of such a project and that it applies strict export controls on drones.',
    ],
  }));
  const pdf = path.join(dir, 'nato-briefing.pdf');
  writeFileSync(pdf, await makePdf({
    title: 'NATO briefing on drone reports', author: 'Policy Desk',
    paragraphs: [
      ['A NATO spokesperson said the reports were deeply concerning and that', 'allies were consulting on the matter.'],
      ['The spokesperson added that China had become a key enabler of', 'Russia’s war through dual-use technologies.'],
    ],
  }));
  const docx = path.join(dir, 'white-house.docx');
  writeFileSync(docx, await makeDocx({
    title: 'White House concerned by drone reports',
    byline: 'By Maria Kowalska, 26 September 2024',
    paragraphs: ['A National Security Council spokesperson said there was no sign the Chinese government knew of the transactions.'],
  }));
  return [...files, html, pdf, docx];
}

async function createCasefile(page: Page): Promise<void> {
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Chinese attack drones for Russia');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await page.getByText('No articles yet.').waitFor();
}

const rows = (page: Page) => page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
const row = (page: Page, title: string) => rows(page).filter({ hasText: title });
const details = (page: Page) => page.getByTestId('article-details');

test('imports the seeds, a web page, a PDF and a Word file with their metadata, and flags 000/001', async () => {
  const { page } = app;
  await createCasefile(page);
  await page.getByTestId('import-input').setInputFiles(await writeFixtures());

  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  await expect.poll(() => summary.locator('.summary-counts').innerText()).toMatch(/8 imported\s+0 skipped as duplicates\s+0 failed\s+1 possible copy flagged/);
  expect(await summary.getByText('Possible copy: 95% of the shorter text is in the other').count()).toBe(1);
  await screenshot(page, 'import-summary');
  await summary.getByRole('button', { name: 'Done' }).click();

  const list = page.getByRole('listbox', { name: 'Articles' });
  expect(await list.getByRole('option').count()).toBe(8);
  const seed000 = row(page, 'Allies believe China').filter({ hasText: '2024-07-03' });
  expect(await seed000.innerText()).toMatch(/The Kyiv Independent\s+2024-07-03\s+Allies believe China allegedly developing attack drones to aid Russia, Bloomberg reports\s+0 claims\s+Possible copy 95%/);
  expect(await row(page, 'Allies believe China').filter({ hasText: 'no date' }).innerText()).toMatch(/Unknown outlet[\s\S]*Possible copy 95%/);
  expect(await row(page, 'Russia builds attack drones in China').innerText()).toMatch(/Example Wire\s+2024-09-25/);
  expect(await row(page, 'NATO briefing on drone reports').innerText()).toMatch(/Unknown outlet\s+no date/);
  expect(await row(page, 'White House concerned by drone reports').innerText()).toMatch(/2024-09-26/);
  expect(await page.getByRole('button', { name: '1 possible copy to review' }).isVisible()).toBe(true);

  // Metadata prefilled from each file, shown in the details panel.
  await row(page, 'Russia builds attack drones in China').click();
  await page.getByRole('tab', { name: 'Article' }).click();
  const form = details(page);
  expect(await form.getByLabel('Outlet').inputValue()).toBe('Example Wire');
  expect(await form.getByLabel('Author').inputValue()).toBe('Jane Roe');
  expect(await form.getByLabel('Published').inputValue()).toBe('2024-09-25');
  expect(await form.getByLabel('URL').inputValue()).toBe('https://example.org/world/drones-china');
  expect(await form.getByLabel('Language').inputValue()).toBe('en');
  await row(page, 'White House concerned by drone reports').click();
  expect(await form.getByLabel('Author').inputValue()).toBe('Maria Kowalska');
  await row(page, 'NATO briefing on drone reports').click();
  expect(await form.getByLabel('Author').inputValue()).toBe('Policy Desk');
  await seed000.click();
  expect(await form.getByLabel('Author').inputValue()).toBe('Dmytro Basmat');
  expect(await form.getByText('Possible copy: 95% of the shorter text is in the other').isVisible()).toBe(true);
  await screenshot(page, 'import-articles-pane');
  await screenshot(page, 'import-details-form');
});

test('the analyst links the copies, edits metadata, and searches, sorts and filters the list', async () => {
  const { page } = app;
  const form = details(page);
  await form.getByRole('button', { name: 'Link as copies' }).click();
  await form.getByText('Linked as copies by Dana Whitfield').waitFor();
  await expect.poll(() => row(page, 'Allies believe China').filter({ hasText: '2024-07-03' }).innerText()).toMatch(/Copy linked/);

  // Edit 001's metadata: it is the same Kyiv Independent article without its page.
  await row(page, 'Allies believe China').filter({ hasText: 'no date' }).click();
  await form.getByLabel('Outlet').fill('The Kyiv Independent');
  await form.getByLabel('Published').fill('2024-07-03');
  await form.getByLabel('Notes').fill('Clean copy of 000, without the page around it.');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => form.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
  expect(await rows(page).filter({ hasText: 'The Kyiv Independent' }).count()).toBe(3);

  // Fuzzy search over titles, outlets and the full text.
  const search = page.getByLabel('Search articles');
  await search.fill('garpyia');
  const results = page.getByRole('listbox', { name: 'Search results' });
  // The web page and 002 both mention the Garpiya-3.
  await expect.poll(async () => (await results.getByRole('option').allInnerTexts()).sort()).toEqual([
    expect.stringContaining('Russia builds attack drones in China'),
    expect.stringContaining('China reportedly provides Russia with drone equipment'),
  ]);
  await search.fill('kyiv independnt');
  await expect.poll(() => results.getByRole('option').count()).toBe(3);
  await screenshot(page, 'import-search');
  await search.fill('');

  // Sort by date, newest first; undated articles last.
  await page.getByLabel('Sort').selectOption('date');
  const dates = await rows(page).locator('.article-row-meta span:last-child').allInnerTexts();
  expect(dates).toEqual(['2024-09-26', '2024-09-25', '2024-07-03', '2024-07-03', 'no date', 'no date', 'no date', 'no date']);
  await page.getByLabel('Show').selectOption('outlet:Example Wire');
  expect(await rows(page).count()).toBe(1);
  await page.getByLabel('Show').selectOption('undated');
  expect(await rows(page).count()).toBe(4);
  await page.getByLabel('Show').selectOption('all');

  // Keyboard: arrows move the selection through the list.
  await page.getByRole('listbox', { name: 'Articles' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  expect(await rows(page).and(page.getByRole('option', { selected: true })).innerText()).toContain('2024-09-25');
});

test('bad files are refused with their reasons; a folder and pasted text import', async () => {
  const { page } = app;
  const bad = path.join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(path.join(bad, 'empty.txt'), '');
  writeFileSync(path.join(bad, 'photo.txt'), grayPng(16, 16));
  writeFileSync(path.join(bad, 'locked.pdf'), await makeEncryptedPdf());
  writeFileSync(path.join(bad, 'scan.pdf'), await makeImageOnlyPdf(1));
  writeFileSync(path.join(bad, 'latin1.txt'), Buffer.from('Caf\xe9 owners in Kyiv \x93worried\x94 about drones \x96 a report.', 'latin1'));
  await page.getByTestId('import-input').setInputFiles(readdirSync(bad).sort().map((f) => path.join(bad, f)));
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  const failures = await summary.locator('.summary-failed').allInnerTexts();
  expect(failures).toEqual([
    expect.stringMatching(/empty\.txt\s+The file is empty\./),
    expect.stringMatching(/locked\.pdf\s+This PDF is protected by a password/),
    expect.stringMatching(/photo\.txt\s+This is a PNG image, not text/),
    expect.stringMatching(/scan\.pdf\s+This PDF has no text to import: its page is an image/),
  ]);
  expect(await summary.getByText('Café owners in Kyiv “worried” about drones – a report.').count()).toBe(1);
  await screenshot(page, 'import-summary-bad-files');
  await summary.getByRole('button', { name: 'Done' }).click();

  // A whole folder: articles imported, a picture and hidden files left alone.
  const folder = path.join(dir, 'folder');
  mkdirSync(path.join(folder, 'sub'), { recursive: true });
  writeFileSync(path.join(folder, 'one.txt'), 'Folder article one\n\nKupol reported the progress to the defence ministry.');
  writeFileSync(path.join(folder, 'sub', 'two.md'), '# Folder article two\n\nThe drones were shipped in 2023, officials said.');
  writeFileSync(path.join(folder, 'chart.png'), grayPng(4, 4));
  writeFileSync(path.join(folder, '.DS_Store'), 'junk');
  await page.getByTestId('import-folder-input').setInputFiles(folder);
  await summary.waitFor();
  expect(await summary.locator('.summary-counts').innerText()).toMatch(/2 imported/);
  expect(await summary.getByText(/Not articles: folder\/chart\.png/).count()).toBe(1);
  await summary.getByRole('button', { name: 'Done' }).click();

  // Pasted text, with an outlet typed by the analyst.
  await page.getByRole('button', { name: 'Paste…' }).click();
  const paste = page.getByTestId('paste-dialog');
  await paste.getByLabel('Article text').fill('Drone deliveries confirmed\n\nby Ian Smith September 27, 2024\n\nA western official said there was irrefutable evidence.');
  await paste.getByLabel('Outlet').fill('The Times');
  await screenshot(page, 'import-paste-dialog');
  await paste.getByRole('button', { name: 'Import' }).click();
  await paste.waitFor({ state: 'detached' });
  await row(page, 'Drone deliveries confirmed').waitFor();
  const form = details(page);
  expect(await form.getByLabel('Outlet').inputValue()).toBe('The Times');
  expect(await form.getByLabel('Author').inputValue()).toBe('Ian Smith');
  expect(await form.getByLabel('Published').inputValue()).toBe('2024-09-27');
});

test('a hostile web page is reduced to text: nothing in it runs, loads or navigates', async () => {
  const { page } = app;
  const hostile = path.join(dir, 'hostile.html');
  writeFileSync(hostile, hostileHtml());
  await page.getByTestId('import-input').setInputFiles(hostile);
  await row(page, 'Hostile test article about drone shipments').waitFor();
  const readTab = page.getByRole('tab', { name: 'Read' });
  if (await readTab.count()) await readTab.click();
  const reading = page.locator('.reading-text');
  await reading.getByText(HOSTILE_MARKERS.literalTag).waitFor();
  expect(await reading.getByText('Click this javascript link and an outside link are only words here.').count()).toBe(1);
  // Rendered as text: no element from the page exists in ours.
  expect(await page.locator('.reading-text a, .reading-text img, .reading-text iframe, .reading-text script, .reading-text svg, .reading-text b').count()).toBe(0);
  expect(await page.getByText(HOSTILE_MARKERS.hiddenText).count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'import-hostile-1920');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('tab', { name: 'Article' }).click();
  await screenshot(page, 'import-details-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  expect(dialogs).toEqual([]);
  expect(outsideRequests).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a long import can be stopped: what was read stays, as one undoable step, and the summary says what was not imported', async () => {
  const { page } = app;
  const many = path.join(dir, 'many');
  mkdirSync(many);
  const files = Array.from({ length: 400 }, (_, i) => {
    const file = path.join(many, `wire-${String(i).padStart(3, '0')}.txt`);
    writeFileSync(file, `Wire report ${i}\n\nOfficials in district ${i} said ${i * 7} drones were seen near depot ${i % 13} on day ${i % 29}.`);
    return file;
  });
  const count = async () => Number((await page.locator('.articles-pane h2 .count').innerText()).replace(/\D/g, ''));
  const before = await count();
  await page.getByTestId('import-input').setInputFiles(files);
  // Stop once the Node side is reading the files.
  const progress = page.getByTestId('import-progress');
  await expect.poll(() => progress.locator('strong').innerText(), { interval: 20 }).toMatch(/^Importing [1-9]\d* of 400$/);
  await screenshot(page, 'import-progress');
  await progress.getByRole('button', { name: 'Stop' }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  expect(await summary.getByRole('heading', { name: 'Import stopped' }).count()).toBe(1);
  const counts = await summary.locator('.summary-counts').innerText();
  const imported = Number(/(\d+) imported/.exec(counts)![1]);
  const stopped = Number(/(\d+) not imported: you stopped the import/.exec(counts)![1]);
  expect(imported + stopped).toBe(400);
  expect(imported).toBeGreaterThan(0);
  expect(stopped).toBeGreaterThan(0);
  await screenshot(page, 'import-stopped');
  await summary.getByRole('button', { name: 'Done' }).click();
  await expect.poll(count).toBe(before + imported);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(count).toBe(before);
});
