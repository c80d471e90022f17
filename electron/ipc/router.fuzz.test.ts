/**
 * IPC fuzzing: every generated payload on every channel (and on unknown channels) gets a
 * typed error or a valid result — no throw, no unhandled rejection, no secret in any answer.
 * Fixed seed; FUZZ_RUNS raises the count (`npm run fuzz`).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, TEST_SENDER, type TestCore } from '../core/test-support';
import type { AccountSummary } from './contract';
import { CHANNEL_NAMES, ERROR_CODES } from './contract';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_123);
const SECRET = `omi_dev_${'5e'.repeat(16)}`;

let t: TestCore;
let account: AccountSummary;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // Once the sandbox account is signed in, every provider call fails as a network error.
  let offline = false;
  t = createTestCore({
    http: { timeoutMs: 200, fetch: async (request) => (offline ? Promise.reject(new TypeError('fetch disabled in fuzz test')) : fetch(request)) },
  });
  account = await t.data<AccountSummary>('addSandboxAccount', {});
  offline = true;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await t.dispose();
});

const fieldNames = ['accountId', 'name', 'scopes', 'label', 'baseUrl', 'credential', 'provider', 'apiBase', 'firebaseApiKey', 'authEmulatorHost', 'keyId', 'secretHandle', 'enabled', 'type', 'cursor', 'secret', 'value', '__proto__', 'constructor', 'prototype'];
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', 'javascript:alert(1)', SECRET, `Bearer ${SECRET}`, 'x'.repeat(100_001), '__proto__', '%00', '\u202e'),
  fc.uuid(),
);
const deep = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileString, fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...fieldNames), tie('node'), { maxKeys: 4 })),
})).node;
const nearValid = fc.record(
  {
    accountId: fc.oneof(fc.constant('__ACCOUNT__'), fc.uuid(), hostileString),
    name: hostileString,
    scopes: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom('memories:read', 'goals:write', 'admin', ''), { maxLength: 10 })),
    keyId: hostileString,
    label: hostileString,
    baseUrl: fc.oneof(hostileString, fc.constantFrom('http://127.0.0.1:9', 'https://api.omi.me', 'ftp://x')),
    credential: hostileString,
    provider: fc.constantFrom('omi', 'omni', 'other'),
    secretHandle: fc.oneof(hostileString, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 })),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true, withBigInt: true, withDate: true, withTypedArray: true }),
  deep,
  nearValid,
  fc.constantFrom(null, undefined, 0, '', [], {}, Object.create(null), JSON.parse('{"__proto__": {"polluted": true}}')),
);
const channel = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...CHANNEL_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '') },
  { weight: 1, arbitrary: fc.string() },
);

const someAccount = fc.oneof(fc.constant('__ACCOUNT__'), fc.uuid());
/** Payloads shaped like each channel's schema, so runs reach the handlers too. */
const shaped = fc.oneof(
  fc.tuple(fc.constantFrom('listKeys', 'removeAccount', 'setActiveAccount'), fc.record({ accountId: someAccount })),
  fc.tuple(fc.constant('createKey'), fc.record({ accountId: someAccount, name: hostileString, scopes: fc.array(fc.constantFrom('memories:read', 'goals:write'), { maxLength: 3 }) }, { requiredKeys: ['accountId', 'name'] })),
  fc.tuple(fc.constant('revokeKey'), fc.record({ accountId: someAccount, keyId: hostileString })),
  fc.tuple(fc.constantFrom('getAppInfo', 'listAccounts', 'loadFirstScreen', 'cancelSignIn', 'reopenSignInPage'), fc.constant({})),
  // Sign in: no browser in this core, so a real backend's sign-in stops before anything is opened or sent.
  fc.tuple(
    fc.constant('signIn'),
    fc.record(
      {
        provider: fc.constantFrom('google', 'apple', 'github', ''),
        apiBase: fc.oneof(hostileString, fc.constantFrom('https://api.omi.me', 'http://127.0.0.1:9', 'http://evil.example', 'javascript:alert(1)')),
        firebaseApiKey: fc.oneof(hostileString, fc.constantFrom('AIzaSyD9dzBdglc7IO9pPDIOvqnCoTis_xKkkC8')),
        authEmulatorHost: fc.oneof(hostileString, fc.constantFrom('127.0.0.1:9099', 'evil.example:9099', '[::1]:70000')),
        label: hostileString,
        accountId: fc.oneof(fc.uuid(), hostileString),
      },
      { requiredKeys: ['provider'] },
    ),
  ),
  // MCP keys and Check a key (the pasted secret is the hostile part).
  fc.tuple(fc.constantFrom('listMcpKeys', 'getMcpSetup'), fc.record({ accountId: someAccount })),
  fc.tuple(fc.constant('createMcpKey'), fc.record({ accountId: someAccount, name: hostileString })),
  fc.tuple(fc.constantFrom('revokeMcpKey', 'rotateMcpKey'), fc.record({ accountId: someAccount, keyId: hostileString })),
  fc.tuple(fc.constant('copyMcpSetupValue'), fc.record({ accountId: someAccount, value: fc.constantFrom('server_url', 'claude_code_config', 'oauth_client_id', 'sse') })),
  fc.tuple(fc.constant('checkKey'), fc.record({ secret: fc.oneof(hostileString, fc.constant(SECRET), fc.constant(`omi_mcp_${'5e'.repeat(16)}`)) })),
);
const request = fc.oneof({ weight: 3, arbitrary: fc.tuple(channel, payload) }, { weight: 1, arbitrary: shaped });

describe('IPC router under fuzzing', () => {
  it(`answers ${RUNS} hostile payloads with typed results`, async () => {
    const codes = new Set<string>(ERROR_CODES);
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async ([name, raw]) => {
        const args = raw && typeof raw === 'object' && 'accountId' in raw && raw.accountId === '__ACCOUNT__' ? { ...raw, accountId: account.id } : raw;
        const result = await t.core.router.handle(name, args, TEST_SENDER);
        expect(typeof result).toBe('object');
        const outcome = result.ok ? 'ok' : result.error.code;
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        if (result.ok) return;
        expect(codes.has(result.error.code)).toBe(true);
        expect(typeof result.error.message).toBe('string');
        expect(result.error.message.length).toBeLessThan(2_000);
        expect(JSON.stringify(result)).not.toContain(SECRET.slice(8));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(unhandled).toEqual([]);
    // The generator must reach past validation into the handlers, not only bounce off schemas.
    for (const outcome of ['ok', 'invalid_payload', 'unknown_channel', 'account_not_found', 'network']) {
      expect(seen.get(outcome) ?? 0, `outcome ${outcome}`).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(t.logLines.join('\n')).not.toContain(SECRET.slice(8));
  }, 240_000);
});
