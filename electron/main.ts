/**
 * Electron entry point: app lifecycle, windows, the app:// protocol and IPC wiring.
 * Everything it wires is plain TypeScript from electron/core, tested in Node.
 */
import { app, ipcMain, net, protocol, webContents, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDevKeysCore, type DevKeysCore } from './core/app-core';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, resolveAppAsset } from './core/security/window-policy';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent } from './ipc/contract';
import { createElectronClipboard } from './platform/clipboard';
import { createSafeStorageCipher } from './platform/safe-storage-cipher';
import { openSignInPage } from './platform/sign-in-browser';
import { electronStoreBackend } from './platform/store-backend';
import { createTray, type DevKeysTray } from './platform/tray';
import { createMainWindow, createQuickCreateWindow } from './platform/window';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'preload.cjs');
const assetsDir = join(__dirname, '..', 'assets');

// Only webContents we created may call DevKeys (checklist 17).
const trustedContents = new Set<number>();

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: DevKeysCore | null = null;
  let mainWindow: ReturnType<typeof createMainWindow> | null = null;
  let quickCreateWindow: ReturnType<typeof createQuickCreateWindow> | null = null;
  // While the tray exists, closing every window keeps DevKeys running there; its Quit really quits.
  let tray: DevKeysTray | null = null;

  const openMainWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      return;
    }
    mainWindow = createMainWindow(preloadPath);
    trust(mainWindow.webContents);
  };

  const openQuickCreateWindow = () => {
    if (quickCreateWindow && !quickCreateWindow.isDestroyed()) {
      quickCreateWindow.focus();
      return;
    }
    quickCreateWindow = createQuickCreateWindow(preloadPath);
    trust(quickCreateWindow.webContents);
  };

  const trust = (contents: WebContents) => {
    const id = contents.id;
    trustedContents.add(id);
    contents.once('destroyed', () => trustedContents.delete(id));
  };

  app.on('second-instance', openMainWindow);

  app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppAsset(rendererDir, request.url);
      if (!file) return new Response('Not found', { status: 404 });
      const response = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      return new Response(response.body, { status: response.status, headers });
    });

    core = createDevKeysCore({
      dataDir: app.getPath('userData'),
      cipher: createSafeStorageCipher(),
      clipboard: createElectronClipboard(),
      storeBackend: electronStoreBackend,
      isAllowedSender: (sender) => trustedContents.has(sender.id) && isAppUrl(sender.url),
      version: app.getVersion(),
      openBrowser: openSignInPage,
    });
    const router = core.router;
    for (const name of CHANNEL_NAMES) {
      ipcMain.handle(ipcChannel(name), (event, payload: unknown) =>
        router.handle(name, payload, { id: event.sender.id, url: event.senderFrame?.url ?? '' }),
      );
    }
    core.onEvent((event, payload) => {
      if (!EVENT_NAMES.includes(event)) return;
      for (const id of trustedContents) {
        webContents.fromId(id)?.send(ipcEvent(event), payload);
      }
    });
    openMainWindow();
    try {
      tray = createTray(core, assetsDir, { openMain: openMainWindow, openQuickCreate: openQuickCreateWindow, quit: () => app.quit() });
    } catch (error) {
      // Some Linux desktops have no tray: DevKeys then quits with its last window, as before.
      core.log.warn('tray.unavailable', { error });
    }
  });

  app.on('activate', openMainWindow);
  app.on('window-all-closed', () => {
    if (!tray && process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown || !core) return;
    // Clear a copied secret from the clipboard before we go.
    event.preventDefault();
    shuttingDown = true;
    tray?.destroy();
    tray = null;
    void core.shutdown().finally(() => app.quit());
  });
}

