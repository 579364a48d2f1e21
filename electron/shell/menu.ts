import { Menu } from 'electron';
import { menuTemplate, type MenuDeps } from './menu-template';

/** Installs (or, after the recent list changed, reinstalls) the application menu. */
export function installMenu(deps: MenuDeps): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(deps)));
}
