/**
 * Updates and About in the renderer, against the real core: updates off as under `npm start`,
 * and a fake updater (what electron-updater reports in a packaged build) for the banner.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { UpdaterEvent, UpdaterPort } from '../electron/core/updates/update-controller';
import { startHarness, type Harness, type HarnessOptions } from './harness';
import { shotIfAsked } from './shots';

async function withHarness(browser: Browser, options: HarnessOptions, run: (page: Page, harness: Harness) => Promise<void>) {
  const harness = await startHarness(options);
  const context = await browser.newContext();
  try {
    await run(await harness.openPage(context), harness);
  } finally {
    await context.close();
    await harness.close();
  }
}

function fakeUpdater() {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const calls = { checks: 0, installs: 0 };
  const port: UpdaterPort = {
    async check() {
      calls.checks++;
    },
    install: () => void calls.installs++,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { port, calls, emit: (event: UpdaterEvent) => listeners.forEach((listener) => listener(event)) };
}

test('About: the version, updates off in development, and where the logs are', async ({ browser }) => {
  await withHarness(browser, {}, async (page, harness) => {
    await page.getByTestId('welcome').getByRole('button', { name: 'About' }).click();
    const about = page.getByTestId('about-dialog');
    await expect(about.getByRole('heading', { name: 'DevKeys' })).toBeVisible();
    await expect(about.getByTestId('about-version')).toHaveText('Version harness');
    await expect(about.getByTestId('update-status')).toHaveText('Updates are off in development builds (npm start, the preview and tests).');
    await expect(about.getByRole('button', { name: 'Check for updates' })).toBeDisabled();
    await about.getByRole('button', { name: 'Open log folder' }).click();
    await expect(about.getByTestId('log-folder-path')).toContainText(harness.dataDir);
    await shotIfAsked(page, 'about-dialog');
    await page.keyboard.press('Escape');
    await expect(about).toBeHidden();
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
  });
});

test('Open log folder asks main to open the data folder', async ({ browser }) => {
  const opened: string[] = [];
  await withHarness(browser, { openFolder: async (path) => void opened.push(path) }, async (page, harness) => {
    await page.getByRole('button', { name: 'About' }).click();
    await page.getByRole('button', { name: 'Open log folder' }).click();
    await expect.poll(() => opened).toEqual([harness.dataDir]);
    await expect(page.getByTestId('log-folder-path')).toHaveCount(0);
  });
});

test('a downloaded update shows a quiet "Restart to update" banner that installs it', async ({ browser }) => {
  const updater = fakeUpdater();
  await withHarness(browser, { updates: { updater: updater.port } }, async (page, harness) => {
    await page.getByRole('button', { name: /Try the sandbox/ }).click();
    await expect(page.getByTestId('key-row').first()).toBeVisible();

    harness.core.updates.start();
    await expect.poll(() => updater.calls.checks).toBe(1);
    await page.getByRole('button', { name: 'About' }).click();
    await expect(page.getByTestId('update-status')).toHaveText(/^DevKeys is up to date\. Last checked /);

    await page.getByRole('button', { name: 'Check for updates' }).click();
    await expect.poll(() => updater.calls.checks).toBe(2);
    updater.emit({ type: 'available', version: '9.9.9' });
    updater.emit({ type: 'progress', percent: 42.5 });
    await expect(page.getByTestId('update-status')).toHaveText('Downloading DevKeys 9.9.9… 42%');
    await expect(page.getByRole('button', { name: 'Check for updates' })).toBeDisabled();
    await page.keyboard.press('Escape');

    updater.emit({ type: 'downloaded', version: '9.9.9' });
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('DevKeys 9.9.9 is ready.');
    await shotIfAsked(page, 'update-banner');
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    await expect.poll(() => updater.calls.installs).toBe(1);
  });
});

test('"Later" hides the banner for that version', async ({ browser }) => {
  const updater = fakeUpdater();
  await withHarness(browser, { updates: { updater: updater.port } }, async (page, harness) => {
    harness.core.updates.start();
    updater.emit({ type: 'available', version: '2.0.0' });
    updater.emit({ type: 'downloaded', version: '2.0.0' });
    const banner = page.getByTestId('update-banner');
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Later' }).click();
    await expect(banner).toHaveCount(0);
    expect(updater.calls.installs).toBe(0);
  });
});

test('test hooks exist only where main allows them', async ({ browser }) => {
  const hasDump = (page: Page) => page.evaluate(() => typeof (globalThis as { __devkeysQueryCacheDump?: unknown }).__devkeysQueryCacheDump);
  await withHarness(browser, { testHooks: false }, async (page) => {
    await expect(page.getByTestId('welcome')).toBeVisible();
    expect(await hasDump(page)).toBe('undefined');
  });
  await withHarness(browser, {}, async (page) => {
    await expect.poll(() => hasDump(page)).toBe('function');
  });
});

test('a part of the window whose code cannot be loaded says so, and the rest keeps working', async ({ browser }) => {
  const harness = await startHarness({});
  const context = await browser.newContext();
  const aboutChunk = /\/assets\/AboutDialog-[\w-]+\.js$/;
  try {
    // The About dialog is loaded when first shown (renderer/ui/lazyPart.tsx): make that load fail.
    await context.route(aboutChunk, (route) => route.abort());
    const page = await harness.openPage(context);
    const welcome = page.getByTestId('welcome');
    await welcome.getByRole('button', { name: 'About' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toHaveText(
      'This part of DevKeys could not be loaded. Restart DevKeys to try again.',
    );
    await expect(welcome.getByRole('button', { name: /Sign in to Omi/ })).toBeEnabled();
    // A new start (here: a reload) loads it again.
    await context.unroute(aboutChunk);
    await page.reload();
    await page.getByTestId('welcome').getByRole('button', { name: 'About' }).click();
    await expect(page.getByTestId('about-dialog').getByRole('heading', { name: 'DevKeys' })).toBeVisible();
  } finally {
    await context.close();
    await harness.close();
  }
});
