/**
 * Importing a REFI-QDA project from the welcome screen, in a real browser:
 * the dialog lists the codes with the proposed mapping and what is not
 * carried over; the analyst changes one code's target and imports.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rootTypeId } from '../../shared/model/casefile';
import { Casefile } from '../../shared/model/schema';
import { launchApp, type RunningApp } from '../support/app';
import { screenshot } from '../support/browser';
import { writeWithPython } from '../support/qdpx';

let app: RunningApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-qdpx-e2e-'));
  app = await launchApp();
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a project from another tool becomes a new casefile, with the codes mapped as the analyst chose', async () => {
  const { page } = app;
  const file = path.join(dir, 'dam.qdpx');
  writeWithPython(file);
  await page.reload();
  await page.getByLabel('Your name').fill('Dana Whitfield');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('qdpx-file').setInputFiles(file);
  const dialog = page.getByTestId('qdpx-import-dialog');
  await dialog.getByText('It becomes a new casefile with 1 article and 3 claims').waitFor();
  expect(await dialog.getByLabel('Where “Who speaks › named official” goes').inputValue()).toBe('named-official');
  expect(await dialog.getByLabel('Where “Who speaks › Eyewitness” goes').inputValue()).toBe('tag');
  expect(await dialog.getByRole('region', { name: 'Not carried over' }).textContent()).toContain('picture source “Photo of the dam”: this app holds text articles only');
  await dialog.getByLabel('Where “Who speaks › Eyewitness” goes').selectOption({ label: 'Sourcing type: Direct observation' });
  await screenshot(page, 'qdpx-import-dialog');
  await dialog.getByRole('button', { name: 'Import as a new casefile' }).click();
  await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
  await page.locator('.article-row', { hasText: 'Dam report' }).waitFor();
  await screenshot(page, 'qdpx-imported');
  const made = readdirSync(app.workspace).filter((f) => f.endsWith('.corroborate'));
  expect(made).toHaveLength(1);
  expect(made[0]).toBe('Written-by-lxml.corroborate');
  const saved = Casefile.parse(JSON.parse(readFileSync(path.join(app.workspace, made[0]!), 'utf8')));
  expect(Object.values(saved.claims).map(rootTypeId).sort()).toEqual(['direct-observation', 'named-official', null].sort());
});
