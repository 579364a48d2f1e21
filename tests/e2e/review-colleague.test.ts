/**
 * Reviewing a colleague's casefile, end to end in Chromium: Dana opens Sam's
 * casefile of the seed articles beside hers, steps through the differences by
 * keyboard, accepts two, rejects one, comments on one, merges, closes and
 * reopens: exactly the merged items are in her casefile, the rejection and
 * the comment are still there, and Sam's file was never written.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Casefile } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { danasCasefile, P, SAM, samsCasefile } from '../unit/review/seed-pair';
import { casefileOfA, copyChangedByB } from '../unit/review/shared-history';
import { selectText } from './claims-helpers';

const DANA = 'Dana Whitfield';
const BO = 'Bo Li';

const HOSTILE = '<img src=x onerror="window.pwned=1">Background, not about China.';

let app: RunningApp;
let page: Page;
const pageErrors: string[] = [];
let samFile: string;

function fingerprint(file: string) {
  return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), mtimeMs: statSync(file).mtimeMs };
}

beforeAll(async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-review-e2e-'));
  writeFileSync(path.join(workspace, 'dana.corroborate'), JSON.stringify(danasCasefile()));
  const sam: Casefile = structuredClone(samsCasefile());
  sam.claims.t4!.notes = HOSTILE;
  samFile = path.join(workspace, 'sam.corroborate');
  writeFileSync(samFile, JSON.stringify(sam));
  // Two files that share history: Dana's, and Bo's, which began as a copy of it.
  const shared = casefileOfA(DANA);
  writeFileSync(path.join(workspace, 'shared-dana.corroborate'), JSON.stringify(shared));
  writeFileSync(path.join(workspace, 'shared-bo.corroborate'), JSON.stringify(copyChangedByB(shared, BO)));
  app = await launchApp({ workspace });
  page = app.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await app?.stop();
});

const list = () => page.getByRole('listbox', { name: /^Differences/ });
const selectedItem = () => list().locator('[aria-selected="true"]');
const detail = () => page.getByRole('region', { name: 'Difference' });

async function openMine(): Promise<void> {
  await page.getByRole('button', { name: /^dana/ }).first().click();
  await page.getByRole('tab', { name: 'Review' }).click();
}

async function openSams(): Promise<void> {
  await page.getByRole('button', { name: 'Open colleague’s file…' }).first().click();
  const dialog = page.getByTestId('review-open-dialog');
  await dialog.getByRole('button', { name: /^sam/ }).click();
  await list().waitFor();
}

async function filterKind(label: string): Promise<void> {
  await page.getByRole('group', { name: 'Filter differences' }).getByLabel('Kind').selectOption({ label });
}

test('open a colleague’s file, step through, accept two, reject one, comment, merge, reopen', async () => {
  const before = fingerprint(samFile);
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await openMine();
  await screenshot(page, 'review-empty');
  await openSams();
  await expect.poll(() => page.getByRole('tab', { name: /Differences/ }).textContent()).toBe('Differences14');
  await screenshot(page, 'review-differences-1280');

  // Step through by keyboard.
  const first = await selectedItem().textContent();
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  const third = await selectedItem().textContent();
  expect(third).not.toBe(first);
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  expect(await selectedItem().textContent()).toBe(first);

  // Hostile notes from their file are shown as text, and nothing runs.
  await filterKind('Different notes (1)');
  await expect.poll(() => detail().getByText(HOSTILE).count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  // Reject it: keep mine.
  await page.keyboard.press('r');
  await expect.poll(() => selectedItem().textContent()).toContain('Rejected');

  // Accept Sam's sourcing type for Liu Pengyu (the first sourcing-type difference).
  await filterKind('Different sourcing type (3)');
  await expect.poll(() => detail().textContent()).toContain('Official statement: Liu Pengyu');
  await detail().getByRole('button', { name: /^Accept/ }).click();
  // Accept Sam's claim on the export controls statement.
  await filterKind('Claim only in theirs (2)');
  await list().getByRole('option', { name: /rigorous export controls/ }).click();
  await page.keyboard.press('a');
  await expect.poll(() => page.getByTestId('decision-counts').textContent()).toBe('2 accepted · 1 rejected · 11 undecided');

  // Comment on the stance difference, on the claim.
  await filterKind('Different stance (1)');
  await detail().getByText('Disputed').click();
  await page.keyboard.press('Escape');
  await detail().getByLabel(/Comment on this claim/).fill('Sam reads this as a mention; it asserts lethal aid. Keep “supports”.');
  await detail().getByRole('button', { name: 'Save comment' }).click();
  await expect.poll(() => detail().getByRole('list', { name: 'Review comments' }).textContent()).toContain('Disputed · Dana Whitfield');
  await screenshot(page, 'review-comment');

  await filterKind('All kinds (14)');
  await page.getByRole('button', { name: 'Merge 2 accepted into my casefile' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Last merge' }).textContent()).toContain(`1 claim added from theirs, with their sourcing (claim marked by ${SAM}, `);
  await expect.poll(() => page.getByRole('tab', { name: /Differences/ }).textContent()).toBe('Differences12');
  await screenshot(page, 'review-merged');

  await page.getByRole('tab', { name: 'Agreement' }).click();
  await expect.poll(() => page.getByTestId('kappa').textContent()).toMatch(/^κ = 0\.\d\d$/);
  await screenshot(page, 'review-agreement-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'review-agreement-1920');
  await page.getByRole('tab', { name: /Differences/ }).click();
  await screenshot(page, 'review-differences-1920');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'review-differences-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Close, reload, reopen: exactly the merged items, the rejection and the comment are there.
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: /^dana/ }).first().waitFor();
  await page.reload();
  await openMine();
  await openSams();
  await expect.poll(() => page.getByRole('tab', { name: /Differences/ }).textContent()).toBe('Differences12');
  expect(await list().getByRole('option', { name: /rigorous export controls/ }).count()).toBe(0);
  await filterKind('Different notes (1)');
  await expect.poll(() => selectedItem().textContent()).toContain('Rejected');
  await page.getByRole('tab', { name: /Comments/ }).click();
  const comments = page.locator('.review-comment-item');
  await expect.poll(() => comments.count()).toBe(1);
  expect(await comments.first().textContent()).toContain('Sam reads this as a mention');
  expect(await comments.first().textContent()).toContain('Disputed');
  await screenshot(page, 'review-comments-reopened');

  const mine = JSON.parse(readFileSync(path.join(app.workspace, 'dana.corroborate'), 'utf8')) as Casefile;
  expect(mine.claims.t13).toMatchObject({ createdBy: SAM });
  expect(mine.claims.m2!.modifiedBy).toBe(SAM);
  expect(Object.values(mine.reviews)).toEqual([expect.objectContaining({ by: 'Dana Whitfield', status: 'disputed', target: { kind: 'claim', id: 'm10' } })]);
  expect(fingerprint(samFile)).toEqual(before);
  expect(pageErrors).toEqual([]);
});

test('my own casefile cannot be opened as the colleague’s', async () => {
  await page.getByRole('tab', { name: /Differences/ }).click();
  await page.getByRole('button', { name: 'Open colleague’s file…' }).first().click();
  const dialog = page.getByTestId('review-open-dialog');
  // My own file is not offered in the workspace list…
  expect(await dialog.getByRole('button', { name: /^dana/ }).count()).toBe(0);
  // …and uploading a file of a newer format says what to do.
  const future = { ...danasCasefile(), formatVersion: 99 };
  await page.getByTestId('review-upload').setInputFiles({ name: 'future.corroborate', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(future)) });
  await expect.poll(() => page.locator('.notice-error').last().textContent()).toContain('Update Corroborate to open it');
  await screenshot(page, 'review-newer-format');
});

/** "3 Dec 14:02" in the browser's time zone (the year only when it is not this one). */
const WHEN = String.raw`\d{1,2} [A-Z][a-z]{2}( \d{4})? \d\d:\d\d`;

