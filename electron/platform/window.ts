/** Creates DevKeys windows and wires the pure security policy to Electron's events. */
import { BrowserWindow, shell, type WebContents } from 'electron';
import {
  APP_ENTRY_URL,
  decidePermission,
  externalLinkToOpen,
  isAllowedNavigation,
  mainWindowOptions,
  quickCreateWindowOptions,
  type WindowBuild,
} from '../core/security/window-policy';

export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkToOpen(url);
    if (external) void shell.openExternal(external); // eng-disable OPEN_EXTERNAL_JS_CHECK -- only https URLs on the externalLinkToOpen host allow-list reach here
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  contents.session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
}

export function createMainWindow(preloadPath: string, build: WindowBuild): BrowserWindow {
  // The options come from window-policy.ts (sandbox, contextIsolation, no Node: unit-tested there);
  // every new window is denied by setWindowOpenHandler, so middle-clicks open nothing.
  const window = new BrowserWindow(mainWindowOptions(preloadPath, build)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- options built and tested in window-policy.ts
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function createQuickCreateWindow(preloadPath: string, build: WindowBuild): BrowserWindow {
  const window = new BrowserWindow(quickCreateWindowOptions(preloadPath, build)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- options built and tested in window-policy.ts
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ENTRY_URL}#quick-create`);
  return window;
}
