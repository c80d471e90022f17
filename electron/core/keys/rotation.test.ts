import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, ActivityEntry, CreatedKey, ListedOmiKey, OmiKey, RotationResult } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { ActivityLog } from '../activity/activity-log';
import { AppError } from '../errors';
import { ReplacementMarks } from './key-marks';
import { silentLogger } from '../logging/log';
import { OmiKeyService, type OmiKeyDeps } from './omi-keys';
import type { OmiClient } from '../providers/omi';
import { credentialHint } from '../logging/redact';
import { KeyRotation } from './rotation';
import { confBackend, DevKeysStore } from '../storage/store';
import { createTestCore, type TestCore } from '../test-support';

const OLD_SECRET = `omi_dev_${'a'.repeat(28)}1111`;
const NEW_SECRET = `omi_dev_${'b'.repeat(28)}2222`;
const ACCOUNT = 'acc-1';

/**
 * A fake Omi server + credential store that records every step with the credential in use,
 * so the tests can assert the order: the new credential is stored and verified before any revoke.
 */
function recordingWorld(options: { verifyFails?: 'throws' | 'other_account'; storeFails?: boolean; createResponseLost?: boolean } = {}) {
  const steps: string[] = [];
  let stored = OLD_SECRET;
  const who = (secret: string) => (secret === OLD_SECRET ? 'old' : secret === NEW_SECRET ? 'new' : 'unknown');
  const key = (id: string, name: string, secret: string, scopes: string[] | null): OmiKey => ({
    id,
    name,
    key_prefix: credentialHint(secret),
    created_at: '2025-01-01T00:00:00Z',
    last_used_at: null,
    scopes,
  });
  let keys: OmiKey[] = [
    key('bootstrap', 'Bootstrap key', OLD_SECRET, ['memories:read', 'memories:write']),
    key('other', 'CI bot', `omi_dev_${'c'.repeat(28)}3333`, null),
  ];
  const client: OmiClient = {
    async listKeys() {
      steps.push(`list as ${who(stored)}`);
      if (stored === NEW_SECRET && options.verifyFails === 'throws') throw new AppError('unauthorized', 'Rejected (401).');
      if (stored === NEW_SECRET && options.verifyFails === 'other_account') return [];
      return keys;
    },
    async createKey({ name, scopes }) {
      steps.push(`create "${name}" ${JSON.stringify(scopes ?? null)} as ${who(stored)}`);
      const created = { ...key(`new-${keys.length}`, name, NEW_SECRET, scopes ?? null), created_at: new Date().toISOString() };
      keys = [created, ...keys];
      // The server made the key, but its answer (with the secret) never arrived.
      if (options.createResponseLost) throw new AppError('timeout', 'The server did not answer in time.');
      return { key: created, secret: NEW_SECRET };
    },
    async revokeKey(keyId) {
      steps.push(`revoke ${keyId} as ${who(stored)}`);
      keys = keys.filter((k) => k.id !== keyId);
      return 'revoked';
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'devkeys-rotation-'));
  const { store } = DevKeysStore.open(dir, confBackend);
  const deps: OmiKeyDeps = {
    client: async () => client,
    credentialHint: () => credentialHint(stored),
    marks: new ReplacementMarks(store),
    activity: new ActivityLog(store, () => new Date('2025-06-01T12:00:00Z')),
    log: silentLogger,
    emit: (event, payload) => steps.push(`event ${event} ${JSON.stringify(payload)}`),
  };
  const keysService = new OmiKeyService(deps);
  const rotation = new KeyRotation({
    ...deps,
    keys: keysService,
    credentials: {
      current: async () => stored,
      replace: async (_accountId, credential) => {
        if (options.storeFails) throw new AppError('storage', 'DevKeys could not encrypt the credential: the system keychain is unavailable.');
        steps.push(`store ${who(credential)}`);
        stored = credential;
      },
    },
  });
  return { steps, rotation, keysService, deps, stored: () => who(stored), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('KeyRotation ordering (recording fake)', () => {
  let world: ReturnType<typeof recordingWorld>;
  afterEach(() => world.dispose());

  it('rotates the bootstrap key: stores and verifies the new credential before the old key can be revoked', async () => {
    world = recordingWorld();
    const result = await world.rotation.rotate(ACCOUNT, 'bootstrap');
    expect(result.credential).toEqual({ status: 'adopted' });
    expect(result.secret).toBe(NEW_SECRET);
    expect(result.replaced.id).toBe('bootstrap');
    await expect(world.rotation.finish(ACCOUNT, 'bootstrap', 'revoke_old')).resolves.toBe('revoked');
    expect(world.steps).toEqual([
      'list as old', // finds the key to rotate
      'list as old', // snapshot for telling a lost create's key apart
      'create "Bootstrap key" ["memories:read","memories:write"] as old',
      'event keyCreated {"accountId":"acc-1","keyId":"new-2","source":"window","family":"dev"}',
      'store new',
      'list as new', // verification: the stored new credential lists keys, including the new key
      'event accountsChanged {"reason":"credential_rotated"}',
      'list as new', // the revoke guard looks the key up
      'revoke bootstrap as new',
    ]);
    expect(world.stored()).toBe('new');
  });

  it.each(['throws', 'other_account'] as const)(
    'keeps the old credential and refuses to revoke the old key when verification %s',
    async (verifyFails) => {
      world = recordingWorld({ verifyFails });
      const result = await world.rotation.rotate(ACCOUNT, 'bootstrap');
      // The key was created: its secret still reaches the user.
      expect(result.secret).toBe(NEW_SECRET);
      expect(result.credential).toMatchObject({ status: 'kept_old', message: expect.stringMatching(/^DevKeys could not sign in with the new key \(/) });
      expect(world.stored()).toBe('old');
      await expect(world.rotation.finish(ACCOUNT, 'bootstrap', 'revoke_old')).rejects.toMatchObject({ code: 'confirmation_required' });
      expect(world.steps.filter((s) => s.startsWith('store') || s.startsWith('revoke'))).toEqual(['store new', 'store old']);
    },
  );

  it('keeps the old credential when the new one cannot be stored, and says so rather than blaming the sign-in', async () => {
    world = recordingWorld({ storeFails: true });
    const result = await world.rotation.rotate(ACCOUNT, 'bootstrap');
    expect(result.secret).toBe(NEW_SECRET);
    expect(result.credential).toEqual({
      status: 'kept_old',
      message:
        'DevKeys could not switch to the new key (DevKeys could not encrypt the credential: the system keychain is unavailable). ' +
        'It keeps using the old key and did not revoke it.',
    });
    expect(world.stored()).toBe('old');
    await expect(world.rotation.finish(ACCOUNT, 'bootstrap', 'revoke_old')).rejects.toMatchObject({ code: 'confirmation_required' });
  });

  it('rotates a normal key without touching the credential, keeping name and (null) scopes', async () => {
    world = recordingWorld();
    const result = await world.rotation.rotate(ACCOUNT, 'other');
    expect(result.credential).toEqual({ status: 'not_bootstrap' });
    expect(await world.keysService.list(ACCOUNT)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'other', replacedBy: result.key.id, usedByDevKeys: false }),
        expect.objectContaining({ id: 'bootstrap', replacedBy: null, usedByDevKeys: true }),
      ]),
    );
    expect(await world.rotation.finish(ACCOUNT, 'other', 'keep_both')).toBe('kept');
    expect(world.steps).not.toContain('store new');
    expect(world.steps.some((s) => s.startsWith('revoke'))).toBe(false);
    expect(world.steps).toContain('create "CI bot" null as old');
    // Revoking the replaced key later clears its mark.
    await world.keysService.revoke(ACCOUNT, 'other');
    expect((await world.keysService.list(ACCOUNT)).every((k) => k.replacedBy === null)).toBe(true);
  });

  it('reports a lost create response with the key it may have made, and leaves the credential alone', async () => {
    world = recordingWorld({ createResponseLost: true });
    await expect(world.rotation.rotate(ACCOUNT, 'bootstrap')).rejects.toMatchObject({
      code: 'create_outcome_unknown',
      orphanKeys: [expect.objectContaining({ name: 'Bootstrap key' })],
    });
    expect(world.stored()).toBe('old');
    expect(world.steps.some((s) => s.startsWith('store') || s.startsWith('revoke') || s.startsWith('event'))).toBe(false);
    expect((await world.keysService.list(ACCOUNT)).every((k) => k.replacedBy === null)).toBe(true);
  });

  it('refuses to rotate a key that is gone', async () => {
    world = recordingWorld();
    await expect(world.rotation.rotate(ACCOUNT, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    expect(world.steps).toEqual(['list as old']);
  });
});

describe('rotation and the self-revocation guard against the real sandbox', () => {
  let sandbox: Sandbox;
  let t: TestCore;
  let account: AccountSummary;
  const bootstrapSecret = `omi_dev_${'d'.repeat(28)}4444`;

  beforeAll(async () => {
    sandbox = await startSandbox({ omiSeed: 'none' });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    t = createTestCore();
  });
  afterEach(async () => {
    await t.dispose();
  });

  const addAccount = async (secret: string) => {
    sandbox.addOmiUser({ seed: 'demo', bootstrapKey: secret });
    account = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: secret });
    return t.data<ListedOmiKey[]>('listKeys', { accountId: account.id });
  };
  const authStatus = async (secret: string) => {
    const response = await fetch(`${sandbox.url}/v1/dev/keys`, { headers: { Authorization: `Bearer ${secret}` } });
    await response.body?.cancel();
    return response.status;
  };

  it('marks the bootstrap key and guards its revocation with the typed name', async () => {
    const keys = await addAccount(bootstrapSecret);
    const own = keys.filter((k) => k.usedByDevKeys);
    expect(own.map((k) => k.name)).toEqual(['Bootstrap key']);
    const bootstrap = own[0]!;

    const refused = await t.call('revokeKey', { accountId: account.id, keyId: bootstrap.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'confirmation_required' } });
    expect(refused.error?.message).toMatch(/lose access/);
    expect(await t.call('revokeKey', { accountId: account.id, keyId: bootstrap.id, confirmName: 'Bootstrap' })).toMatchObject({
      ok: false,
      error: { code: 'confirmation_required' },
    });
    expect(await authStatus(bootstrapSecret)).toBe(200);
    expect(await t.data('revokeKey', { accountId: account.id, keyId: bootstrap.id, confirmName: ' Bootstrap key ' })).toEqual({
      outcome: 'revoked',
    });
    expect(await authStatus(bootstrapSecret)).toBe(401);
    expect(await t.call('listKeys', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('rotates the bootstrap key: DevKeys switches to the new key, then revokes the old one without locking itself out', async () => {
    const secret = `omi_dev_${'e'.repeat(28)}5555`;
    const before = await addAccount(secret);
    const bootstrap = before.find((k) => k.usedByDevKeys)!;

    const rotated = await t.data<RotationResult>('rotateKey', { accountId: account.id, keyId: bootstrap.id });
    expect(rotated.credential).toEqual({ status: 'adopted' });
    expect(rotated.key).toMatchObject({ name: bootstrap.name, scopes: bootstrap.scopes });
    expect(rotated.secretHandle).toMatch(/^[0-9a-f]{32}$/);
    const { accounts } = await t.data<{ accounts: AccountSummary[] }>('listAccounts');
    expect(accounts[0]?.credentialHint).toBe(rotated.key.key_prefix);

    const between = await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id });
    expect(between.find((k) => k.id === bootstrap.id)).toMatchObject({ usedByDevKeys: false, replacedBy: rotated.key.id });
    expect(between.find((k) => k.id === rotated.key.id)).toMatchObject({ usedByDevKeys: true, replacedBy: null });

    expect(await t.data('finishRotation', { accountId: account.id, oldKeyId: bootstrap.id, action: 'revoke_old' })).toEqual({
      outcome: 'revoked',
    });
    expect(await authStatus(secret)).toBe(401);
    expect(await authStatus(rotated.secret)).toBe(200);
    const after = await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id });
    expect(after.some((k) => k.id === bootstrap.id)).toBe(false);
    expect(after.every((k) => k.replacedBy === null)).toBe(true);

    // Neither secret reaches the store file or the log; the activity log has names and prefixes only.
    const storeText = readFileSync(t.core.storePath, 'utf8');
    for (const s of [secret, rotated.secret]) {
      expect(storeText).not.toContain(s);
      expect(t.logLines.join('\n')).not.toContain(s);
    }
    const activity = await t.data<ActivityEntry[]>('listActivity', { accountId: account.id });
    expect(activity.map((e) => e.kind)).toEqual(['key_revoked', 'key_rotated', 'account_added']);
    expect(activity[1]).toMatchObject({ keyName: bootstrap.name, keyPrefix: rotated.key.key_prefix, replacedKeyPrefix: bootstrap.key_prefix });
  });

  it('rotates a normal key and keeps both until the old one is revoked', async () => {
    const keys = await addAccount(`omi_dev_${'f'.repeat(28)}6666`);
    const normal = keys.find((k) => !k.usedByDevKeys && k.scopes !== null)!;
    const rotated = await t.data<RotationResult>('rotateKey', { accountId: account.id, keyId: normal.id });
    expect(rotated.credential).toEqual({ status: 'not_bootstrap' });
    expect(rotated.key).toMatchObject({ name: normal.name, scopes: normal.scopes });
    expect(await t.data('finishRotation', { accountId: account.id, oldKeyId: normal.id, action: 'keep_both' })).toEqual({ outcome: 'kept' });
    const listed = await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id });
    expect(listed.find((k) => k.id === normal.id)?.replacedBy).toBe(rotated.key.id);
    // Plain revoke of the replaced key clears the mark.
    await t.data('revokeKey', { accountId: account.id, keyId: normal.id });
    expect((await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id })).every((k) => k.replacedBy === null)).toBe(true);
    await t.data<CreatedKey>('forgetSecret', { secretHandle: rotated.secretHandle });
  });
});
