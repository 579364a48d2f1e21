/**
 * The report builder, end to end in Chromium: open the seed casefile, open
 * File ▸ Export… from the top bar, watch the live preview follow the options,
 * export HTML as a download and PDF into the workspace, cancel a long export,
 * and open a hostile casefile's preview without anything running or loading;
 * PDF exports share one kept Chromium, which ends with the app.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { SCALES, generateCasefile } from '../support/generate';
import { buildHostileCasefile, EVIL_HOST } from '../fixtures/report/hostile-casefile';
import { buildSeedCasefile, SEED_COUNTS } from '../fixtures/report/seed-casefile';
import { chromiumProcessesOf, isRunning } from '../support/processes';

let app: RunningApp;
let page: Page;
let workspace: string;
const problems: string[] = [];
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-report-e2e-'));
  writeFileSync(path.join(workspace, 'drones.corroborate'), JSON.stringify(buildSeedCasefile()));
  writeFileSync(path.join(workspace, 'hostile.corroborate'), JSON.stringify(buildHostileCasefile()));
  writeFileSync(path.join(workspace, 'typical.corroborate'), JSON.stringify(generateCasefile(SCALES.typical)));
  writeFileSync(path.join(workspace, 'long.corroborate'), JSON.stringify(generateCasefile({ ...SCALES.typical, name: 'long', claims: 6_000 })));
  app = await launchApp({ workspace });
  page = app.page;
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
});
afterAll(async () => {
  await app?.stop();
});

const builder = () => page.getByTestId('report-builder');

async function openCasefile(name: string): Promise<void> {
  const closeCasefile = page.locator('.topbar').getByRole('button', { name: 'Close', exact: true });
  if (await closeCasefile.isVisible()) await closeCasefile.click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 30_000 }).toBe('Saved');
}

async function closeBuilder(): Promise<void> {
  await builder().locator('.modal-footer').getByRole('button', { name: 'Close', exact: true }).click();
  await builder().waitFor({ state: 'detached' });
}

async function previewFrame(): Promise<Frame> {
  const handle = await page.getByTestId('report-preview').elementHandle({ timeout: 30_000 });
  const frame = await handle!.contentFrame();
  return frame!;
}

async function previewText(): Promise<string> {
  return (await previewFrame()).evaluate(() => document.body.innerText);
}

test('the builder previews the seed report and follows the options', async () => {
  await openCasefile('drones');
  await page.getByRole('button', { name: 'Export…' }).click();
  await builder().waitFor();
  await expect.poll(previewText, { timeout: 30_000 }).toContain('Russia set up a drone programme in China');
  const text = await previewText();
  expect(text).toContain('How to read this report');
  expect(text).toContain('Independence at a glance');
  expect(text).toMatch(/4 appearances, 2 independent roots/);
  // Built off the main thread, so a large casefile's preview never freezes the window.
  expect(page.workers().map((w) => w.url()).some((url) => /preview\.worker/.test(url))).toBe(true);
  await page.waitForTimeout(300);
  await screenshot(page, 'report-builder-1280');

  // The preview is sandboxed: no scripts, no access to the app.
  expect(await page.getByTestId('report-preview').getAttribute('sandbox')).toBe('');

  // Cover title and chosen propositions.
  await builder().getByLabel('Title').fill('Drone programme: what we can stand behind');
  await builder().getByLabel('Chosen propositions').check();
  await builder().getByRole('button', { name: /^Export/ }).isDisabled();
  expect(await builder().getByRole('alert').textContent()).toBe('Choose at least one proposition.');
  await builder().getByLabel(/^Russia set up a drone programme in China/).check();
  await expect.poll(previewText).toContain('Drone programme: what we can stand behind');
  await expect.poll(previewText).not.toContain('China provides lethal aid to Russia');

  // Sections follow the checkboxes.
  await builder().getByLabel('Citation graph').uncheck();
  await expect.poll(previewText).not.toContain('Who cites whom');

  // A CSV preview shows the rows themselves.
  await builder().getByLabel(/^Spreadsheet \(CSV/).check();
  await expect.poll(() => page.getByTestId('report-preview-table').locator('th').first().textContent()).toBe('claim_ref');
  expect(await page.getByTestId('report-preview-table').locator('tbody tr').count()).toBe(4);
  expect(await builder().getByLabel('Citation graph').isDisabled()).toBe(true);
  await screenshot(page, 'report-builder-csv');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await builder().getByLabel(/^Web page \(HTML/).check();
  await expect.poll(previewText).toContain('Drone programme');
  await page.waitForTimeout(300);
  await screenshot(page, 'report-builder-1920');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'report-builder-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await builder().getByLabel('Title').focus();
  await page.keyboard.press('Tab');
  await screenshot(page, 'report-builder-focus');
  await closeBuilder();
});

test('exports the whole seed casefile as an HTML download and as a PDF in the workspace', async () => {
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect.poll(previewText, { timeout: 30_000 }).toContain('Independence at a glance');
  const downloadPromise = page.waitForEvent('download');
  await builder().getByRole('button', { name: 'Export HTML' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Chinese attack drones for Russia.html');
  const file = path.join(workspace, 'downloaded.html');
  await download.saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html.match(/<div class="claim/g)!.length).toBeGreaterThanOrEqual(SEED_COUNTS.claims);
  expect(html).toContain('Prepared by <b><bdi>Dana Whitfield</bdi></b>');
  await builder().waitFor({ state: 'detached' });
  await expect.poll(() => page.getByText('Exported Chinese attack drones for Russia.html.').isVisible()).toBe(true);

  await page.getByRole('button', { name: 'Export…' }).click();
  await builder().getByLabel('PDF').check();
  await builder().getByLabel(/^Save it in the workspace/).check();
  await builder().getByRole('button', { name: 'Export PDF' }).click();
  await builder().waitFor({ state: 'detached', timeout: 60_000 });
  const saved = path.join(workspace, 'exports', 'Chinese attack drones for Russia.pdf');
  await expect.poll(() => existsSync(saved)).toBe(true);
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  await screenshot(page, 'report-exported-notice');
});

test('a long export shows progress and can be cancelled, leaving no file', async () => {
  await openCasefile('typical');
  await page.getByRole('button', { name: 'Export…' }).click();
  await builder().getByLabel('PDF').check();
  // 1,000 claims: a PDF of a few hundred pages, nothing to warn about.
  expect(await builder().getByRole('note').count()).toBe(0);
  await builder().getByLabel(/^Save it in the workspace/).check();
  await builder().getByRole('button', { name: 'Export PDF' }).click();
  const status = builder().getByRole('status');
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Writing|Laying out|Printing|Collecting/);
  await screenshot(page, 'report-builder-progress');
  await builder().getByRole('button', { name: 'Cancel export' }).click();
  // The outcome stays in the builder, where the analyst clicked, until the next export.
  await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Export cancelled: no file was written.');
  await screenshot(page, 'report-builder-cancelled');
  const exported = existsSync(path.join(workspace, 'exports')) ? readdirSync(path.join(workspace, 'exports')) : [];
  expect(exported.filter((f) => f.startsWith('Benchmark'))).toEqual([]);
  expect(exported.filter((f) => f.includes('.partial'))).toEqual([]);
  // The cancelled call answers 422, which the browser logs; nothing else may have gone wrong.
  expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
  problems.length = 0;
  await closeBuilder();
});

test('for a very long report, choosing PDF says what to expect and points to HTML', async () => {
  await openCasefile('long');
  await page.getByRole('button', { name: 'Export…' }).click();
  await builder().getByLabel('PDF').check();
  const hint = builder().getByRole('note');
  await expect.poll(() => hint.textContent()).toContain('A PDF of 6,000 claims runs to thousands of pages');
  await expect.poll(previewText, { timeout: 30_000 }).toContain('Independence at a glance');
  expect(await builder().locator('.report-preview header').textContent()).toContain('The first part of the report');
  await hint.scrollIntoViewIfNeeded();
  await screenshot(page, 'report-builder-long-pdf');
  await builder().getByLabel(/^Web page/).check();
  expect(await hint.count()).toBe(0);
  await closeBuilder();
});

test('a hostile casefile’s preview runs nothing and loads nothing', async () => {
  await openCasefile('hostile');
  requests.length = 0;
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect.poll(previewText, { timeout: 30_000 }).toContain('<script>alert(1)</script>');
  const frame = await previewFrame();
  expect(await frame.evaluate(() => document.querySelectorAll('script, img, iframe').length)).toBe(0);
  await page.waitForTimeout(500);
  await screenshot(page, 'report-builder-hostile');
  expect(dialogs).toEqual([]);
  expect(requests.filter((u) => u.includes(EVIL_HOST))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
  await closeBuilder();
  expect(problems).toEqual([]);
});

test('two PDF exports in a row print with the Chromium the app keeps, which ends with the app', async () => {
  if (app.target !== 'web') return; // the desktop app prints with Electron itself
  await openCasefile('drones');
  const exportPdf = async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    await builder().getByLabel('PDF').check();
    await builder().getByLabel(/^Save it in the workspace/).check();
    await builder().getByRole('button', { name: 'Export PDF' }).click();
    await builder().waitFor({ state: 'detached', timeout: 60_000 });
  };
  await exportPdf();
  const kept = chromiumProcessesOf(app.hostPid!);
  expect(kept.length).toBeGreaterThan(0);
  await exportPdf();
  const folder = path.join(workspace, 'exports');
  await expect.poll(() => readdirSync(folder).filter((f) => /^Chinese attack drones for Russia \(\d\)\.pdf$/.test(f)).length).toBe(2);
  for (const f of readdirSync(folder).filter((name) => name.endsWith('.pdf'))) expect(readFileSync(path.join(folder, f)).subarray(0, 5).toString()).toBe('%PDF-');
  // The second export printed with the same browser: it is still the one running.
  expect(chromiumProcessesOf(app.hostPid!).filter((p) => p.ppid === app.hostPid).map((p) => p.pid)).toEqual(kept.filter((p) => p.ppid === app.hostPid).map((p) => p.pid));
  expect(problems).toEqual([]);

  await app.stop();
  await expect.poll(() => kept.filter((p) => isRunning(p.pid)).length, { timeout: 10_000 }).toBe(0);
});
