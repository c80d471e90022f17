/**
 * Screenshots of the multi-account, tray quick-create, rotation and activity screens, for
 * the lead's screenshots script. Works from any state of `page` (a harness page): it adds
 * sandbox accounts until there are two, through the same bridge the UI uses.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DevKeysApi } from '../../electron/ipc/contract';
import type { Harness } from '../harness';

const SHOT_ACCOUNTS = ['Personal', 'Work'];

export async function captureAccountScreens(page: Page, harness: Harness, outDir: string): Promise<void> {
  // Animations off: a dialog caught mid fade-in looks broken.
  const shot = (target: Page, name: string) => target.screenshot({ path: join(outDir, name), animations: 'disabled' });

  for (const label of SHOT_ACCOUNTS.slice((await harness.core.accounts.list()).length)) {
    await page.evaluate((l) => (globalThis as unknown as { devkeys: DevKeysApi }).devkeys.addSandboxAccount({ label: l }), label);
  }
  await page.reload();
  const rows = page.getByTestId('key-row');
  await rows.first().waitFor();

  // switcher.png: the account menu open over the key list.
  await page.getByTestId('account-switcher').click();
  await page.getByRole('menu', { name: 'Accounts' }).waitFor();
  await shot(page, 'switcher.png');
  await page.keyboard.press('Escape');

  // quick-create.png: the tray's small window with a name typed in.
  const quick = await harness.openPage(page.context(), '#quick-create');
  await quick.setViewportSize({ width: 420, height: 460 });
  await quick.getByLabel('KEY NAME').fill('Raycast extension');
  await quick.getByRole('button', { name: 'Full Access' }).click();
  await shot(quick, 'quick-create.png');
  await quick.close();

  // rotation-secret.png and rotation-choice.png: rotating a key the account does not sign in with.
  const target = rows.filter({ hasText: 'Zapier automation' }).first();
  await target.getByRole('button', { name: 'Rotate' }).click();
  await page.getByTestId('rotate-dialog').getByRole('button', { name: 'Rotate' }).click();
  const secretDialog = page.getByTestId('secret-dialog');
  await secretDialog.waitFor();
  await shot(page, 'rotation-secret.png');
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  const choice = page.getByTestId('rotation-choice-dialog');
  await choice.waitFor();
  await shot(page, 'rotation-choice.png');
  await choice.getByRole('button', { name: 'Keep both for now' }).click();
  await choice.waitFor({ state: 'hidden' });

  // activity-log.png
  await page.getByTestId('activity-button').click();
  const panel = page.getByTestId('activity-panel');
  await panel.getByTestId('activity-entry').first().waitFor();
  await shot(page, 'activity-log.png');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
}
