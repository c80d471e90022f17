/** The Electron shell's decisions, tested where they can run: in Node, without Electron. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDevKeysCore } from '../app-core';
import { AppError } from '../errors';
import { createMemoryClipboard } from '../secrets/one-time-secrets';
import { appAssetResponse } from '../security/app-protocol';
import { createAesGcmCipher } from '../storage/vault';
import type { Clock } from '../updates/update-controller';
import { applicationMenu } from './app-menu';
import { concealedClipboardFormats } from './clipboard-formats';
import { boundedShutdown, SHUTDOWN_LIMIT_MS } from './quit';
import { ensureWritableDataDir, startupFailure } from './startup';
import { parseNameHasOwner, trayClickOpensWindow, trayGlyph, trayPresence } from './tray-policy';

const scratch = mkdtempSync(join(tmpdir(), 'devkeys-shell-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tray glyph', () => {
  it('Windows follows the taskbar, not the app theme: white on a dark taskbar (Windows 10 default)', () => {
    expect(trayGlyph('win32', true)).toEqual({ file: 'tray-white.png', template: false });
    expect(trayGlyph('win32', false)).toEqual({ file: 'tray-black.png', template: false });
  });
  it('Linux defaults to the light glyph (its panels are dark), whatever the app theme', () => {
    expect(trayGlyph('linux', false)).toEqual({ file: 'tray-white.png', template: false });
    expect(trayGlyph('linux', true)).toEqual({ file: 'tray-white.png', template: false });
  });
  it('macOS uses a template image the menu bar tints', () => {
    expect(trayGlyph('darwin', false)).toEqual({ file: 'tray-black.png', template: true });
  });
  it('a left click opens the window on Windows and Linux', () => {
    expect([trayClickOpensWindow('win32'), trayClickOpensWindow('linux'), trayClickOpensWindow('darwin')]).toEqual([true, true, false]);
  });
});

describe('is there a tray at all (Linux)', () => {
  it('reads gdbus and dbus-send answers', () => {
    expect(parseNameHasOwner('(true,)\n')).toBe(true);
    expect(parseNameHasOwner('(false,)')).toBe(false);
    expect(parseNameHasOwner('method return time=1.2 sender=org.freedesktop.DBus\n   boolean true\n')).toBe(true);
    expect(parseNameHasOwner('   boolean false')).toBe(false);
    expect(parseNameHasOwner('Error org.freedesktop.DBus.Error.ServiceUnknown')).toBeNull();
  });
  it('GNOME without AppIndicator has no tray host: no tray, so closing the last window quits', () => {
    expect(trayPresence('linux', { watcher: false, desktop: 'GNOME' }).show).toBe(false);
    expect(trayPresence('linux', { watcher: null, desktop: 'GNOME' }).show).toBe(false);
    expect(trayPresence('linux', { watcher: null, desktop: '' }).show).toBe(false);
  });
  it('a running StatusNotifierItem host, Ubuntu, KDE and XFCE show the tray', () => {
    expect(trayPresence('linux', { watcher: true, desktop: 'GNOME' }).show).toBe(true);
    expect(trayPresence('linux', { watcher: null, desktop: 'ubuntu:GNOME' }).show).toBe(true);
    expect(trayPresence('linux', { watcher: null, desktop: 'KDE' }).show).toBe(true);
    expect(trayPresence('linux', { watcher: null, desktop: 'XFCE' }).show).toBe(true);
  });
  it('Windows and macOS always have one', () => {
    expect(trayPresence('win32', { watcher: null, desktop: '' }).show).toBe(true);
    expect(trayPresence('darwin', { watcher: null, desktop: '' }).show).toBe(true);
  });
});

describe('concealed clipboard formats', () => {
  const raw = (name: string) => `electron application/osclipboard;format="${name}"`;
  it('macOS: org.nspasteboard.ConcealedType (not the old MIME-like name)', () => {
    const formats = concealedClipboardFormats('darwin');
    expect(Object.keys(formats)).toEqual([raw('org.nspasteboard.ConcealedType')]);
    expect(JSON.stringify(Object.keys(formats))).not.toContain('application/x-nspasteboard-concealed-type');
  });
  it('Windows: excluded from monitors, Win+V history and the cloud clipboard (DWORD 0)', () => {
    const formats = concealedClipboardFormats('win32');
    expect(Object.keys(formats)).toEqual([
      raw('ExcludeClipboardContentFromMonitorProcessing'),
      raw('CanIncludeInClipboardHistory'),
      raw('CanUploadToCloudClipboard'),
    ]);
    expect([...formats[raw('CanIncludeInClipboardHistory')]!]).toEqual([0, 0, 0, 0]);
  });
  it("Linux: KDE's password-manager hint", () => {
    const formats = concealedClipboardFormats('linux');
    expect(Object.keys(formats)).toEqual([raw('x-kde-passwordManagerHint')]);
    expect(new TextDecoder().decode(formats[raw('x-kde-passwordManagerHint')])).toBe('secret');
  });
});

describe('application menu', () => {
  const roles = (items: unknown): string[] =>
    Array.isArray(items) ? items.flatMap((item: { role?: string; submenu?: unknown }) => [item.role ?? '', ...roles(item.submenu)]) : [];
  it('development keeps Electron’s default menu (with DevTools)', () => {
    expect(applicationMenu('linux', false)).toEqual({ kind: 'electron-default' });
  });
  it('packaged Windows and Linux builds have no menu bar', () => {
    expect(applicationMenu('win32', true)).toEqual({ kind: 'none' });
    expect(applicationMenu('linux', true)).toEqual({ kind: 'none' });
  });
  it('packaged macOS: app, Edit and Window menus, nothing that opens DevTools or reloads', () => {
    const menu = applicationMenu('darwin', true);
    expect(menu.kind).toBe('template');
    const all = roles(menu.kind === 'template' ? menu.template : []);
    expect(all).toEqual(expect.arrayContaining(['appMenu', 'editMenu', 'windowMenu', 'copy', 'paste', 'quit']));
    for (const forbidden of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'toggledevtools']) expect(all).not.toContain(forbidden);
  });
});

describe('quitting', () => {
  function fakeClock() {
    const timers = new Map<number, () => void>();
    let id = 0;
    const clock: Clock & { fire(): void; count(): number } = {
      now: () => 0,
      setTimeout(run) {
        timers.set(++id, run);
        return id;
      },
      clearTimeout: (handle) => void timers.delete(handle as number),
      fire: () => [...timers.values()].forEach((run) => run()),
      count: () => timers.size,
    };
    return clock;
  }
  it('waits for shutdown work that finishes', async () => {
    const clock = fakeClock();
    await expect(boundedShutdown(async () => {}, clock)).resolves.toBe('done');
    expect(clock.count()).toBe(0);
  });
  it('never waits more than 2 s for work that hangs', async () => {
    const clock = fakeClock();
    const outcome = boundedShutdown(() => new Promise<void>(() => {}), clock);
    expect(SHUTDOWN_LIMIT_MS).toBe(2000);
    clock.fire();
    await expect(outcome).resolves.toBe('timed_out');
  });
  it('work that fails or throws still lets DevKeys quit', async () => {
    await expect(boundedShutdown(() => Promise.reject(new Error('x')), fakeClock())).resolves.toBe('failed');
    await expect(
      boundedShutdown(() => {
        throw new Error('sync');
      }, fakeClock()),
    ).resolves.toBe('failed');
  });
});

describe('start-up failures', () => {
  it('a data folder that cannot be created is a clear storage error', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    expect(() => ensureWritableDataDir(join(file, 'DevKeys'))).toThrow(AppError);
    expect(() => ensureWritableDataDir(join(file, 'DevKeys'))).toThrow(/cannot write to its data folder .*a-file.*\(a file is in the way\)/);
  });
  it('a writable folder passes and keeps no probe file', () => {
    const dir = join(scratch, 'ok');
    ensureWritableDataDir(dir);
    expect(() => ensureWritableDataDir(dir)).not.toThrow();
  });
  it('an unreadable store stops the core from starting, and the dialog says where and what to do', () => {
    const dataDir = join(scratch, 'unreadable');
    mkdirSync(dataDir, { recursive: true });
    let thrown: unknown = null;
    try {
      createDevKeysCore({
        dataDir,
        cipher: createAesGcmCipher(),
        clipboard: createMemoryClipboard(),
        // What electron-store does when the settings file cannot be read (root ignores chmod here).
        storeBackend: () => {
          throw Object.assign(new Error(`EACCES: permission denied, open '${join(dataDir, 'devkeys.json')}'`), { code: 'EACCES' });
        },
        isAllowedSender: () => true,
        version: 'test',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).not.toBeNull();
    const failure = startupFailure(thrown, dataDir);
    expect(failure.title).toBe('DevKeys could not start');
    expect(failure.message).toContain(`DevKeys could not open its data in ${dataDir} (permission denied).`);
    expect(failure.message).toMatch(/DevKeys will now close\.$/);
  });
  it('credentials in an error never reach the dialog', () => {
    const failure = startupFailure(new Error('boom omi_dev_0123456789abcdef0123456789abcdef'), '/data');
    expect(failure.message).not.toContain('omi_dev_0123456789abcdef0123456789abcdef');
  });
});

describe('the app:// protocol answers', () => {
  const renderer = join(scratch, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');

  it('serves files with their MIME type and the CSP', async () => {
    const page = await appAssetResponse(renderer, 'app://devkeys/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(new TextDecoder().decode(page.body as Uint8Array)).toBe('<!doctype html>');
    expect((await appAssetResponse(renderer, 'app://devkeys/')).status).toBe(200);
    expect((await appAssetResponse(renderer, 'app://devkeys/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
  });
  it('404 for missing files, directories and anything outside the renderer', async () => {
    for (const url of ['app://devkeys/missing.js', 'app://devkeys/assets', 'app://devkeys/assets/', 'app://devkeys/..%2f..%2fetc%2fpasswd', 'app://other/index.html']) {
      const answer = await appAssetResponse(renderer, url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers['content-security-policy'], url).toBeTruthy();
    }
  });
});
