/**
 * Electron security decisions as pure functions, so each checklist item is unit-tested in
 * Node; electron/platform/window.ts only wires them to BrowserWindow events.
 */
import { normalize, resolve, sep } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** Pages are served from a custom protocol, never file:// (checklist 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'devkeys';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent as a response header by the protocol handler and as a meta tag in index.html (checklist 7). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `packaged`: app.isPackaged. Packaged builds cannot open DevTools; the default is the safe one. */
export interface WindowBuild {
  packaged: boolean;
}
const PACKAGED: WindowBuild = { packaged: true };

export function mainWindowWebPreferences(preloadPath: string, build: WindowBuild = PACKAGED): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    // Checklist 2-4, 6, 9, 10: set explicitly even where they are Electron's defaults.
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !build.packaged,
  };
}

export function mainWindowOptions(preloadPath: string, build: WindowBuild = PACKAGED): BrowserWindowConstructorOptions {
  return {
    width: 980,
    height: 760,
    minWidth: 640,
    minHeight: 520,
    title: 'DevKeys',
    backgroundColor: '#0D0D0D',
    show: false,
    webPreferences: mainWindowWebPreferences(preloadPath, build),
  };
}

export function quickCreateWindowOptions(preloadPath: string, build: WindowBuild = PACKAGED): BrowserWindowConstructorOptions {
  return {
    width: 420,
    height: 460,
    resizable: false,
    minimizable: false,
    maximizable: false,
    alwaysOnTop: true,
    title: 'Quick create key',
    backgroundColor: '#0D0D0D',
    show: false,
    webPreferences: mainWindowWebPreferences(preloadPath, build),
  };
}

/** Is `url` a page of ours? Parsed, never string-prefix matched (checklist 13). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** will-navigate: only within our own pages. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Links DevKeys may hand to the OS browser (checklist 15): https only, known documentation
 * hosts only. Everything else is dropped.
 */
const EXTERNAL_HOSTS = new Set(['docs.omi.me', 'omi.me', 'www.omi.me', 'docs.omni.co', 'omni.co']);
export function externalLinkToOpen(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return null;
    return EXTERNAL_HOSTS.has(parsed.hostname) ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Permission requests (camera, notifications, …): DevKeys needs none (checklist 5). */
export function decidePermission(_permission: string): false {
  return false;
}

/**
 * Maps an `app://devkeys/...` request to a file inside the built renderer, or null when the
 * path escapes it (`..`, encoded separators, absolute paths) or the host is not ours.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  const root = resolve(rendererDir);
  const target = resolve(root, relative);
  if (target !== root && !target.startsWith(root + sep)) return null;
  return target;
}
