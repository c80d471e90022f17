/** Screenshots of the Developer API screen, taken through the harness (real core + sandbox). */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export async function captureDeveloperScreens(page: Page, outDir: string): Promise<void> {
  const shot = (name: string) => page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' });

  await page.getByTestId('welcome').waitFor();
  await shot('welcome');

  await page.getByRole('button', { name: /Try the sandbox/ }).click();
  await page.getByTestId('key-row').first().waitFor();
  await shot('key-list');

  await page.getByTestId('create-key-button').click();
  const create = page.getByRole('dialog', { name: 'Create API Key' });
  await create.getByLabel('KEY NAME').fill('Zapier integration');
  await create.getByRole('button', { name: 'Conversations Write' }).click();
  await create.getByRole('button', { name: 'Memories Write' }).click();
  await shot('create-dialog');

  await create.getByRole('button', { name: 'Create Key' }).click();
  const secret = page.getByTestId('secret-dialog');
  await secret.getByRole('button', { name: 'Copy Key' }).click();
  await secret.getByRole('button', { name: 'Copied!' }).first().waitFor();
  await shot('secret-dialog');
  await secret.getByRole('button', { name: 'Done' }).click();
  await secret.waitFor({ state: 'hidden' });

  await page.getByTestId('key-row').filter({ hasText: 'Zapier integration' }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByTestId('revoke-dialog').waitFor();
  await shot('revoke-dialog');
  await page.getByTestId('revoke-dialog').getByRole('button', { name: 'Cancel' }).click();
}
