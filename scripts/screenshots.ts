/** `npm run screenshots`: regenerates docs/screenshots/*.png from the e2e harness. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, startHarness } from '../e2e/harness';
import { captureAccountScreens } from '../e2e/screens/accounts';
import { captureDeveloperScreens } from '../e2e/screens/developer';
import { captureMcpScreens } from '../e2e/screens/mcp';
import { captureOmniScreens } from '../e2e/screens/omni';
import { captureSignInScreens } from '../e2e/screens/sign-in';

const outDir = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions());

/** Each screen set gets a fresh harness (its own data dir and sandbox) and page. */
async function capture(name: string, run: (page: import('playwright-core').Page, harness: Awaited<ReturnType<typeof startHarness>>) => Promise<void>) {
  const harness = await startHarness();
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, deviceScaleFactor: 1 });
  try {
    const page = await harness.openPage(context);
    await run(page, harness);
    console.log(`  ✓ ${name}`);
  } finally {
    await context.close();
    await harness.close();
  }
}

try {
  await capture('developer screen, MCP section and Check a key', async (page) => {
    await captureDeveloperScreens(page, outDir);
    await captureMcpScreens(page, outDir);
  });
  await capture('sign in, waiting for the browser, signed out', (page, harness) => captureSignInScreens(page, harness, outDir));
  await capture('accounts, quick create, rotation, activity', (page, harness) => captureAccountScreens(page, harness, outDir));
  await capture('Omni tokens', async (page, harness) => {
    await captureOmniScreens(page, harness, outDir);
  });
} finally {
  await browser.close();
}
console.log(`Screenshots written to ${outDir}`);
