/**
 * The worked example of the domain guide on seed 000, annotated in Chromium
 * with the keyboard only (the claim text is selected programmatically, as a
 * mouse drag would): claims, attribution chains, new sources, page chrome,
 * J/K, delete and undo. Then the casefile is saved, closed and reopened, and
 * the same claims, chains, sources and colours are back, in the UI and on disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Casefile } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { highlightSizes, importSeeds, lastNotice, openArticleByKeys, selectText, startCasefile } from './claims-helpers';

const SHAHED = 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone';
const DENIAL = 'denied that China is providing lethal aid to Russia';
const IRAN = 'Iran has been producing Shahed-type drones for Russia since the beginning of the full-scale invasion in February 2022';
const OFFICIALS = 'European officials familiar with the matter';

let app: RunningApp;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 800 } });
  app.page.on('pageerror', (e) => errors.push(e.message));
  app.page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
});
afterAll(async () => {
  await app?.stop();
});

const inspector = (page: Page) => page.getByTestId('inspector');
const key = (page: Page, k: string) => page.keyboard.press(k);

/** Types into the focused field and waits until the app has taken the change. */
async function type(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('Saved');
}

test('the worked example of seed 000 is annotated by keyboard, saved and reopened intact', async () => {
  const { page } = app;
  await startCasefile(page, 'Chinese attack drones for Russia');
  await importSeeds(page);
  await openArticleByKeys(page, 'Russian attack on Nikopol');

  // 1. "Chinese companies are allegedly developing…": Kyiv Independent → Bloomberg → European officials (anonymous).
  await selectText(page, SHAHED);
  await key(page, 'c');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(SHAHED);
  await key(page, '5');
  await expect.poll(() => inspector(page).getByTestId('claim-type').textContent()).toContain('Outlet citing outlet');
  await key(page, 'Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 1');
  await type(page, 'Bloomberg');
  await expect.poll(() => page.getByRole('option', { name: /Create source “Bloomberg”/ }).count()).toBe(1);
  await key(page, 'Enter');
  // Enter takes the source and stays; Tab goes on to the cue, as the README says.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('source');
  await key(page, 'Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('cue');
  await type(page, 'reported');
  await key(page, 'Tab');
  await type(page, 'allegedly');
  await key(page, 'Enter');
  await key(page, 'Alt+N');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('type');
  await key(page, '3');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 2');
  await type(page, OFFICIALS);
  await key(page, 'Enter');
  // Enter takes the source and stays; Tab goes on to the cue, as the README says.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('source');
  await key(page, 'Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('cue');
  await type(page, 'citing');
  await key(page, 'Enter');
  await expect.poll(() => inspector(page).getByTestId('chain-summary').textContent())
    .toBe(`The Kyiv Independent → Bloomberg → ${OFFICIALS}`);
  await expect.poll(() => inspector(page).getByTestId('claim-type').textContent()).toContain('Anonymous');
  await screenshot(page, 'claims-chain-editor-1280');
  await key(page, 'Escape');

  // 2. Liu Pengyu's denial: Bloomberg (picked from the registry by a fuzzy, misspelt name) → Liu Pengyu (named official).
  await selectText(page, DENIAL);
  await key(page, 'c');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(DENIAL);
  await key(page, '5');
  await key(page, 'Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 1');
  await type(page, 'Blomberg');
  // A near match is offered, never taken unasked: ↓ chooses it.
  await expect.poll(() => page.locator('.source-options [aria-selected="true"]').textContent()).toContain('Create source “Blomberg”');
  await key(page, 'ArrowDown');
  await expect.poll(() => page.locator('.source-options [aria-selected="true"]').textContent()).toContain('Bloomberg');
  await key(page, 'Enter');
  await key(page, 'Tab');
  await type(page, 'In a statement to');
  await key(page, 'Enter');
  await key(page, 'Alt+N');
  await key(page, '1');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 2');
  await type(page, 'Liu Pengyu');
  await key(page, 'Enter');
  await key(page, 'Tab');
  await type(page, 'denied');
  await key(page, 'Enter');
  await expect.poll(() => inspector(page).getByTestId('chain-summary').textContent()).toBe("The Kyiv Independent → Bloomberg → Liu Pengyu");
  await key(page, 'Escape');

  // 3. Unattributed background, with one key.
  await selectText(page, IRAN);
  await key(page, 'c');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(IRAN);
  await key(page, '8');
  await expect.poll(() => inspector(page).getByTestId('claim-type').textContent()).toContain('Unattributed');

  // 4. The unrelated headlines at the end are page chrome.
  await selectText(page, 'Xi, Putin to participate in Shanghai', 'end');
  await key(page, 'x');
  await expect.poll(() => lastNotice(page)).toContain('Marked as page chrome');
  expect((await highlightSizes(page))['cb-chrome']).toBe(1);

  // J/K walk the claims in reading order; Delete removes one, Ctrl+Z brings it back.
  await key(page, 'Escape');
  await key(page, 'j');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(SHAHED);
  await key(page, 'j');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(DENIAL);
  await key(page, 'ArrowDown');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(IRAN);
  await key(page, 'k');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(DENIAL);
  await key(page, 'Delete');
  await expect.poll(() => lastNotice(page)).toContain('Claim deleted');
  await expect.poll(async () => (await page.locator('.reading-toolbar-count').textContent())).toBe('2 claims');
  await key(page, 'Control+z');
  await expect.poll(async () => (await page.locator('.reading-toolbar-count').textContent())).toBe('3 claims');

  const sizes = await highlightSizes(page);
  expect(sizes).toMatchObject({ 'cb-type-0': 1, 'cb-type-2': 1, 'cb-type-7': 1, 'cb-chrome': 1 });
  // A new claim is drawn at once while it is being created; once created, only its real highlight is left.
  expect(sizes['cb-pending']).toBeUndefined();
  // The articles pane shows the article's sourcing mix as a small bar.
  expect(await page.locator('.article-row.selected [data-testid="sourcing-profile"] svg').getAttribute('aria-label'))
    .toBe('Sourcing of 3 claims: Named official 33% (1), Anonymous 33% (1), Unattributed 33% (1)');
  await page.mouse.move(0, 0);
  await screenshot(page, 'claims-reading-1280');

  // The shortcut sheet and the claims panel.
  await key(page, '?');
  await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).isVisible()).toBe(true);
  await screenshot(page, 'claims-shortcut-sheet-1280');
  await key(page, 'Escape');
  await key(page, '/');
  await type(page, 'blomberg');
  await expect.poll(() => page.getByTestId('claims-count').textContent()).toMatch(/^2 of 3 claims/);
  await screenshot(page, 'claims-panel-1280');
  // Choosing a claim in the panel scrolls the article to it.
  await page.locator('.area-body').first().evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await key(page, 'ArrowDown');
  await expect.poll(() => page.evaluate(() => {
    const range = [...CSS.highlights.get('cb-selected') ?? []][0] as StaticRange | undefined;
    if (!range) return 'no selected claim';
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const r = live.getBoundingClientRect();
    const view = document.querySelector('.main-pane .area-body')!.getBoundingClientRect();
    return r.top >= view.top && r.bottom <= view.bottom ? 'in view' : 'out of view';
  })).toBe('in view');
  expect(await inspector(page).count()).toBe(0);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'claims-panel-1920');
  await key(page, 'Escape');
  await key(page, 'Enter');
  await expect.poll(() => inspector(page).getByTestId('claim-quote').textContent()).toBe(SHAHED);
  await screenshot(page, 'claims-chain-editor-1920');
  await key(page, 'Escape');
  await screenshot(page, 'claims-reading-1920');

  // Saved on disk, with the chains and sources.
  await waitSaved(page);
  const file = readdirSync(app.workspace).find((f) => f.endsWith('.corroborate'))!;
  const onDisk = JSON.parse(readFileSync(path.join(app.workspace, file), 'utf8')) as Casefile;
  const byQuote = (q: string) => Object.values(onDisk.claims).find((c) => c.quote.exact === q)!;
  const names = (q: string) => byQuote(q).chain.map((h) => onDisk.sources[h.sourceId!]?.name);
  expect(names(SHAHED)).toEqual(['Bloomberg', OFFICIALS]);
  expect(byQuote(SHAHED).chain.map((h) => [h.typeId, h.cue, h.hedging])).toEqual([
    ['outlet-citing-outlet', 'reported', 'allegedly'], ['anonymous', 'citing', ''],
  ]);
  expect(names(DENIAL)).toEqual(['Bloomberg', 'Liu Pengyu']);
  expect(byQuote(IRAN).chain.map((h) => h.typeId)).toEqual(['unattributed']);
  expect(Object.values(onDisk.sources).map((s) => [s.name, s.kind]).sort()).toEqual([
    ['Bloomberg', 'outlet'], [OFFICIALS, 'anonymous-group'], ['Liu Pengyu', 'person'],
  ]);
  const text = Object.values(onDisk.articles).find((a) => a.id === byQuote(SHAHED).articleId)!.text;
  expect(text.slice(byQuote(SHAHED).position.start, byQuote(SHAHED).position.end)).toBe(SHAHED);

  // Close, open again: the same claims, chains, sources and colours.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.locator('.file-button').first().click();
  await openArticleByKeys(page, 'Russian attack on Nikopol');
  await expect.poll(async () => (await page.locator('.reading-toolbar-count').textContent())).toBe('3 claims');
  expect(await highlightSizes(page)).toMatchObject({ 'cb-type-0': 1, 'cb-type-2': 1, 'cb-type-7': 1, 'cb-chrome': 1 });
  const colours = await page.evaluate(() => document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  expect(colours).toMatch(/::highlight\(cb-type-2\) \{ background-color: rgba\(213, 94, 0/);
  expect(colours).toMatch(/::highlight\(cb-type-0\) \{ background-color: rgba\(0, 114, 178/);
  await page.locator('.reading-pane').focus();
  await key(page, 'j');
  await key(page, 'Enter');
  await expect.poll(() => inspector(page).getByTestId('chain-summary').textContent()).toBe(`The Kyiv Independent → Bloomberg → ${OFFICIALS}`);
  await key(page, 'Escape');
  await key(page, 'r');
  await expect.poll(() => page.locator('.source-row').count()).toBe(3);
  await screenshot(page, 'claims-sources-1920');

  // Dark theme: the same colours, readable.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await key(page, 'j');
  await key(page, 'Enter');
  const at = await page.evaluate((words) => {
    const node = [...document.querySelectorAll('.reading-text p')].map((p) => p.firstChild as Text).find((n) => n.data.includes(words))!;
    const range = document.createRange();
    range.setStart(node, node.data.indexOf(words));
    range.setEnd(node, node.data.indexOf(words) + words.length);
    const rect = range.getClientRects()[0]!;
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, 'providing lethal aid to Russia');
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => page.getByTestId('claim-tooltip').textContent()).toContain('Liu Pengyu');
  await screenshot(page, 'claims-dark-hover-1280');
  expect(errors).toEqual([]);
});