test('files that share history: every difference is credited to whoever made that side, never to the names the file lists', async () => {
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: /^shared-dana/ }).first().click();

  // Dana retypes Liu Pengyu's denial in her file, at the keyboard: official statement.
  await page.getByLabel('Views').getByRole('tab', { name: 'Read' }).click();
  await page.locator('.article-row[data-article-id="a000"]').click();
  await page.locator('.reading-text').waitFor();
  await selectText(page, P.liu);
  await page.keyboard.press('c');
  // "A claim already covers exactly this text; it is now selected": read, then out of the way.
  await page.locator('.notice').first().waitFor();
  const dismissAll = async () => {
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    while (await dismiss.count()) await dismiss.first().click();
  };
  await dismissAll();
  await page.keyboard.press('2');
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');

  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Open colleague’s file…' }).first().click();
  await page.getByTestId('review-open-dialog').getByRole('button', { name: /^shared-bo/ }).click();
  await list().waitFor();
  await expect.poll(() => page.getByRole('tab', { name: /Differences/ }).textContent()).toBe('Differences3');
  // Bo's file lists both of us; it is labelled with Bo alone.
  expect(await page.locator('.review-colleague select option:checked').textContent()).toBe(`${BO} — shared-bo.corroborate`);

  await dismissAll();
  const credits = async () => ({ mine: await detail().getByTestId('credit-mine').textContent(), theirs: await detail().getByTestId('credit-theirs').textContent() });

  await filterKind('Different stance (1)');
  const stance = await credits();
  expect(stance.theirs).toMatch(new RegExp(`^stance changed by ${BO}, ${WHEN} · added by ${DANA}, ${WHEN}$`));
  expect(stance.mine).toMatch(new RegExp(`^added by ${DANA}, ${WHEN}$`));
  await detail().locator('.review-sides').scrollIntoViewIfNeeded();
  await screenshot(page, 'review-shared-history-stance');

  await filterKind('Different sourcing type (2)');
  await list().getByRole('option', { name: /wasn’t aware of the project/ }).click();
  const bosType = await credits();
  expect(bosType.theirs).toMatch(new RegExp(`^chain changed by ${BO}, ${WHEN} · chain set by ${DANA}, ${WHEN}$`));
  expect(bosType.mine).toMatch(new RegExp(`^chain set by ${DANA}, ${WHEN}$`));

  await list().getByRole('option', { name: /denied that China is providing lethal aid/ }).click();
  const danasType = await credits();
  expect(danasType.mine).toMatch(new RegExp(`^chain changed by ${DANA}, ${WHEN} · chain set by ${DANA}, ${WHEN}$`));
  expect(danasType.theirs).toMatch(new RegExp(`^chain set by ${DANA}, ${WHEN}$`));
  expect(danasType.theirs).not.toContain(BO);
  await detail().locator('.review-sides').scrollIntoViewIfNeeded();
  await screenshot(page, 'review-shared-history-mine');

  // Accept Bo's stance and merge: the summary credits Bo, by his record.
  await filterKind('Different stance (1)');
  await page.keyboard.press('a');
  await filterKind('All kinds (3)');
  await page.getByRole('button', { name: 'Merge 1 accepted into my casefile' }).click();
  const merged = page.getByRole('status').filter({ hasText: 'Last merge' });
  await expect.poll(() => merged.textContent()).toMatch(new RegExp(`1 stance changed \\(stance changed by ${BO}, ${WHEN}\\)`));
  expect(await merged.textContent()).not.toContain(DANA);
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');
  const mine = JSON.parse(readFileSync(path.join(app.workspace, 'shared-dana.corroborate'), 'utf8')) as Casefile;
  expect(mine.propositions.p1!.members.find((m) => m.claimId === 'c3')).toMatchObject({ stance: 'mentions', addedBy: DANA, modifiedBy: BO });
  expect(mine.claims.c2!.chainProvenance).toMatchObject({ createdBy: DANA, modifiedBy: DANA });
  expect(pageErrors).toEqual([]);
});
