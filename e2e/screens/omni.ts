/**
 * Screenshots of the Omni tokens view for docs/screenshots (called by scripts/screenshots.ts).
 * Adds the built-in Omni sandbox account when the harness has none, and shows it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../harness';

export async function captureOmniScreens(page: Page, harness: Harness, outDir: string): Promise<string[]> {
  const accounts = await harness.core.accounts.list();
  const omni = accounts.find((account) => account.provider === 'omni' && account.status === 'ok');
  if (!omni) await harness.core.accounts.addSandbox(undefined, 'omni');
  else {
    // Through the page's own bridge, as the account picker would.
    await page.evaluate(
      (accountId) =>
        (globalThis as unknown as { devkeys: { setActiveAccount(args: { accountId: string }): Promise<unknown> } }).devkeys.setActiveAccount({
          accountId,
        }),
      omni.id,
    );
  }
  await page.reload();
  await page.getByTestId('omni-token-row').first().waitFor();
  await page.getByTestId('omni-count').filter({ hasText: 'loaded' }).waitFor();
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'omni-tokens.png');
  await page.screenshot({ path: file });
  return [file];
}
