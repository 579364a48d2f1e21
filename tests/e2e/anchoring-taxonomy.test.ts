/**
 * The sourcing types panel in Chromium: rename, recolour, reorder, hide and
 * add types, save as one undoable step, export the taxonomy as CSV and import
 * one back (a bad file is refused with row-by-row reasons).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';

let app: RunningApp;
const errors: string[] = [];

beforeAll(async () => {
  app = await launchApp();
  app.page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  app.page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
});
afterAll(async () => {
  await app?.stop();
});

const labels = () => app.page.locator('.type-row .type-label').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

test('an analyst adapts the sourcing types and moves them between casefiles as CSV', async () => {
  const { page } = app;
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Title').fill('Drones for Russia');
  await page.getByRole('button', { name: 'Create casefile' }).click();
  await page.getByRole('tab', { name: 'Types' }).click();
  expect(await labels()).toEqual([
    'Named official', 'Official statement', 'Anonymous', 'Named expert', 'Outlet citing outlet', 'Document', 'Direct observation', 'Unattributed',
  ]);
  await screenshot(page, 'anchoring-types-panel');

  await page.getByLabel('Label of Anonymous').fill('Unnamed sources');
  await page.getByLabel('Colour of Unnamed sources').fill('#000000');
  await page.getByRole('button', { name: 'Move Document up' }).click();
  await page.locator('[data-type-id="direct-observation"]').getByLabel('Hidden').check();
  await page.getByLabel('New type label').fill('<img src=x onerror=alert(1)> State media');
  await page.getByRole('button', { name: 'Add type' }).click();
  await page.getByLabel('Label of Named expert').fill('Named official');
  expect(await page.getByRole('alert').filter({ hasText: 'Two types are called “Named official”.' }).isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
  await page.getByLabel('Label of Named official').nth(1).fill('Named expert');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
  expect(await labels()).toEqual([
    'Named official', 'Official statement', 'Unnamed sources', 'Named expert', 'Document', 'Outlet citing outlet', 'Direct observation', 'Unattributed',
    '<img src=x onerror=alert(1)> State media',
  ]);
  // Hidden types have no number key; the new type takes key 8.
  expect(await page.locator('.type-key').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '–', '7', '8']);
  expect(await page.locator('img').count()).toBe(0);
  await screenshot(page, 'anchoring-types-edited');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf-8').split('\n');
  expect((await download).suggestedFilename()).toBe('Drones-for-Russia-sourcing-types.csv');
  expect(csv[0]).toBe('id,label,color,description,hidden');
  expect(csv[3]).toBe('anonymous,Unnamed sources,#000000,Unnamed people described by role; keep the description and the count.,false');
  expect(csv).toContain('direct-observation,Direct observation,#F0E442,The reporter or an eyewitness saw it.,true');
  expect(csv.at(-1)).toMatch(/^img-src-x-onerror-alert-1-state-media,<img src=x onerror=alert\(1\)> State media,#/);

  // A bad file is refused, naming each problem; nothing changes.
  await page.getByTestId('taxonomy-csv-input').setInputFiles({
    name: 'desk-taxonomy.csv', mimeType: 'text/csv',
    buffer: Buffer.from('id,label,color\nanonymous,Anonymous,orange\nbad id,Leak,#FF0000\n'),
  });
  const refusal = page.getByRole('alert').filter({ hasText: 'desk-taxonomy.csv was not imported' });
  await expect.poll(() => refusal.isVisible()).toBe(true);
  expect(await refusal.textContent()).toContain('Row 2: the colour “orange” is not a hex colour like #0072B2.');
  expect(await refusal.textContent()).toContain('Row 3: the id “bad id” may only use letters');
  await screenshot(page, 'anchoring-types-bad-csv');

  // A good one replaces the list after the analyst saves it.
  await page.getByTestId('taxonomy-csv-input').setInputFiles({
    name: 'desk-taxonomy.csv', mimeType: 'text/csv',
    buffer: Buffer.from('id,label,color,description,hidden\nnamed-official,Official (named),#0072B2,,\nanonymous,Anonymous,#D55E00,Unnamed,\nleak,Leaked document,#E69F00,,\n'),
  });
  await expect.poll(labels).toEqual(['Official (named)', 'Anonymous', 'Leaked document']);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
  expect(await labels()).toEqual(['Official (named)', 'Anonymous', 'Leaked document']);

  // One undo restores the edited taxonomy as it was before the import.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => labels().then((l) => l.length)).toBe(9);
  expect(errors).toEqual([]);
});
