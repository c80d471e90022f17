/** Tray and single instance in the real app. */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { APP_DIR, ELECTRON_BINARY, freshDataDir, launchDevKeys, SKIP_REASON } from './launch';

test.skip(ELECTRON_BINARY === null, SKIP_REASON);

const trayShown = (app: Awaited<ReturnType<typeof launchDevKeys>>['app']) =>
  app.evaluate(() => (globalThis as unknown as { __devkeysShell: { trayShown(): boolean } }).__devkeysShell.trayShown());

test('with a tray, closing the window keeps DevKeys running in it', async () => {
  const { app, window } = await launchDevKeys({ env: { DEVKEYS_E2E_TRAY: 'show' } });
  try {
    await expect.poll(() => trayShown(app)).toBe(true);
    await window.close();
    // Still alive: main answers.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  } finally {
    await app.close();
  }
});

test('without a tray host (xvfb, like GNOME without AppIndicator) closing the last window quits', async () => {
  test.skip(process.platform !== 'linux', 'tray hosts are a Linux question');
  const { app, window } = await launchDevKeys({ env: { XDG_CURRENT_DESKTOP: 'GNOME' } });
  const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
  expect(await trayShown(app)).toBe(false);
  await window.close();
  await exited;
});

test('a second launch focuses the first window and exits', async () => {
  const dataDir = freshDataDir();
  const { app, window } = await launchDevKeys({ dataDir });
  try {
    await expect(window).toHaveTitle('DevKeys');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(false);
    const second = spawnSync(ELECTRON_BINARY!, [APP_DIR], { env: { ...process.env, DEVKEYS_USER_DATA_DIR: dataDir }, timeout: 30_000 });
    expect(second.status).toBe(0);
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([true]);
  } finally {
    await app.close();
  }
});
