/**
 * How the core behaves when the server misbehaves, against the real sandbox with faults:
 * list requests are retried once on transient failures, a create is never repeated, and a
 * create whose response was lost (a plain create or a rotation's) reports the key the server
 * made anyway (its "orphan").
 * Every request the core sends goes through a counting fetch, so "not retried" is measured.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, ActivityEntry, CreatedKey, IpcError, ListedOmiKey, OmiKey } from '../ipc/contract';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { createTestCore, type TestCore } from './test-support';

let sandbox: Sandbox;
let t: TestCore;
let account: AccountSummary;
/** `METHOD /path` of every request the core sent since the last reset. */
let sent: string[] = [];
/** When set, list requests fail at the transport once a POST was sent (the recovery check cannot run). */
let breakListsAfterPost = false;

const countingFetch = async (request: Request): Promise<Response> => {
  const line = `${request.method} ${new URL(request.url).pathname}`;
  if (breakListsAfterPost && request.method === 'GET' && sent.some((s) => s.startsWith('POST'))) {
    sent.push(line);
    throw new TypeError('fetch failed');
  }
  sent.push(line);
  return fetch(request);
};

beforeAll(async () => {
  sandbox = await startSandbox({ faults: true, omiSeed: 'demo' });
  t = createTestCore({ http: { timeoutMs: 1000, retryDelayMs: 50, fetch: countingFetch } });
  account = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Faulty', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
});
afterAll(async () => {
  await t.dispose();
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  sent = [];
  breakListsAfterPost = false;
});

const fault = async (body: Record<string, unknown>) => {
  const response = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path: '/v1/dev/keys', ...body }) });
  expect(response.status).toBe(200);
};
const count = (method: string) => sent.filter((line) => line.startsWith(`${method} `)).length;
/** The server's own list, read around the core (no fault applies: faults are queued per call). */
const serverKeys = async (): Promise<OmiKey[]> => {
  const response = await fetch(`${sandbox.url}/v1/dev/keys`, { headers: { Authorization: `Bearer ${sandbox.omiBootstrapKey}` } });
  return (await response.json()) as OmiKey[];
};
const createError = async (name: string): Promise<IpcError> => {
  const result = await t.call('createKey', { accountId: account.id, name });
  expect(result.ok).toBe(false);
  return result.error as unknown as IpcError;
};

