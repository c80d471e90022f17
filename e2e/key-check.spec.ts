/**
 * Check a key end to end: a pasted Developer API key, an MCP key, a revoked key and a random
 * string, each told apart, matched to the listed key of its account, tried against the server —
 * and revoked from the result in one place. The pasted secrets end up nowhere (the after-e2e scan
 * also looks for the random one: PASTED_SECRET_MARKER).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOG_FILE_NAME } from '../electron/core/app-core';
import { PASTED_SECRET_MARKER } from '../scripts/secret-scan';
import { expectNoSeriousViolations } from './axe';
import { expect, filesContaining, test } from './fixtures';
import { shotIfAsked } from './shots';

async function check(app: Page, secret: string) {
  const dialog = app.getByTestId('key-check-dialog');
  await dialog.getByLabel('KEY').fill(secret);
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  // The field lets go of the secret as soon as the check starts.
  await expect(dialog.getByLabel('KEY')).toHaveValue('');
  const result = dialog.getByTestId('key-check-result');
  await expect(result).toBeVisible();
  return result;
}

test('Check a key: a pasted Developer API key, an MCP key, a revoked key and a random string', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const account = (await harness.core.accounts.list())[0]!;
  // Keys "found in a repository": made on the server behind DevKeys' back, then shown by a reload.
  const dev = await (await harness.core.accounts.omiClient(account.id)).createKey({ name: 'Deploy script', scopes: ['memories:read', 'goals:write'] });
  const mcp = await (await harness.core.accounts.omiMcpClient(account.id)).createKey({ name: 'Cursor (laptop)' });
  const random = `${PASTED_SECRET_MARKER}${randomBytes(16).toString('hex')}`;
  await app.reload();
  await expect(app.getByTestId('mcp-key-row').filter({ hasText: 'Cursor (laptop)' })).toHaveCount(1);

  await app.getByTestId('key-check-button').click();
  const dialog = app.getByTestId('key-check-dialog');
  await expect(dialog.getByLabel('KEY')).toBeFocused();
  await expectNoSeriousViolations(app, 'Check a key dialog');

  // A Developer API key: what, which, whether it works (introspection with the key itself).
  let result = await check(app, `  ${dev.secret}  `);
  await expect(result.getByTestId('key-check-family')).toHaveText('Developer API key');
  await expect(result.getByTestId('key-check-prefix')).toHaveText(dev.key.key_prefix);
  const match = result.getByTestId('key-check-match');
  await expect(match).toHaveCount(1);
  await expect(match).toContainText(`“Deploy script” in ${account.label} · Developer API`);
  await expect(result.getByTestId('key-check-liveness')).toHaveAttribute('data-status', 'works');
  await expect(result.getByTestId('key-check-liveness')).toContainText('accepts it as “Deploy script”');
  await expect(result.getByTestId('key-check-liveness')).toContainText('memories:read, goals:write');
  await shotIfAsked(app, 'key-check-dev-works');
  await expectNoSeriousViolations(app, 'Check a key with a result');

  // One click from the result opens Omi's revoke dialog; afterwards the result says so.
  await match.getByRole('button', { name: 'Revoke' }).click();
  const revoke = app.getByTestId('revoke-dialog');
  await expect(revoke).toContainText('Are you sure you want to revoke the key "Deploy script"? This action cannot be undone.');
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke).toBeHidden();
  await expect(match).toContainText('Revoked');
  await expect(result.getByTestId('key-check-liveness')).toHaveAttribute('data-status', 'revoked');
  await expect(dialog).toBeVisible();

  // The same key again: revoked, so listed nowhere and refused by the server.
  result = await check(app, dev.secret);
  await expect(result.getByTestId('key-check-family')).toHaveText('Developer API key');
  await expect(result.getByTestId('key-check-matches')).toHaveText('Not in the key lists of your Omi accounts.');
  await expect(result.getByTestId('key-check-liveness')).toHaveAttribute('data-status', 'rejected');
  await expect(result.getByTestId('key-check-liveness')).toContainText("Doesn't work");
  await expect(result.getByTestId('key-check-liveness')).toContainText('(401: Invalid API Key): it was revoked, or it belongs to another server.');

  // An MCP key: tried with an MCP initialize.
  result = await check(app, mcp.secret);
  await expect(result.getByTestId('key-check-family')).toHaveText('MCP key');
  await expect(result.getByTestId('key-check-prefix')).toHaveText(mcp.key.key_prefix);
  await expect(result.getByTestId('key-check-match')).toContainText(`“Cursor (laptop)” in ${account.label} · MCP`);
  await expect(result.getByTestId('key-check-liveness')).toHaveAttribute('data-status', 'works');
  await expect(result.getByTestId('key-check-liveness')).toContainText('MCP server');
  await shotIfAsked(app, 'key-check-mcp-works');

  // Anything else: said so, and sent nowhere.
  result = await check(app, random);
  await expect(result.getByTestId('key-check-family')).toHaveText('Not an Omi key');
  await expect(result.getByTestId('key-check-prefix')).toHaveCount(0);
  await expect(result.getByTestId('key-check-liveness')).toContainText('DevKeys sent it nowhere.');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // The revoke from the result reached the list.
  await expect(app.getByTestId('key-row').filter({ hasText: 'Deploy script' })).toHaveCount(0);

  const cached = await app.evaluate(() => (globalThis as unknown as { __devkeysQueryCacheDump: () => string }).__devkeysQueryCacheDump());
  const log = readFileSync(join(harness.dataDir, LOG_FILE_NAME), 'utf8');
  expect(log).toContain('"event":"key_check.done"');
  for (const secret of [dev.secret, mcp.secret, random]) {
    expect(await app.content()).not.toContain(secret);
    expect(cached).not.toContain(secret);
    expect(log).not.toContain(secret.slice(8));
    expect(readFileSync(harness.core.storePath, 'utf8')).not.toContain(secret);
    expect(filesContaining(harness.dataDir, secret)).toEqual([]);
  }
});
