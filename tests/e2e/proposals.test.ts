/**
 * The attribution assistant's review queue, from the keyboard only: a seed
 * article is imported, its proposals appear by themselves, and the analyst
 * clears them: accepts several, corrects one with E in the chain editor,
 * rejects one, narrows one's span before accepting, accepts the confident rest
 * at once and the others one by one. The claims and chains are checked field
 * by field through the API and in the file on disk; after a reload the
 * rejected text is not proposed again.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { OpenedCasefile } from '../../shared/api/contract';
import { DETECTOR_VERSION } from '../../shared/attribution';
import type { Casefile, Claim } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { SCREENSHOT_DIR, screenshot } from '../support/browser';
import { seedPath, seedPaths } from '../support/fixtures';
import { generateCasefile, SCALES } from '../support/generate';
import { startCasefile } from './claims-helpers';
import { apiFromPage } from '../support/page-api';

let app: RunningApp;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1440, height: 900 } });
  app.page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await app?.stop();
});

const key = (page: Page, k: string) => page.keyboard.press(k);
const rows = (page: Page) => page.getByTestId('proposal-row');

interface Shown {
  id: string;
  text: string;
  type: string;
  chain: string[];
  fresh: string[];
}

/** The active proposal as the Proposed panel shows it. */
async function active(page: Page): Promise<Shown> {
  const row = page.locator('.proposal-row.active');
  await row.waitFor();
  return row.evaluate((el) => ({
    id: (el as HTMLElement).dataset.proposalId!,
    text: el.querySelector('.proposal-text')!.textContent!,
    type: el.querySelector('.proposal-type')!.textContent!.trim(),
    chain: [...el.querySelectorAll('.proposal-chain li bdi')].map((b) => b.textContent!),
    fresh: [...el.querySelectorAll('.proposal-chain li')].filter((li) => li.querySelector('.proposal-new')).map((li) => li.querySelector('bdi')!.textContent!),
  }));
}

/** Presses `k` and waits until the active proposal is another one (the queue moved on). */
async function pressAndMoveOn(page: Page, k: string, from: Shown): Promise<void> {
  await key(page, k);
  await expect.poll(async () => ((await page.locator('.proposal-row.active').count()) ? (await active(page)).id : null), { timeout: 10_000 }).not.toBe(from.id);
}


async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('Saved');
}

