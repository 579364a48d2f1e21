/**
 * Work that travels, end to end in Chromium: bring a Hypothesis API result
 * into a casefile through the articles pane's "Annotations…" dialog (with
 * its tag mapping), and export ClaimReview from the report builder, refused
 * while an unrated proposition is in scope.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Casefile } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { FIXTURES_DIR } from '../support/fixtures';
import { buildSeedCasefile } from '../fixtures/report/seed-casefile';

let app: RunningApp;
let page: Page;
let workspace: string;
const problems: string[] = [];

beforeAll(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-interchange-e2e-'));
  const seed = buildSeedCasefile();
  writeFileSync(path.join(workspace, 'drones.corroborate'), JSON.stringify(seed));
  writeFileSync(path.join(workspace, 'articles.corroborate'), JSON.stringify({ ...seed, claims: {}, propositions: {}, reviews: {} }));
  app = await launchApp({ workspace });
  page = app.page;
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
});
afterAll(async () => {
  await app?.stop();
});

async function openCasefile(name: string): Promise<void> {
  const closeCasefile = page.locator('.topbar').getByRole('button', { name: 'Close', exact: true });
  if (await closeCasefile.isVisible()) await closeCasefile.click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 30_000 }).toBe('Saved');
}

test('a Hypothesis search result comes in through the mapping dialog, every annotation accounted for', async () => {
  await openCasefile('articles');
  // The entry sits with the other imports, inside the pane (no sideways scrolling).
  const pane = page.locator('.articles-pane');
  expect(await pane.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await pane.screenshot({ path: (await screenshot(page, 'annotations-import-pane')).replace('.png', '-pane.png') });
  await page.getByRole('button', { name: 'Annotations…' }).click();
  const dialog = page.getByTestId('annotation-import');
  await dialog.waitFor();
  const input = page.getByTestId('annotation-file-input');
  // Not annotations at all: said so, nothing else offered.
  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ my notes') });
  await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/^notes\.json: The file is not JSON/);
  // Only a page note: nothing to import, and why.
  const hypothesis = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'annotations', 'hypothesis-search.json'), 'utf8')) as { rows: unknown[] };
  await input.setInputFiles({ name: 'page-note.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ total: 1, rows: hypothesis.rows.slice(5) })) });
  await expect.poll(() => page.getByTestId('annotation-file-summary').textContent()).toBe('Hypothesis: 0 annotations on text, 1 skipped.');
  expect(await dialog.getByRole('alert').textContent()).toBe('Skipped hyp6AbCdEfGhIj: a page note or reply, not a passage of a text');
  expect(await dialog.getByRole('button', { name: 'Import 0 annotations' }).isDisabled()).toBe(true);

  await input.setInputFiles(path.join(FIXTURES_DIR, 'annotations', 'hypothesis-search.json'));
  await expect.poll(() => page.getByTestId('annotation-file-summary').textContent()).toBe('Hypothesis: 5 annotations on text, 1 skipped (listed after the import).');

  // The proposed mapping: tags that name a sourcing type become it, the others stay tags.
  const choice = (tag: string) => page.getByLabel(`What “${tag}” becomes`);
  expect(await choice('official statement').inputValue()).toBe('type:official-statement');
  expect(await choice('Named-Official').inputValue()).toBe('type:named-official');
  expect(await choice('__proto__').inputValue()).toBe('tag');
  await choice('follow-up').selectOption({ label: 'Leave out' });
  await choice('Reuters').selectOption({ label: 'Document' });
  await screenshot(page, 'annotations-import-mapping');

  await dialog.getByRole('button', { name: 'Import 5 annotations' }).click();
  const result = page.getByTestId('annotation-import-result');
  await result.waitFor();
  const counts = await page.getByTestId('annotation-import-counts').innerText();
  expect(counts).toContain('2 anchored exactly');
  expect(counts).toContain('1 moved');
  expect(counts).toContain('1 orphaned');
  expect(counts).toContain('1 not placed');
  expect(counts).toContain('1 skipped');
  const listed = await page.getByTestId('annotation-import-problems').innerText();
  expect(listed).toContain('Not placed: “A sentence from an article this casefile does not hold.”');
  expect(listed).toContain('Skipped hyp6AbCdEfGhIj: a page note or reply');
  await screenshot(page, 'annotations-import-result');
  await result.getByRole('button', { name: 'Close', exact: true }).last().click();
  await result.waitFor({ state: 'detached' });

  // Saved to disk, one undo step, with the mapping applied.
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 30_000 }).toBe('Saved');
  expect(await page.getByRole('button', { name: 'Undo', exact: true }).getAttribute('title')).toBe('Undo Import annotations from hypothesis-search.json (Ctrl+Z)');
  const saved = JSON.parse(readFileSync(path.join(workspace, 'articles.corroborate'), 'utf8')) as Casefile;
  const claims = Object.values(saved.claims);
  expect(claims.map((c) => c.anchor).sort()).toEqual(['exact', 'exact', 'moved', 'orphaned']);
  const relayed = claims.find((c) => c.articleId === 'a_002')!;
  expect(relayed.chain.map((h) => h.typeId)).toEqual(['outlet-citing-outlet']);
  expect(relayed.notes).toBe('<script>alert("hypothesis")</script> Reuters again?\n\nTags: Document');
  expect(claims.find((c) => c.notes.startsWith('Official on the record'))!.notes).toBe('Official on the record, but only via email.');
  expect(problems).toEqual([]);
});

test('ClaimReview from the report builder: refused with unrated propositions, exported for the rated ones', async () => {
  await openCasefile('drones');
  // The published review's address, with the proposition's assessment; something that is not a web address is refused.
  await page.getByLabel('Panels').getByRole('tab', { name: 'Propositions' }).click();
  await page.getByTestId('proposition-list').getByRole('button', { name: 'Russia set up a drone programme in China' }).click();
  const reviewUrl = page.getByTestId('assessment').getByLabel(/^Published review/);
  await reviewUrl.fill('javascript:alert(1)');
  await reviewUrl.press('Enter');
  expect(await reviewUrl.getAttribute('aria-invalid')).toBe('true');
  await reviewUrl.fill('https://deskcheck.example/checks/drone-programme');
  await reviewUrl.press('Enter');
  await expect.poll(() => reviewUrl.getAttribute('aria-invalid')).toBe(null);
  await page.getByTestId('assessment').screenshot({ path: (await screenshot(page, 'claimreview-assessment')).replace('.png', '-form.png') });

  await page.getByRole('button', { name: 'Export…' }).click();
  const builder = page.getByTestId('report-builder');
  await builder.waitFor();
  await builder.getByRole('radio', { name: /ClaimReview/ }).check();
  const problem = builder.locator('.export-problem[role=alert]');
  await expect.poll(() => problem.textContent()).toMatch(/2 propositions are not rated: p_shahed .*p_unaware/);
  expect(await builder.getByRole('button', { name: 'Export ClaimReview' }).isDisabled()).toBe(true);
  await expect.poll(() => page.getByTestId('report-preview-text').textContent(), { timeout: 30_000 }).toBe('Nothing to preview until every proposition covered is rated.');
  await screenshot(page, 'claimreview-refused');

  await builder.getByRole('radio', { name: 'Chosen propositions' }).check();
  await builder.getByRole('checkbox', { name: /Russia set up a drone programme in China/ }).check();
  await builder.getByRole('checkbox', { name: /China provides lethal aid to Russia/ }).check();
  const org = builder.getByLabel(/^Organisation/);
  await org.fill('Desk Check');
  await org.press('Enter');
  await builder.getByLabel('Its web address').fill('https://deskcheck.example/');
  await builder.getByLabel('Its web address').press('Enter');
  await expect.poll(() => page.getByTestId('report-preview-text').textContent(), { timeout: 30_000 }).toContain('"name": "Desk Check"');
  expect(await problem.count()).toBe(0);
  await screenshot(page, 'claimreview-builder');

  const downloadPromise = page.waitForEvent('download');
  await builder.getByRole('button', { name: 'Export ClaimReview' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Chinese attack drones for Russia.claimreview.jsonld');
  const file = path.join(workspace, 'reviews.jsonld');
  await download.saveAs(file);
  const reviews = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  expect(reviews.map((r) => r.claimReviewed)).toEqual(['Russia set up a drone programme in China', 'China provides lethal aid to Russia']);
  expect(reviews[0]!.author).toEqual({ '@type': 'Organization', name: 'Desk Check', url: 'https://deskcheck.example/' });
  expect(reviews[0]!.url).toBe('https://deskcheck.example/checks/drone-programme');
  expect(reviews[1]).not.toHaveProperty('url');
  // The publisher is kept in the casefile.
  await expect.poll(() => (JSON.parse(readFileSync(path.join(workspace, 'drones.corroborate'), 'utf8')) as Casefile).meta.publisher?.name, { timeout: 30_000 }).toBe('Desk Check');
  expect(problems).toEqual([]);
});
