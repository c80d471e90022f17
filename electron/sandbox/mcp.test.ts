import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../generated/omi-mcp-api';
import { sandboxStateForTests, startSandbox, type Sandbox } from './server';
import { call, manualClock, type CallOptions } from './test-client';

type McpApiKey = components['schemas']['McpApiKey'];
type McpApiKeyCreated = components['schemas']['McpApiKeyCreated'];
type JsonRpcResponse = components['schemas']['JsonRpcResponse'];
type InitializeResult = components['schemas']['InitializeResult'];

const KEYS = '/v1/mcp/keys';
const MCP = '/v1/mcp';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^omi_mcp_[0-9a-f]{32}$/;
const PREFIX = /^omi_mcp_[0-9a-f]{4}\.\.\.[0-9a-f]{4}$/;
const MCP_SCOPES = [
  'action_items.read', 'action_items.write', 'chat.read', 'conversations.read',
  'goals.read', 'memories.read', 'memories.write', 'people.read',
];
const MISSING_HEADER = { detail: "Missing or invalid Authorization header. Must be 'Bearer API_KEY'" };
const DEV_KEY_ON_MCP_SERVER =
  'Developer API keys (omi_dev_...) only authenticate the Developer API under /v1/dev/ (for example GET /v1/dev/user/memories). ' +
  'This endpoint requires an MCP API key (Settings -> Developer -> MCP -> Create Key).';
const STREAMABLE_ACCEPT = 'application/json, text/event-stream';

const initialize = (id: string | number = 1, protocolVersion = '2025-06-18') => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'devkeys-test', version: '0.0.0' } },
});

