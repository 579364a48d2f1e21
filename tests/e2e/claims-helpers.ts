/** Shared steps of the claims end-to-end specs. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { seedPaths } from '../support/fixtures';
export const SEED_FILES = seedPaths();

export async function startCasefile(page: Page, title: string): Promise<void> {
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
}

export async function importSeeds(page: Page): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(SEED_FILES);
  await expect.poll(() => page.locator('.article-row').count(), { timeout: 30_000 }).toBe(SEED_FILES.length);
  // The import summary opens as a dialog; Esc closes it.
  const summary = page.getByRole('dialog', { name: /Import finished/ });
  await summary.waitFor({ timeout: 5_000 }).catch(() => undefined);
  if (await summary.isVisible()) await page.keyboard.press('Escape');
  await expect.poll(() => summary.isVisible()).toBe(false);
}

/** Selects the article whose text contains `words` with the keyboard: focus the list, then arrow keys. */
export async function openArticleByKeys(page: Page, words: string): Promise<void> {
  await page.locator('.article-scroller').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < SEED_FILES.length; i++) {
    await page.locator('.reading-text').waitFor();
    if ((await page.locator('.reading-text').textContent())?.includes(words)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No article contains "${words}"`);
}

/**
 * Selects text in the reading view as a mouse drag would: from the first
 * occurrence of `from` to the end of `to` (or of `from`), across paragraphs.
 */
export async function selectText(page: Page, from: string, to?: string | 'end'): Promise<void> {
  const ok = await page.evaluate(({ from, to }) => {
    const nodes = [...document.querySelectorAll('.reading-text p')].map((p) => p.firstChild as Text);
    const startNode = nodes.find((n) => n.data.includes(from));
    if (!startNode) return false;
    const start = startNode.data.indexOf(from);
    let endNode: Text | undefined = startNode;
    let end = start + from.length;
    if (to === 'end') {
      endNode = nodes[nodes.length - 1]!;
      end = endNode.length;
    } else if (to) {
      endNode = nodes.slice(nodes.indexOf(startNode)).find((n) => n.data.includes(to));
      if (!endNode) return false;
      end = endNode.data.indexOf(to) + to.length;
    }
    const range = document.createRange();
    range.setStart(startNode, start);
    range.setEnd(endNode, end);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }, { from, to });
  expect(ok, `text "${from}" in the reading view`).toBe(true);
}

/** How many ranges each highlight layer holds. */
export async function highlightSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => Object.fromEntries([...CSS.highlights.entries()].map(([name, h]) => [name, h.size])));
}

/** The text under each range of one highlight layer. */
export async function highlightTexts(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layer) => [...(CSS.highlights.get(layer) ?? [])].map((r) => {
    const range = document.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return range.toString();
  }), layer);
}

export async function lastNotice(page: Page): Promise<string> {
  return (await page.locator('.notice').last().textContent()) ?? '';
}
