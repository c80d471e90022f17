/**
 * Electron entry point: app lifecycle, windows, the app:// protocol and IPC wiring.
 * Everything it wires is plain TypeScript from electron/core, tested in Node.
 */
import { app, clipboard, dialog, ipcMain, Menu, protocol, shell, webContents, type WebContents } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDevKeysCore, LOG_FILE_NAME, type DevKeysCore } from './core/app-core';
import { AppError } from './core/errors';
import { createLogger, fileSink } from './core/logging/log';
import { appAssetResponse } from './core/security/app-protocol';
import { APP_SCHEME, isAppUrl } from './core/security/window-policy';
import { applicationMenu } from './core/shell/app-menu';
import { boundedShutdown } from './core/shell/quit';
import { ensureWritableDataDir, startupFailure } from './core/shell/startup';
import { trayPresence } from './core/shell/tray-policy';
import { updatesOffReason } from './core/updates/availability';
import { systemClock, type UpdateSource } from './core/updates/update-controller';
import type { Logger } from './core/logging/log';
import { CHANNEL_NAMES, EVENT_NAMES, ipcChannel, ipcEvent } from './ipc/contract';
import { createElectronClipboard } from './platform/clipboard';
import { createSafeStorageCipher } from './platform/safe-storage-cipher';
import { openSignInPage } from './platform/sign-in-browser';
import { electronStoreBackend } from './platform/store-backend';
import { createTray, type DevKeysTray } from './platform/tray';
import { hasStatusNotifierHost } from './platform/tray-host';
import { createElectronUpdater } from './platform/updater';
import { createMainWindow, createQuickCreateWindow } from './platform/window';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'preload.cjs');
const assetsDir = join(__dirname, '..', 'assets');

// Only webContents we created may call DevKeys (checklist 17).
const trustedContents = new Set<number>();

// Development only (the real-Electron e2e, e2e/electron/): a data folder per test, which is also
// what the single-instance lock is keyed on. Packaged builds ignore these variables.
if (!app.isPackaged && process.env['DEVKEYS_USER_DATA_DIR']) app.setPath('userData', process.env['DEVKEYS_USER_DATA_DIR']);

// codeCache: V8 keeps the renderer bundle's compiled code between launches (checked against the
// source), so a start does not compile its ~320 KB again (`npm run bench`, navigation; the
// browser harness lets Chromium do the same, e2e/harness.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, codeCache: true } }]);

/** Packaging facts written into the packaged package.json (packaging/builder-config.ts). */
function macSigned(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as { devkeys?: { macSigned?: boolean } };
    return manifest.devkeys?.macSigned === true;
  } catch {
    return false;
  }
}