describe('Omi sandbox /v1/mcp/keys', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  const newUser = () => sandbox.addOmiUser();
  const list = (token: string) => call<McpApiKey[]>(sandbox.url, 'GET', KEYS, { token });
  const create = (token: string, body: unknown) => call<McpApiKeyCreated>(sandbox.url, 'POST', KEYS, { token, body });
  const revoke = (token: string, id: string) => call(sandbox.url, 'DELETE', `${KEYS}/${encodeURIComponent(id)}`, { token });
  const mcpInitialize = (key: string) =>
    call<JsonRpcResponse>(sandbox.url, 'POST', MCP, { token: key, body: initialize(), headers: { Accept: STREAMABLE_ACCEPT } });

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('creates a key (200): omi_mcp_ secret, trimmed name, app_id mcp-api, every MCP scope sorted', async () => {
    const user = newUser();
    expect(await list(user)).toMatchObject({ status: 200, body: [] });
    const res = await create(user, { name: '  Claude Desktop  ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const created = res.body;
    expect(Object.keys(created).sort()).toEqual(['app_id', 'created_at', 'id', 'key', 'key_prefix', 'last_used_at', 'name', 'scopes']);
    expect(created).toMatchObject({
      name: 'Claude Desktop',
      app_id: 'mcp-api',
      scopes: MCP_SCOPES,
      created_at: clock.now().toISOString(),
      last_used_at: null,
    });
    expect(created.id).toMatch(UUID);
    expect(created.key).toMatch(SECRET);
    expect(created.key_prefix).toMatch(PREFIX);
    expect(created.key_prefix).toBe(`${created.key.slice(0, 12)}...${created.key.slice(-4)}`);
    // Listed without the secret.
    const { key: _secret, ...listed } = created;
    expect((await list(user)).body).toEqual([listed]);
  });

  it('ignores fields other than name (an MCP key always gets every MCP scope)', async () => {
    const user = newUser();
    for (const scopes of [['memories.read'], 'garbage', null]) {
      const res = await create(user, { name: 'Cursor', scopes });
      expect(res.status).toBe(200);
      expect(res.body.scopes).toEqual(MCP_SCOPES);
    }
  });

  it('lists newest first, ties broken by insertion order', async () => {
    const user = newUser();
    await create(user, { name: 'first' });
    await create(user, { name: 'second' });
    clock.advance(1000);
    await create(user, { name: 'third' });
    expect((await list(user)).body.map((key) => key.name)).toEqual(['third', 'second', 'first']);
  });

  it('answers the 422s: blank name, raw key in the name, and FastAPI lists for a bad body', async () => {
    const user = newUser();
    for (const name of ['', '   ', '\n\t']) {
      expect(await create(user, { name })).toMatchObject({ status: 422, body: { detail: 'Key name cannot be empty' } });
    }
    const rawKey = { status: 422, body: { detail: 'API key name must not contain a raw API key' } };
    expect(await create(user, { name: `Claude ${user}` })).toMatchObject(rawKey);
    expect(await create(user, { name: ` omi_mcp_${'c'.repeat(32)}` })).toMatchObject(rawKey);
    expect(await create(user, {})).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['body', 'name'], msg: 'Field required', type: 'missing' }] },
    });
    expect(await create(user, { name: 7 })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' }] },
    });
    for (const rawBody of ['{not json', '[1, 2]', '"name"', '']) {
      const res = await call<{ detail: unknown }>(sandbox.url, 'POST', KEYS, { token: user, rawBody });
      expect(res.status, rawBody).toBe(422);
      expect(Array.isArray(res.body.detail)).toBe(true);
    }
    // No length limit on the server.
    expect((await create(user, { name: 'm'.repeat(3000) })).status).toBe(200);
    expect((await list(user)).body).toHaveLength(1);
  });

  it('revokes with 204 (also for unknown, already revoked and foreign ids); the key stops working at once', async () => {
    const user = newUser();
    const created = (await create(user, { name: 'to revoke' })).body;
    expect((await mcpInitialize(created.key)).status).toBe(200);
    const res = await revoke(user, created.id);
    expect(res).toMatchObject({ status: 204, text: '' });
    expect(await mcpInitialize(created.key)).toMatchObject({ status: 401, body: { detail: 'Invalid API Key' } });
    expect((await list(user)).body).toEqual([]);
    for (const id of [created.id, 'no-such-key', 'a b/c']) expect(await revoke(user, id)).toMatchObject({ status: 204, text: '' });

    const alice = newUser();
    const bob = newUser();
    const alicesKey = (await create(alice, { name: "Alice's Claude" })).body;
    expect(await revoke(bob, alicesKey.id)).toMatchObject({ status: 204, text: '' });
    expect((await list(alice)).body.map((key) => key.id)).toEqual([alicesKey.id]);
    expect((await list(bob)).body).toEqual([]);
    expect((await mcpInitialize(alicesKey.key)).status).toBe(200);
  });

  it('uses the same authentication as /v1/dev/keys, checked before the body', async () => {
    const user = newUser();
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer a b']) {
      const res = await call(sandbox.url, 'GET', KEYS, { headers: authorization ? { Authorization: authorization } : {} });
      expect(res).toMatchObject({ status: 401, body: MISSING_HEADER });
    }
    const devKeysAnswer = await call(sandbox.url, 'GET', '/v1/dev/keys', { token: 'nope' });
    for (const [method, path] of [['GET', KEYS], ['POST', KEYS], ['DELETE', `${KEYS}/x`]] as const) {
      const res = await call(sandbox.url, method, path, { token: 'nope', ...(method === 'POST' ? { rawBody: '{oops' } : {}) });
      expect({ status: res.status, body: res.body }).toEqual({ status: devKeysAnswer.status, body: devKeysAnswer.body });
      expect(res.status).toBe(401);
    }
    // Whatever authenticates the user on /v1/dev/keys manages its MCP keys, and is marked used.
    const devKey = (await call<{ key: string }>(sandbox.url, 'POST', '/v1/dev/keys', { token: user, body: { name: 'CI' } })).body.key;
    expect((await create(devKey, { name: 'made with a dev key' })).status).toBe(200);
    expect((await list(user)).body.map((key) => key.name)).toEqual(['made with a dev key']);
  });

  it('an MCP key gets 401 everywhere but the MCP server', async () => {
    const user = newUser();
    const mcpKey = (await create(user, { name: 'Claude Code' })).body.key;
    for (const [method, path] of [
      ['GET', '/v1/dev/keys'],
      ['POST', '/v1/dev/keys'],
      ['GET', KEYS],
      ['POST', KEYS],
      ['DELETE', `${KEYS}/whatever`],
      ['GET', '/v1/dev/key'],
      ['GET', '/api/v1/api-keys'],
    ] as const) {
      const res = await call(sandbox.url, method, path, { token: mcpKey, ...(method === 'POST' ? { body: { name: 'x' } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await list(user)).body.map((key) => key.name)).toEqual(['Claude Code']);
  });

  it('stores secrets only as SHA-256 hashes', async () => {
    const user = newUser();
    const secret = (await create(user, { name: 'hashed' })).body.key;
    const state = sandboxStateForTests(sandbox);
    expect(state).not.toContain(secret);
    expect(state).not.toContain(secret.slice('omi_mcp_'.length));
    expect(state).toContain(createHash('sha256').update(secret).digest('hex'));
  });

  it('seeds demo MCP keys relative to now(): one never used, one legacy record', async () => {
    const user = sandbox.addOmiUser({ seed: 'demo' });
    const keys = (await list(user)).body;
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.filter((key) => key.last_used_at === null)).toHaveLength(1);
    const legacy = keys.filter((key) => key.key_prefix === 'omi_mcp_legacy');
    expect(legacy).toEqual([expect.objectContaining({ name: 'Legacy MCP API key' })]);
    for (const key of keys) {
      expect(key).toMatchObject({ app_id: 'mcp-api', scopes: MCP_SCOPES });
      if (key !== legacy[0]) expect(key.key_prefix).toMatch(PREFIX);
    }
    const nowMs = clock.now().getTime();
    const created = keys.map((key) => Date.parse(key.created_at));
    expect(created.every((at) => at > nowMs - 366 * 86_400_000 && at <= nowMs)).toBe(true);
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(keys.some((key) => key.last_used_at && nowMs - Date.parse(key.last_used_at) < 3_600_000)).toBe(true);
  });

  it('seeds generated MCP keys with { count, mcpCount }, and none by default', async () => {
    const both = sandbox.addOmiUser({ seed: { count: 50, mcpCount: 10 } });
    expect((await list(both)).body).toHaveLength(10);
    expect((await call<unknown[]>(sandbox.url, 'GET', '/v1/dev/keys', { token: both })).body).toHaveLength(51);
    expect((await list(sandbox.addOmiUser({ seed: { count: 5 } }))).body).toHaveLength(0);
  });
});