describe('list requests', () => {
  it('retries a dropped connection once and succeeds', async () => {
    await fault({ kind: 'reset', method: 'GET', times: 1 });
    const keys = await t.data<OmiKey[]>('listKeys', { accountId: account.id });
    expect(keys.length).toBeGreaterThan(5);
    expect(count('GET')).toBe(2);
  });

  it('retries a 500 once, then reports it', async () => {
    await fault({ kind: 'status500', method: 'GET', times: 2 });
    expect(await t.call('listKeys', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'server_error', status: 500 } });
    expect(count('GET')).toBe(2);
  });

  it.each([
    [{ kind: 'malformed_json' }, 'bad_response'],
    [{ kind: 'rate_limit', retryAfter: 3 }, 'rate_limited'],
  ])('does not retry %j (%s)', async (spec, code) => {
    await fault({ ...spec, method: 'GET' });
    expect(await t.call('listKeys', { accountId: account.id })).toMatchObject({ ok: false, error: { code } });
    expect(count('GET')).toBe(1);
  });

  it('gives up on a server slower than the timeout instead of hanging', async () => {
    await fault({ kind: 'latency', ms: 5000, method: 'GET', times: 2 });
    const started = Date.now();
    const result = await t.call('listKeys', { accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(result.error?.message).toMatch(/did not answer within 1 s/);
    // Two attempts of 1 s plus the retry delay, far below the server's 5 s.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(count('GET')).toBe(2);
  });
});

describe('creating a key', () => {
  it('reports the key a lost response created, which can then be revoked', async () => {
    await fault({ kind: 'lose_create_response' });
    const started = Date.now();
    const error = await createError('Lost in transit');
    expect(error.code).toBe('create_outcome_unknown');
    expect(error.message).toMatch(/response was lost, so DevKeys never received the secret/);
    expect(error.orphanKeys).toHaveLength(1);
    const [orphan] = error.orphanKeys!;
    expect(Object.keys(orphan!).sort()).toEqual(['created_at', 'id', 'key_prefix', 'name']);
    expect(orphan).toMatchObject({ name: 'Lost in transit', key_prefix: expect.stringMatching(/^omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}$/) });
    expect(Date.parse(orphan!.created_at)).toBeGreaterThanOrEqual(started - 1000);
    // The server really has it; the POST went out exactly once (snapshot, create, check).
    expect((await serverKeys()).some((k) => k.id === orphan!.id)).toBe(true);
    expect(sent).toEqual(['GET /v1/dev/keys', 'POST /v1/dev/keys', 'GET /v1/dev/keys']);
    expect(t.logLines.some((line) => line.includes('key.create_outcome_unknown') && line.includes(orphan!.id))).toBe(true);

    expect(await t.data('revokeKey', { accountId: account.id, keyId: orphan!.id })).toEqual({ outcome: 'revoked' });
    expect((await serverKeys()).some((k) => k.id === orphan!.id)).toBe(false);
  });

  it('does not report an older key that already had the name', async () => {
    const older = await t.data<CreatedKey>('createKey', { accountId: account.id, name: 'Nightly export' });
    await fault({ kind: 'lose_create_response' });
    const error = await createError('Nightly export');
    expect(error.orphanKeys?.map((k) => k.name)).toEqual(['Nightly export']);
    expect(error.orphanKeys?.[0]?.id).not.toBe(older.key.id);
    expect((await serverKeys()).filter((k) => k.name === 'Nightly export')).toHaveLength(2);
  });

  it('reports the orphan behind a garbled create response too', async () => {
    await fault({ kind: 'malformed_json', method: 'POST' });
    const error = await createError('Garbled');
    expect(error).toMatchObject({ code: 'create_outcome_unknown', orphanKeys: [{ name: 'Garbled' }] });
  });

  it('never repeats a create that failed with a 500, and says no key appeared', async () => {
    const before = (await serverKeys()).length;
    await fault({ kind: 'status500', method: 'POST', times: 3 });
    const error = await createError('Five hundred');
    expect(error).toMatchObject({ code: 'create_outcome_unknown', status: 500, orphanKeys: [] });
    expect(error.message).toMatch(/No key named “Five hundred” appeared, so the key was most likely not created/);
    expect(count('POST')).toBe(1);
    expect((await serverKeys()).length - before).toBeLessThanOrEqual(1);
  });

  it('passes a 429 on create through unchanged: the server created nothing', async () => {
    await fault({ kind: 'rate_limit', method: 'POST', retryAfter: 4 });
    const error = await createError('Too fast');
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 4 });
    expect(error.orphanKeys).toBeUndefined();
    expect(sent).toEqual(['GET /v1/dev/keys', 'POST /v1/dev/keys']);
  });

  it('says it could not check when the list fails after a lost create', async () => {
    await fault({ kind: 'lose_create_response' });
    breakListsAfterPost = true;
    const error = await createError('Unchecked');
    expect(error.code).toBe('create_outcome_unknown');
    expect(error.orphanKeys).toBeUndefined();
    expect(error.message).toMatch(/may have been created anyway, and DevKeys could not check/);
    expect(count('POST')).toBe(1);
  });

  it('creates nothing when the list before the create fails', async () => {
    await fault({ kind: 'status500', method: 'GET', times: 2 });
    expect(await createError('Never sent')).toMatchObject({ code: 'server_error' });
    expect(count('POST')).toBe(0);
  });
});

describe('rotating a key', () => {
  it('reports the replacement a lost create made, and changes nothing on DevKeys’ side', async () => {
    const own = (await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id })).find((k) => k.usedByDevKeys)!;
    sent = [];
    await fault({ kind: 'lose_create_response' });
    const result = await t.call('rotateKey', { accountId: account.id, keyId: own.id });
    expect(result.ok).toBe(false);
    const error = result.error as unknown as IpcError;
    expect(error.code).toBe('create_outcome_unknown');
    expect(error.message).toMatch(/response was lost, so DevKeys never received the secret/);
    expect(error.orphanKeys).toEqual([expect.objectContaining({ name: own.name })]);
    const orphan = error.orphanKeys![0]!;
    // The key to rotate, the snapshot, the create (once), the check.
    expect(sent).toEqual(['GET /v1/dev/keys', 'GET /v1/dev/keys', 'POST /v1/dev/keys', 'GET /v1/dev/keys']);
    expect((await serverKeys()).some((k) => k.id === orphan.id)).toBe(true);
    const logged = t.logLines.filter((line) => line.includes('key.create_outcome_unknown') && line.includes(orphan.id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(own.id);

    // DevKeys still signs in with the old key, which is not marked replaced; no rotation was recorded.
    const { accounts } = await t.data<{ accounts: AccountSummary[] }>('listAccounts');
    expect(accounts.find((a) => a.id === account.id)?.credentialHint).toBe(account.credentialHint);
    const listed = await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id });
    expect(listed.find((k) => k.id === own.id)).toMatchObject({ usedByDevKeys: true, replacedBy: null });
    expect(listed.find((k) => k.id === orphan.id)).toMatchObject({ usedByDevKeys: false, replacedBy: null });
    const activity = await t.data<ActivityEntry[]>('listActivity', { accountId: account.id });
    expect(activity.some((entry) => entry.kind === 'key_rotated')).toBe(false);

    // The orphan is revoked like any key.
    expect(await t.data('revokeKey', { accountId: account.id, keyId: orphan.id })).toEqual({ outcome: 'revoked' });
    expect((await serverKeys()).some((k) => k.id === orphan.id)).toBe(false);
  });
});
