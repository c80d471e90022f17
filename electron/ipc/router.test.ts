import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, TEST_SENDER, type TestCore } from '../core/test-support';
import { CHANNEL_NAMES } from './contract';

let t: TestCore;
beforeAll(() => {
  t = createTestCore();
});
afterAll(async () => t.dispose());

describe('IPC router', () => {
  it('rejects senders outside the allow-list before looking at the payload', async () => {
    const wrongId = await t.core.router.handle('listAccounts', {}, { id: 99, url: TEST_SENDER.url });
    const wrongOrigin = await t.core.router.handle('listAccounts', {}, { id: TEST_SENDER.id, url: 'https://evil.example/' });
    for (const result of [wrongId, wrongOrigin]) {
      expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } });
    }
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])('rejects unknown channel %j', async (channel) => {
    expect(await t.call(channel)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each([
    ['listKeys', { accountId: 'not-a-uuid' }, 'accountId'],
    ['listKeys', {}, 'accountId'],
    ['listKeys', { accountId: '8b5cf6aa-0000-4000-8000-000000000000', extra: 1 }, ''],
    ['createKey', { accountId: '8b5cf6aa-0000-4000-8000-000000000000', name: '   ' }, 'name'],
    ['createKey', { accountId: '8b5cf6aa-0000-4000-8000-000000000000', name: 'x'.repeat(101) }, 'name'],
    ['createKey', { accountId: '8b5cf6aa-0000-4000-8000-000000000000', name: 'ok', scopes: ['admin:all'] }, 'scopes.0'],
    ['createKey', { accountId: '8b5cf6aa-0000-4000-8000-000000000000', name: 42 }, 'name'],
    ['addAccount', { provider: 'omi', label: 'x', baseUrl: 'file:///etc/passwd', credential: 'abc' }, 'baseUrl'],
    ['addAccount', { provider: 'omi', label: 'x', baseUrl: 'https://u:p@api.omi.me', credential: 'abc' }, 'baseUrl'],
    ['addAccount', { provider: 'omi', label: 'x', baseUrl: 'https://api.omi.me', credential: 'a b' }, 'credential'],
    ['copySecret', { secretHandle: '../../etc' }, 'secretHandle'],
  ])('rejects malformed %s payload with a typed error naming %j', async (channel, payload, path) => {
    const result = await t.call(channel, payload);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid_payload');
    expect((result.error?.['fields'] as { path: string }[])[0]?.path).toBe(path);
  });

  it.each([null, undefined, 'string', 42, [], { __proto__: { accountId: 'x' } }])('never throws on payload %j', async (payload) => {
    for (const channel of CHANNEL_NAMES) {
      const result = await t.core.router.handle(channel, payload, TEST_SENDER);
      expect(typeof result.ok).toBe('boolean');
    }
  });

  it('does not echo a rejected credential in the error', async () => {
    const credential = `omi_dev_${'c'.repeat(32)}`;
    const result = await t.call('addAccount', { provider: 'omi', label: '', baseUrl: 'nope', credential });
    expect(JSON.stringify(result)).not.toContain(credential);
  });

  it('answers account_not_found for an unknown account', async () => {
    const result = await t.call('listKeys', { accountId: '8b5cf6aa-0000-4000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'account_not_found' } });
  });

  it('hides unexpected errors behind a generic internal error', async () => {
    const broken = createTestCore({
      cipher: {
        info: () => Promise.reject(new Error(`boom omi_dev_${'d'.repeat(32)} at /secret/path`)),
        encrypt: () => Promise.reject(new Error('no')),
        decrypt: () => Promise.reject(new Error('no')),
      },
    });
    const result = await broken.call('getAppInfo');
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.not.stringContaining('boom') } });
    expect(broken.logLines.join('\n')).not.toContain('d'.repeat(32));
    await broken.dispose();
  });
});
