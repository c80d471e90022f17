import { chromium } from 'playwright-core';
import { startHarness, chromiumLaunchOptions } from '/work/main/e2e/harness';
import { captureOmniScreens } from '/work/main/e2e/screens/omni';

async function main() {
const harness = await startHarness();
const browser = await chromium.launch(chromiumLaunchOptions());
const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
const page = await harness.openPage(context);
try {
  console.log(await captureOmniScreens(page, harness, '/tmp/omni-shots'));
  const step = process.argv[2] ?? 'all';
  if (step === 'all') {
    await page.getByRole('tab', { name: 'Personal' }).click();
    await page.getByTestId('omni-token-row').first().waitFor();
    await page.getByRole('searchbox').fill('deploy');
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/omni-shots/filtered.png' });
    await page.getByRole('searchbox').fill('');
    await page.getByTestId('omni-token-row').first().getByRole('button', { name: 'Revoke' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: '/tmp/omni-shots/revoke.png' });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 760, height: 700 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: '/tmp/omni-shots/narrow.png' });
  }
} catch (e) {
  console.error(e);
  await page.screenshot({ path: '/tmp/omni-shots/error.png' });
} finally {
  await browser.close();
  await harness.close();
}
}
void main();
