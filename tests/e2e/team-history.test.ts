/**
 * History of a team casefile end to end in Chromium: a real team server and
 * two browser-mode hosts (Dana, Ben). They edit; Dana marks a point in
 * Review ▸ Compare history points…; both edit more; Dana marks a second
 * point and compares the two: Review lists exactly the later changes, each
 * with who made it, read-only (nothing to merge).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { screenshot } from '../support/browser';
import { smallCasefile } from '../support/random-commands';
import { chooseClaim, notesOf, openFromLink, setNotes, shareCasefile, startTeamRig, workspaceWith, type TeamRig } from '../support/team-browser';

let rig: TeamRig;

beforeAll(async () => {
  rig = await startTeamRig([['dana', 'Dana Whitfield'], ['ben', 'Ben Okafor']]);
});
afterAll(async () => {
  await rig?.close();
});

async function claimCount(page: Page): Promise<number> {
  await page.getByLabel('Panels').getByRole('tab', { name: 'Claims', exact: true }).click();
  const scope = page.getByRole('group', { name: 'Show claims of' });
  if (await scope.isVisible()) await scope.getByRole('button', { name: 'Casefile' }).click();
  // The panel's count, not the list's rows: the list draws only the rows in view.
  const counted = /of ([\d,]+) claims?/.exec((await page.getByTestId('claims-count').textContent()) ?? '');
  return Number(counted?.[1]?.replace(/,/g, '') ?? NaN);
}

/** Review ▸ Compare history points… ▸ label ▸ Enter: a marked point. */
async function markPoint(page: Page, label: string): Promise<void> {
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Compare history points…' }).click();
  const dialog = page.getByTestId('history-dialog');
  await dialog.getByLabel('Label for a new point').fill(label);
  await dialog.getByLabel('Label for a new point').press('Enter');
  await dialog.getByTestId('history-points').getByText(label, { exact: true }).waitFor();
}

