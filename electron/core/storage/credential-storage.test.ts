/**
 * Storage faults and the consent rule, over the real sandbox and a conf store on disk:
 * re-entering the credential of a locked account, resetting a locked sandbox account, and
 * refusing to store any credential under a weak keychain until the user agreed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, AppInfo, ListedOmiKey, OmiKey, RotationResult } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createTestCore, type TestCore } from '../test-support';
import { createAesGcmCipher, type SecretCipher } from './vault';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ omiSeed: 'demo', omniSeed: 'demo', omniRateLimitPerMinute: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

/** Linux without a Secret Service: safeStorage's `basic_text`. Encrypts for real (AES) underneath. */
function weakCipher(key: Buffer = randomBytes(32)): SecretCipher {
  const inner = createAesGcmCipher(key);
  return { ...inner, info: async () => ({ available: true, backend: 'basic_text', weak: true }) };
}

/** The settings file as written; no file yet means nothing was stored. */
const storeFile = (t: TestCore): { credentials?: Record<string, string> } =>
  existsSync(t.core.storePath) ? (JSON.parse(readFileSync(t.core.storePath, 'utf8')) as { credentials?: Record<string, string> }) : {};
const accountsOf = async (t: TestCore) => (await t.data<{ accounts: AccountSummary[] }>('listAccounts')).accounts;

describe('a weak keychain needs consent before any credential is stored', () => {
  it('refuses every way of storing a credential until the user agrees, and remembers the agreement', async () => {
    const key = randomBytes(32);
    const sent: string[] = [];
    const http = { fetch: (request: Request) => (sent.push(request.url), fetch(request)) };
    const t = createTestCore({ cipher: weakCipher(key), http });
    expect((await t.data<AppInfo>('getAppInfo')).encryption).toEqual({ available: true, backend: 'basic_text', weak: true, consented: false });

    const omi = { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey };
    const refused = await t.call('addAccount', omi);
    expect(refused).toMatchObject({ ok: false, error: { code: 'weak_encryption_consent_required' } });
    expect(refused.error?.message).toMatch(/^Your system keychain is not available \(backend: basic_text\), so DevKeys can only obfuscate credentials on disk/);
    expect(JSON.stringify(refused)).not.toContain(sandbox.omiBootstrapKey);
    // Not even the verification request went out.
    expect(sent).toEqual([]);
    expect(await t.call('addAccount', { provider: 'omni', instance: sandbox.url, credential: sandbox.omniToken })).toMatchObject({
      ok: false,
      error: { code: 'weak_encryption_consent_required' },
    });
    expect(await t.call('addSandboxAccount', {})).toMatchObject({ ok: false, error: { code: 'weak_encryption_consent_required' } });
    expect(await accountsOf(t)).toEqual([]);
    expect(storeFile(t).credentials ?? {}).toEqual({});

    expect(await t.data('setWeakEncryptionConsent', { consent: true })).toEqual({ consented: true });
    expect((await t.data<AppInfo>('getAppInfo')).encryption.consented).toBe(true);
    const account = await t.data<AccountSummary>('addAccount', omi);
    expect(Object.keys(storeFile(t).credentials ?? {})).toEqual([account.id]);
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(sandbox.omiBootstrapKey);
    await t.core.shutdown();

    // The agreement is persisted with the settings.
    const restarted = createTestCore({ cipher: weakCipher(key), dataDir: t.dataDir });
    expect((await restarted.data<AppInfo>('getAppInfo')).encryption.consented).toBe(true);
    expect((await restarted.data<AccountSummary>('addSandboxAccount', {})).status).toBe('ok');

    // Withdrawn: re-entering or resetting a credential is refused again, and nothing changes.
    await restarted.data('setWeakEncryptionConsent', { consent: false });
    const before = storeFile(restarted).credentials;
    const sandboxAccount = (await accountsOf(restarted)).find((a) => a.isSandbox)!;
    expect(await restarted.call('updateCredential', { accountId: account.id, credential: sandbox.omiBootstrapKey })).toMatchObject({
      ok: false,
      error: { code: 'weak_encryption_consent_required' },
    });
    expect(await restarted.call('resetSandboxAccount', { accountId: sandboxAccount.id })).toMatchObject({
      ok: false,
      error: { code: 'weak_encryption_consent_required' },
    });
    expect(storeFile(restarted).credentials).toEqual(before);
    // Credentials stored earlier still work: the rule is about storing, not reading.
    expect((await restarted.data<OmiKey[]>('listKeys', { accountId: account.id })).length).toBeGreaterThan(0);
    await restarted.dispose();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('keeps the old credential when a rotation would adopt a new one without consent', async () => {
    const server = await startSandbox({ omiSeed: 'demo' });
    const t = createTestCore({ cipher: weakCipher() });
    try {
      await t.data('setWeakEncryptionConsent', { consent: true });
      const account = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'R', baseUrl: server.url, credential: server.omiBootstrapKey });
      await t.data('setWeakEncryptionConsent', { consent: false });
      const own = (await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id })).find((k) => k.usedByDevKeys)!;
      const stored = storeFile(t).credentials?.[account.id];

      const rotated = await t.data<RotationResult>('rotateKey', { accountId: account.id, keyId: own.id });
      expect(rotated.credential).toEqual({
        status: 'kept_old',
        message:
          'DevKeys did not save the new key as its credential: your system keychain is not available, and you have not ' +
          'agreed to store credentials only obfuscated on disk. It keeps using the old key and did not revoke it.',
      });
      // The new key exists and works; only DevKeys' own credential stayed the old one.
      expect(rotated.secret).toMatch(/^omi_dev_/);
      expect(storeFile(t).credentials?.[account.id]).toBe(stored);
      expect((await accountsOf(t))[0]).toMatchObject({ status: 'ok', credentialHint: account.credentialHint });
    } finally {
      await t.dispose();
      await server.close();
    }
  });

  it('says the keychain is unavailable, not "something went wrong", when encrypting fails after consent', async () => {
    // safeStorage with no keychain at all: isAsyncEncryptionAvailable() is false and encrypting throws.
    const unavailable: SecretCipher = {
      info: async () => ({ available: false, backend: 'unknown', weak: true }),
      encrypt: () => Promise.reject(new Error('Encryption is not available.')),
      decrypt: () => Promise.reject(new Error('Decryption is not available.')),
    };
    const t = createTestCore({ cipher: unavailable });
    try {
      await t.data('setWeakEncryptionConsent', { consent: true });
      const omi = { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey };
      for (const [channel, payload] of [['addAccount', omi], ['addSandboxAccount', {}]] as const) {
        const result = await t.call(channel, payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'storage' } });
        expect(result.error?.message).toMatch(/^DevKeys could not encrypt the credential: the system keychain is unavailable\./);
        expect(JSON.stringify(result)).not.toContain(sandbox.omiBootstrapKey);
      }
      expect(await accountsOf(t)).toEqual([]);
      expect(storeFile(t).credentials ?? {}).toEqual({});
    } finally {
      await t.dispose();
    }
  });

  it('needs no consent with a real keychain', async () => {
    const t = createTestCore();
    expect((await t.data<AppInfo>('getAppInfo')).encryption).toMatchObject({ weak: false, consented: false });
    expect((await t.data<AccountSummary>('addSandboxAccount', {})).status).toBe('ok');
    await t.dispose();
  });
});

