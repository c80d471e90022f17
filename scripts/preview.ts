/**
 * `npm run preview`: DevKeys in a visible Chromium window, with `window.devkeys` bound to the
 * real main-process core (the e2e harness, interactive). For machines without Electron.
 * Data lives in a temporary folder and is deleted when the window closes.
 */
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, startHarness } from '../e2e/harness';

if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
  console.error('npm run preview opens a browser window, but no display was found. Run it on a desktop, or under `xvfb-run`.');
  process.exit(1);
}

// The sandbox's consent page opens in a second window: the way a real sign-in looks.
const harness = await startHarness({ sandboxSignIn: 'browser' });
const browser = await chromium.launch({ ...chromiumLaunchOptions(false), args: [...chromiumLaunchOptions(false).args!, '--app=about:blank'] });
const context = await browser.newContext({ viewport: null });
const page = await harness.openPage(context);
console.log('DevKeys preview is open. Close the window (or press Ctrl+C) to quit.');

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await browser.close().catch(() => undefined);
  await harness.close();
  process.exit(0);
};
page.on('close', () => void shutdown());
browser.on('disconnected', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
