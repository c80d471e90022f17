/**
 * The application menu. Development keeps Electron's default (with DevTools); a packaged build
 * has nothing that opens DevTools or reloads the page: no menu bar on Windows and Linux, and on
 * macOS only the app, Edit (copy/paste shortcuts need it) and Window menus.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type ApplicationMenu = { kind: 'electron-default' } | { kind: 'none' } | { kind: 'template'; template: MenuItemConstructorOptions[] };

export function applicationMenu(platform: NodeJS.Platform, packaged: boolean): ApplicationMenu {
  if (!packaged) return { kind: 'electron-default' };
  if (platform !== 'darwin') return { kind: 'none' };
  return {
    kind: 'template',
    template: [
      {
        role: 'appMenu',
        submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
      },
      {
        role: 'editMenu',
        submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
      },
      { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }, { role: 'close' }] },
    ],
  };
}
