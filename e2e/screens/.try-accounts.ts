import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, startHarness } from '../harness';
import { captureAccountScreens } from './accounts';
const browser = await chromium.launch(chromiumLaunchOptions());
const harness = await startHarness();
const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, deviceScaleFactor: 1 });
try {
  const page = await harness.openPage(context);
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await captureAccountScreens(page, harness, '/tmp/acct-shots');
} finally {
  await context.close();
  await harness.close();
  await browser.close();
}
