/**
 * Claims in Chromium when the input is awkward: no selection, page chrome in
 * the way, a selection over two paragraphs, a 10,000-character source name,
 * hostile strings in every field; plus the mouse paths: clicking into nested
 * highlights, the hover chain, the context menu, and find in article.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Casefile } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { highlightSizes, highlightTexts, lastNotice, SEED_FILES, selectText, startCasefile } from './claims-helpers';

let app: RunningApp;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 800 } });
  app.page.on('pageerror', (e) => errors.push(e.message));
  app.page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const { page } = app;
  await startCasefile(page, 'Awkward input');
  await page.getByTestId('import-input').setInputFiles(SEED_FILES[0]!);
  await page.locator('.reading-text').waitFor();
  const summary = page.getByRole('dialog', { name: /Import finished/ });
  if (await summary.isVisible().catch(() => false)) await page.keyboard.press('Escape');
});
afterAll(async () => {
  await app?.stop();
});

const quote = (page: Page) => page.getByTestId('claim-quote').textContent();
const claimCount = (page: Page) => page.locator('.reading-toolbar-count').textContent();

/** The screen point of the middle of `words` in the reading view. */
async function pointOf(page: Page, words: string): Promise<{ x: number; y: number }> {
  return page.evaluate((words) => {
    for (const p of document.querySelectorAll('.reading-text p')) {
      const node = p.firstChild as Text;
      const at = node.data.indexOf(words);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error(`"${words}" not in the reading view`);
  }, words);
}

async function onDisk(): Promise<Casefile> {
  await expect.poll(() => app.page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('Saved');
  const file = readdirSync(app.workspace).find((f) => f.endsWith('.corroborate'))!;
  return JSON.parse(readFileSync(path.join(app.workspace, file), 'utf8')) as Casefile;
}

test('no selection, page chrome in the way, two paragraphs: clear messages, right offsets', async () => {
  const { page } = app;
  await page.locator('.reading-pane').focus();
  await page.keyboard.press('c');
  await expect.poll(() => lastNotice(page)).toMatch(/Select the words of the claim/);

  // Chrome in the middle of a selection is refused; at its edge it is trimmed off.
  await selectText(page, 'This audio is created with AI assistance');
  await page.keyboard.press('x');
  await expect.poll(() => highlightSizes(page).then((s) => s['cb-chrome'])).toBe(1);
  await selectText(page, 'Getty Images)', 'Chinese companies are allegedly');
  await page.keyboard.press('c');
  await expect.poll(() => lastNotice(page)).toMatch(/crosses page chrome/);
  expect(await claimCount(page)).toBe('0 claims');
  await selectText(page, 'This audio is created', 'Chinese companies are allegedly developing');
  await page.keyboard.press('c');
  await expect.poll(() => quote(page)).toBe('Chinese companies are allegedly developing');
  await expect.poll(() => lastNotice(page)).toMatch(/touched page chrome/);
  await selectText(page, 'created with AI');
  await page.keyboard.press('c');
  await expect.poll(() => lastNotice(page)).toMatch(/marked as page chrome/);
  // Unmarking: X on a selection that is all chrome.
  await selectText(page, 'This audio is created with AI assistance');
  await page.keyboard.press('x');
  await expect.poll(() => lastNotice(page)).toMatch(/Unmarked/);
  await expect.poll(() => highlightSizes(page).then((s) => s['cb-chrome'] ?? 0)).toBe(0);

  // Over two paragraphs: one claim, offsets exact, drawn as one highlight.
  await selectText(page, 'The officials, who spoke', 'denies providing lethal aid');
  await page.keyboard.press('c');
  await expect.poll(() => quote(page)).toMatch(/^The officials, who spoke[\s\S]+\n\nAlthough China[\s\S]+denies providing lethal aid$/);
  const cf = await onDisk();
  const claim = Object.values(cf.claims).find((c) => c.quote.exact.startsWith('The officials, who spoke'))!;
  const article = cf.articles[claim.articleId]!;
  expect(article.text.slice(claim.position.start, claim.position.end)).toBe(claim.quote.exact);
  expect(article.excluded).toEqual([]);
  expect((await highlightSizes(page))['cb-untagged']).toBe(2);
});

test('a 10,000-character source name and hostile strings are stored and shown literally; nothing runs', async () => {
  const { page } = app;
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\u202Eevil\u200B\u200D 👩‍👩‍👧';
  const long = `Official ${'x'.repeat(9_991)}`;
  await selectText(page, 'NATO allies have repeatedly warned China');
  await page.keyboard.press('c');
  await expect.poll(() => quote(page)).toBe('NATO allies have repeatedly warned China');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 1');
  await page.keyboard.insertText(long);
  await expect.poll(() => page.locator('.source-options li.create').count()).toBe(1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('cue');
  await page.keyboard.insertText(hostile);
  await page.keyboard.press('Alt+N');
  await page.keyboard.press('3');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Source of hop 2');
  await page.keyboard.insertText(hostile);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByPlaceholder(/Your notes on this claim/).fill(hostile);
  await page.locator('.reading-pane').focus();

  const cf = await onDisk();
  const names = Object.values(cf.sources).map((s) => s.name).sort();
  expect(names).toEqual([hostile, long].sort());
  const claim = Object.values(cf.claims).find((c) => c.quote.exact === 'NATO allies have repeatedly warned China')!;
  expect(claim.chain[0]!.cue).toBe(hostile);
  expect(claim.notes).toBe(hostile);
  expect(claim.chain.map((h) => h.typeId)).toEqual(['official-statement', 'anonymous']);

  // Shown as text everywhere: the inspector, the hover chain, the source registry.
  expect(await page.getByTestId('chain-summary').textContent()).toContain(hostile);
  const at = await pointOf(page, 'repeatedly warned');
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => page.getByTestId('claim-tooltip').textContent()).toContain('<img src=x');
  await screenshot(page, 'claims-hostile-hover-1280');
  await page.mouse.move(0, 0);
  await page.keyboard.press('r');
  await expect.poll(() => page.locator('.source-row').count()).toBe(2);
  await screenshot(page, 'claims-hostile-sources-1280');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('.workbench img, .workbench script').count()).toBe(0);

  // Hops reordered and removed by keyboard, then undone.
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('type');
  const summary = page.getByTestId('chain-summary');
  const before = await summary.textContent();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => summary.textContent()).toMatch(/^The Kyiv Independent → <img src=x[\s\S]* → Official x+$/);
  await page.keyboard.press('Alt+Backspace');
  await expect.poll(() => summary.textContent()).toMatch(/^The Kyiv Independent → Official x+$/);
  expect(await page.getByTestId('hop').count()).toBe(1);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(() => summary.textContent()).toBe(before);
});