test('the proposals of a seed article are cleared from the keyboard in under two minutes, and land as claims with their chains', async () => {
  const { page } = app;
  await startCasefile(page, 'Drones proposals');
  await page.getByTestId('import-input').setInputFiles([seedPath('000')]);
  await page.locator('.reading-text').waitFor();
  await page.locator('.reading-pane').focus();

  // The proposals were found after the import, without asking.
  await key(page, 'p');
  await expect.poll(() => rows(page).count(), { timeout: 20_000 }).toBeGreaterThan(5);
  const proposedAtFirst = await rows(page).count();
  await expect.poll(() => page.evaluate(() => CSS.highlights.get('cb-proposed')?.size ?? 0)).toBe(proposedAtFirst - 1);
  expect(await page.evaluate(() => CSS.highlights.get('cb-proposed-active')?.size)).toBe(1);
  await screenshot(page, 'proposals-reading-1440');
  await page.locator('#side-pane').screenshot({ path: path.join(SCREENSHOT_DIR, 'proposals-panel-1440.png') });

  const started = Date.now();
  const accepted: Shown[] = [];
  // A, A: the first two become claims.
  for (let i = 0; i < 2; i++) {
    const shown = await active(page);
    accepted.push(shown);
    await pressAndMoveOn(page, 'a', shown);
  }
  // E: accepted, then corrected in the chain editor: the root becomes a named expert (4).
  const corrected = await active(page);
  await key(page, 'e');
  const typeField = page.locator('.chain-editor select[data-field="type"]:focus, select[data-field="type"]:focus');
  await typeField.waitFor({ timeout: 10_000 });
  await key(page, '4');
  await expect.poll(() => page.getByTestId('claim-type').textContent()).toContain('Named expert');
  await expect.poll(() => page.getByTestId('claim-origin').textContent()).toBe(`began as a proposal (${DETECTOR_VERSION})`);
  await key(page, 'Escape');
  await key(page, 'p');
  // X: rejected.
  await expect.poll(async () => (await active(page)).id).not.toBe(corrected.id);
  const rejected = await active(page);
  await pressAndMoveOn(page, 'x', rejected);
  // [ narrows the span by a word, ] takes it back, [ again; then A.
  const before = await active(page);
  await key(page, '[');
  await key(page, ']');
  await key(page, '[');
  await expect.poll(async () => (await active(page)).text).not.toBe(before.text);
  const narrowed = await active(page);
  expect(before.text.startsWith(narrowed.text)).toBe(true);
  expect(before.text.slice(narrowed.text.length).trim().split(/\s+/)).toHaveLength(1);
  await pressAndMoveOn(page, 'a', narrowed);
  // Shift+A: every confident one at once; then the rest one by one.
  const left = await rows(page).count();
  await key(page, 'Shift+A');
  await expect.poll(() => rows(page).count()).toBeLessThan(left);
  while (await rows(page).count()) {
    const shown = await active(page);
    accepted.push(shown);
    await pressAndMoveOn(page, 'a', shown);
  }
  const seconds = (Date.now() - started) / 1000;
  expect(seconds).toBeLessThan(120);
  expect(errors).toEqual([]);
  await waitSaved(page);

  // Through the API and on disk: the same claims, chains and rejection.
  const listing = await apiFromPage<{ path: string }[]>(page, 'listCasefiles', {});
  const opened = await apiFromPage<OpenedCasefile>(page, 'openCasefile', { path: listing[0]!.path, mode: 'read-only' });
  await apiFromPage(page, 'closeCasefile', { sessionId: opened.sessionId });
  const file = readdirSync(app.workspace).find((f) => f.endsWith('.corroborate'))!;
  const onDisk = JSON.parse(readFileSync(path.join(app.workspace, file), 'utf8')) as Casefile;
  for (const casefile of [opened.casefile, onDisk]) {
    const claims = Object.values(casefile.claims);
    const byText = (text: string): Claim => {
      const found = claims.find((c) => c.quote.exact === text);
      expect(found, `a claim of “${text}”`).toBeDefined();
      return found!;
    };
    const names = (c: Claim) => c.chain.map((h) => casefile.sources[h.sourceId!]!.name);
    const typeLabel = (c: Claim) => casefile.taxonomy.find((t) => t.id === c.chain[c.chain.length - 1]?.typeId)?.label;
    for (const shown of [...accepted, narrowed]) {
      const claim = byText(shown.text);
      expect(claim.origin).toEqual({ kind: 'proposal', detector: DETECTOR_VERSION });
      expect(claim.createdBy).toBe('Dana Whitfield');
      expect(names(claim)).toEqual(shown.chain);
      if (shown.chain.length) expect(shown.type).toContain(typeLabel(claim)!);
      const article = casefile.articles[claim.articleId]!;
      expect(article.text.slice(claim.position.start, claim.position.end)).toBe(shown.text);
    }
    const fixed = byText(corrected.text);
    expect(fixed.chain[fixed.chain.length - 1]!.typeId).toBe('named-expert');
    expect(names(fixed)).toEqual(corrected.chain);
    expect(claims.some((c) => c.quote.exact === rejected.text)).toBe(false);
    expect(casefile.rejectedProposals?.[rejected.id]).toMatchObject({ text: rejected.text, by: 'Dana Whitfield' });
    // One source per name, however many claims named it.
    const sourceNames = Object.values(casefile.sources).map((s) => s.name.toLowerCase());
    expect(new Set(sourceNames).size).toBe(sourceNames.length);
    // Every claim began as a proposal: the ones checked above plus those "Accept all confident" took.
    expect(claims.length).toBeGreaterThan(accepted.length + 2);
    expect(claims.every((c) => c.origin?.detector === DETECTOR_VERSION)).toBe(true);
  }

  // Reload: the article is read again when opened, and the rejected text is not proposed.
  await page.reload();
  await page.locator('.file-button').first().click();
  await page.locator('.article-row').first().click();
  await page.locator('.reading-text').waitFor();
  await page.locator('.reading-pane').focus();
  await key(page, 'p');
  await expect.poll(() => page.getByTestId('proposed-count').textContent(), { timeout: 20_000 }).not.toBe('not read yet');
  const ids = await rows(page).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.proposalId));
  expect(ids).not.toContain(rejected.id);
  expect(ids).toEqual([]);
  await screenshot(page, 'proposals-cleared-1440');
  console.info(`Cleared ${proposedAtFirst} proposals in ${seconds.toFixed(1)} s`);

  // The other seeds: read after their import, each row says how many proposals it has, N goes to the next.
  await page.getByTestId('import-input').setInputFiles(seedPaths().filter((f) => !f.includes('000_')));
  await expect.poll(() => page.locator('.article-row').count(), { timeout: 30_000 }).toBe(5);
  const summary = page.getByRole('dialog', { name: /Import finished/ });
  if (await summary.isVisible().catch(() => false)) await key(page, 'Escape');
  await expect.poll(() => page.locator('.article-row .proposed-badge').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await page.locator('.reading-pane').focus();
  const reading = await page.locator('.article-row.selected').getAttribute('data-article-id');
  await key(page, 'n');
  await expect.poll(() => page.locator('.article-row.selected').getAttribute('data-article-id')).not.toBe(reading);
  await expect.poll(() => rows(page).count()).toBeGreaterThan(3);
  await screenshot(page, 'proposals-seeds-1440');
  // A A A typed at full speed: three different proposals become three claims, none accepted twice.
  const articleId = (await page.locator('.article-row.selected').getAttribute('data-article-id'))!;
  const proposalsBefore = await rows(page).count();
  await page.keyboard.type('aaa');
  await expect.poll(() => page.locator('.reading-toolbar-count').textContent(), { timeout: 10_000 }).toBe('3 claims');
  await waitSaved(page);
  const listed = await apiFromPage<{ path: string }[]>(page, 'listCasefiles', {});
  const now = await apiFromPage<OpenedCasefile>(page, 'openCasefile', { path: listed.find((l) => l.path.includes('proposals'))!.path, mode: 'read-only' });
  await apiFromPage(page, 'closeCasefile', { sessionId: now.sessionId });
  const spans = Object.values(now.casefile.claims).filter((c) => c.articleId === articleId).map((c) => `${c.position.start}-${c.position.end}`);
  expect(spans).toHaveLength(3);
  expect(new Set(spans).size).toBe(3);
  expect(await rows(page).count()).toBeLessThanOrEqual(proposalsBefore - 3);
}, 240_000);

