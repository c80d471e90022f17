import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../generated/omni-api';
import { startSandbox, type Sandbox } from './server';
import { call, manualClock } from './test-client';

type ApiToken = components['schemas']['ApiKey'];
type ApiTokenList = components['schemas']['ApiKeyListResponse'];

const BASE = '/api/v1/api-keys';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Omni sandbox /api/v1/api-keys', () => {
  let sandbox: Sandbox;
  const newOrg = (seed: 'demo' | 'none' | { count: number } = 'demo') => sandbox.addOmniOrg({ seed });
  const listPage = (token: string, query: Record<string, string> = {}) =>
    call<ApiTokenList>(sandbox.url, 'GET', `${BASE}?${new URLSearchParams(query).toString()}`, { token });

  /** Follows nextCursor to the end; `between` runs before each follow-up page. */
  async function listAll(token: string, query: Record<string, string>, between?: (page: ApiTokenList) => Promise<void>) {
    const pages: ApiTokenList[] = [];
    let cursor: string | null = null;
    do {
      const res = await listPage(token, cursor ? { ...query, cursor } : query);
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.pageInfo.nextCursor;
      if (cursor && between) await between(res.body);
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ omniSeed: 'demo', omniRateLimitPerMinute: 0 });
  });
  afterAll(() => sandbox.close());

  it('pages through the demo data with pageSize 100: every token exactly once, newest first', async () => {
    const pages = await listAll(sandbox.omniToken, { pageSize: '100' });
    expect(pages).toHaveLength(3);
    expect(pages.map((page) => page.records.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
    for (const page of pages) expect(page.pageInfo).toMatchObject({ pageSize: 100, totalRecords: 250 });
    const records = pages.flatMap((page) => page.records);
    expect(new Set(records.map((token) => token.id)).size).toBe(250);
    const created = records.map((token) => token.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('returns well-formed records of all three types', async () => {
    const { body } = await listPage(sandbox.omniToken, { pageSize: '100' });
    for (const token of body.records) {
      expect(Object.keys(token).sort()).toEqual(['createdAt', 'enabled', 'id', 'membershipId', 'name', 'type']);
      expect(token.id).toMatch(UUID);
      expect(token.createdAt).toMatch(ISO_MS);
      expect(token.membershipId === null).toBe(token.type === 'organization');
      if (token.membershipId !== null) expect(token.membershipId).toMatch(UUID);
      if (token.type !== 'organization') expect(token.enabled).toBe(true);
    }
    expect(new Set(body.records.map((token) => token.type))).toEqual(new Set(['organization', 'personal', 'mcp']));
    expect(body.records.some((token) => !token.enabled)).toBe(true);
  });

  it('filters by type with matching totalRecords', async () => {
    let total = 0;
    for (const type of ['organization', 'personal', 'mcp']) {
      const pages = await listAll(sandbox.omniToken, { type, pageSize: '100' });
      const records = pages.flatMap((page) => page.records);
      expect(records.every((token) => token.type === type)).toBe(true);
      expect(pages[0]?.pageInfo.totalRecords).toBe(records.length);
      expect(records.length).toBeGreaterThan(25);
      total += records.length;
    }
    expect(total).toBe(250);
  });

  it('sorts by name ascending, ties by createdAt then id', async () => {
    const records = (await listAll(sandbox.omniToken, { sortField: 'name', sortDirection: 'asc', pageSize: '37' })).flatMap(
      (page) => page.records,
    );
    expect(records).toHaveLength(250);
    const sortKey = (token: ApiToken) => [token.name, token.createdAt, token.id];
    for (let i = 1; i < records.length; i++) {
      const [previous, current] = [sortKey(records[i - 1] as ApiToken), sortKey(records[i] as ApiToken)];
      expect(previous.join('\u0000') <= current.join('\u0000')).toBe(true);
    }
  });

  it('keeps paging stable when the cursor token and others are deleted between pages', async () => {
    const token = newOrg();
    const before = (await listAll(token, { pageSize: '100' })).flatMap((page) => page.records.map((record) => record.id));
    const deleted = new Set<string>();
    const pages = await listAll(token, { pageSize: '20', sortField: 'name' }, async (page) => {
      // Delete the cursor token itself and the first token of the next page.
      const next = await listPage(token, { pageSize: '1', sortField: 'name', cursor: page.pageInfo.nextCursor ?? '' });
      for (const id of [page.pageInfo.nextCursor, next.body.records[0]?.id]) {
        if (!id) continue;
        expect((await call(sandbox.url, 'DELETE', `${BASE}/${id}`, { token })).status).toBe(200);
        deleted.add(id);
      }
    });
    const seen = pages.flatMap((page) => page.records.map((record) => record.id));
    const survivors = before.filter((id) => !deleted.has(id));
    // The cursor tokens were delivered before being deleted; everything else survives and shows once.
    const seenSurvivors = seen.filter((id) => !deleted.has(id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seenSurvivors.sort()).toEqual(survivors.sort());
    expect(deleted.size).toBeGreaterThan(10);
  });

  it('answers 400 with {detail, status} for invalid list parameters', async () => {
    const invalid: Record<string, string>[] = [
      { pageSize: '0' }, { pageSize: '101' }, { pageSize: 'abc' }, { pageSize: '1.5' }, { pageSize: '' },
      { sortField: 'updatedAt' }, { sortDirection: 'up' }, { type: 'service' },
      { cursor: 'not-a-uuid' }, { cursor: randomUUID() },
    ];
    for (const query of invalid) {
      const res = await listPage(sandbox.omniToken, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body).toEqual({ detail: expect.any(String), status: 400 });
    }
    const edges = await Promise.all([listPage(sandbox.omniToken, { pageSize: '1' }), listPage(sandbox.omniToken)]);
    expect(edges.map((res) => [res.status, res.body.records.length])).toEqual([[200, 1], [200, 20]]);
  });

  it('gets one token by id, 400 for a malformed id and 404 for an unknown one', async () => {
    const [first] = (await listPage(sandbox.omniToken)).body.records;
    const res = await call<ApiToken>(sandbox.url, 'GET', `${BASE}/${first?.id}`, { token: sandbox.omniToken });
    expect(res).toMatchObject({ status: 200, body: first });
    expect((await call(sandbox.url, 'GET', `${BASE}/nope`, { token: sandbox.omniToken })).status).toBe(400);
    const unknown = await call(sandbox.url, 'GET', `${BASE}/${randomUUID()}`, { token: sandbox.omniToken });
    expect(unknown).toMatchObject({ status: 404, body: { detail: 'API token not found', status: 404 } });
  });

  it('enables and disables organization tokens only, with a body of exactly {enabled}', async () => {
    const token = newOrg();
    const records = (await listPage(token, { pageSize: '100' })).body.records;
    const organization = records.find((record) => record.type === 'organization' && record.enabled);
    const personal = records.find((record) => record.type === 'personal');
    const put = (id: string | undefined, body: unknown) => call<ApiToken>(sandbox.url, 'PUT', `${BASE}/${id}`, { token, body });

    const disabled = await put(organization?.id, { enabled: false });
    expect(disabled).toMatchObject({ status: 200, body: { ...organization, enabled: false } });
    const fetched = await call<ApiToken>(sandbox.url, 'GET', `${BASE}/${organization?.id}`, { token });
    expect(fetched.body.enabled).toBe(false);
    expect((await put(organization?.id, { enabled: true })).body.enabled).toBe(true);

    const refused = await put(personal?.id, { enabled: false });
    expect(refused).toMatchObject({
      status: 400,
      body: { detail: 'Only organization API tokens can be enabled or disabled', status: 400 },
    });
    for (const body of [{}, { enabled: 'no' }, { enabled: true, name: 'x' }, [true], null]) {
      expect((await put(organization?.id, body)).status, JSON.stringify(body)).toBe(400);
    }
    const notJson = await call(sandbox.url, 'PUT', `${BASE}/${organization?.id}`, { token, rawBody: 'enabled=true' });
    expect(notJson.status).toBe(400);
    expect((await put('not-a-uuid', { enabled: true })).status).toBe(400);
    expect((await put(randomUUID(), { enabled: true })).status).toBe(404);
  });

  it('revokes with 200 and a message; a second delete is 404', async () => {
    const token = newOrg();
    const [victim] = (await listPage(token)).body.records;
    const first = await call(sandbox.url, 'DELETE', `${BASE}/${victim?.id}`, { token });
    expect(first).toMatchObject({ status: 200, body: { message: 'API token revoked', success: true } });
    const second = await call(sandbox.url, 'DELETE', `${BASE}/${victim?.id}`, { token });
    expect(second).toMatchObject({ status: 404, body: { detail: 'API token not found', status: 404 } });
    expect((await call(sandbox.url, 'GET', `${BASE}/${victim?.id}`, { token })).status).toBe(404);
    expect((await listPage(token)).body.pageInfo.totalRecords).toBe(249);
  });

  it('answers 401 on reads, 400 (no header) / 403 (bad token) on writes', async () => {
    const id = randomUUID();
    const authRequired = { detail: 'Authentication required', status: 401 };
    expect(await call(sandbox.url, 'GET', BASE)).toMatchObject({ status: 401, body: authRequired });
    expect(await call(sandbox.url, 'GET', BASE, { token: 'wrong' })).toMatchObject({ status: 401, body: authRequired });
    expect(await call(sandbox.url, 'GET', `${BASE}/${id}`, { token: 'wrong' })).toMatchObject({ status: 401, body: authRequired });
    for (const method of ['PUT', 'DELETE']) {
      const bad = await call(sandbox.url, method, `${BASE}/${id}`, { token: 'wrong', body: { enabled: true } });
      expect(bad).toMatchObject({ status: 403, body: { detail: 'Invalid bearer token', status: 403 } });
      const missing = await call(sandbox.url, method, `${BASE}/${id}`, { body: { enabled: true } });
      expect(missing).toMatchObject({ status: 400, body: { status: 400 } });
    }
  });

  it('keeps organizations isolated', async () => {
    const other = newOrg('none');
    const [token] = (await listPage(sandbox.omniToken)).body.records;
    expect((await listPage(other)).body).toEqual({
      pageInfo: { hasNextPage: false, nextCursor: null, pageSize: 20, totalRecords: 0 },
      records: [],
    });
    expect((await call(sandbox.url, 'GET', `${BASE}/${token?.id}`, { token: other })).status).toBe(404);
    expect((await call(sandbox.url, 'DELETE', `${BASE}/${token?.id}`, { token: other })).status).toBe(404);
  });
});

describe('Omni sandbox rate limit and seeds', () => {
  it('limits each token per rolling minute with Retry-After, and frees up as the clock moves', async () => {
    const clock = manualClock('2025-06-01T00:00:00.000Z');
    const sandbox = await startSandbox({ now: clock.now, omniRateLimitPerMinute: 3 });
    try {
      const get = (token = sandbox.omniToken) => call(sandbox.url, 'GET', BASE, { token });
      expect((await get()).headers.get('x-ratelimit-remaining')).toBe('2');
      clock.advance(20_000);
      await get();
      const third = await get();
      expect(third.headers.get('x-ratelimit-limit')).toBe('3');
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');

      const limited = await get();
      expect(limited).toMatchObject({ status: 429, body: { detail: 'Rate limit exceeded', status: 429 } });
      expect(limited.headers.get('retry-after')).toBe('40');
      expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      // Writes count against the same budget; another org's token has its own.
      expect((await call(sandbox.url, 'DELETE', `${BASE}/${randomUUID()}`, { token: sandbox.omniToken })).status).toBe(429);
      expect((await get(sandbox.addOmniOrg())).status).toBe(200);

      clock.advance(39_500);
      expect((await get()).headers.get('retry-after')).toBe('1');
      clock.advance(500);
      // The oldest request has left the window: one slot, then limited again (429s did not count).
      expect((await get()).status).toBe(200);
      const again = await get();
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('20');
    } finally {
      await sandbox.close();
    }
  });

  it('starts with 10,000 tokens well under a second', async () => {
    const started = performance.now();
    const sandbox = await startSandbox({ omniSeed: 'large', omiSeed: { count: 200 } });
    const elapsed = performance.now() - started;
    try {
      expect(elapsed).toBeLessThan(1000);
      const res = await call<ApiTokenList>(sandbox.url, 'GET', `${BASE}?pageSize=100&sortField=name`, { token: sandbox.omniToken });
      expect(res.body.pageInfo.totalRecords).toBe(10_000);
    } finally {
      await sandbox.close();
    }
  });

  it('seeds deterministically apart from ids', async () => {
    const now = () => new Date('2025-01-01T00:00:00.000Z');
    const [a, b] = await Promise.all([startSandbox({ omniSeed: 'demo', now }), startSandbox({ omniSeed: 'demo', now })]);
    try {
      const strip = async (sandbox: Sandbox) =>
        (await call<ApiTokenList>(sandbox.url, 'GET', `${BASE}?pageSize=100`, { token: sandbox.omniToken })).body.records.map(
          ({ id: _id, ...rest }) => rest,
        );
      expect(await strip(a)).toEqual(await strip(b));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