describe('re-entering the credential of a locked account', () => {
  /** Three accounts, then a restart where the Omi and the sandbox account's ciphertexts no longer decrypt. */
  async function withOneLocked() {
    const key = randomBytes(32);
    const first = createTestCore({ cipher: createAesGcmCipher(key) });
    const omi = await first.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Omi', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    const omni = await first.data<AccountSummary>('addAccount', { provider: 'omni', label: 'Omni', instance: sandbox.url, credential: sandbox.omniToken });
    const play = await first.data<AccountSummary>('addSandboxAccount', {});
    await first.core.shutdown();
    const file = JSON.parse(readFileSync(first.core.storePath, 'utf8')) as { credentials: Record<string, string> };
    // Another machine's keychain: well-formed ciphertext under a key this one does not have.
    const foreign = createAesGcmCipher();
    for (const id of [omi.id, play.id]) file.credentials[id] = await foreign.encrypt('something else');
    writeFileSync(first.core.storePath, JSON.stringify(file));
    return { t: createTestCore({ cipher: createAesGcmCipher(key), dataDir: first.dataDir }), omi, omni, play };
  }

  it('unlocks only with a credential the server accepts', async () => {
    const { t, omi, omni } = await withOneLocked();
    try {
      // The signed-in sandbox account's session can only come back by signing in again: it shows signed out.
      const statuses = await accountsOf(t);
      expect(statuses.map((a) => a.status)).toEqual(['locked', 'ok', 'signed_out']);
      expect(statuses[2]?.statusDetail).toMatch(/can no longer decrypt this account's stored session/);
      expect(await t.call('listKeys', { accountId: omi.id })).toMatchObject({ ok: false, error: { code: 'account_locked' } });
      expect(await t.call('listOmniTokens', { accountId: omni.id })).toMatchObject({ ok: true });

      const wrong = `omi_dev_${'7'.repeat(32)}`;
      const refused = await t.call('updateCredential', { accountId: omi.id, credential: wrong });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
      expect(refused.error?.message).toMatch(/The credential was not saved/);
      expect(JSON.stringify(refused)).not.toContain(wrong);
      expect((await accountsOf(t))[0]?.status).toBe('locked');

      const unlocked = await t.data<AccountSummary>('updateCredential', { accountId: omi.id, credential: sandbox.omiBootstrapKey });
      expect(unlocked).toMatchObject({ id: omi.id, label: 'Omi', status: 'ok', credentialHint: omi.credentialHint });
      expect((await t.data<OmiKey[]>('listKeys', { accountId: omi.id })).length).toBeGreaterThan(5);
      // An Omni credential is verified with Omni's own list.
      expect(await t.data<AccountSummary>('updateCredential', { accountId: omni.id, credential: sandbox.omniToken })).toMatchObject({ status: 'ok' });

      const onDisk = readFileSync(t.core.storePath, 'utf8');
      expect(onDisk).not.toContain(sandbox.omiBootstrapKey);
      expect(onDisk).not.toContain(sandbox.omniToken);
      expect(t.logLines.join('\n')).not.toContain(sandbox.omiBootstrapKey.slice(8));
      expect(t.logLines.some((line) => line.includes('account.credential_updated'))).toBe(true);
    } finally {
      await t.dispose();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });

  it('signs a sandbox account whose session no longer decrypts in again, in place', async () => {
    const { t, omi, play } = await withOneLocked();
    try {
      expect(await t.call('updateCredential', { accountId: play.id, credential: sandbox.omiBootstrapKey })).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
      expect(await t.call('resetSandboxAccount', { accountId: omi.id })).toMatchObject({ ok: false, error: { code: 'validation' } });

      const reset = await t.data<AccountSummary>('resetSandboxAccount', { accountId: play.id });
      expect(reset).toMatchObject({ id: play.id, label: play.label, isSandbox: true, status: 'ok' });
      expect((await t.data<OmiKey[]>('listKeys', { accountId: play.id })).length).toBeGreaterThanOrEqual(8);
      expect((await accountsOf(t)).map((a) => a.id)).toEqual([omi.id, expect.any(String), play.id]);
    } finally {
      await t.dispose();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
