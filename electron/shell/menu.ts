import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { ApiEventName, ApiEventPayload } from '../../shared/api/contract';

interface MenuDeps {
  emit: <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;
  window: () => BrowserWindow | null;
  recent: () => string[];
}

/**
 * Native menus. Items that act on the casefile send a `menu` event; the UI
 * carries them out, so the keyboard, the buttons and the menu share one path.
 */
export function buildMenu(deps: MenuDeps): void {
  const send = (command: string) => () => deps.emit('menu', { command });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Casefile…', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        {
          label: 'Open Recent',
          submenu: deps.recent().length
            ? deps.recent().map((p) => ({ label: p, click: () => deps.emit('openPath', { path: p }) }))
            : [{ label: 'No recent casefiles', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { label: 'Import Articles…', accelerator: 'CmdOrCtrl+I', click: send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: 'Close Casefile', accelerator: 'CmdOrCtrl+W', click: send('close') },
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find in Article', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'resetZoom' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: send('shortcuts') },
        { label: 'About Corroborate', click: send('about') },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
