/**
 * Launching the real Electron app for e2e/electron/*.spec.ts (run on GitHub's Linux runner under
 * xvfb; skipped where no Electron binary can be installed, with the reason printed by
 * e2e/global-setup.ts). Each launch gets its own data folder through DEVKEYS_USER_DATA_DIR, which
 * main honours only when not packaged.
 */
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installedElectronBinary } from '../../scripts/electron-binary';

export const ELECTRON_BINARY = installedElectronBinary();
export const SKIP_REASON = 'Electron binary not installed (it cannot be downloaded on this machine); the Chromium harness specs cover the renderer + core.';
export const APP_DIR = resolve(import.meta.dirname, '..', '..');

export function freshDataDir(): string {
  return mkdtempSync(join(process.env['DEVKEYS_E2E_ROOT'] ?? tmpdir(), 'devkeys-electron-'));
}

export interface Launched {
  app: ElectronApplication;
  window: Page;
  dataDir: string;
}

export async function launchDevKeys(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Launched> {
  const dataDir = options.dataDir ?? freshDataDir();
  const app = await electron.launch({
    executablePath: ELECTRON_BINARY!,
    args: [APP_DIR],
    env: { ...(process.env as Record<string, string>), DEVKEYS_USER_DATA_DIR: dataDir, ...options.env },
  });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return { app, window, dataDir };
}

/** GitHub's runners have no keyring: safeStorage falls back to basic_text, which needs consent first. */
export async function consentToWeakKeychainIfAsked(window: Page): Promise<void> {
  await expect(window.getByTestId('welcome')).toBeVisible();
  const consent = window.getByTestId('welcome').getByTestId('weak-encryption-consent');
  if (await consent.isVisible()) {
    await consent.getByRole('checkbox').check();
    await expect(window.getByRole('button', { name: /Try the sandbox/ })).toBeEnabled();
  }
}
