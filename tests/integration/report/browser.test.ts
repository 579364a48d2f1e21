/**
 * The HTML and PDF reports as a reader sees them: rendered by Chromium (and
 * the PDF rasterised with pdftoppm) into test-results/screenshots/, read back
 * as text, and, for a hostile casefile, opened in a browser with scripts on to
 * check that nothing runs and nothing is fetched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportReport, writeExportFile } from '../../../electron/services/export/index';
import { chromiumPdfDocument } from '../../../electron/services/export/pdf';
import { buildHtmlReportParts } from '../../../shared/report/html';
import { reportModel } from '../../../shared/report/index';
import { ReportOptions } from '../../../shared/report/options';
import { launchChromium, SCREENSHOT_DIR } from '../../support/browser';
import { buildHostileCasefile, EVIL_HOST } from '../../fixtures/report/hostile-casefile';
import { buildSeedCasefile, SEED_CLAIM_QUOTES, SEED_COUNTS } from '../../fixtures/report/seed-casefile';

let browser: Browser;
let dir: string;
const options = ReportOptions.parse({ analyst: 'Dana Whitfield' });

/** PDF text on one line; a line broken after a hyphen ("Iranian-⏎produced") joined again. */
const flatten = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-');

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-report-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exportTo(format: 'html' | 'pdf', casefile = buildSeedCasefile(), opts = options): Promise<string> {
  const out = await exportReport({ casefile, options: opts, format, generator: 'Corroborate test' });
  const file = path.join(dir, `${format}-${Math.random().toString(36).slice(2)}.${format}`);
  await writeExportFile(file, out.chunks);
  return file;
}

describe('the seed report in Chromium', () => {
  test('HTML renders with its stylesheet, chart and graph, and no CSP violations', async () => {
    const file = await exportTo('html');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
    expect(await page.locator('svg.mix-chart rect').count()).toBeGreaterThan(5);
    expect(await page.locator('figure.graph svg').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-html-top.png') });
    await page.locator('#P2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-html-proposition.png') });
    await page.locator('#graph').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-html-graph.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('PDF has page numbers, every claim and the independence figures; its pages render to PNG', async () => {
    const file = await exportTo('pdf');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(4);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toMatch(/4 appearances, 2 independent roots/);
    const flat = flatten(text);
    for (const quote of SEED_CLAIM_QUOTES) expect(flat).toContain(flatten(quote));
    expect(new Set(flat.match(/\bC\d+ ·/g)).size).toBe(SEED_COUNTS.claims);
    expect(info).toMatch(/Tagged:\s+yes/);

    const prefix = path.join(dir, 'page');
    execFileSync('pdftoppm', ['-r', '70', '-png', file, prefix]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs).toHaveLength(pages);
    for (const [i, png] of pngs.entries()) renameSync(path.join(dir, png), path.join(SCREENSHOT_DIR, `report-pdf-page-${String(i + 1).padStart(2, '0')}.png`));
  });
});

describe('a long report printed in parts', () => {
  test('joins the parts into one PDF numbered from the first page to the last', async () => {
    const model = reportModel(buildSeedCasefile(), options);
    const parts = await buildHtmlReportParts(model, 4);
    expect(parts.length).toBeGreaterThan(2);
    const file = path.join(dir, 'joined.pdf');
    writeFileSync(file, await chromiumPdfDocument(parts, { title: model.title }));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    const flat = flatten(text);
    for (const quote of SEED_CLAIM_QUOTES) expect(flat).toContain(flatten(quote));
    execFileSync('pdftoppm', ['-r', '70', '-f', String(pages), '-l', String(pages), '-png', file, path.join(SCREENSHOT_DIR, 'report-pdf-joined-last')]);
  });
});

describe('a hostile casefile’s report in Chromium, with scripts on', () => {
  test('nothing runs, nothing is fetched, no dialog opens', async () => {
    const hostile = buildHostileCasefile();
    const file = await exportTo('html', hostile, ReportOptions.parse({ analyst: '<img src=x onerror=alert(9)>' }));
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(requests.some((u) => u.includes(EVIL_HOST))).toBe(false);
    expect(await page.locator('script, iframe, img').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-html-hostile.png'), fullPage: false });
    // Clicking a hostile title or outlet navigates nowhere.
    await page.getByText('<script>alert(1)</script>').first().click();
    expect(page.url()).toBe(pathToFileURL(file).href);
    await context.close();
  });
});
