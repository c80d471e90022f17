import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, CreatedKey, OmiKey } from '../ipc/contract';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { createTestCore, type TestCore } from './test-support';
import { createAesGcmCipher } from './storage/vault';
import { createManualTimers, createMemoryClipboard, SecretClipboard } from './secrets/one-time-secrets';

let sandbox: Sandbox;
let t: TestCore;
beforeAll(async () => {
  sandbox = await startSandbox({ omiSeed: 'demo', faults: true });
  t = createTestCore({ http: { timeoutMs: 1500 } });
});
afterAll(async () => {
  await t.dispose();
  await sandbox.close();
});

const fault = (body: Record<string, unknown>) =>
  fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('core over the real sandbox', () => {
  let account: AccountSummary;

  it('adds an Omi account only after verifying the credential', async () => {
    account = await t.data<AccountSummary>('addAccount', {
      provider: 'omi',
      label: 'Work',
      baseUrl: `${sandbox.url}/`,
      credential: sandbox.omiBootstrapKey,
    });
    expect(account).toMatchObject({ label: 'Work', provider: 'omi', baseUrl: sandbox.url, isSandbox: false, status: 'ok' });
    expect(account.credentialHint).toMatch(/^omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}$/);
    const { accounts, activeAccountId } = await t.data<{ accounts: AccountSummary[]; activeAccountId: string }>('listAccounts');
    expect(accounts.map((a) => a.id)).toEqual([account.id]);
    expect(activeAccountId).toBe(account.id);
  });

  it('explains a 401 while adding and saves nothing', async () => {
    const result = await t.call('addAccount', {
      provider: 'omi',
      label: 'Bad',
      baseUrl: sandbox.url,
      credential: `omi_dev_${'0'.repeat(32)}`,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
    expect(result.error?.message).toMatch(/401: Invalid API key/);
    expect(result.error?.message).toMatch(/signed-in session, not an omi_dev_ key: choose “Sign in to Omi” instead/);
    expect(result.error?.message).not.toContain('0'.repeat(32));
    const { accounts } = await t.data<{ accounts: AccountSummary[] }>('listAccounts');
    expect(accounts).toHaveLength(1);
  });

  it('reports an unreachable server as a network error', async () => {
    const result = await t.call('addAccount', { provider: 'omi', label: 'Down', baseUrl: 'http://127.0.0.1:9', credential: 'abc123' });
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('lists, creates with scopes, copies, and revokes', async () => {
    const before = await t.data<OmiKey[]>('listKeys', { accountId: account.id });
    expect(before.length).toBeGreaterThan(5);
    const created = await t.data<CreatedKey>('createKey', {
      accountId: account.id,
      name: '  CI bot  ',
      scopes: ['memories:read', 'memories:write'],
    });
    expect(created.secret).toMatch(/^omi_dev_[0-9a-f]{32}$/);
    expect(created.key).toMatchObject({ name: 'CI bot', scopes: ['memories:read', 'memories:write'], last_used_at: null });
    expect(created.key.key_prefix).toBe(`omi_dev_${created.secret.slice(8, 12)}...${created.secret.slice(-4)}`);

    const after = await t.data<OmiKey[]>('listKeys', { accountId: account.id });
    expect(after[0]?.id).toBe(created.key.id);

    await t.data('copySecret', { secretHandle: created.secretHandle });
    expect(t.clipboard.text).toBe(created.secret);
    expect(await t.data('forgetSecret', { secretHandle: created.secretHandle })).toEqual({ forgotten: true });
    expect(await t.call('copySecret', { secretHandle: created.secretHandle })).toMatchObject({ ok: false, error: { code: 'secret_expired' } });

    expect(await t.data('revokeKey', { accountId: account.id, keyId: created.key.id })).toEqual({ outcome: 'revoked' });
    expect(await t.data('revokeKey', { accountId: account.id, keyId: created.key.id })).toEqual({ outcome: 'already_gone' });
    const finalList = await t.data<OmiKey[]>('listKeys', { accountId: account.id });
    expect(finalList.some((k) => k.id === created.key.id)).toBe(false);

    // The secret never reaches the store file or the log.
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(created.secret);
    expect(t.logLines.join('\n')).not.toContain(created.secret);
    expect(t.logLines.some((line) => line.includes('key.created'))).toBe(true);
  });

  it('shows a FastAPI list-style 422 readably', async () => {
    // The contract schema stops blank names before they leave main; a server-side rule still can fail.
    const result = await t.call('createKey', { accountId: account.id, name: `leak omi_dev_${'a'.repeat(32)}` });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', status: 422 } });
    expect(result.error?.message).toBe('API key name must not contain a raw API key');
  });

  // Lists are retried once on transient failures (fault-behaviour.test.ts), so those faults hit twice.
  it.each([
    [{ kind: 'status500', times: 2 }, 'server_error'],
    [{ kind: 'rate_limit', retryAfter: 7 }, 'rate_limited'],
    [{ kind: 'malformed_json' }, 'bad_response'],
    [{ kind: 'reset', times: 2 }, 'network'],
    [{ kind: 'latency', ms: 2500, times: 2 }, 'timeout'],
  ])('maps fault %j to %s', async (spec, code) => {
    await fault({ ...spec, path: '/v1/dev/keys', method: 'GET' });
    const result = await t.call('listKeys', { accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (code === 'rate_limited') expect(result.error?.['retryAfterSeconds']).toBe(7);
  });

  it('keeps accounts and credentials across a restart with the same keychain', async () => {
    const key = randomBytes(32);
    const first = createTestCore({ cipher: createAesGcmCipher(key) });
    const added = await first.data<AccountSummary>('addAccount', { provider: 'omi', label: 'A', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    await first.core.shutdown();
    const second = createTestCore({ cipher: createAesGcmCipher(key), dataDir: first.dataDir });
    expect((await second.data<OmiKey[]>('listKeys', { accountId: added.id })).length).toBeGreaterThan(0);
    // A different keychain: the account shows as locked and says so, without crashing.
    const third = createTestCore({ cipher: createAesGcmCipher(), dataDir: first.dataDir });
    const { accounts } = await third.data<{ accounts: AccountSummary[] }>('listAccounts');
    expect(accounts[0]?.status).toBe('locked');
    expect(await third.call('listKeys', { accountId: added.id })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
    await second.core.shutdown();
    await third.dispose();
  });

  it('removes an account and its credential', async () => {
    const extra = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Tmp', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    await t.data('removeAccount', { accountId: extra.id });
    const { accounts } = await t.data<{ accounts: AccountSummary[] }>('listAccounts');
    expect(accounts.map((a) => a.id)).not.toContain(extra.id);
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(extra.id);
  });
});

describe('built-in sandbox accounts', () => {
  it('starts the embedded sandbox on demand with demo keys, and survives a restart', async () => {
    const key = randomBytes(32);
    const first = createTestCore({ cipher: createAesGcmCipher(key) });
    const account = await first.data<AccountSummary>('addSandboxAccount', {});
    expect(account).toMatchObject({ label: 'Sandbox', isSandbox: true, baseUrl: 'Built-in sandbox' });
    const keys = await first.data<OmiKey[]>('listKeys', { accountId: account.id });
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const second = await first.data<AccountSummary>('addSandboxAccount', {});
    expect(second.label).toBe('Sandbox 2');
    await first.core.shutdown();

    // After a restart the sandbox runs on a new port; the stored credential works again.
    const restarted = createTestCore({ cipher: createAesGcmCipher(key), dataDir: first.dataDir });
    expect((await restarted.data<OmiKey[]>('listKeys', { accountId: account.id })).length).toBeGreaterThanOrEqual(8);
    await restarted.dispose();
  });
});

describe('SecretClipboard', () => {
  it('clears the clipboard after the delay only if it still holds the secret', async () => {
    const clipboard = createMemoryClipboard();
    const guard = new SecretClipboard(clipboard, 30);
    await guard.copy('secret-1');
    await new Promise((r) => setTimeout(r, 80));
    expect(clipboard.text).toBe('');

    await guard.copy('secret-2');
    clipboard.text = 'something the user copied';
    await new Promise((r) => setTimeout(r, 80));
    expect(clipboard.text).toBe('something the user copied');
  });

  it('on a manual clock: concealed, kept until 30 s have passed, then cleared; plain copies are neither', async () => {
    const clipboard = createMemoryClipboard();
    const timers = createManualTimers();
    const guard = new SecretClipboard(clipboard, undefined, timers);
    await guard.copy('secret-4');
    expect(clipboard).toMatchObject({ text: 'secret-4', concealed: true });
    timers.advance(29_999);
    expect(clipboard.text).toBe('secret-4');
    timers.advance(1);
    await new Promise((r) => setImmediate(r));
    expect(clipboard.text).toBe('');

    await guard.copyPlain('https://api.omi.me/v1/mcp');
    expect(clipboard).toMatchObject({ text: 'https://api.omi.me/v1/mcp', concealed: false });
    expect(timers.pending()).toBe(0);
  });

  it('clears on quit', async () => {
    const clipboard = createMemoryClipboard();
    const guard = new SecretClipboard(clipboard, 60_000);
    await guard.copy('secret-3');
    expect(await guard.clearIfStillOurs()).toBe(true);
    expect(clipboard.text).toBe('');
  });
});