test('clicks pick the innermost of nested claims, the context menu creates claims, find skips page chrome', async () => {
  const { page } = app;
  await selectText(page, 'In a statement to Bloomberg, Liu Pengyu', 'to Russia');
  await page.keyboard.press('c');
  await expect.poll(() => quote(page)).toMatch(/^In a statement to Bloomberg/);
  await page.keyboard.press('5');

  // The context menu on a selection, driven by keys once open.
  await selectText(page, 'denied that China is providing lethal aid to Russia');
  const inner = await pointOf(page, 'is providing lethal');
  await page.mouse.click(inner.x, inner.y, { button: 'right' });
  await expect.poll(() => page.getByRole('menu').isVisible()).toBe(true);
  await screenshot(page, 'claims-context-menu-1280');
  await page.keyboard.press('Enter');
  await expect.poll(() => quote(page)).toBe('denied that China is providing lethal aid to Russia');
  await page.keyboard.press('1');

  await page.mouse.click(inner.x, inner.y);
  await expect.poll(() => quote(page)).toBe('denied that China is providing lethal aid to Russia');
  const outer = await pointOf(page, 'Liu Pengyu');
  await page.mouse.click(outer.x, outer.y);
  await expect.poll(() => quote(page)).toMatch(/^In a statement to Bloomberg/);
  const plain = await pointOf(page, 'Western countries');
  await page.mouse.click(plain.x, plain.y);
  await expect.poll(() => page.getByText('No claim selected.').isVisible()).toBe(true);

  // Find in article: matches highlighted, Enter steps, chrome is left out.
  await selectText(page, 'Russian attack on Nikopol', 'end');
  await page.keyboard.press('x');
  await expect.poll(() => lastNotice(page)).toContain('Marked as page chrome');
  await expect.poll(() => highlightTexts(page, 'cb-chrome')).toContainEqual(expect.stringMatching(/^Russian attack on Nikopol/));
  await page.keyboard.press('Control+f');
  await page.keyboard.type('russia');
  const count = page.getByTestId('find-count');
  await expect.poll(() => count.textContent()).toMatch(/^1 of \d+$/);
  const total = Number((await count.textContent())!.split(' of ')[1]);
  expect((await highlightSizes(page))['cb-find']).toBe(total);
  await page.keyboard.press('Enter');
  await expect.poll(() => count.textContent()).toBe(`2 of ${total}`);
  await screenshot(page, 'claims-find-1280');
  await page.getByRole('searchbox', { name: 'Find in article' }).fill('Nikopol');
  await expect.poll(() => count.textContent()).toBe('No matches');
  await page.keyboard.press('Escape');
  await expect.poll(() => highlightSizes(page).then((s) => s['cb-find'] ?? 0)).toBe(0);
  expect(errors).toEqual([]);
});