test('the whole casefile is read in the background with progress; the window answers throughout, and Stop stops it', async () => {
  const { page } = app;
  writeFileSync(path.join(app.workspace, 'many.corroborate'), JSON.stringify(generateCasefile({ ...SCALES.typical, name: 'many', articles: 1_500, claims: 1_500, sources: 100, propositions: 20 })));
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.locator('.file-button', { hasText: 'many' }).first().click();
  await page.locator('.article-row').first().click();
  await page.locator('.reading-pane').focus();
  await key(page, 'p');
  await page.getByRole('button', { name: /Find in the whole casefile \(1,500 articles\)/ }).click();
  const progress = page.getByTestId('detect-progress');
  await progress.waitFor();
  // The longest gap between two frames while the worker reads: the window keeps drawing.
  const gaps = await page.evaluate(() => new Promise<number[]>((resolve) => {
    let last = performance.now();
    const out: number[] = [];
    const until = last + 1_000;
    const frame = (now: number) => {
      out.push(Math.round(now - last));
      last = now;
      if (now < until) requestAnimationFrame(frame);
      else resolve(out);
    };
    requestAnimationFrame(frame);
  }));
  const longestFrameGap = Math.max(...gaps);
  expect(longestFrameGap).toBeLessThan(250);
  await expect.poll(async () => Number((await progress.textContent())?.match(/: ([\d,]+) of/)?.[1]?.replace(',', '') ?? 0)).toBeGreaterThan(0);
  await screenshot(page, 'proposals-progress-1440');
  await progress.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => progress.isVisible()).toBe(false);
  await expect.poll(() => page.locator('.notice').last().textContent()).toMatch(/^Stopped: [\d,]+ of 1500 articles read for attributions\./);
  console.info(`Longest frame gap while reading: ${longestFrameGap.toFixed(0)} ms`);
}, 240_000);
