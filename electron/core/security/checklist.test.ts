/**
 * Electron's security checklist (docs/tutorial/security.md), one test per item that can run
 * without an Electron binary. Items tested in depth elsewhere are pinned here by a direct check
 * of the same code, so this file reads as the checklist.
 */
import { isAuthorizeUrlOf } from '../session/backend';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { DEVKEYS_FUSES } from '../../../packaging/fuses';
import { createRouter } from '../../ipc/router';
import { silentLogger } from '../logging/log';
import {
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  decidePermission,
  externalLinkToOpen,
  isAllowedNavigation,
  mainWindowWebPreferences,
  resolveAppAsset,
} from './window-policy';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const prefs = mainWindowWebPreferences('/x/preload.cjs');
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}
const rendererSources = filesUnder('renderer').filter((f) => /\.(tsx?|html|css)$/.test(f));

describe("Electron's security checklist", () => {
  it('1 secure content: the renderer loads nothing over plain http and makes no network calls itself', () => {
    for (const file of rendererSources) {
      const source = read(file);
      expect(source, file).not.toMatch(/(src|href)=["']http:\/\//);
      expect(source, file).not.toMatch(/\bfetch\(|XMLHttpRequest|new WebSocket/);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });
  it('2 no Node integration for any content', () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });
  it('3 context isolation', () => expect(prefs.contextIsolation).toBe(true));
  it('4 sandboxed renderers', () => expect(prefs.sandbox).toBe(true));
  it('5 permission requests are denied', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'midi', 'pointerLock', 'fullscreen', 'openExternal']) {
      expect(decidePermission(permission)).toBe(false);
    }
  });
  it('6 webSecurity stays on', () => expect(prefs.webSecurity).toBe(true));
  it('7 a strict CSP, identical in index.html and the protocol header', () => {
    const html = read('renderer/index.html');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
    // frame-ancestors only works as a header (browsers ignore it in <meta>): the rest must match.
    const headerDirectives = CONTENT_SECURITY_POLICY.split('; ');
    expect(meta?.[1]?.split('; ')).toEqual(headerDirectives.filter((d) => !d.startsWith('frame-ancestors')));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
  it('8 no insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('9 no experimental features', () => expect(prefs.experimentalFeatures).toBe(false));
  it('10 no enableBlinkFeatures', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    for (const file of filesUnder('electron')) expect(read(file), file).not.toMatch(/enableBlinkFeatures\s*:/);
  });
  it('11/12 no <webview>', () => {
    expect(prefs.webviewTag).toBe(false);
    for (const file of rendererSources) expect(read(file), file).not.toMatch(/<webview/i);
    expect(read('electron/platform/window.ts')).toMatch(/will-attach-webview[\s\S]*preventDefault/);
  });
  it('13 navigation limited to parsed app:// URLs', () => {
    expect(isAllowedNavigation('app://devkeys/index.html')).toBe(true);
    expect(isAllowedNavigation('https://devkeys/index.html')).toBe(false);
    expect(read('electron/platform/window.ts')).toMatch(/will-navigate[\s\S]*isAllowedNavigation/);
  });
  it('14 new windows denied', () => {
    expect(read('electron/platform/window.ts')).toMatch(/setWindowOpenHandler[\s\S]*action: 'deny'/);
  });
  it('15 openExternal only for allow-listed https links', () => {
    expect(externalLinkToOpen('https://docs.omi.me/doc/developer/api')).not.toBeNull();
    expect(externalLinkToOpen('file:///bin/sh')).toBeNull();
    expect(externalLinkToOpen('smb://host/share')).toBeNull();
    // Sign-in opens only the authorize page of the account's own API base.
    expect(read('electron/platform/sign-in-browser.ts')).toMatch(/if \(!isAuthorizeUrlOf\(url, apiBase\)\) throw[\s\S]*shell\.openExternal\(url\)/);
    expect(isAuthorizeUrlOf('https://api.omi.me/v1/auth/authorize?provider=google', 'https://api.omi.me')).toBe(true);
    expect(isAuthorizeUrlOf('https://evil.example/v1/auth/authorize?provider=google', 'https://api.omi.me')).toBe(false);
  });
  it('16 a current Electron (45 or newer)', () => {
    const version = JSON.parse(read('node_modules/electron/package.json')).version as string;
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
  it('17 every IPC sender is checked against the allow-list before anything else', async () => {
    let handlerRan = false;
    const router = createRouter({
      handlers: new Proxy({}, { get: () => async () => (handlerRan = true) }) as never,
      isAllowedSender: (sender) => sender.id === 1,
      log: silentLogger,
    });
    expect(await router.handle('listAccounts', {}, { id: 2, url: 'app://devkeys/index.html' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(handlerRan).toBe(false);
  });
  it('18 pages come from the app:// protocol with a traversal guard, never file://', () => {
    expect(APP_SCHEME).toBe('app');
    for (const sneaky of ['app://devkeys/%2e%2e/%2e%2e/etc/passwd', 'app://devkeys/..%2f..%2fetc%2fpasswd']) {
      // Resolved first, so the check holds on Windows (C:\srv\renderer) too.
      expect(resolveAppAsset(resolve('/srv/renderer'), sneaky)?.startsWith(resolve('/srv/renderer') + sep)).toBe(true);
    }
    expect(resolveAppAsset('/srv/renderer', 'app://devkeys/%5c..%5cwin.ini')).toBeNull();
    expect(read('electron/main.ts')).toMatch(/protocol\.handle\(APP_SCHEME[\s\S]*appAssetResponse/);
    expect(read('electron/core/security/app-protocol.ts')).toMatch(/resolveAppAsset\(rendererDir, requestUrl\)/);
    for (const file of filesUnder('electron')) expect(read(file), file).not.toMatch(/\.loadFile\(|loadURL\(\s*['"`]file:/);
  });
  it('19 fuses: no run-as-node, no NODE_OPTIONS/--inspect, asar-only with integrity checks', () => {
    expect(DEVKEYS_FUSES.strictlyRequireAllFuses).toBe(true);
    expect(DEVKEYS_FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(DEVKEYS_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(DEVKEYS_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(DEVKEYS_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(DEVKEYS_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(DEVKEYS_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
  it('20 the preload exposes one function per channel, never ipcRenderer', () => {
    const preload = read('electron/preload.ts');
    expect(preload).toMatch(/exposeInMainWorld\('devkeys', api\)/);
    expect(preload).toMatch(/CHANNEL_NAMES\.map\(\(name\) => \[name, \(args: unknown\) => ipcRenderer\.invoke\(ipcChannel\(name\), args\)\]\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
