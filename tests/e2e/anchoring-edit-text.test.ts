/**
 * Editing an article's text in Chromium: claims that keep their words stay,
 * one whose words changed is flagged moved, one whose words are gone is
 * orphaned with its quote; the analyst accepts the first and re-attaches the
 * second to a selection; undo restores the original text.
 *
 * Claims are made as an analyst makes them: text selected in the reading
 * view (programmatically, as a drag would) and the key C.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { seedPath } from '../support/fixtures';
import { apiFromPage } from '../support/page-api';

const SEED_000 = seedPath('000');
const QUOTES = {
  kept: 'Chinese companies are allegedly developing attack drones similar to the Iranian-produced Shahed-type drone',
  reworded: 'Chinese and Russian companies held talks in 2023 to develop an attack drone',
  deleted: 'denied that China is providing lethal aid to Russia',
};

let app: RunningApp;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp();
  app.page.on('pageerror', (e) => errors.push(e.message));
});
afterAll(async () => {
  await app?.stop();
});


/** Selects `passage` in the reading view, as a mouse drag would. */
async function selectInReadingView(page: Page, passage: string): Promise<void> {
  await page.evaluate((passage) => {
    for (const p of document.querySelectorAll<HTMLElement>('.reading-text [data-start]')) {
      const node = p.firstChild!;
      const at = (node.textContent ?? '').indexOf(passage);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + passage.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`passage not found: ${passage}`);
  }, passage);
}

test('after an edit of the text, claims are exact, moved or orphaned in the UI, and can be accepted and re-attached', async () => {
  const { page } = app;
  const panel = page.locator('.anchors-panel');
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Drones for Russia');
  await page.getByRole('button', { name: 'Create casefile' }).click();

  await page.getByTestId('import-input').setInputFiles(SEED_000);
  await page.getByRole('option', { name: /Allies believe/ }).first().click();
  await expect.poll(() => page.locator('.reading-text [data-start]').count()).toBeGreaterThan(10);

  // Three claims, made as an analyst does: select the words, press C.
  for (const [i, quote] of Object.values(QUOTES).entries()) {
    await selectInReadingView(page, quote);
    await page.keyboard.press('c');
    await expect.poll(() => page.getByRole('option', { name: /Allies believe/ }).first().textContent()).toContain(`${i + 1} claim`);
  }
  await page.evaluate(() => getSelection()?.removeAllRanges());

  // Edit: reword the second claim's sentence, delete the passage of the third.
  await page.getByRole('tab', { name: 'Anchors' }).click();
  await expect.poll(() => page.getByText('Every claim is in place.').isVisible()).toBe(true);
  await panel.getByRole('button', { name: 'Edit text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit text' });
  const edited = (await dialog.getByLabel('Article text').inputValue())
    .replace('held talks in 2023 to develop', 'held negotiations in 2023 to develop')
    .replace(/In a statement to Bloomberg, Liu Pengyu[^\n]*\n/, '');
  await dialog.getByLabel('Article text').fill(edited);
  await expect.poll(() => page.getByTestId('edit-text-preview').textContent())
    .toBe('After saving, 3 claims: 1 in place, 1 moved (to review), 1 orphaned (to re-attach).');
  await screenshot(page, 'anchoring-edit-text-dialog');
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);

  const moved = page.locator('.anchor-item.anchor-moved');
  const orphaned = page.locator('.anchor-item.anchor-orphaned');
  await expect.poll(() => moved.count()).toBe(1);
  expect(await moved.locator('.anchor-exact').textContent()).toBe('Chinese and Russian companies held negotiations in 2023 to develop an attack drone');
  expect(await orphaned.count()).toBe(1);
  expect(await orphaned.locator('.anchor-exact').textContent()).toBe(QUOTES.deleted);
  expect(await page.locator('.reading-text').textContent()).not.toContain('Liu Pengyu');
  await screenshot(page, 'anchoring-anchors-panel');

  // Accept the moved claim where it is.
  await moved.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => moved.count()).toBe(0);

  // Re-attach the orphan to a passage selected in the reading view.
  const passage = 'NATO allies have repeatedly warned China against providing Russia with lethal military aid';
  await selectInReadingView(page, passage);
  await orphaned.getByRole('button', { name: 'Re-attach to selection' }).click();
  await expect.poll(() => orphaned.count()).toBe(0);
  expect(await page.getByText('Every claim is in place.').isVisible()).toBe(true);
  await screenshot(page, 'anchoring-all-in-place');

  // The casefile saved on disk agrees, and undo steps back to the original text.
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  const reopened = await apiFromPage<{ casefile: { claims: Record<string, { anchor: string; quote: { exact: string } }> } }>(
    page, 'openCasefile', { path: (await apiFromPage<{ path: string }[]>(page, 'listCasefiles', {}))[0]!.path, mode: 'read-only' },
  );
  const saved = Object.values(reopened.casefile.claims).map((c) => [c.anchor, c.quote.exact]);
  expect(saved).toEqual(expect.arrayContaining([
    ['exact', QUOTES.kept], ['exact', 'Chinese and Russian companies held negotiations in 2023 to develop an attack drone'], ['exact', passage],
  ]));
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => page.locator('.reading-text').textContent()).toContain('Liu Pengyu');
  expect(await page.getByText('Every claim is in place.').isVisible()).toBe(true);
  expect(errors).toEqual([]);
});

test('the Anchors panel reads well in the dark theme at 1920×1080; another version loads from a file', async () => {
  const { page } = app;
  const panel = page.locator('.anchors-panel');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await panel.getByRole('button', { name: 'Edit text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit text' });
  const text = await dialog.getByLabel('Article text').inputValue();
  await dialog.getByLabel('Article text').fill(text.replace(/Iran has been producing[^\n]*\n/, ''));
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await expect.poll(() => page.locator('.anchor-item.anchor-orphaned').count()).toBe(0);
  await expect.poll(() => page.getByText('Every claim is in place.').isVisible()).toBe(true);
  await panel.getByRole('button', { name: 'Edit text…' }).click();
  await page.getByRole('dialog', { name: 'Edit text' }).getByLabel('Article text').fill(readFileSync(SEED_000, 'utf-8').replace(/Chinese companies are allegedly developing[^\n]*\n/, ''));
  await page.getByRole('dialog', { name: 'Edit text' }).getByRole('button', { name: 'Save text' }).click();
  await expect.poll(() => page.locator('.anchor-item.anchor-orphaned').count()).toBe(1);
  await page.keyboard.press('Tab');
  await screenshot(page, 'anchoring-anchors-dark-1920');

  // Seed 001 is the same article without the page chrome; loaded from its file, it brings the orphan's words back.
  await panel.getByRole('button', { name: 'Edit text…' }).click();
  await page.getByTestId('replace-text-input').setInputFiles(seedPath('001'));
  await expect.poll(() => page.getByRole('dialog', { name: 'Edit text' }).count()).toBe(0);
  await expect.poll(() => page.locator('.reading-text').textContent()).not.toContain('Skip to content');
  await expect.poll(() => page.getByText('Every claim is in place.').isVisible()).toBe(true);
  expect(await page.getByText('Text saved. Claims: 3 in place.').count()).toBeGreaterThan(0);
  await page.emulateMedia({ colorScheme: 'light' });
});
