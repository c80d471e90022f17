import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omniBaseUrl, type OmniToken } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { manualClock } from '../../sandbox/test-client';
import { AppError } from '../errors';
import { SlidingWindowLimiter, type LimiterClock } from './rate-limiter';
import { createOmniClient, type OmniClient } from './omni';
import { fixedCredential } from '../session/auth-session';

/** Fetch that records what the client sent (method, URL, body). */
function recordingFetch() {
  const sent: { method: string; url: string; body: string }[] = [];
  const fetchFn = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, body: request.body ? await request.clone().text() : '' });
    return fetch(request);
  };
  return { sent, fetchFn };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function listAll(client: OmniClient, query: Parameters<OmniClient['listTokens']>[0] = {}) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await client.listTokens({ ...query, pageSize: 100, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return pages;
}

describe('omniBaseUrl', () => {
  it.each([
    ['myorg', 'https://myorg.omniapp.co'],
    ['  MyOrg ', 'https://myorg.omniapp.co'],
    ['myorg.omniapp.co', 'https://myorg.omniapp.co'],
    ['myorg.omniapp.co/', 'https://myorg.omniapp.co'],
    ['https://myorg.omniapp.co/api/v1/api-keys', 'https://myorg.omniapp.co'],
    ['https://omni.example.com/', 'https://omni.example.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['localhost:4010', 'https://localhost:4010'],
    ['http://[::1]:4010/', 'http://[::1]:4010'],
  ])('%j → %s', (input, expected) => {
    expect(omniBaseUrl(input)).toBe(expected);
  });

  it.each(['', 'my org', 'ftp://myorg.omniapp.co', 'https://user:pw@myorg.omniapp.co', '-myorg', 'my_org', 'https://'])('rejects %j', (input) => {
    expect(omniBaseUrl(input)).toBeNull();
  });
});

describe('Omni client over the sandbox', () => {
  let sandbox: Sandbox;
  let client: OmniClient;
  const recorder = recordingFetch();
  const clientFor = (token: string, limiter?: SlidingWindowLimiter) =>
    createOmniClient({ baseUrl: sandbox.url, fetch: recorder.fetchFn }, fixedCredential(async () => token), limiter);

  beforeAll(async () => {
    sandbox = await startSandbox({ omniSeed: 'demo', omniRateLimitPerMinute: 0 });
    client = clientFor(sandbox.omniToken);
  });
  afterAll(() => sandbox.close());

  it('pages through all 250 demo tokens exactly once, newest first', async () => {
    const pages = await listAll(client);
    expect(pages.map((page) => page.records.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.pageInfo.totalRecords)).toEqual([250, 250, 250]);
    const records = pages.flatMap((page) => page.records);
    expect(new Set(records.map((token) => token.id)).size).toBe(250);
    const created = records.map((token) => token.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // Only the fields the contract names survive validation.
    expect(Object.keys(records[0] as OmniToken).sort()).toEqual(['createdAt', 'enabled', 'id', 'membershipId', 'name', 'type']);
  });

  it('filters by type and sorts by name ascending', async () => {
    const personal = (await listAll(client, { type: 'personal', sortField: 'name', sortDirection: 'asc' })).flatMap((p) => p.records);
    expect(personal.length).toBeGreaterThan(25);
    expect(personal.every((token) => token.type === 'personal' && token.membershipId !== null)).toBe(true);
    const names = personal.map((token) => token.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('refuses bad list parameters before sending anything', async () => {
    const before = recorder.sent.length;
    const invalid = [
      { pageSize: 0 },
      { pageSize: 101 },
      { pageSize: 1.5 },
      { sortField: 'updatedAt' },
      { sortDirection: 'up' },
      { type: 'service' },
      { cursor: 'not-a-uuid' },
      { search: 'ci' },
    ];
    for (const query of invalid) {
      const error = await failure(client.listTokens(query as Parameters<OmniClient['listTokens']>[0]));
      expect(error.code, JSON.stringify(query)).toBe('invalid_payload');
      expect(error.fields?.length).toBeGreaterThan(0);
    }
    expect((await failure(client.getToken('42'))).code).toBe('invalid_payload');
    expect((await failure(client.setEnabled('../admin', true))).code).toBe('invalid_payload');
    expect(recorder.sent.length).toBe(before);
  });

  it('maps an unknown cursor (400) to a validation error with the server detail', async () => {
    const error = await failure(client.listTokens({ cursor: randomUUID() }));
    expect(error).toMatchObject({ code: 'validation', status: 400, message: 'Invalid cursor: no API token with this id' });
  });

  it('gets a token, disables and re-enables an organization token with exactly {"enabled": bool}', async () => {
    const { records } = await client.listTokens({ type: 'organization', pageSize: 1 });
    const token = records[0] as OmniToken;
    expect(await client.getToken(token.id)).toEqual(token);
    const disabled = await client.setEnabled(token.id, false);
    expect(disabled).toEqual({ ...token, enabled: false });
    expect(recorder.sent.at(-1)).toMatchObject({ method: 'PUT', body: '{"enabled":false}' });
    expect(await client.setEnabled(token.id, true)).toEqual({ ...token, enabled: true });
  });

  it('explains that only organization tokens can be disabled (400)', async () => {
    const { records } = await client.listTokens({ type: 'mcp', pageSize: 1 });
    const error = await failure(client.setEnabled((records[0] as OmniToken).id, false));
    expect(error).toMatchObject({ code: 'validation', status: 400 });
    expect(error.message).toMatch(/Only organization API tokens/);
  });

  it('revokes, then reports a second revoke (404) as already gone; getToken then 404s', async () => {
    const token = sandbox.addOmniOrg({ seed: { count: 3 } });
    const own = clientFor(token);
    const { records } = await own.listTokens();
    const id = (records[0] as OmniToken).id;
    expect(await own.revokeToken(id)).toBe('revoked');
    expect(await own.revokeToken(id)).toBe('already_gone');
    expect(await failure(own.getToken(id))).toMatchObject({ code: 'not_found', status: 404 });
    expect((await own.listTokens()).pageInfo.totalRecords).toBe(2);
  });

  it('maps a bad token: 401 on reads, 403 on writes, and never echoes the token', async () => {
    const bad = clientFor(`omni_sbx_${'f'.repeat(32)}`);
    const read = await failure(bad.listTokens());
    expect(read).toMatchObject({ code: 'unauthorized', status: 401 });
    const id = randomUUID();
    expect(await failure(bad.setEnabled(id, false))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await failure(bad.revokeToken(id))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(read.message).not.toContain('f'.repeat(32));
  });
});

describe('Omni client rate limits', () => {
  it('maps a server 429 to rate_limited with Retry-After, and pauses the limiter for it', async () => {
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    const sandbox = await startSandbox({ omniSeed: { count: 5 }, omniRateLimitPerMinute: 2, now: clock.now });
    try {
      const sent = recordingFetch();
      const client = createOmniClient({ baseUrl: sandbox.url, fetch: sent.fetchFn }, fixedCredential(async () => sandbox.omniToken));
      await client.listTokens();
      clock.advance(20_000);
      await client.listTokens();
      const error = await failure(client.listTokens());
      // The oldest admitted request leaves the server's 60 s window 40 s from now.
      expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 40 });

      const limiterClock: LimiterClock = { now: () => clock.now().getTime(), sleep: async () => undefined };
      const limiter = new SlidingWindowLimiter({ limit: 60, windowMs: 60_000, clock: limiterClock });
      const paced = createOmniClient({ baseUrl: sandbox.url, fetch: sent.fetchFn }, fixedCredential(async () => sandbox.omniToken), limiter);
      expect(await failure(paced.listTokens())).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 40 });
      // While paused, DevKeys answers for the server instead of sending a doomed request.
      const requests = sent.sent.length;
      clock.advance(10_000);
      expect(await failure(paced.listTokens())).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
      expect(sent.sent.length).toBe(requests);
      clock.advance(30_000);
      expect((await paced.listTokens()).records).toHaveLength(5);
    } finally {
      await sandbox.close();
    }
  });

  it('waits for a free slot when the wait fits in the timeout, else fails fast with retryAfterSeconds', async () => {
    const sandbox = await startSandbox({ omniSeed: { count: 2 }, omniRateLimitPerMinute: 0 });
    try {
      let now = 5_000_000;
      const slept: number[] = [];
      const clock: LimiterClock = {
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      };
      const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 60_000, clock });
      const sent = recordingFetch();
      const settings = { baseUrl: sandbox.url, fetch: sent.fetchFn };
      const fast = createOmniClient({ ...settings, timeoutMs: 15_000 }, fixedCredential(async () => sandbox.omniToken), limiter);
      await fast.listTokens();
      now += 50_000;
      await fast.listTokens();
      // The next slot is 10 s away: within the 15 s timeout, so the request waits and goes out.
      await fast.listTokens();
      expect(slept).toEqual([10_000]);
      // Now the next slot is 50 s away: more than the timeout, so no request and no hanging.
      const error = await failure(fast.listTokens());
      expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 50 });
      expect(error.status).toBeUndefined();
      expect(error.message).toMatch(/60 per minute/);
      expect(sent.sent).toHaveLength(3);
    } finally {
      await sandbox.close();
    }
  });
});