describe('Omi sandbox MCP server POST /v1/mcp', () => {
  const clock = manualClock('2025-07-01T08:00:00.000Z');
  let sandbox: Sandbox;
  let mcpKey: string;
  let mcpKeyId: string;
  const post = (options: CallOptions) =>
    call<JsonRpcResponse>(sandbox.url, 'POST', MCP, { token: mcpKey, ...options, headers: { Accept: STREAMABLE_ACCEPT, ...options.headers } });

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
    const created = (await call<McpApiKeyCreated>(sandbox.url, 'POST', KEYS, { token: sandbox.omiBootstrapKey, body: { name: 'Claude' } })).body;
    mcpKey = created.key;
    mcpKeyId = created.id;
  });
  afterAll(() => sandbox.close());

  it('answers initialize as JSON: the requested protocol version, capabilities and serverInfo', async () => {
    for (const id of [1, 'init-1']) {
      const res = await post({ body: initialize(id) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.body).toEqual({
        jsonrpc: '2.0',
        id,
        result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'omi-mcp-server', version: '1.0.0' } },
      });
    }
    for (const version of ['2025-03-26', '2025-11-25']) {
      expect(((await post({ body: initialize(1, version) })).body.result as InitializeResult).protocolVersion).toBe(version);
    }
    // A version it does not speak: it offers its newest, and the client decides.
    expect(((await post({ body: initialize(1, '2024-11-05') })).body.result as InitializeResult).protocolVersion).toBe('2025-11-25');
  });

  it("updates that key's last_used_at", async () => {
    clock.advance(90_000);
    const usedAt = clock.now().toISOString();
    expect((await post({ body: initialize() })).status).toBe(200);
    clock.advance(60_000);
    const keys = (await call<McpApiKey[]>(sandbox.url, 'GET', KEYS, { token: sandbox.omiBootstrapKey })).body;
    expect(keys.find((key) => key.id === mcpKeyId)?.last_used_at).toBe(usedAt);
  });

  it('answers 401 to anything but a live omi_mcp_ key', async () => {
    const anyBody = { body: initialize() };
    for (const authorization of [undefined, 'Basic abc', 'Bearer']) {
      const res = await call(sandbox.url, 'POST', MCP, { ...anyBody, headers: { Accept: STREAMABLE_ACCEPT, ...(authorization ? { Authorization: authorization } : {}) } });
      expect(res).toMatchObject({ status: 401, body: MISSING_HEADER });
    }
    expect(await post({ ...anyBody, token: sandbox.omiBootstrapKey })).toMatchObject({ status: 401, body: { detail: DEV_KEY_ON_MCP_SERVER } });
    for (const token of [`omi_mcp_${'0'.repeat(32)}`, 'eyJhbGciOiJSUzI1NiJ9.session.token']) {
      expect(await post({ ...anyBody, token })).toMatchObject({ status: 401, body: { detail: 'Invalid API Key' } });
    }
  });

  it('requires Accept to list application/json and text/event-stream (406), and a JSON body (415)', async () => {
    const notAcceptable = {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, message: 'Not Acceptable: Client must accept both application/json and text/event-stream' },
    };
    const refused = ['application/json', 'text/event-stream', 'text/html', 'application/json, text/event-stream;q=0', '*/*', 'application/*, text/*'];
    for (const accept of refused) {
      expect(await post({ body: initialize(), headers: { Accept: accept } }), accept).toMatchObject({ status: 406, body: notAcceptable });
    }
    // Without an Accept header (fetch then sends */*).
    const missingAccept = await call(sandbox.url, 'POST', MCP, { token: mcpKey, body: initialize() });
    expect(missingAccept).toMatchObject({ status: 406, body: notAcceptable });
    for (const accept of ['text/event-stream, application/json', 'Application/JSON;q=0.9, text/event-stream;q=0.5']) {
      expect((await post({ body: initialize(), headers: { Accept: accept } })).status, accept).toBe(200);
    }

    const unsupported = await post({ body: initialize(), headers: { 'Content-Type': 'text/plain' } });
    expect(unsupported).toMatchObject({
      status: 415,
      body: { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Unsupported Media Type: Content-Type must be application/json' } },
    });
    expect((await post({ body: initialize(), headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(200);
  });

  it('refuses an unsupported MCP-Protocol-Version header (400) and a foreign Origin (403)', async () => {
    const badVersion = await post({ body: { jsonrpc: '2.0', id: 3, method: 'ping' }, headers: { 'MCP-Protocol-Version': '1999-01-01' } });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect(badVersion.body.error?.message).toMatch(/^Bad Request: Unsupported protocol version/);
    expect((await post({ body: { jsonrpc: '2.0', id: 3, method: 'ping' }, headers: { 'MCP-Protocol-Version': '2025-06-18' } })).status).toBe(200);

    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
      const res = await post({ body: initialize(), headers: { Origin: origin } });
      expect(res, origin).toMatchObject({ status: 403, body: { jsonrpc: '2.0', id: null, error: { code: -32000, message: 'Forbidden: Origin not allowed' } } });
    }
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:8787', 'http://[::1]']) {
      expect((await post({ body: initialize(), headers: { Origin: origin } })).status, origin).toBe(200);
    }
  });

  it('answers transport-level JSON-RPC errors with 400: parse error, invalid request, batches', async () => {
    expect(await post({ rawBody: '{"jsonrpc": "2.0",' })).toMatchObject({
      status: 400,
      body: { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } },
    });
    const invalid: [unknown, string | number | null][] = [
      [[initialize()], null],
      ['initialize', null],
      [{ id: 4, method: 'initialize' }, 4],
      [{ jsonrpc: '1.0', id: 'a', method: 'ping' }, 'a'],
      [{ jsonrpc: '2.0', id: null, method: 'ping' }, null],
      [{ jsonrpc: '2.0', id: 1.5, method: 'ping' }, null],
      [{ jsonrpc: '2.0', id: 5, method: 42 }, 5],
      [{ jsonrpc: '2.0', id: 6, method: 'ping', params: 'all' }, 6],
      [{ jsonrpc: '2.0', id: 6, method: 'ping', params: null }, 6],
      [{ jsonrpc: '2.0', id: 7 }, 7],
    ];
    for (const [body, id] of invalid) {
      const res = await post({ body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ jsonrpc: '2.0', id, error: { code: -32600 } });
      expect(res.body.error?.message).toMatch(/^Invalid Request: /);
    }
  });

  it('answers JSON-RPC errors for valid requests with 200: invalid params, unknown methods', async () => {
    const badParams = [
      undefined,
      {},
      ['2025-06-18', {}, { name: 'a', version: '1' }],
      { protocolVersion: '2025-06-18', capabilities: {} },
      { protocolVersion: 1, capabilities: {}, clientInfo: { name: 'a', version: '1' } },
      { protocolVersion: '2025-06-18', capabilities: [], clientInfo: { name: 'a', version: '1' } },
      { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'a' } },
    ];
    for (const params of badParams) {
      const res = await post({ body: { jsonrpc: '2.0', id: 8, method: 'initialize', ...(params ? { params } : {}) } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ jsonrpc: '2.0', id: 8, error: { code: -32602 } });
      expect(res.body.result).toBeUndefined();
    }
    expect(await post({ body: { jsonrpc: '2.0', id: 9, method: 'resources/list' } })).toMatchObject({
      status: 200,
      body: { jsonrpc: '2.0', id: 9, error: { code: -32601, message: 'Method not found' } },
    });
  });

  it('answers ping and tools/list (no tools), and accepts notifications and responses with 202', async () => {
    expect((await post({ body: { jsonrpc: '2.0', id: 10, method: 'ping' } })).body).toEqual({ jsonrpc: '2.0', id: 10, result: {} });
    expect((await post({ body: { jsonrpc: '2.0', id: 11, method: 'tools/list' } })).body).toEqual({ jsonrpc: '2.0', id: 11, result: { tools: [] } });
    for (const body of [
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'server-1', result: {} },
      { jsonrpc: '2.0', id: 'server-2', error: { code: -1, message: 'no' } },
    ]) {
      const res = await post({ body });
      expect(res, JSON.stringify(body)).toMatchObject({ status: 202, text: '' });
      expect(res.headers.get('content-type')).toBeNull();
    }
  });

  it('has no SSE stream or sessions: GET and DELETE are 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await call(sandbox.url, method, MCP, { token: mcpKey, headers: { Accept: 'text/event-stream' } });
      expect(res).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
    }
  });
});