test('mark a point, edit more, compare two points: exactly the later changes, with who made them', async () => {
  const workspace = workspaceWith('drones', smallCasefile(23), 'cf_history', 'Drone parts for Russia');
  const dana = await rig.analystPage('Dana Whitfield', workspace);
  await dana.getByRole('button', { name: /^drones/ }).first().click();
  const link = await shareCasefile(dana, rig, 'dana');
  // The app's own point on opening is taken once the first sync has settled (2 s), unless a point was marked before: wait for it.
  const folder = path.join(workspace, '.drones.corroborate.team', 'history');
  const openedPoint = () => (existsSync(folder) ? readdirSync(folder) : []).find((f) => f.endsWith('.json') && readFileSync(path.join(folder, f), 'utf8').includes('"kind": "opened"'));
  await expect.poll(openedPoint, { timeout: 15_000 }).toBeDefined();
  await rig.admin('roles', { team: 'desk', casefileId: 'cf_history', analyst: 'ben', role: 'editor' });
  const ben = await rig.analystPage('Ben Okafor');
  await openFromLink(ben, link, rig.tokens.ben!);

  // Before the point: an edit of Dana's, seen by Ben.
  await setNotes(dana, 0, 'Dana: before the briefing');
  await expect.poll(() => notesOf(ben, 0), { timeout: 15_000 }).toBe('Dana: before the briefing');

  // Dana marks the point; the label typed is kept if she closes the dialog first.
  await dana.getByRole('tab', { name: 'Review' }).click();
  await dana.getByRole('button', { name: 'Compare history points…' }).click();
  await dana.getByTestId('history-dialog').getByLabel('Label for a new point').fill('Before the 18:00 briefing');
  await dana.keyboard.press('Escape');
  await dana.getByRole('button', { name: 'Compare history points…' }).click();
  expect(await dana.getByTestId('history-dialog').getByLabel('Label for a new point').inputValue()).toBe('Before the 18:00 briefing');
  await dana.getByTestId('history-dialog').getByLabel('Label for a new point').press('Enter');
  await dana.getByTestId('history-points').getByText('Before the 18:00 briefing', { exact: true }).waitFor();
  expect(await dana.getByTestId('history-dialog').getByLabel('Label for a new point').inputValue()).toBe('');
  await dana.keyboard.press('Escape');

  // After the point: Ben changes one claim and removes another, Dana changes a third.
  const claimsBefore = await claimCount(dana);
  expect(claimsBefore).toBeGreaterThan(3);
  await setNotes(ben, 1, 'Ben: the ministry confirmed the shipment');
  await chooseClaim(ben, 3);
  await ben.getByRole('button', { name: 'Delete claim' }).click();
  if (await ben.getByRole('dialog').isVisible()) await ben.keyboard.press('Enter');
  await setNotes(dana, 2, 'Dana: second source is the Times');
  await expect.poll(() => notesOf(dana, 1), { timeout: 15_000 }).toBe('Ben: the ministry confirmed the shipment');
  await expect.poll(() => claimCount(dana), { timeout: 15_000 }).toBe(claimsBefore - 1);

  await markPoint(dana, 'After the briefing');
  const dialog = dana.getByTestId('history-dialog');
  const after = dialog.getByTestId('history-points').getByRole('row', { name: /After the briefing/ });
  expect(await after.textContent()).toMatch(/Ben Okafor, Dana Whitfield|Dana Whitfield, Ben Okafor/);
  const fromSelect = dialog.getByLabel('From (earlier)');
  const toSelect = dialog.getByLabel('To (later)');
  await fromSelect.selectOption((await fromSelect.locator('option', { hasText: 'Before the 18:00 briefing' }).getAttribute('value'))!);
  await toSelect.selectOption((await toSelect.locator('option', { hasText: 'After the briefing' }).getAttribute('value'))!);
  await screenshot(dana, 'team-history-dialog');
  await dialog.getByRole('button', { name: 'Compare' }).click();
  await dialog.waitFor({ state: 'detached' });

  // Exactly the three later changes, each credited to who made it; nothing to merge.
  const list = dana.getByRole('listbox', { name: /Differences/ });
  await expect.poll(() => list.getByRole('option').count()).toBe(3);
  const items = await list.getByRole('option').allTextContents();
  expect(items.filter((t) => t.startsWith('Notes changed')).length).toBe(2);
  expect(items.filter((t) => t.startsWith('Claim removed')).length).toBe(1);
  expect(await dana.getByTestId('history-note').textContent()).toContain('“Before the 18:00 briefing”');
  await expect.poll(() => dana.getByTestId('history-readonly').isVisible()).toBe(true);
  expect(await dana.getByRole('button', { name: /Merge/ }).count()).toBe(0);
  const seen: string[] = [];
  for (let i = 0; i < 3; i++) {
    await list.getByRole('option').nth(i).click();
    const detail = dana.getByRole('region', { name: 'Difference' });
    const later = await detail.locator('.side-theirs').textContent();
    const credit = (await detail.getByTestId('credit-theirs').count()) ? await detail.getByTestId('credit-theirs').textContent() : '';
    const details = (await detail.locator('.review-details').count()) ? await detail.locator('.review-details').textContent() : '';
    seen.push(`${later} | ${credit} | ${details}`);
    if (later?.includes('Removed')) {
      await detail.locator('.review-details').scrollIntoViewIfNeeded();
      await screenshot(dana, 'team-history-removed');
    }
    expect(await detail.getByRole('button', { name: /Accept/ }).count()).toBe(0);
    if (i === 0) {
      await screenshot(dana, 'team-history-differences');
      await detail.locator('.review-sides').scrollIntoViewIfNeeded();
      await screenshot(dana, 'team-history-who');
    }
  }
  expect(seen.some((s) => s.includes('Ben: the ministry confirmed the shipment') && /changed by Ben Okafor/.test(s))).toBe(true);
  expect(seen.some((s) => s.includes('Dana: second source is the Times') && /changed by Dana Whitfield/.test(s))).toBe(true);
  expect(seen.some((s) => s.includes('Removed') && /removed by Ben Okafor/.test(s))).toBe(true);
  expect(seen.join(' ')).not.toContain('before the briefing');
  // The N key steps through them as in any review.
  await dana.keyboard.press('n');

  // Agreement between the two points, with Review's machinery.
  await dana.getByRole('tab', { name: 'Agreement' }).click();
  await screenshot(dana, 'team-history-agreement');

  // A damaged point: its description unreadable, another's snapshot cut short. The dialog lists the one, Compare names the other; the rest still works.
  const opening = openedPoint()!;
  const snapshot = path.join(folder, opening.replace(/\.json$/, '.casefile.gz'));
  writeFileSync(snapshot, readFileSync(snapshot).subarray(0, 30));
  writeFileSync(path.join(folder, 'hp_zzzzzzzzz_broken.json'), '{ "format": "corroborate-history-point", ');
  await dana.getByRole('button', { name: 'Compare history points…' }).click();
  const again = dana.getByTestId('history-dialog');
  await again.getByText('One point cannot be read').waitFor();
  const from = again.getByLabel('From (earlier)');
  await from.selectOption((await from.locator('option', { hasText: 'Opened, in step' }).getAttribute('value'))!);
  await again.getByRole('button', { name: 'Compare' }).click();
  await dana.getByText(/“Opened, in step with the team server” of .* cannot be read: its snapshot .* is damaged/).first().waitFor();
  await screenshot(dana, 'team-history-damaged');
  expect(await again.isVisible()).toBe(true);
  await from.selectOption((await from.locator('option', { hasText: 'After the briefing' }).getAttribute('value'))!);
  await again.getByRole('button', { name: 'Compare' }).click();
  await again.waitFor({ state: 'detached' });
  await dana.getByRole('tab', { name: /Differences/ }).click();
  await dana.getByText('Nothing changed.').waitFor();

  // Keyboard only: open the dialog, mark a point, choose, compare.
  const focused = () => dana.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? ''}` : '';
  });
  await dana.getByRole('button', { name: 'Compare history points…' }).focus();
  await dana.keyboard.press('Enter');
  const byKeys = dana.getByTestId('history-dialog');
  await byKeys.waitFor();
  expect(await focused()).toBe('button:Close');
  await dana.keyboard.press('Tab');
  expect(await focused()).toMatch(/^input:/);
  await dana.keyboard.type('Typed at the keyboard');
  await dana.keyboard.press('Enter');
  await byKeys.getByTestId('history-points').getByText('Typed at the keyboard', { exact: true }).waitFor();
  await dana.keyboard.press('Tab'); // the Mark button is disabled (no label): From is next
  expect(await focused()).toMatch(/^select:/);
  await dana.keyboard.press('Tab');
  await dana.keyboard.press('ArrowDown'); // To: from Now to the newest point
  await dana.keyboard.press('Tab');
  await dana.keyboard.press('Tab');
  expect(await focused()).toBe('button:Compare');
  await screenshot(dana, 'team-history-keyboard');
  await dana.keyboard.press('Enter');
  await byKeys.waitFor({ state: 'detached' });
  expect(await dana.getByTestId('history-note').textContent()).toContain('to “Typed at the keyboard”');
  expect(rig.pageErrors).toEqual([]);
});
