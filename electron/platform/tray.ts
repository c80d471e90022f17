/**
 * Renders the tray menu model (core/tray/tray-menu.ts) with Electron's Tray and Menu, and rebuilds
 * it whenever the accounts or the active account change. Account items act through
 * `core.tray.selectAccount`, the same path as the window's switcher.
 */
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import type { DevKeysCore } from '../core/app-core';
import { trayClickOpensWindow, trayGlyph } from '../core/shell/tray-policy';
import type { MenuItemModel, TrayAction } from '../core/tray/tray-menu';

export interface TrayHandlers {
  openMain(): void;
  openQuickCreate(): void;
  quit(): void;
}

export interface DevKeysTray {
  destroy(): void;
}

export function createTray(core: DevKeysCore, assetsDir: string, handlers: TrayHandlers): DevKeysTray {
  const tray = new Tray(trayIcon(assetsDir));
  tray.setToolTip('DevKeys');

  const run = (action: TrayAction) => {
    switch (action.type) {
      case 'select-account':
        try {
          core.tray.selectAccount(action.accountId);
        } catch (error) {
          core.log.warn('tray.select_failed', { error });
        }
        return;
      case 'quick-create':
        return handlers.openQuickCreate();
      case 'open-main':
        return handlers.openMain();
      case 'quit':
        return handlers.quit();
    }
  };

  // Rebuilds are async (listing accounts decrypts credentials): only the newest one may land.
  let generation = 0;
  const rebuild = async () => {
    const mine = ++generation;
    try {
      const model = await core.tray.menu();
      if (mine !== generation || tray.isDestroyed()) return;
      tray.setContextMenu(Menu.buildFromTemplate(toTemplate(model, run)));
    } catch (error) {
      core.log.warn('tray.rebuild_failed', { error });
    }
  };

  const stopEvents = core.onEvent((event) => {
    if (event === 'accountsChanged' || event === 'activeAccountChanged') void rebuild();
  });
  const onThemeUpdated = () => tray.setImage(trayIcon(assetsDir));
  nativeTheme.on('updated', onThemeUpdated);
  // Windows and Linux open the window on a left click (the menu stays on the right button).
  if (trayClickOpensWindow(process.platform)) tray.on('click', handlers.openMain);
  void rebuild();
  return {
    destroy() {
      stopEvents();
      nativeTheme.off('updated', onThemeUpdated);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

function toTemplate(model: readonly MenuItemModel[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return model.map((item) => {
    if (item.type === 'separator') return { type: 'separator', id: item.id };
    return {
      type: item.type,
      id: item.id,
      // `&` marks a mnemonic on Windows and Linux: account labels are user text.
      label: item.label.replace(/&/g, '&&'),
      enabled: item.enabled,
      ...(item.type === 'radio' ? { checked: item.checked } : {}),
      click: () => run(item.action),
    };
  });
}

/** The glyph for the panel (core/shell/tray-policy.ts), not for the app's theme. Electron loads @2x on its own. */
function trayIcon(assetsDir: string): NativeImage {
  const darkPanel = process.platform === 'win32' && nativeTheme.shouldUseDarkColorsForSystemIntegratedUI;
  const { file, template } = trayGlyph(process.platform, darkPanel);
  const image = nativeImage.createFromPath(join(assetsDir, file));
  if (template) image.setTemplateImage(true);
  return image;
}
