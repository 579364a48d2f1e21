/** Each analyst's workbench layout, kept in the real settings file on disk. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { SettingsStore } from '../../../electron/services/settings';
import { DEFAULT_PREFS, readPrefs } from '../../../shared/workbench/prefs';

function settingsFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'corroborate-settings-')), 'settings.json');
}

test('each analyst gets back their own layout; a new analyst starts from the defaults', async () => {
  const file = settingsFile();
  const store = new SettingsStore(file);
  await store.load();
  await store.update({ analystName: 'Dana Whitfield' });
  await store.setWorkbenchPrefs({ ...DEFAULT_PREFS, articlesWidth: 344, sideCollapsed: true, fontSize: 18 });
  await store.update({ analystName: 'Sam Okafor' });
  expect(store.get().workbench).toEqual(DEFAULT_PREFS);
  await store.setWorkbenchPrefs({ ...DEFAULT_PREFS, sideWidth: 520 });

  const reopened = new SettingsStore(file);
  expect((await reopened.load()).workbench).toMatchObject({ sideWidth: 520, articlesWidth: DEFAULT_PREFS.articlesWidth });
  await reopened.update({ analystName: 'Dana Whitfield' });
  expect(reopened.get().workbench).toMatchObject({ articlesWidth: 344, sideCollapsed: true, fontSize: 18, sideWidth: DEFAULT_PREFS.sideWidth });
});

test('a hand-edited or damaged layout keeps what is usable and falls back for the rest', async () => {
  const file = settingsFile();
  writeFileSync(file, JSON.stringify({
    analystName: 'Dana Whitfield',
    recent: ['drones.corroborate'],
    workbench: { 'Dana Whitfield': { articlesWidth: 99_999, sideWidth: 'wide', fontSize: 17, lineHeight: 9, textWidth: 52, sideCollapsed: 'yes' } },
  }));
  const settings = await new SettingsStore(file).load();
  expect(settings.recent).toEqual(['drones.corroborate']);
  expect(settings.workbench).toEqual({
    ...DEFAULT_PREFS, articlesWidth: 520, fontSize: 17, textWidth: 52,
  });
});

test('a settings file whose layouts are not an object still gives the name and recent files', async () => {
  const file = settingsFile();
  writeFileSync(file, JSON.stringify({ analystName: 'Dana Whitfield', recent: [], workbench: 'broken' }));
  const store = new SettingsStore(file);
  expect((await store.load()).analystName).toBe('Dana Whitfield');
  await store.setWorkbenchPrefs(readPrefs({ textWidth: 60 }));
  expect(JSON.parse(readFileSync(file, 'utf8')).workbench['Dana Whitfield'].textWidth).toBe(60);
});

test('readPrefs brings sizes inside their limits and refuses densities that are not offered', () => {
  expect(readPrefs({ articlesWidth: 10, sideWidth: 1e9 })).toMatchObject({ articlesWidth: 180, sideWidth: 720 });
  expect(readPrefs({ fontSize: 16.5, lineHeight: Number.NaN })).toMatchObject({ fontSize: DEFAULT_PREFS.fontSize, lineHeight: DEFAULT_PREFS.lineHeight });
  expect(readPrefs(null)).toEqual(DEFAULT_PREFS);
});
