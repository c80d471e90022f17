/**
 * Fault behaviour end to end: an Omi account on a separately started sandbox with fault
 * injection, the built renderer, and the real core in between. A create whose response is
 * lost (in the create dialog, a rotation or the tray's quick create) must surface the key the
 * server made anyway, and let the user revoke it.
 */
import type { Page } from '@playwright/test';
import type { OmiKey } from '../electron/ipc/contract';
import { startSandbox, type Sandbox } from '../electron/sandbox/server';
import { expectNoSeriousViolations } from './axe';
import { expect, test } from './fixtures';
import { shotIfAsked } from './shots';

let server: Sandbox;
test.beforeEach(async () => {
  server = await startSandbox({ faults: true, omiSeed: 'demo' });
});
test.afterEach(async () => {
  await server.close();
});

async function queueFault(fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(fault) });
  expect(response.status).toBe(200);
}

async function serverKeyNames(): Promise<string[]> {
  const response = await fetch(`${server.url}/v1/dev/keys`, { headers: { Authorization: `Bearer ${server.omiBootstrapKey}` } });
  return ((await response.json()) as OmiKey[]).map((key) => key.name);
}

async function addAccountThroughForm(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Use an API credential' }).click();
  const form = app.getByTestId('add-account-form');
  await form.getByLabel('Label').fill('Flaky server');
  await form.getByLabel('Base URL').fill(server.url);
  await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
}

test('a create whose response is lost shows the possible orphan key, and revoking it removes it', async ({ app }) => {
  await addAccountThroughForm(app);
  const rows = app.getByTestId('key-row');
  const before = await rows.count();

  await queueFault({ kind: 'lose_create_response' });
  await app.getByTestId('create-key-button').click();
  const dialog = app.getByRole('dialog', { name: 'Create API Key' });
  await dialog.getByLabel('KEY NAME').fill('Webhook relay');
  await dialog.getByRole('button', { name: 'Create Key' }).click();

  const notice = dialog.getByTestId('orphan-key-notice');
  await expect(notice).toContainText(
    'The server may have created this key, but its response was lost, so DevKeys never received the secret.',
  );
  await expect(notice).toContainText(/A key named "Webhook relay" \(omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}\) appeared at .+\d{4}, \d+:\d{2}/);
  await expect(notice).toContainText("It can't be used without its secret — revoke it?");
  await expect(notice.getByRole('button', { name: 'Keep it' })).toBeFocused();
  // No secret was ever shown, and the server really holds the key.
  await expect(app.getByTestId('secret-dialog')).toHaveCount(0);
  expect(await serverKeyNames()).toContain('Webhook relay');
  await expect(rows.filter({ hasText: 'Webhook relay' })).toHaveCount(1);
  await shotIfAsked(app, 'orphan-notice');
  await expectNoSeriousViolations(app, 'possible orphan key');

  await notice.getByRole('button', { name: 'Revoke possible orphan key' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Revoked the possible orphan key “Webhook relay”')).toBeVisible();
  await expect(rows.filter({ hasText: 'Webhook relay' })).toHaveCount(0);
  await expect(rows).toHaveCount(before);
  expect(await serverKeyNames()).not.toContain('Webhook relay');
});

test('a create that failed with a 500 says no key appeared, and only the user tries again', async ({ app }) => {
  await addAccountThroughForm(app);
  await queueFault({ kind: 'status500', method: 'POST' });
  await app.getByTestId('create-key-button').click();
  const dialog = app.getByRole('dialog', { name: 'Create API Key' });
  await dialog.getByLabel('KEY NAME').fill('Second attempt');
  await dialog.getByRole('button', { name: 'Create Key' }).click();

  await expect(dialog.getByRole('alert')).toContainText('No key named “Second attempt” appeared, so the key was most likely not created.');
  expect(await serverKeyNames()).not.toContain('Second attempt');
  await shotIfAsked(app, 'create-not-created');
  await dialog.getByRole('button', { name: 'Try again' }).click();
  await expect(app.getByTestId('secret-dialog').getByText('API Key Created!')).toBeVisible();
  expect((await serverKeyNames()).filter((name) => name === 'Second attempt')).toHaveLength(1);
});

test('a rotation whose create response is lost offers to revoke the possible orphan, and leaves the old key alone', async ({ app }) => {
  await addAccountThroughForm(app);
  const rows = app.getByTestId('key-row');
  const before = await rows.count();
  const zapier = rows.filter({ hasText: 'Zapier automation' });
  await expect(zapier).toHaveCount(1);

  await queueFault({ kind: 'lose_create_response' });
  await zapier.getByRole('button', { name: 'Rotate' }).click();
  const dialog = app.getByTestId('rotate-dialog');
  await dialog.getByRole('button', { name: 'Rotate' }).click();

  const notice = dialog.getByTestId('orphan-key-notice');
  await expect(notice).toContainText(
    'The server may have created this key, but its response was lost, so DevKeys never received the secret.',
  );
  await expect(notice).toContainText(/A key named "Zapier automation" \(omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}\) appeared at/);
  await expect(dialog).toContainText('Nothing was rotated: the old "Zapier automation"');
  await expect(notice.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expect(app.getByTestId('secret-dialog')).toHaveCount(0);
  // The server holds the replacement; the old key is not marked replaced.
  expect((await serverKeyNames()).filter((name) => name === 'Zapier automation')).toHaveLength(2);
  await expect(zapier).toHaveCount(2);
  await expect(zapier.getByText('Replaced', { exact: true })).toHaveCount(0);
  await expectNoSeriousViolations(app, 'rotation with a possible orphan key');

  await notice.getByRole('button', { name: 'Revoke possible orphan key' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByText('Revoked the possible orphan key “Zapier automation”')).toBeVisible();
  await expect(rows).toHaveCount(before);
  expect((await serverKeyNames()).filter((name) => name === 'Zapier automation')).toHaveLength(1);
});

test('a quick create whose response is lost shows the possible orphan key and revokes it', async ({ app, harness, context }) => {
  await addAccountThroughForm(app);
  await queueFault({ kind: 'lose_create_response' });
  const quick = await harness.openPage(context, '#quick-create');
  await quick.getByLabel('KEY NAME').fill('Tray relay');
  await quick.getByRole('button', { name: 'Create Key' }).click();

  const notice = quick.getByTestId('orphan-key-notice');
  await expect(notice).toContainText(/A key named "Tray relay" \(omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}\) appeared at/);
  await expect(notice.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await expect(quick.getByTestId('secret-dialog')).toHaveCount(0);
  expect(await serverKeyNames()).toContain('Tray relay');
  await expectNoSeriousViolations(quick, 'quick create with a possible orphan key');

  await notice.getByRole('button', { name: 'Revoke possible orphan key' }).click();
  await expect(quick.getByText('Revoked the possible orphan key “Tray relay”')).toBeVisible();
  expect(await serverKeyNames()).not.toContain('Tray relay');
  // Back to the form, with the name kept for another try.
  await expect(notice).toBeHidden();
  await expect(quick.getByLabel('KEY NAME')).toHaveValue('Tray relay');
});
