import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  decidePermission,
  externalLinkToOpen,
  isAllowedNavigation,
  mainWindowOptions,
  quickCreateWindowOptions,
  resolveAppAsset,
} from './window-policy';

const dir = mkdtempSync(join(tmpdir(), 'devkeys-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window options (checklist 2, 3, 4, 6, 8, 9, 10, 11/12)', () => {
  it.each([
    ['main', mainWindowOptions('/p/preload.cjs')],
    ['quick create', quickCreateWindowOptions('/p/preload.cjs')],
  ])('%s window sets every security option explicitly', (_name, options) => {
    expect(options.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('DevTools', () => {
  it('are off in packaged builds (the default) and on under npm start', () => {
    expect(mainWindowOptions('/p/preload.cjs').webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p/preload.cjs', { packaged: true }).webPreferences?.devTools).toBe(false);
    expect(quickCreateWindowOptions('/p/preload.cjs', { packaged: true }).webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p/preload.cjs', { packaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('content security policy (checklist 7)', () => {
  it('allows only our own scripts and no connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('navigation and new windows (checklist 13, 14, 15)', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://devkeys/index.html#quick-create', true],
    ['app://evil/index.html', false],
    ['https://devkeys/index.html', false],
    ['file:///etc/passwd', false],
    ['https://docs.omi.me/doc/developer/api', false],
    ['app://devkeys.evil.com/', false],
    ['not a url', false],
  ])('navigation to %s allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });

  it.each([
    ['https://docs.omi.me/doc/developer/api', 'https://docs.omi.me/doc/developer/api'],
    ['http://docs.omi.me/doc', null],
    ['https://docs.omi.me.evil.com/', null],
    ['https://user:pw@docs.omi.me/', null],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['https://evil.example/', null],
  ])('external link %s opens as %s', (url, expected) => {
    expect(externalLinkToOpen(url)).toBe(expected);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies permission %s (checklist 5)', (p) => {
    expect(decidePermission(p)).toBe(false);
  });
});

describe('app:// asset resolution (checklist 18, path traversal)', () => {
  it.each([
    ['app://devkeys/index.html', join(dir, 'index.html')],
    ['app://devkeys/', join(dir, 'index.html')],
    ['app://devkeys/assets/app.js', join(dir, 'assets', 'app.js')],
  ])('serves %s from the renderer folder', (url, expected) => {
    expect(resolveAppAsset(dir, url)).toBe(expected);
  });

  it.each([
    'app://devkeys/../../etc/passwd',
    'app://devkeys/%2e%2e/%2e%2e/etc/passwd',
    'app://devkeys/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://devkeys/%5c..%5c..%5cwindows',
    'app://devkeys/a%00.js',
    'app://devkeys/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    const resolved = resolveAppAsset(dir, url);
    if (resolved !== null) expect(resolved.startsWith(dir)).toBe(true);
    else expect(resolved).toBeNull();
  });
});
