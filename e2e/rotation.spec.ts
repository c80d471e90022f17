/**
 * Key rotation and the self-revocation guard end to end: a normal key (keep both, then revoke
 * the replaced one), DevKeys' own bootstrap key (switch, verify, revoke the old one; the old
 * secret then answers 401), and revoking the bootstrap key only with its name typed.
 */
import type { Page } from '@playwright/test';
import type { DevKeysApi } from '../electron/ipc/contract';
import { expect, test } from './fixtures';

async function authStatus(baseUrl: string, secret: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/dev/keys`, { headers: { Authorization: `Bearer ${secret}` } });
  await response.body?.cancel();
  return response.status;
}

async function rotate(app: Page, keyName: string): Promise<{ secret: string }> {
  await app.getByTestId('key-row').filter({ hasText: keyName }).getByRole('button', { name: 'Rotate' }).click();
  const confirm = app.getByTestId('rotate-dialog');
  await expect(confirm).toContainText(`creates a new key named "${keyName}" with the same permissions`);
  await confirm.getByRole('button', { name: 'Rotate' }).click();
  const secretDialog = app.getByTestId('secret-dialog');
  await expect(secretDialog.getByText("Save this key now! You won't be able to see it again.")).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^omi_dev_[0-9a-f]{32}$/);
  // The choice comes only after the secret was acknowledged.
  await expect(app.getByTestId('rotation-choice-dialog')).toHaveCount(0);
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(secretDialog).toBeHidden();
  return { secret };
}

const prefixOf = (secret: string) => `omi_dev_${secret.slice(8, 12)}...${secret.slice(-4)}`;

test('rotating a normal key: same name and scopes, secret once, keep both, then revoke the replaced key', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  const rows = app.getByTestId('key-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  const oldRow = rows.filter({ hasText: 'Zapier automation' });
  const oldPrefix = (await oldRow.locator('.key-row__prefix').textContent())!;

  const { secret } = await rotate(app, 'Zapier automation');
  const choice = app.getByTestId('rotation-choice-dialog');
  await expect(choice).toContainText(oldPrefix);
  await expect(choice).toContainText(prefixOf(secret));
  await expect(choice.getByTestId('credential-adopted')).toHaveCount(0);
  await choice.getByRole('button', { name: 'Keep both for now' }).click();
  await expect(choice).toBeHidden();

  await expect(rows).toHaveCount(count + 1);
  const zapier = rows.filter({ hasText: 'Zapier automation' });
  await expect(zapier).toHaveCount(2);
  const replaced = zapier.filter({ hasText: oldPrefix });
  const replacement = zapier.filter({ hasText: prefixOf(secret) });
  await expect(replaced.getByText('Replaced', { exact: true })).toBeVisible();
  await expect(replacement.getByText('Replaced', { exact: true })).toHaveCount(0);
  await expect(replacement.getByText('Full Access')).toBeVisible();
  const baseUrl = await harness.core.sandbox.baseUrl();
  expect(await authStatus(baseUrl, secret)).toBe(200);

  // Later: revoke the replaced key; its badge and row go, the replacement stays.
  await replaced.getByRole('button', { name: 'Revoke' }).click();
  const revoke = app.getByTestId('revoke-dialog');
  await expect(revoke.getByRole('textbox')).toHaveCount(0); // not DevKeys' own key: no typed name
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(zapier).toHaveCount(1);
  await expect(zapier.getByText('Replaced', { exact: true })).toHaveCount(0);

  await app.getByTestId('activity-button').click();
  const entries = app.getByTestId('activity-entry');
  await expect(entries.nth(0)).toContainText(`Key revoked “Zapier automation”`);
  await expect(entries.nth(1)).toContainText(`Key rotated “Zapier automation”`);
  await expect(entries.nth(1)).toContainText(`${oldPrefix} → ${prefixOf(secret)}`);
});

test('rotating the bootstrap key: DevKeys switches to the new key, then the old one is revoked and answers 401', async ({ app, harness }) => {
  const baseUrl = await harness.core.sandbox.baseUrl();
  const oldSecret = await harness.core.sandbox.ensureOmiUser();
  await app.getByRole('button', { name: 'Use an API credential' }).click();
  const form = app.getByTestId('add-account-form');
  await form.getByLabel('Label').fill('Work');
  await form.getByLabel('Base URL').fill(baseUrl);
  await form.getByLabel('Bootstrap credential').fill(oldSecret);
  await form.getByRole('button', { name: 'Add account' }).click();

  const rows = app.getByTestId('key-row');
  const own = rows.filter({ hasText: 'Used by DevKeys' });
  await expect(own).toHaveCount(1);
  await expect(own).toContainText(prefixOf(oldSecret));
  await expect(app.getByTestId('account-switcher')).toContainText(prefixOf(oldSecret));

  await own.getByRole('button', { name: 'Rotate' }).click();
  await expect(app.getByTestId('rotate-dialog')).toContainText('DevKeys signs in to this account with this key');
  await app.getByTestId('rotate-dialog').getByRole('button', { name: 'Cancel' }).click();
  const { secret: newSecret } = await rotate(app, 'Bootstrap key');

  const choice = app.getByTestId('rotation-choice-dialog');
  await expect(choice.getByTestId('credential-adopted')).toContainText('DevKeys now signs in with the new key');
  // Before the old key is revoked, DevKeys already signs in with the new one.
  expect((await harness.core.accounts.list())[0]?.credentialHint).toBe(prefixOf(newSecret));
  await choice.getByRole('button', { name: 'Revoke old key now' }).click();
  await expect(choice).toBeHidden();
  await expect(app.getByText('Old key revoked')).toBeVisible();

  // The account still works: it lists keys, the new key is DevKeys' own, the old one is gone.
  await expect(rows.filter({ hasText: prefixOf(oldSecret) })).toHaveCount(0);
  await expect(own).toHaveCount(1);
  await expect(own).toContainText(prefixOf(newSecret));
  await expect(app.getByTestId('account-switcher')).toContainText(prefixOf(newSecret));
  expect((await (await harness.core.accounts.omiClient((await harness.core.accounts.list())[0]!.id)).listKeys()).length).toBeGreaterThan(5);
  await expect(app.getByTestId('account-switcher').getByTestId('account-status')).not.toHaveAttribute('data-failed', 'true');
  expect(await authStatus(baseUrl, oldSecret)).toBe(401);
  expect(await authStatus(baseUrl, newSecret)).toBe(200);
});

test('revoking the bootstrap key demands its typed name, and the account then shows as failing', async ({ app, harness }) => {
  // A credential account: DevKeys signs in with one of its keys (a signed-in account has none to protect).
  const baseUrl = await harness.core.sandbox.baseUrl();
  const bootstrap = await harness.core.sandbox.ensureOmiUser();
  await app.getByRole('button', { name: 'Use an API credential' }).click();
  const form = app.getByTestId('add-account-form');
  await form.getByLabel('Label').fill('Self-hosted');
  await form.getByLabel('Base URL').fill(baseUrl);
  await form.getByLabel('Bootstrap credential').fill(bootstrap);
  await form.getByRole('button', { name: 'Add account' }).click();
  const own = app.getByTestId('key-row').filter({ hasText: 'Used by DevKeys' });
  await expect(own).toHaveCount(1);
  const keyId = (await own.getAttribute('data-key-id'))!;
  const accountId = (await app.getByTestId('account-switcher').getAttribute('data-account-id'))!;

  // A spare key of the same user, to get back in with.
  await app.getByTestId('create-key-button').click();
  const create = app.getByRole('dialog', { name: 'Create API Key' });
  await create.getByLabel('KEY NAME').fill('Spare');
  await create.getByRole('button', { name: 'Full Access' }).click();
  await create.getByRole('button', { name: 'Create Key' }).click();
  const secretDialog = app.getByTestId('secret-dialog');
  const spare = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  await secretDialog.getByRole('button', { name: 'Done' }).click();

  // Main refuses on its own, whatever the renderer does.
  const refused = await app.evaluate(
    ([account, key]) => (globalThis as unknown as { devkeys: DevKeysApi }).devkeys.revokeKey({ accountId: account, keyId: key }),
    [accountId, keyId] as const,
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation_required' } });

  await own.getByRole('button', { name: 'Revoke' }).click();
  const dialog = app.getByTestId('revoke-dialog');
  await expect(dialog).toContainText('DevKeys signs in to this account with this key');
  const revoke = dialog.getByRole('button', { name: 'Revoke' });
  await expect(revoke).toBeDisabled();
  await dialog.getByRole('textbox').fill('Bootstrap');
  await expect(revoke).toBeDisabled();
  await dialog.getByRole('textbox').fill('Bootstrap key');
  await expect(revoke).toBeEnabled();
  await revoke.click();
  await expect(dialog).toBeHidden();

  // DevKeys lost access: the list fails with 401 and the status dot turns red.
  await expect(app.getByText('Couldn’t load API keys.').or(app.getByText("Couldn't load API keys."))).toBeVisible();
  await expect(app.getByTestId('account-switcher').getByTestId('account-status')).toHaveAttribute('data-failed', 'true');
  expect(await authStatus(baseUrl, bootstrap)).toBe(401);

  // The way back: re-enter a working key of that account.
  await app.getByRole('button', { name: 'Re-enter credential' }).click();
  const reenter = app.getByTestId('reenter-credential-form');
  await reenter.getByLabel('Bootstrap credential').fill(spare);
  await reenter.getByRole('button', { name: 'Save credential' }).click();
  await expect(app.getByTestId('key-row').filter({ hasText: 'Used by DevKeys' })).toContainText('Spare');
  await expect(app.getByTestId('account-switcher').getByTestId('account-status')).not.toHaveAttribute('data-failed', 'true');
});
