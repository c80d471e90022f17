import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../generated/omi-api';
import { sandboxStateForTests, startSandbox, type Sandbox } from './server';
import { call, manualClock } from './test-client';

type ApiKey = components['schemas']['ApiKey'];
type ApiKeyCreated = components['schemas']['ApiKeyCreated'];

const KEYS = '/v1/dev/keys';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^omi_dev_[0-9a-f]{32}$/;
const PREFIX = /^omi_dev_[0-9a-f]{4}\.\.\.[0-9a-f]{4}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ALL_SCOPES = [
  'conversations:read', 'conversations:write', 'memories:read', 'memories:write',
  'action_items:read', 'action_items:write', 'goals:read', 'goals:write',
];
const READ_SCOPES = ['conversations:read', 'memories:read', 'action_items:read', 'goals:read'];
const MISSING_HEADER = { detail: "Missing or invalid Authorization header. Must be 'Bearer API_KEY'" };

describe('Omi sandbox /v1/dev/keys', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  /** A fresh user per test keeps tests independent of each other's keys. */
  const newUser = () => sandbox.addOmiUser();
  const list = (token: string) => call<ApiKey[]>(sandbox.url, 'GET', KEYS, { token });
  const create = (token: string, body: unknown) => call<ApiKeyCreated>(sandbox.url, 'POST', KEYS, { token, body });

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('lists the bootstrap key with full scopes and well-formed fields', async () => {
    const res = await list(sandbox.omiBootstrapKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toHaveLength(1);
    const [key] = res.body;
    expect(Object.keys(key ?? {}).sort()).toEqual(['created_at', 'id', 'key_prefix', 'last_used_at', 'name', 'scopes']);
    expect(key).toMatchObject({ name: 'Bootstrap key', scopes: ALL_SCOPES, last_used_at: clock.now().toISOString() });
    expect(key?.id).toMatch(UUID);
    expect(key?.created_at).toMatch(ISO);
    const hex = sandbox.omiBootstrapKey.slice(8);
    expect(key?.key_prefix).toBe(`omi_dev_${hex.slice(0, 4)}...${hex.slice(-4)}`);
  });

  it('creates a key (200) with the secret, trimmed name and default read scopes; the key works', async () => {
    const user = newUser();
    const res = await create(user, { name: '  My integration  ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const created = res.body;
    expect(created).toMatchObject({ name: 'My integration', scopes: READ_SCOPES, last_used_at: null });
    expect(created.id).toMatch(UUID);
    expect(created.key).toMatch(SECRET);
    expect(created.key_prefix).toMatch(PREFIX);
    expect(created.key_prefix).toBe(`${created.key?.slice(0, 12)}...${created.key?.slice(-4)}`);
    expect(created.created_at).toBe(clock.now().toISOString());
    expect((await list(created.key ?? '')).status).toBe(200);
  });

  it('lists newest first, ties broken by insertion order', async () => {
    const user = newUser();
    await create(user, { name: 'first' });
    await create(user, { name: 'second' });
    clock.advance(1000);
    await create(user, { name: 'third' });
    const names = (await list(user)).body.map((key) => key.name);
    expect(names).toEqual(['third', 'second', 'first', 'Bootstrap key']);
  });

  it('accepts [] and null scopes, de-duplicates and orders scopes canonically', async () => {
    const user = newUser();
    expect((await create(user, { name: 'nothing', scopes: [] })).body.scopes).toEqual([]);
    expect((await create(user, { name: 'null', scopes: null })).body.scopes).toEqual(READ_SCOPES);
    const mixed = await create(user, { name: 'mixed', scopes: ['goals:write', 'memories:read', 'goals:write'] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.scopes).toEqual(['memories:read', 'goals:write']);
  });

  it('rejects an unknown scope with 400 (not the contract\'s 422) and the available list', async () => {
    const user = newUser();
    const res = await create(user, { name: 'x', scopes: ['memories:read', 'everything'] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: `Invalid scopes. Available: [${ALL_SCOPES.map((s) => `'${s}'`).join(', ')}]` });
    // A blank name is reported first, a raw key in the name only after the scopes.
    expect(await create(user, { name: ' ', scopes: ['everything'] })).toMatchObject({ status: 422, body: { detail: 'Key name cannot be empty' } });
    expect((await create(user, { name: `x ${user}`, scopes: ['everything'] })).status).toBe(400);
    expect((await list(user)).body).toHaveLength(1);
  });

  it('validates the body like FastAPI (list details) and the name (string details)', async () => {
    const user = newUser();
    const missingName = await create(user, { scopes: [] });
    expect(missingName.status).toBe(422);
    expect(missingName.body).toEqual({ detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] });

    expect(await create(user, { name: '   ' })).toMatchObject({ status: 422, body: { detail: 'Key name cannot be empty' } });
    const rawKeyInName = { status: 422, body: { detail: 'API key name must not contain a raw API key' } };
    expect(await create(user, { name: `prod ${sandbox.omiBootstrapKey}` })).toMatchObject(rawKeyInName);
    expect(await create(user, { name: `omi_mcp_${'b'.repeat(32)}` })).toMatchObject(rawKeyInName);
    // Only a whole raw secret counts: a prefix, or upper-case hex (never a real key), is a name.
    expect((await create(user, { name: 'omi_dev_3fa1...9c0e' })).status).toBe(200);
    expect((await create(user, { name: `omi_dev_${'B'.repeat(32)}` })).status).toBe(200);
    // No server-side length limit (the Omi app caps names at 100 characters client-side).
    const long = await create(user, { name: 'n'.repeat(5000) });
    expect(long.status).toBe(200);
    expect(long.body.name).toHaveLength(5000);

    for (const rawBody of ['{not json', '[1, 2]', '"name"', '']) {
      const res = await call<{ detail: unknown }>(sandbox.url, 'POST', KEYS, { token: user, rawBody });
      expect(res.status).toBe(422);
      expect(Array.isArray(res.body.detail)).toBe(true);
    }
    const wrongTypes = await create(user, { name: 5, scopes: 'memories:read' });
    expect(wrongTypes.status).toBe(422);
    expect((wrongTypes.body as { detail: { loc: unknown[] }[] }).detail.map((issue) => issue.loc)).toEqual([
      ['body', 'name'],
      ['body', 'scopes'],
    ]);
    // Nothing above was created except the three accepted names.
    expect((await list(user)).body).toHaveLength(4);
  });

  it('answers both 401 variants, and checks auth before the body', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer a b']) {
      const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
      const res = await call(sandbox.url, 'GET', KEYS, { headers });
      expect(res).toMatchObject({ status: 401, body: MISSING_HEADER });
    }
    const unknown = await list(`omi_dev_${'0'.repeat(32)}`);
    expect(unknown).toMatchObject({ status: 401, body: { detail: 'Invalid API key' } });
    const badBodyNoAuth = await call(sandbox.url, 'POST', KEYS, { rawBody: '{oops' });
    expect(badBodyNoAuth).toMatchObject({ status: 401, body: MISSING_HEADER });
    const badBodyBadKey = await call(sandbox.url, 'POST', KEYS, { token: 'nope', body: {} });
    expect(badBodyBadKey).toMatchObject({ status: 401, body: { detail: 'Invalid API key' } });
  });

  it('revokes with 204 and an empty body; the revoked key stops working at once', async () => {
    const user = newUser();
    const created = (await create(user, { name: 'to revoke' })).body;
    const res = await call(sandbox.url, 'DELETE', `${KEYS}/${created.id}`, { token: user });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(await list(created.key ?? '')).toMatchObject({ status: 401, body: { detail: 'Invalid API key' } });
    expect((await list(user)).body.map((key) => key.id)).not.toContain(created.id);

    // Revoking it again, or an id that never existed, is a silent 204 (the contract's 404 is not what the server does).
    for (const id of [created.id, 'no-such-key']) {
      const again = await call(sandbox.url, 'DELETE', `${KEYS}/${id}`, { token: user });
      expect(again).toMatchObject({ status: 204, text: '' });
    }
    expect((await list(user)).body.map((key) => key.name)).toEqual(['Bootstrap key']);
  });

  it('lets the bootstrap key be rotated: a new key works after the bootstrap key is revoked', async () => {
    const bootstrap = newUser();
    const replacement = (await create(bootstrap, { name: 'rotated', scopes: ALL_SCOPES })).body;
    const bootstrapId = (await list(bootstrap)).body.find((key) => key.name === 'Bootstrap key')?.id;
    expect((await call(sandbox.url, 'DELETE', `${KEYS}/${bootstrapId}`, { token: replacement.key })).status).toBe(204);
    expect((await list(bootstrap)).status).toBe(401);
    expect((await list(replacement.key ?? '')).body.map((key) => key.name)).toEqual(['rotated']);
  });

  it('sets last_used_at whenever a key authenticates', async () => {
    const user = newUser();
    const created = (await create(user, { name: 'used later' })).body;
    expect(created.last_used_at).toBeNull();
    clock.advance(3_600_000);
    const usedAt = clock.now().toISOString();
    await list(created.key ?? '');
    clock.advance(60_000);
    const keys = (await list(user)).body;
    expect(keys.find((key) => key.id === created.id)?.last_used_at).toBe(usedAt);
    expect(keys.find((key) => key.name === 'Bootstrap key')?.last_used_at).toBe(clock.now().toISOString());
  });

  it('stores secrets only as SHA-256 hashes', async () => {
    const user = newUser();
    const secret = (await create(user, { name: 'hashed' })).body.key ?? '';
    const state = sandboxStateForTests(sandbox);
    expect(state).not.toContain(secret);
    expect(state).not.toContain(secret.slice(8));
    expect(state).not.toContain(user);
    expect(state).toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('keeps users isolated', async () => {
    const alice = newUser();
    const bob = newUser();
    const aliceKey = (await create(alice, { name: 'alice only' })).body;
    expect((await list(bob)).body.map((key) => key.name)).toEqual(['Bootstrap key']);
    // Revoking someone else's key is the same silent no-op as an unknown id.
    const res = await call(sandbox.url, 'DELETE', `${KEYS}/${aliceKey.id}`, { token: bob });
    expect(res).toMatchObject({ status: 204, text: '' });
    expect((await list(alice)).body.map((key) => key.id)).toContain(aliceKey.id);
    expect((await list(aliceKey.key ?? '')).status).toBe(200);
  });

  it('refuses a second user with the same bootstrap key', () => {
    expect(() => sandbox.addOmiUser({ bootstrapKey: sandbox.omiBootstrapKey })).toThrow(/already in use/);
    expect(() => sandbox.addOmiUser({ bootstrapKey: 'omi_dev_short' })).toThrow(/32 lowercase hex/);
  });

  it('answers 404 Not Found and 405 Method Not Allowed', async () => {
    expect(await call(sandbox.url, 'GET', '/v1/dev/nothing')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const wrongMethod = await call(sandbox.url, 'PUT', KEYS, { token: sandbox.omiBootstrapKey });
    expect(wrongMethod).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
    expect((await call(sandbox.url, 'GET', `${KEYS}/some-id`)).status).toBe(405);
  });

  it('seeds a realistic demo account relative to now()', async () => {
    const user = sandbox.addOmiUser({ seed: 'demo' });
    const keys = (await list(user)).body;
    expect(keys.length).toBeGreaterThanOrEqual(10);
    // A damaged old record, as the real server lists it.
    const legacy = keys.filter((key) => key.key_prefix === 'omi_dev_legacy');
    expect(legacy).toEqual([expect.objectContaining({ name: 'Legacy Developer API key', scopes: null })]);
    expect(keys.filter((key) => key.name === 'Bootstrap key')).toHaveLength(1);
    expect(keys.some((key) => key.scopes === null)).toBe(true);
    expect(keys.some((key) => key.scopes?.length === ALL_SCOPES.length && key.name !== 'Bootstrap key')).toBe(true);
    expect(keys.some((key) => key.scopes?.length === 1 && key.scopes[0]?.endsWith(':write'))).toBe(true);
    expect(keys.filter((key) => key.last_used_at === null).length).toBeGreaterThanOrEqual(2);
    const nowMs = clock.now().getTime();
    const yearAgo = nowMs - 366 * 24 * 3_600_000;
    const created = keys.map((key) => Date.parse(key.created_at ?? ''));
    expect(created.every((at) => at > yearAgo && at <= nowMs)).toBe(true);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const usedMonthsAgo = keys.some((key) => key.last_used_at && nowMs - Date.parse(key.last_used_at) > 60 * 24 * 3_600_000);
    expect(usedMonthsAgo).toBe(true);
    for (const key of keys.filter((k) => k !== legacy[0])) expect(key.key_prefix).toMatch(PREFIX);
  });

  it('seeds n generated keys with { count }', async () => {
    const user = sandbox.addOmiUser({ seed: { count: 50 } });
    expect((await list(user)).body).toHaveLength(51);
  });
});
