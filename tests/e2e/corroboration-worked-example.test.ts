/**
 * The worked example of the domain guide, end to end in the browser.
 *
 * The seed annotations (articles, chains, the four propositions) are built in
 * Node with the real commands (tests/unit/analysis/worked-example.ts) and
 * saved as a casefile file in the workspace, which the app then opens like
 * any other. Everything after that goes through the UI: propositions made,
 * filled from suggestions by keyboard and by drag, roots judged, a claim
 * deleted and restored, the matrix and the graph read and exported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { workedExample } from '../unit/analysis/worked-example';
import { selectText } from './claims-helpers';

let app: RunningApp;
let page: Page;
const errors: string[] = [];
const TITLE = 'Drones for Russia (worked example)';

beforeAll(async () => {
  app = await launchApp();
  const built = workedExample();
  const cf = { ...built, meta: { ...built.meta, title: TITLE } };
  writeFileSync(path.join(app.workspace, 'drones.corroborate'), JSON.stringify(cf));
  page = app.page;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.reload();
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('.file-button', { hasText: 'drones' }).click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
});

afterAll(async () => {
  await app?.stop();
});

const panel = () => page.getByLabel('Panels');

/** Clicks where the canvas draws the node labelled `label` (the whole graph in view): its place in the layout, through the pan and zoom. */
async function clickNode(label: string): Promise<void> {
  await page.getByRole('button', { name: 'Fit' }).click();
  const node = page.getByTestId('graph-sources').locator(`button[data-label="${label}"]`);
  const [x, y] = [Number(await node.getAttribute('data-x')), Number(await node.getAttribute('data-y'))];
  const [tx, ty, k] = (await page.getByTestId('graph-stage').getAttribute('data-zoom'))!.split(' ').map(Number) as [number, number, number];
  const stage = (await page.getByTestId('graph-stage').boundingBox())!;
  await page.mouse.click(stage.x + tx + x * k, stage.y + ty + y * k);
}
const views = () => page.getByLabel('Views');

async function openPropositions(): Promise<void> {
  await panel().getByRole('tab', { name: 'Propositions' }).click();
  if (await page.getByRole('button', { name: '← All propositions' }).isVisible()) await page.getByRole('button', { name: '← All propositions' }).click();
  await page.getByTestId('proposition-list').waitFor();
}

async function openProposition(statement: string): Promise<void> {
  await openPropositions();
  await page.getByTestId('proposition-list').getByRole('button', { name: statement }).click();
  await page.getByTestId('proposition-detail').waitFor();
}

const summary = () => page.getByTestId('independence-summary').textContent();

/** Selects an existing claim the analyst's way: select its words in the article, press C. */
async function selectClaim(articleId: string, words: string): Promise<void> {
  await views().getByRole('tab', { name: 'Read' }).click();
  await page.locator(`.article-row[data-article-id="${articleId}"]`).click();
  await page.locator('.reading-text').waitFor();
  await selectText(page, words);
  await page.keyboard.press('c');
  // "A claim already covers exactly this text; it is now selected": read, then out of the way.
  await page.locator('.notice').first().waitFor();
  for (const close of await page.getByRole('button', { name: 'Dismiss' }).all()) await close.click();
}

