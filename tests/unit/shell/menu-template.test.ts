import type { MenuItemConstructorOptions } from 'electron';
import { expect, test } from 'vitest';
import { menuTemplate, recentLabel, type MenuDeps } from '../../../electron/shell/menu-template';

interface Recorded extends MenuDeps {
  sent: unknown[][];
  cleared: number;
}

function deps(recent: string[], platform: NodeJS.Platform = 'linux'): Recorded {
  const d: Recorded = {
    sent: [],
    cleared: 0,
    emit: (...args) => void d.sent.push(args),
    clearRecent: () => void (d.cleared += 1),
    recent,
    platform,
  };
  return d;
}

const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((i) => i.label === label)?.submenu as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item!.click as unknown as () => void)();

test('the menus hold what the analyst expects, in order', () => {
  const template = menuTemplate(deps([]));
  expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  expect(labels(submenu(template, '&File'))).toEqual(['New Casefile…', 'Open…', 'Open Recent', 'Save As…', 'Import Articles…', 'Import Annotations…', 'New Casefile from REFI-QDA Project (.qdpx)…', 'Export…', 'Close Casefile', 'quit']);
  expect(labels(submenu(template, '&Edit'))).toEqual(['Undo', 'Redo', 'cut', 'copy', 'paste', 'selectAll', 'Find…']);
  expect(labels(submenu(template, '&Help'))).toEqual(['Keyboard Shortcuts', 'About Corroborate']);
});

test('macOS gets the app and window menus, and Quit moves to the app menu', () => {
  const template = menuTemplate(deps([], 'darwin'));
  expect(template[0]!.role).toBe('appMenu');
  expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
  expect(labels(submenu(template, '&File'))).not.toContain('quit');
});

test('menu items send their command to the window', () => {
  const d = deps([]);
  const file = submenu(menuTemplate(d), '&File');
  click(file.find((i) => i.label === 'Open…'));
  click(file.find((i) => i.label === 'Export…'));
  expect(d.sent).toEqual([['menu', { command: 'open' }], ['menu', { command: 'export' }]]);
});

test('undo and redo show their shortcuts but leave the keys to the page, so text fields keep their own undo', () => {
  const edit = submenu(menuTemplate(deps([])), '&Edit');
  for (const label of ['Undo', 'Redo']) {
    const item = edit.find((i) => i.label === label)!;
    expect(item.accelerator).toBeTruthy();
    expect(item.registerAccelerator).toBe(false);
  }
});

test('no registered shortcut swallows a character the analyst types', () => {
  const all = menuTemplate(deps([])).flatMap((m) => (m.submenu as MenuItemConstructorOptions[] | undefined) ?? []);
  for (const item of all) {
    if (!item.accelerator || item.registerAccelerator === false) continue;
    expect(String(item.accelerator)).toMatch(/^(CmdOrCtrl|Cmd|Ctrl)\+/);
  }
});

test('Open Recent lists the recent casefiles, opens one on click and can be cleared', () => {
  const d = deps(['/home/dana/cases/drones.corroborate', '/home/dana/old/drones.corroborate']);
  const recent = submenu(submenu(menuTemplate(d), '&File'), 'Open Recent');
  expect(labels(recent)).toEqual(['drones.corroborate — /home/dana/cases', 'drones.corroborate — /home/dana/old', 'Clear Recent']);
  click(recent[1]);
  expect(d.sent).toEqual([['openPath', { path: '/home/dana/old/drones.corroborate' }]]);
  click(recent.find((i) => i.label === 'Clear Recent'));
  expect(d.cleared).toBe(1);
});

test('an empty recent list says so instead of showing an empty submenu', () => {
  const recent = submenu(submenu(menuTemplate(deps([])), '&File'), 'Open Recent');
  expect(recent).toEqual([{ label: 'No recent casefiles', enabled: false }]);
});

test('an ampersand in a file name is shown, not taken as a keyboard mnemonic', () => {
  expect(recentLabel('/cases/Q&A.corroborate')).toBe('Q&&A.corroborate — /cases');
});