/** electron-updater in packaged builds that have a feed; never under `npm start`. */
function updateSource(log: Logger): UpdateSource {
  const off = updatesOffReason({
    packaged: app.isPackaged,
    hasFeed: app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
    platform: process.platform,
    macSigned: app.isPackaged && macSigned(),
  });
  return off ? { off } : { updater: createElectronUpdater(log) };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const packaged = app.isPackaged;
  let core: DevKeysCore | null = null;
  let mainWindow: ReturnType<typeof createMainWindow> | null = null;
  let quickCreateWindow: ReturnType<typeof createQuickCreateWindow> | null = null;
  // While a visible tray exists, closing every window keeps DevKeys running there; its Quit really quits.
  let tray: DevKeysTray | null = null;

  const openMainWindow = () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    mainWindow = createMainWindow(preloadPath, { packaged });
    trust(mainWindow.webContents);
  };

  const openQuickCreateWindow = () => {
    if (quickCreateWindow && !quickCreateWindow.isDestroyed()) {
      quickCreateWindow.focus();
      return;
    }
    quickCreateWindow = createQuickCreateWindow(preloadPath, { packaged });
    trust(quickCreateWindow.webContents);
  };

  const trust = (contents: WebContents) => {
    const id = contents.id;
    trustedContents.add(id);
    contents.once('destroyed', () => trustedContents.delete(id));
  };

  // A start-up failure must not leave a windowless process: say what happened and exit 1.
  const failToStart = (error: unknown) => {
    const dataDir = app.getPath('userData');
    try {
      core?.log.error('startup.failed', { error });
    } catch {
      // nothing more to do: the dialog below still explains
    }
    const { title, message } = startupFailure(error, dataDir);
    dialog.showErrorBox(title, message);
    app.exit(1);
  };

  // A second launch focuses this window (before we are ready there is none to focus yet).
  app.on('second-instance', () => {
    if (app.isReady() && core) openMainWindow();
  });

  app
    .whenReady()
    .then(async () => {
      const dataDir = app.getPath('userData');
      ensureWritableDataDir(dataDir);
      const log = createLogger(fileSink(join(dataDir, LOG_FILE_NAME)));

      protocol.handle(APP_SCHEME, async (request) => {
        const asset = await appAssetResponse(rendererDir, request.url);
        return new Response(asset.body as Uint8Array<ArrayBuffer> | string, { status: asset.status, headers: asset.headers });
      });

      const menu = applicationMenu(process.platform, packaged);
      if (menu.kind === 'none') Menu.setApplicationMenu(null);
      else if (menu.kind === 'template') Menu.setApplicationMenu(Menu.buildFromTemplate(menu.template));

      core = createDevKeysCore({
        dataDir,
        logger: log,
        cipher: createSafeStorageCipher(),
        clipboard: createElectronClipboard(),
        storeBackend: electronStoreBackend,
        isAllowedSender: (sender) => trustedContents.has(sender.id) && isAppUrl(sender.url),
        version: app.getVersion(),
        openBrowser: openSignInPage,
        testHooks: !packaged,
        updates: updateSource(log),
        async openFolder(path) {
          const problem = await shell.openPath(path);
          if (problem) throw new AppError('internal', `DevKeys could not open ${path}: ${problem}`);
        },
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
      // macOS: the Dock icon reopens the window. Registered once ready: a window cannot exist before.
      app.on('activate', openMainWindow);

      // Only where a tray will really be shown (not GNOME without AppIndicator): else the last
      // window's close quits instead of leaving an invisible process.
      const presence =
        !packaged && process.env['DEVKEYS_E2E_TRAY'] === 'show'
          ? { show: true, reason: 'DEVKEYS_E2E_TRAY=show (development only)' }
          : trayPresence(process.platform, {
              watcher: process.platform === 'linux' ? await hasStatusNotifierHost() : null,
              desktop: process.env['XDG_CURRENT_DESKTOP'] ?? '',
            });
      if (presence.show) {
        try {
          tray = createTray(core, assetsDir, { openMain: openMainWindow, openQuickCreate: openQuickCreateWindow, quit: () => app.quit() });
        } catch (error) {
          core.log.warn('tray.unavailable', { error });
        }
      } else {
        core.log.info('tray.not_shown', { reason: presence.reason });
      }
      core.updates.start();
      if (!packaged) installDevelopmentTestHooks();
    })
    .catch(failToStart);

  /** What the real-Electron e2e reads from main (development builds only; never packaged). */
  const installDevelopmentTestHooks = () => {
    (globalThis as { __devkeysShell?: unknown }).__devkeysShell = { trayShown: () => tray !== null };
  };

  /** Development only: after the shutdown work, what the clipboard holds (its length, never the text). */
  const writeQuitReport = async () => {
    const report = process.env['DEVKEYS_E2E_QUIT_REPORT'];
    if (packaged || !report) return;
    writeFileSync(report, JSON.stringify({ clipboardLength: (await clipboard.readText()).length }));
  };

  app.on('window-all-closed', () => {
    if (!tray && process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown || !core) return;
    // Clear a copied secret from the clipboard before we go, but never wait more than 2 s.
    event.preventDefault();
    shuttingDown = true;
    tray?.destroy();
    tray = null;
    const running = core;
    void boundedShutdown(() => running.shutdown(), systemClock)
      .then(async (outcome) => {
        if (outcome !== 'done') running.log.warn('shutdown.incomplete', { outcome });
        await writeQuitReport().catch(() => undefined);
      })
      .finally(() => app.quit());
  });
}
