/**
 * The Developer API screen end to end: the built renderer in Chromium, `window.devkeys` bound
 * to the real main-process core, the embedded sandbox over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../electron/sandbox/server';
import { LOG_FILE_NAME } from '../electron/core/app-core';
import { expect, filesContaining, test } from './fixtures';

test('sandbox account: list → create with scopes → copy once → revoke, and the secret is stored nowhere', async ({ app, harness }) => {
  await expect(app.getByTestId('welcome')).toBeVisible();
  await app.getByRole('button', { name: /Try the sandbox/ }).click();

  const rows = app.getByTestId('key-row');
  await expect(rows.first()).toBeVisible();
  const initialCount = await rows.count();
  expect(initialCount).toBeGreaterThanOrEqual(8);
  await expect(app.getByText('Never used').first()).toBeVisible();
  await expect(app.getByText(/Used .* ago/).first()).toBeVisible();

  // Create with custom scopes.
  await app.getByTestId('create-key-button').click();
  const createDialog = app.getByRole('dialog', { name: 'Create API Key' });
  await createDialog.getByRole('button', { name: 'Create Key' }).click();
  await expect(createDialog.getByText('Please enter a name.')).toBeVisible();
  await createDialog.getByLabel('KEY NAME').fill('  Zapier sync  ');
  await createDialog.getByRole('button', { name: 'Memories Write' }).click();
  await createDialog.getByRole('button', { name: 'Goals Read' }).click();
  await createDialog.getByRole('button', { name: 'Create Key' }).click();

  // The one-time secret dialog closes only through Done.
  const secretDialog = app.getByTestId('secret-dialog');
  await expect(secretDialog.getByText('API Key Created!')).toBeVisible();
  await expect(secretDialog.getByText("Save this key now! You won't be able to see it again.")).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^omi_dev_[0-9a-f]{32}$/);
  await app.keyboard.press('Escape');
  await app.mouse.click(5, 5);
  await expect(secretDialog).toBeVisible();

  await secretDialog.getByRole('button', { name: 'Copy Key' }).click();
  await expect(secretDialog.getByRole('button', { name: 'Copied!' }).first()).toBeVisible();
  await expect(app.getByText('API key copied to clipboard')).toBeVisible();
  expect(harness.clipboard.text).toBe(secret);
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(secretDialog).toBeHidden();

  // The new key is listed first, its prefix matching the secret, with the chosen scopes.
  const prefix = `omi_dev_${secret.slice(8, 12)}...${secret.slice(-4)}`;
  const newRow = rows.filter({ hasText: 'Zapier sync' });
  await expect(newRow).toHaveCount(1);
  await expect(rows.first()).toContainText('Zapier sync');
  await expect(newRow).toContainText(prefix);
  await expect(newRow).toContainText('Never used');
  await expect(newRow.getByText('Read', { exact: true })).toBeVisible();
  await expect(newRow.getByText('Write', { exact: true })).toBeVisible();

  // The secret authenticates against the sandbox until it is revoked.
  const baseUrl = await harness.core.sandbox.baseUrl();
  const authWith = (key: string) => fetch(`${baseUrl}/v1/dev/keys`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.status);
  expect(await authWith(secret)).toBe(200);

  await newRow.getByRole('button', { name: 'Revoke' }).click();
  const revokeDialog = app.getByTestId('revoke-dialog');
  await expect(revokeDialog.getByText('Revoke Key?')).toBeVisible();
  await expect(revokeDialog).toContainText('Are you sure you want to revoke the key "Zapier sync"? This action cannot be undone.');
  await revokeDialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(revokeDialog).toBeHidden();
  await expect(rows.filter({ hasText: 'Zapier sync' })).toHaveCount(0);
  await expect(rows).toHaveCount(initialCount);
  expect(await authWith(secret)).toBe(401);

  // The secret is nowhere: not in the DOM, web storage, the store file, the log, or the data dir.
  expect(await app.content()).not.toContain(secret);
  const webStorage = await app.evaluate(() => {
    const page = globalThis as unknown as { localStorage: object; sessionStorage: object };
    return JSON.stringify({ ...page.localStorage }) + JSON.stringify({ ...page.sessionStorage });
  });
  expect(webStorage).not.toContain(secret);
  expect(readFileSync(harness.core.storePath, 'utf8')).not.toContain(secret);
  expect(readFileSync(join(harness.dataDir, LOG_FILE_NAME), 'utf8')).not.toContain(secret);
  expect(filesContaining(harness.dataDir, secret)).toEqual([]);
  // Nor in react-query's cache.
  const cached = await app.evaluate(() => (globalThis as unknown as { __devkeysQueryCacheDump: () => string }).__devkeysQueryCacheDump());
  expect(cached).toContain('Bootstrap key'); // the dump really holds the cached key list
  expect(cached).not.toContain(secret);
});

test('add an Omi account: a 401 is explained and nothing is saved; the right key works', async ({ app, harness }) => {
  const server = await startSandbox({ omiSeed: 'demo' });
  try {
    await app.getByRole('button', { name: 'Use an API credential' }).click();
    const form = app.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Self-hosted');
    await form.getByLabel('Base URL').fill(server.url);
    await form.getByLabel('Bootstrap credential').fill(`omi_dev_${'0'.repeat(32)}`);
    await form.getByRole('button', { name: /Add account|Verify/ }).click();
    await expect(form.getByText(/401/)).toBeVisible();
    await expect(form.getByText(/choose “Sign in to Omi” instead/)).toBeVisible();
    expect(await harness.core.accounts.list()).toEqual([]);

    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await form.getByRole('button', { name: /Add account|Verify/ }).click();
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    await expect(app.getByTestId('account-bar')).toContainText('Self-hosted');
    expect(await app.content()).not.toContain(server.omiBootstrapKey);
  } finally {
    await server.close();
  }
});

test('add-account forms allow plain http only for localhost, before anything is sent', async ({ app, harness }) => {
  await app.getByRole('button', { name: 'Use an API credential' }).click();
  const form = app.getByTestId('add-account-form');
  await form.getByLabel('Base URL').fill('http://api.omi.me');
  await form.getByLabel('Bootstrap credential').fill(`omi_dev_${'0'.repeat(32)}`);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByText('Use https:// — plain http is allowed only for localhost')).toBeVisible();
  await expect(form.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Base URL')).toBeFocused();

  await form.getByTestId('provider-switch').getByRole('button', { name: 'Omni' }).click();
  await form.getByLabel('Instance (name or URL)').fill('http://omni.example.com');
  await form.getByLabel('API token', { exact: true }).fill('omni-token');
  await form.getByRole('button', { name: 'Add instance' }).click();
  await expect(form.getByText('Use https:// — plain http is allowed only for localhost')).toBeVisible();
  await expect(form.getByLabel('Instance (name or URL)')).toBeFocused();
  expect(await harness.core.accounts.list()).toEqual([]);
});

test('a credential the server rejects (401) can be re-entered from the key list', async ({ app, harness }) => {
  const server = await startSandbox({ omiSeed: 'demo' });
  const auth = (secret: string) => ({ Authorization: `Bearer ${secret}` });
  try {
    // A second key of the same user, to re-enter once the first is revoked elsewhere.
    const created = await fetch(`${server.url}/v1/dev/keys`, {
      method: 'POST',
      headers: { ...auth(server.omiBootstrapKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Spare' }),
    });
    const spare = ((await created.json()) as { key: string }).key;

    await app.getByRole('button', { name: 'Use an API credential' }).click();
    const form = app.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Self-hosted');
    await form.getByLabel('Base URL').fill(server.url);
    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await form.getByRole('button', { name: 'Add account' }).click();
    const own = app.getByTestId('key-row').filter({ hasText: 'Used by DevKeys' });
    await expect(own).toHaveCount(1);

    // Someone revokes DevKeys' key elsewhere; the next load is refused.
    const revoked = await fetch(`${server.url}/v1/dev/keys/${await own.getAttribute('data-key-id')}`, {
      method: 'DELETE',
      headers: auth(server.omiBootstrapKey),
    });
    expect(revoked.status).toBeLessThan(300);
    await app.reload();
    await expect(app.getByText("Couldn't load API keys.")).toBeVisible();
    await expect(app.getByText('If the credential was revoked or expired, re-enter a working one.')).toBeVisible();

    await app.getByRole('button', { name: 'Re-enter credential' }).click();
    const reenter = app.getByTestId('reenter-credential-form');
    await expect(reenter.getByLabel('Bootstrap credential')).toBeFocused();
    await reenter.getByLabel('Bootstrap credential').fill(`omi_dev_${'5'.repeat(32)}`);
    await reenter.getByRole('button', { name: 'Save credential' }).click();
    await expect(reenter.getByRole('alert')).toContainText('The credential was not saved.');

    await reenter.getByLabel('Bootstrap credential').fill(spare);
    await reenter.getByRole('button', { name: 'Save credential' }).click();
    await expect(app.getByText('Saved the new credential for “Self-hosted”')).toBeVisible();
    await expect(reenter).toBeHidden();
    await expect(own).toHaveCount(1);
    await expect(own).toContainText('Spare');
    const prefix = `omi_dev_${spare.slice(8, 12)}...${spare.slice(-4)}`;
    expect((await harness.core.accounts.list())[0]?.credentialHint).toBe(prefix);
    expect(await app.content()).not.toContain(spare);
  } finally {
    await server.close();
  }
});

test('a revoke that finds the key already gone says so and refreshes', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  const rows = app.getByTestId('key-row');
  await expect(rows.first()).toBeVisible();
  const target = rows.filter({ hasNotText: 'Bootstrap key' }).first();
  const keyId = (await target.getAttribute('data-key-id'))!;
  const name = (await target.locator('.key-row__name, [class*=name]').first().textContent())!.trim();

  // Someone revokes it elsewhere (curl, the phone app) while DevKeys shows it.
  const accountId = (await harness.core.accounts.list())[0]!.id;
  await (await harness.core.accounts.omiClient(accountId)).revokeKey(keyId);

  await target.getByRole('button', { name: 'Revoke' }).click();
  await app.getByTestId('revoke-dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(app.getByText('That key was already revoked.')).toBeVisible();
  await expect(rows.filter({ hasText: name })).toHaveCount(0);
});
