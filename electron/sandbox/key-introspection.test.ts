import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../generated/omi-mcp-api';
import { sandboxStateForTests, startSandbox, type Sandbox } from './server';
import { call, manualClock } from './test-client';

type CallingApiKey = components['schemas']['CallingApiKey'];
type McpApiKeyCreated = components['schemas']['McpApiKeyCreated'];
type ApiKeyCreated = { id: string; key: string };

const KEY = '/v1/dev/key';
const READ_SCOPES = ['conversations:read', 'memories:read', 'action_items:read', 'goals:read'];
const MCP_KEY_ON_DEV_ENDPOINT =
  'MCP API keys (omi_mcp_...) only authenticate the MCP endpoints under /v1/mcp/ ' +
  '(for example GET /v1/mcp/memories, GET /v1/mcp/conversations) and the MCP server at /v1/mcp/sse. ' +
  'This endpoint requires a Developer API key (Settings -> Developer -> Create Key).';

describe('Omi sandbox GET /v1/dev/key (the calling key)', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  const introspect = (token: string) => call<CallingApiKey>(sandbox.url, 'GET', KEY, { token });
  const createDevKey = (owner: string, body: unknown) => call<ApiKeyCreated>(sandbox.url, 'POST', '/v1/dev/keys', { token: owner, body });

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, devKeyRateLimitPerMinute: 3 });
  });
  afterAll(() => sandbox.close());

  it("returns exactly the calling key's metadata and scopes, as the list shows them", async () => {
    const owner = sandbox.addOmiUser();
    const created = (await createDevKey(owner, { name: 'Narrow key', scopes: ['goals:write'] })).body;
    clock.advance(5000);
    const res = await introspect(created.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'id', 'key_prefix', 'last_used_at', 'name', 'scopes']);
    expect(res.body).toEqual({
      id: created.id,
      name: 'Narrow key',
      key_prefix: `${created.key.slice(0, 12)}...${created.key.slice(-4)}`,
      created_at: '2025-06-01T12:00:00.000Z',
      // The call itself is a use of the key.
      last_used_at: '2025-06-01T12:00:05.000Z',
      scopes: ['goals:write'],
    });
    const listed = (await call<{ id: string; last_used_at: string | null }[]>(sandbox.url, 'GET', '/v1/dev/keys', { token: owner })).body;
    expect(listed.find((key) => key.id === created.id)?.last_used_at).toBe('2025-06-01T12:00:05.000Z');
  });

  it('shows null (legacy) scopes as the four read scopes, and [] as []', async () => {
    const owner = sandbox.addOmiUser();
    const legacy = sandbox.addOmiKey(owner, { name: 'Old script', scopes: null });
    expect((await introspect(legacy)).body.scopes).toEqual(READ_SCOPES);
    const nothing = sandbox.addOmiKey(owner, { name: 'Does nothing', scopes: [] });
    expect((await introspect(nothing)).body.scopes).toEqual([]);
    // The list still shows the stored null.
    const listed = (await call<{ name: string; scopes: unknown }[]>(sandbox.url, 'GET', '/v1/dev/keys', { token: owner })).body;
    expect(listed.find((key) => key.name === 'Old script')?.scopes).toBeNull();
  });

  it('authenticates only with the Developer API key itself', async () => {
    const owner = sandbox.addOmiUser();
    for (const authorization of [undefined, 'Basic abc', 'Bearer']) {
      const res = await call(sandbox.url, 'GET', KEY, { headers: authorization ? { Authorization: authorization } : {} });
      expect(res).toMatchObject({ status: 401, body: { detail: "Missing or invalid Authorization header. Must be 'Bearer API_KEY'" } });
    }
    // Unknown dev keys and anything that is not a key (a session token, say) are "Invalid API Key".
    for (const token of [`omi_dev_${'0'.repeat(32)}`, 'eyJhbGciOiJSUzI1NiJ9.session.token', 'omi_dev_short']) {
      expect(await introspect(token)).toMatchObject({ status: 401, body: { detail: 'Invalid API Key' } });
    }
    // An MCP key (even an unknown one) is told where MCP keys work.
    const mcp = (await call<McpApiKeyCreated>(sandbox.url, 'POST', '/v1/mcp/keys', { token: owner, body: { name: 'Claude' } })).body;
    expect(await introspect(mcp.key)).toMatchObject({ status: 401, body: { detail: MCP_KEY_ON_DEV_ENDPOINT } });
    expect(await introspect(`omi_mcp_${'0'.repeat(32)}`)).toMatchObject({ status: 401, body: { detail: MCP_KEY_ON_DEV_ENDPOINT } });
    // A revoked key stops working at once.
    const doomed = (await createDevKey(owner, { name: 'doomed' })).body;
    expect((await call(sandbox.url, 'DELETE', `/v1/dev/keys/${doomed.id}`, { token: owner })).status).toBe(204);
    expect(await introspect(doomed.key)).toMatchObject({ status: 401, body: { detail: 'Invalid API Key' } });
  });

  it('is rate limited per key: 429 with Retry-After and X-RateLimit-* headers, then admitted again', async () => {
    const owner = sandbox.addOmiUser();
    const other = (await createDevKey(owner, { name: 'other' })).body.key;
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(await introspect(owner));
      clock.advance(10_000);
    }
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(answers.map((res) => res.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0']);
    expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('3');

    const limited = await introspect(owner);
    expect(limited).toMatchObject({ status: 429, body: { detail: 'Rate limit exceeded. Try again in 30s.' } });
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    // Another key of the same user has its own budget; the key routes have none.
    expect((await introspect(other)).status).toBe(200);
    expect((await call(sandbox.url, 'GET', '/v1/dev/keys', { token: owner })).status).toBe(200);

    clock.advance(30_000);
    expect((await introspect(owner)).status).toBe(200);
  });

  it('keeps no secret in its rate-limit memory', async () => {
    const owner = sandbox.addOmiUser();
    await introspect(owner);
    expect(sandboxStateForTests(sandbox)).not.toContain(owner);
  });

  it('can be unlimited (0)', async () => {
    const unlimited = await startSandbox({ devKeyRateLimitPerMinute: 0 });
    try {
      for (let i = 0; i < 70; i++) {
        const res = await call(unlimited.url, 'GET', KEY, { token: unlimited.omiBootstrapKey });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBeNull();
      }
    } finally {
      await unlimited.close();
    }
  });
});
