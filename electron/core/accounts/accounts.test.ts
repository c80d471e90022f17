/**
 * Each Omi account's clients are built once (they hold no state of their own) and still send
 * whatever the account's credential is now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createTestCore, type TestCore } from '../test-support';

let sandbox: Sandbox;
let t: TestCore;
/** The bearer of every request the core sent. */
const bearers: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ omiSeed: { count: 2 } });
  t = createTestCore({
    http: { fetch: (request: Request) => (bearers.push(request.headers.get('authorization') ?? ''), fetch(request)) },
  });
});
afterAll(async () => {
  await t.dispose();
  await sandbox.close();
});

describe("an Omi account's clients", () => {
  let account: AccountSummary;

  it('are built once per account, not per request', async () => {
    account = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    const { accounts } = t.core;
    expect(await accounts.omiClient(account.id)).toBe(await accounts.omiClient(account.id));
    expect(await accounts.omiMcpClient(account.id)).toBe(await accounts.omiMcpClient(account.id));
  });

  it('send the credential the account has now, after it was replaced', async () => {
    const second = sandbox.createOmiUser({ email: 'second@devkeys.test' });
    const before = await t.core.accounts.omiClient(account.id);
    await t.data('updateCredential', { accountId: account.id, credential: second.bootstrapKey });
    bearers.length = 0;
    const keys = await t.data<{ id: string }[]>('listKeys', { accountId: account.id });
    expect(bearers).toEqual([`Bearer ${second.bootstrapKey}`]);
    expect(keys.length).toBeGreaterThan(0);
    expect(await t.core.accounts.omiClient(account.id)).toBe(before);
  });

  it('are dropped with the account', async () => {
    const client = await t.core.accounts.omiClient(account.id);
    await t.data('removeAccount', { accountId: account.id });
    await expect(t.core.accounts.omiClient(account.id)).rejects.toMatchObject({ code: 'account_not_found' });
    const again = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    expect(await t.core.accounts.omiClient(again.id)).not.toBe(client);
  });
});