describe('propositions of the worked example', () => {
  test('"Russia set up a drone programme in China": three Reuters relays are one root, the Times\' western official a second', async () => {
    await openProposition('Russia set up a drone programme in China');
    expect(await summary()).toBe('5 appearances, 2 independent roots');
    const roots = page.getByTestId('roots').locator('.root');
    await expect.poll(() => roots.count()).toBe(3);
    expect(await roots.nth(0).textContent()).toContain('Kupol documents seen by Reuters');
    expect(await roots.nth(0).textContent()).toContain('3 claims');
    expect(await roots.nth(1).textContent()).toContain('a western official');
    expect(await roots.nth(2).textContent()).toContain('(mentions)');
    // Two roots, but not "corroborated": the second is an anonymous official known only through the aggregator.
    expect(await page.getByTestId('suggested-rating').textContent()).toContain('single source');
    expect(await page.getByTestId('suggestion-reason').textContent()).toMatch(/^2 independent roots, but one is an anonymous source \(a western official\) known only through .+'s relay of The Times\.$/);
    await screenshot(page, 'corroboration-proposition-1280');
    await page.getByTestId('suggestion-reason').scrollIntoViewIfNeeded();
    await screenshot(page, 'corroboration-suggestion-reason');

    // Without the western official the three relays are "one source, echoed 3 times"; undo brings it back.
    const member = page.getByTestId('members').locator('.member', { hasText: 'This report was corroborated by the official.' });
    await member.getByRole('button', { name: 'Remove from proposition' }).click();
    await expect.poll(summary).toBe('4 appearances, 1 independent root');
    expect(await page.getByTestId('flags').textContent()).toContain('one source, echoed 3 times');
    expect(await page.getByTestId('suggested-rating').textContent()).toContain('single source');
    expect(await page.getByTestId('suggestion-reason').textContent()).toBe('Only 1 independent root (Kupol documents seen by Reuters).');
    await page.keyboard.press('Control+z');
    await expect.poll(summary).toBe('5 appearances, 2 independent roots');
  });

  test('the Bloomberg story and its copy count once and are flagged as one article; the lethal-aid proposition is contested', async () => {
    await openProposition('Chinese companies are developing Shahed-type attack drones for Russia');
    expect(await summary()).toBe('2 appearances, 1 independent root');
    expect(await page.getByTestId('flags').textContent()).toContain('all claims come from one article');
    await openProposition('China provides lethal aid to Russia');
    expect(await summary()).toBe('5 appearances, 2 independent roots; denied by 2');
    expect(await page.getByTestId('suggested-rating').textContent()).toContain('contested');
  });

  test('the analyst declares two roots the same source, and the count follows', async () => {
    await openProposition('Chinese-made attack drones have been delivered to Russia');
    expect(await summary()).toBe('3 appearances, 2 independent roots');
    await page.getByLabel('Pick root Intelligence sources (Reuters)').check();
    await page.getByLabel('Pick root a western official').check();
    await page.getByRole('button', { name: 'Same source' }).click();
    await expect.poll(summary).toBe('3 appearances, 1 independent root');
    // And apart again.
    await page.getByRole('button', { name: /keep “a western official” apart/ }).click();
    await expect.poll(summary).toBe('3 appearances, 2 independent roots');
  });

  test('the analyst rates the proposition beside the suggestion, with an Admiralty grade and notes', async () => {
    await openProposition('China provides lethal aid to Russia');
    await page.getByLabel('Your rating').selectOption('contested');
    await page.getByLabel('Source reliability (Admiralty)').selectOption('B');
    await page.getByLabel('Information credibility').selectOption('3');
    await page.getByTestId('assessment').getByLabel('Notes').fill('Denied by China; supported by the Times official and Reuters documents.');
    await page.getByLabel('Your rating').focus();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
    expect(await page.getByLabel('Your rating').inputValue()).toBe('contested');
    expect(await page.getByLabel('Source reliability (Admiralty)').inputValue()).toBe('B');
  });
});

describe('making a proposition from a claim, filling it from suggestions', () => {
  test('each appearance of the drone programme ranks the other two in the top five suggestions', async () => {
    const appearances = [
      ['a002', 'Russia has established a weapons program in China to manufacture and deploy long-range attack drones for use in the war against Ukraine', ['Digest (004)', 'Kyiv Independent']],
      ['a003', 'Russia has established a secret drone production project in China', ['Aggregator (002)', 'Digest (004)']],
      ['a004', 'Russia has reportedly established a weapons programme in China to build drones for use against Ukraine.', ['Aggregator (002)', 'Kyiv Independent']],
    ] as const;
    for (const [articleId, words, others] of appearances) {
      await selectClaim(articleId, words);
      await openPropositions();
      const items = page.getByTestId('suggestions').locator('.suggestion');
      await items.first().waitFor();
      const top = (await items.allTextContents()).slice(0, 5);
      for (const other of others) expect(top.some((t) => t.includes(other) && /establish/.test(t)), `${other} in ${JSON.stringify(top)}`).toBe(true);
    }
  });

  test('new from the selected claim, then a passage from the copy added with one key', async () => {
    await selectClaim('a000', 'Iran has been producing Shahed-type drones for Russia since the beginning of the full-scale invasion in February 2022.');
    await openPropositions();
    await page.getByRole('button', { name: 'New from claim' }).click();
    const statement = page.getByLabel('Statement', { exact: true });
    await expect.poll(() => statement.evaluate((el) => el === document.activeElement)).toBe(true);
    await statement.fill('Iran has produced Shahed drones for Russia since 2022');
    await statement.press('Tab');
    await expect.poll(summary).toBe('1 appearance, 1 independent root');

    const list = page.getByTestId('suggestions');
    await list.locator('.suggestion').first().waitFor();
    expect(await list.locator('.suggestion').first().textContent()).toContain('copy');
    await list.focus();
    await page.keyboard.press('a');
    await expect.poll(summary).toBe('2 appearances, 1 independent root');
    expect(await page.getByTestId('flags').textContent()).toContain('all claims come from one article');
    await screenshot(page, 'corroboration-new-proposition');
  });

  test('a suggestion dragged onto a proposition joins it', async () => {
    await selectClaim('a004', 'Kupol has reportedly received seven military drones made in China at its Russian headquarters');
    await openPropositions();
    const target = page.getByTestId('proposition-list').locator('.proposition-row', { hasText: 'Iran has produced Shahed drones' });
    const before = await target.textContent();
    expect(before).toContain('2 appearances');
    const item = page.getByTestId('suggestions').locator('.suggestion').first();
    await item.waitFor();
    // A mouse drag as the analyst makes it: press, move in steps, release over the proposition.
    await target.scrollIntoViewIfNeeded();
    await item.scrollIntoViewIfNeeded();
    const from = (await item.boundingBox())!;
    const to = (await target.boundingBox())!;
    await screenshot(page, 'corroboration-drag');
    await page.mouse.move(from.x + 20, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(to.x + 30, to.y + 10, { steps: 8 });
    await page.mouse.move(to.x + 40, to.y + 15, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => target.textContent()).toContain('3 appearances');
    await page.keyboard.press('Control+z');
    await expect.poll(() => target.textContent()).toContain('2 appearances');
  });

  test('find claims to add by their words and their article\'s outlet, and add one', async () => {
    await openProposition('Chinese companies are developing Shahed-type attack drones for Russia');
    await page.getByLabel('Find claims to add').fill('kyiv lethal');
    const found = page.getByRole('list', { name: 'Claims found' }).locator('li');
    await expect.poll(() => found.count()).toBeGreaterThan(0);
    for (const text of await found.allTextContents()) expect(text).toMatch(/^Kyiv Independent.*lethal/i);
    await found.first().getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(summary).toMatch(/^3 appearances/);
    await page.keyboard.press('Control+z');
    await expect.poll(summary).toBe('2 appearances, 1 independent root');
    await page.getByLabel('Find claims to add').fill('');
  });

  test('find a sentence nobody has claimed yet, and add it: it becomes a claim of the whole sentence', async () => {
    await openProposition('China provides lethal aid to Russia');
    await page.getByLabel('Find claims to add').fill('neutral ukrane');
    const passages = page.getByRole('list', { name: 'Passages found' }).locator('li');
    await expect.poll(() => passages.count()).toBeGreaterThan(0);
    const sentence = 'China insists that it is neutral on the war in Ukraine, and has repeatedly denied supplying Russia with weapons.';
    const item = passages.filter({ hasText: sentence });
    expect(await item.count()).toBe(1);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'find-claims-passages');
    await item.getByRole('button', { name: 'As denial' }).click();
    await expect.poll(summary).toBe('6 appearances, 2 independent roots; denied by 3');
    const member = page.getByTestId('members').locator('.member', { hasText: sentence });
    expect(await member.count()).toBe(1);
    // Now claimed, the sentence is no longer offered as a passage.
    await expect.poll(() => page.getByRole('list', { name: 'Passages found' }).locator('li', { hasText: sentence }).count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(summary).toBe('5 appearances, 2 independent roots; denied by 2');
    await page.getByLabel('Find claims to add').fill('');
  });

  test('deleting a claim a proposition uses: the confirmation names the proposition, undo restores it', async () => {
    await openProposition('Russia set up a drone programme in China');
    const member = page.getByTestId('members').locator('.member', { hasText: 'secret drone production project' });
    await member.getByRole('button', { name: 'Delete claim…' }).click();
    // The same dialog as the Delete key's: it names the proposition; Enter deletes.
    const confirm = page.getByTestId('confirm-delete-claim');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Member of 1 proposition');
    expect(await confirm.textContent()).toContain('Russia set up a drone programme in China');
    await page.keyboard.press('Enter');
    await expect.poll(summary).toBe('4 appearances, 2 independent roots');
    await page.keyboard.press('Control+z');
    await expect.poll(summary).toBe('5 appearances, 2 independent roots');
  });
});

describe('the matrix and the graph', () => {
  test('the matrix shows stance and root type per article, sorts, and jumps to a claim', async () => {
    await views().getByRole('tab', { name: 'Matrix' }).click();
    const matrix = page.getByTestId('matrix');
    await matrix.locator('.matrix-row').first().waitFor();
    expect(await matrix.locator('.matrix-row').count()).toBe(5);
    const programme = matrix.locator('.matrix-row', { hasText: 'Russia set up a drone programme in China' });
    expect(await programme.locator('.row-figures').textContent()).toBe('2/5');
    // 002 carries two claims (Reuters' documents, the western official): a count badge, document and anonymous symbols.
    const cells = programme.locator('.cell-button');
    expect(await cells.count()).toBe(3);
    expect(await cells.allTextContents()).toContain('+▤?2');
    await screenshot(page, 'corroboration-matrix-1280');

    await page.getByLabel('Sort propositions by').selectOption('contested');
    expect(await matrix.locator('.matrix-row').first().textContent()).toContain('China provides lethal aid to Russia');

    await cells.first().click();
    await expect.poll(() => views().getByRole('tab', { name: 'Read' }).getAttribute('aria-selected')).toBe('true');
    await panel().getByRole('tab', { name: 'Claim', exact: true }).click();
    expect(await page.getByTestId('claim-quote').textContent()).toMatch(/Russia has (reportedly )?established/);
  });

  test('the graph shows the Reuters relays converging and the Bloomberg story apart; click, keyboard and export', async () => {
    await views().getByRole('tab', { name: 'Graph' }).click();
    await page.locator('[data-testid="graph-picture"][data-drawn]').waitFor();
    // What the canvas shows, as the list of sources and links screen readers get.
    const sources = page.getByTestId('graph-sources');
    const id = async (label: string) => (await sources.locator(`button[data-label="${label}"]`).getAttribute('data-node'))!;
    const reuters = await id('Reuters');
    const bloomberg = await id('Bloomberg');
    const reporting = await sources.locator(`li[data-to="${reuters}"][data-kind="reports"]`).count();
    expect(reporting).toBe(3);
    expect(await sources.locator(`li[data-from="${reuters}"]`).count()).toBe(2);
    expect(await sources.locator(`li[data-to="${bloomberg}"]`).count()).toBe(1);
    const bloombergCites = await sources.locator(`li[data-from="${bloomberg}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    const reutersCites = await sources.locator(`li[data-from="${reuters}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-to')));
    expect(bloombergCites.some((x) => reutersCites.includes(x))).toBe(false);
    await screenshot(page, 'corroboration-graph-1280');

    // A click on the node drawn in the canvas lists its claims.
    await clickNode('Reuters');
    const claims = page.getByTestId('node-claims');
    await claims.waitFor();
    expect(await claims.getAttribute('aria-label')).toBe('Claims through Reuters');
    expect(await claims.locator('li').count()).toBe(6);
    await screenshot(page, 'corroboration-graph-node');
    // A click on empty canvas lets go of it.
    const stage = (await page.getByTestId('graph-stage').boundingBox())!;
    await page.mouse.click(stage.x + stage.width - 5, stage.y + stage.height - 5);
    await claims.waitFor({ state: 'detached' });

    // From the keyboard: Tab reaches a source, the arrow keys move across the layers, Enter lists its claims.
    await page.getByRole('button', { name: 'Fit' }).focus();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-label') ?? null);
    expect(await focused()).not.toBeNull();
    for (let i = 0; i < 6 && (await focused()) !== 'Kupol documents seen by Reuters'; i++) {
      const before = await focused();
      await page.keyboard.press('ArrowRight');
      if ((await focused()) === before) await page.keyboard.press('ArrowDown');
    }
    await screenshot(page, 'corroboration-graph-keyboard');
    const label = (await focused())!;
    await page.keyboard.press('Enter');
    await claims.waitFor();
    expect(await claims.getAttribute('aria-label')).toBe(`Claims through ${label}`);
    await claims.getByRole('button', { name: 'Close' }).click();

    await clickNode('Reuters');
    await claims.locator('.node-claim').first().click();
    await expect.poll(() => views().getByRole('tab', { name: 'Read' }).getAttribute('aria-selected')).toBe('true');
    await views().getByRole('tab', { name: 'Graph' }).click();

    // Pan and zoom move the picture.
    const zoomOf = () => page.getByTestId('graph-stage').getAttribute('data-zoom');
    await page.locator('[data-testid="graph-picture"][data-drawn]').waitFor();
    const before = await zoomOf();
    await page.getByTestId('graph-stage').hover({ position: { x: 40, y: 300 } });
    await page.mouse.wheel(0, -400);
    await expect.poll(zoomOf).not.toBe(before);
    const zoomed = await zoomOf();
    await page.mouse.down();
    await page.mouse.move(200, 500, { steps: 5 });
    await page.mouse.up();
    await expect.poll(zoomOf).not.toBe(zoomed);
    await screenshot(page, 'corroboration-graph-zoomed');

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    const svgFile = path.join(app.workspace, 'graph.svg');
    await svgDownload.saveAs(svgFile);
    const exported = new JSDOM(readFileSync(svgFile, 'utf-8'), { contentType: 'image/svg+xml' }).window.document;
    expect(exported.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(exported.documentElement.textContent).toContain('Kupol documents seen by Reuters');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    const pngFile = path.join(app.workspace, 'graph.png');
    await pngDownload.saveAs(pngFile);
    const png = readFileSync(pngFile);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(800);
  });

  test('at 1920×1080 and in the dark theme', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'corroboration-graph-1920-dark');
    await views().getByRole('tab', { name: 'Matrix' }).click();
    await screenshot(page, 'corroboration-matrix-1920-dark');
    await openProposition('Russia set up a drone programme in China');
    await screenshot(page, 'corroboration-proposition-1920-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The README's picture: an article with its claims, beside a proposition and its roots.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await views().getByRole('tab', { name: 'Read' }).click();
    await page.locator('.article-row', { hasText: 'Russia has reportedly established' }).click();
    await page.locator('.reading-text').waitFor();
    for (const close of await page.getByRole('button', { name: 'Dismiss' }).all()) await close.click();
    await page.mouse.move(0, 0);
    await screenshot(page, 'corroboration-workbench-1600');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).toEqual([]);
  });
});
