import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { components } from '../generated/omi-api';
import { startSandbox, type Sandbox } from './server';
import { call } from './test-client';

type ApiKey = components['schemas']['ApiKey'];

const FAULTS = '/__sandbox/faults';
const KEYS = '/v1/dev/keys';

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  const inject = (fault: Record<string, unknown>) => call(sandbox.url, 'POST', FAULTS, { body: fault });
  const listKeys = () => call<ApiKey[]>(sandbox.url, 'GET', KEYS, { token: sandbox.omiBootstrapKey });
  const createKey = (name: string) => call(sandbox.url, 'POST', KEYS, { token: sandbox.omiBootstrapKey, body: { name } });

  beforeAll(async () => {
    sandbox = await startSandbox({ faults: true, omniSeed: 'demo' });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await call(sandbox.url, 'DELETE', FAULTS);
  });

  it('is 404 when faults are not enabled', async () => {
    const plain = await startSandbox();
    try {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const res = await call(plain.url, method, FAULTS, { body: method === 'POST' ? { kind: 'reset' } : undefined });
        expect(res).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
      }
    } finally {
      await plain.close();
    }
  });

  it('queues, lists and clears faults, and validates them', async () => {
    expect((await inject({ kind: 'status500', times: 2, path: '/api' })).status).toBe(200);
    const pending = await call<{ faults: { kind: string; times: number; path: string }[] }>(sandbox.url, 'GET', FAULTS);
    expect(pending.body.faults).toEqual([expect.objectContaining({ kind: 'status500', times: 2, path: '/api' })]);
    expect(await call(sandbox.url, 'DELETE', FAULTS)).toMatchObject({ status: 200, body: { cleared: 1 } });
    expect((await call<{ faults: unknown[] }>(sandbox.url, 'GET', FAULTS)).body.faults).toEqual([]);

    for (const bad of [{ kind: 'explode' }, { kind: 'latency', ms: -1 }, { kind: 'reset', times: 0 }, { kind: 'reset', extra: 1 }, { kind: 'reset', path: 'v1' }]) {
      const res = await inject(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body).toEqual({ detail: expect.any(String) });
    }
  });

  it('latency: waits, then handles normally', async () => {
    await inject({ kind: 'latency', ms: 200 });
    const started = performance.now();
    const res = await listKeys();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(res.status).toBe(200);
  });

  it('status500: answers 500 without performing the action', async () => {
    const before = (await listKeys()).body.length;
    await inject({ kind: 'status500', method: 'post' });
    expect(await createKey('never created')).toMatchObject({ status: 500, body: { detail: 'Internal Server Error' } });
    expect((await listKeys()).body).toHaveLength(before);
  });

  it('rate_limit: answers 429 with Retry-After and rate-limit headers', async () => {
    await inject({ kind: 'rate_limit', retryAfter: 7 });
    const res = await listKeys();
    expect(res).toMatchObject({ status: 429, body: { detail: 'Rate limit exceeded. Try again in 7s.' } });
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await listKeys()).status).toBe(200);
  });

  it('reset: drops the connection without a response', async () => {
    await inject({ kind: 'reset' });
    await expect(listKeys()).rejects.toThrow();
    expect((await listKeys()).status).toBe(200);
  });

  it('malformed_json: performs the request but answers 200 with a body that does not parse', async () => {
    const before = (await listKeys()).body.length;
    await inject({ kind: 'malformed_json', method: 'POST' });
    const res = await createKey('created anyway');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(res.text) as unknown).toThrow();
    expect((await listKeys()).body).toHaveLength(before + 1);
  });

  it('lose_create_response: creates the key, then drops the connection; other methods are untouched', async () => {
    await inject({ kind: 'lose_create_response' });
    expect((await listKeys()).status).toBe(200);
    await expect(createKey('lost response')).rejects.toThrow();
    expect((await listKeys()).body.map((key) => key.name)).toContain('lost response');
  });

  it('revoke_unavailable: a revoke answers 503 and the key keeps working; only Omi key revokes are affected', async () => {
    const token = sandbox.omiBootstrapKey;
    const unavailable = { status: 503, body: { detail: 'API key revocation temporarily unavailable' } };
    const devKey = (await call<{ id: string; key: string }>(sandbox.url, 'POST', KEYS, { token, body: { name: 'dev victim' } })).body;
    const mcpKey = (await call<{ id: string }>(sandbox.url, 'POST', '/v1/mcp/keys', { token, body: { name: 'mcp victim' } })).body;
    const mcpIds = async () => (await call<{ id: string }[]>(sandbox.url, 'GET', '/v1/mcp/keys', { token })).body.map((key) => key.id);

    expect((await inject({ kind: 'revoke_unavailable', times: 2 })).body).toMatchObject({ fault: { method: 'DELETE', path: '/' } });
    // Other requests, Omni's DELETE included, pass the pending fault by.
    expect((await listKeys()).status).toBe(200);
    const omniToken = (await call<{ records: { id: string }[] }>(sandbox.url, 'GET', '/api/v1/api-keys', { token: sandbox.omniToken })).body.records[0];
    expect((await call(sandbox.url, 'DELETE', `/api/v1/api-keys/${omniToken?.id}`, { token: sandbox.omniToken })).status).toBe(200);

    expect(await call(sandbox.url, 'DELETE', `${KEYS}/${devKey.id}`, { token })).toMatchObject(unavailable);
    expect(await call(sandbox.url, 'DELETE', `/v1/mcp/keys/${mcpKey.id}`, { token })).toMatchObject(unavailable);
    expect((await listKeys()).body.map((key) => key.id)).toContain(devKey.id);
    expect((await call(sandbox.url, 'GET', '/v1/dev/key', { token: devKey.key })).status).toBe(200);
    expect(await mcpIds()).toContain(mcpKey.id);

    // The retry revokes.
    expect((await call(sandbox.url, 'DELETE', `${KEYS}/${devKey.id}`, { token })).status).toBe(204);
    expect((await call(sandbox.url, 'DELETE', `/v1/mcp/keys/${mcpKey.id}`, { token })).status).toBe(204);
    expect(await mcpIds()).not.toContain(mcpKey.id);

    // A path prefix narrows it to one family.
    await inject({ kind: 'revoke_unavailable', path: '/v1/mcp/keys' });
    expect((await call(sandbox.url, 'DELETE', `${KEYS}/unknown`, { token })).status).toBe(204);
    expect(await call(sandbox.url, 'DELETE', '/v1/mcp/keys/unknown', { token })).toMatchObject(unavailable);

    expect((await inject({ kind: 'revoke_unavailable', method: 'POST' })).status).toBe(400);
  });

  it('matches by method and path prefix and applies `times` times', async () => {
    await inject({ kind: 'status500', times: 2, path: '/api/v1/api-keys' });
    const omni = () => call(sandbox.url, 'GET', '/api/v1/api-keys', { token: sandbox.omniToken });
    expect((await listKeys()).status).toBe(200);
    expect((await omni()).status).toBe(500);
    expect((await omni()).status).toBe(500);
    expect((await omni()).status).toBe(200);
    expect((await call(sandbox.url, 'GET', FAULTS)).body).toEqual({ faults: [] });
  });
});
