/**
 * The native menus as data. Items that act on the casefile send a `menu`
 * event; the UI carries them out, so the menu, the buttons and the keyboard
 * share one path. Kept free of Electron's runtime so it can be tested.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { ApiEventName, ApiEventPayload } from '../../shared/api/contract';

export interface MenuDeps {
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  /** Casefiles opened lately, newest first (absolute paths). */
  recent: string[];
  clearRecent: () => void;
  platform: NodeJS.Platform;
}

/** The menu's label for a recent casefile: its name, then its folder, so two files of one name stay apart. */
export function recentLabel(file: string): string {
  const label = `${path.basename(file)} — ${path.dirname(file)}`;
  // On Windows and Linux '&' marks a keyboard mnemonic; '&&' shows one '&'.
  return label.replaceAll('&', '&&');
}

export function menuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const send = (command: string) => () => deps.emit('menu', { command });
  const isMac = deps.platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = deps.recent.length
    ? [
        ...deps.recent.map((file) => ({ label: recentLabel(file), click: () => deps.emit('openPath', { path: file }) })),
        { type: 'separator' as const },
        { label: 'Clear Recent', click: deps.clearRecent },
      ]
    : [{ label: 'No recent casefiles', enabled: false }];

  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Casefile…', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { label: 'Import Articles…', accelerator: 'CmdOrCtrl+I', click: send('import') },
        { label: 'Import Annotations…', click: send('importAnnotations') },
        { label: 'New Casefile from REFI-QDA Project (.qdpx)…', click: send('importProject') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: 'Close Casefile', accelerator: 'CmdOrCtrl+W', click: send('close') },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The page handles Ctrl+Z itself (text fields keep their own undo), so
        // these accelerators are shown but not registered, or both would fire.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send('undo') },
        { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', registerAccelerator: false, click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: '&View',
      submenu: [{ role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'resetZoom' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    ...(isMac ? [{ role: 'windowMenu' as const }] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('shortcuts') },
        { label: 'About Corroborate', click: send('about') },
      ],
    },
  ];
}
