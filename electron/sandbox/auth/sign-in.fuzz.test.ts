/**
 * Robustness of the sign-in endpoints under hostile input: every generated request gets one of
 * the documented answers (never a crash, a hang or a stray 200), nothing valid is handed out for
 * invalid input, and the sandbox keeps serving real sign-ins afterwards. Fixed seed; FUZZ_RUNS
 * raises the count per endpoint.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { codeFor, exchangeCode, firebaseUrl, pkcePair, postForm, REDIRECT_URI, refresh, signIn, type FirebaseError } from './test-support';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 150);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_124);

const AUTHORIZE_DETAILS = new Set([
  'Unsupported provider',
  'redirect_uri is required',
  'redirect_uri must include a scheme',
  'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)',
  'code_challenge is required',
  'code_challenge is malformed',
  'code_challenge_method must be S256',
]);
const TOKEN_DETAILS = new Set([
  'Unsupported grant type',
  'Invalid or expired code',
  'redirect_uri mismatch',
  'code_verifier is required',
  'code_verifier is malformed',
  'invalid code_verifier',
]);
const FIREBASE_MESSAGES = /^(MISSING_CUSTOM_TOKEN|INVALID_CUSTOM_TOKEN( : .*)?|INVALID_GRANT_TYPE|MISSING_REFRESH_TOKEN|INVALID_REFRESH_TOKEN|API key not valid\. Please pass a valid API key\.|Method doesn't allow unregistered callers.*|Invalid JSON payload received\..*|Invalid value at '.*)$/s;

const hostile = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '', ' ', '\u0000', '\t\n', 'google', 'apple', 'S256', 's256', 'plain', 'true', 'authorization_code', 'refresh_token',
    'http://127.0.0.1:1/callback', 'http://[::1]/cb', 'http://[::1/cb', 'https://127.0.0.1/', 'javascript:alert(1)', 'devkeys://cb',
    'http://localhost@evil.example/', '%00', '%E0%A4%A', '\ud800', '../../etc/passwd', 'x'.repeat(5000), '__proto__',
    'a'.repeat(43), 'eyJhbGciOiJub25lIn0.e30.', `omi_dev_${'0'.repeat(32)}`,
  ),
);
const fieldName = (names: readonly string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const fields = (names: readonly string[]) => fc.array(fc.tuple(fieldName(names), hostile), { maxLength: 8 });
/** Printable ASCII (what fetch lets through as a header value), plus the shapes that matter. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 120 }),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer x.y.z', 'Basic abc', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA', `Bearer omi_mcp_${'a'.repeat(32)}`),
);

function encode(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${encodeURIComponent(name.replace(/\p{Cs}/gu, ''))}=${encodeURIComponent(value.replace(/\p{Cs}/gu, ''))}`).join('&');
}

/** Counts outcomes, so a run proves it reached past validation rather than bouncing off it. */
function outcomes() {
  const seen = new Map<string, number>();
  return {
    note: (outcome: string | number) => seen.set(String(outcome), (seen.get(String(outcome)) ?? 0) + 1),
    expectSeen: (...expected: (string | number)[]) => {
      for (const outcome of expected) expect(seen.get(String(outcome)) ?? 0, `outcome ${outcome} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    },
  };
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text();
  expect(response.headers.get('content-type')).toBe('application/json');
  return JSON.parse(text) as unknown;
}

describe('sign-in endpoints under fuzzing', () => {
  let sandbox: Sandbox;
  let consentSandbox: Sandbox;
  beforeAll(async () => {
    [sandbox, consentSandbox] = await Promise.all([
      startSandbox({ authAutoApprove: true, keyAuth: 'session' }),
      startSandbox({ keyAuth: 'session' }),
    ]);
  });
  afterAll(() => Promise.all([sandbox.close(), consentSandbox.close()]));

  it('authorize: a documented 4xx, a 302 only for a valid request, 500 only where Python would crash', async () => {
    const { challenge } = pkcePair();
    const names = ['provider', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'];
    const redirectUri = fc.oneof(
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('http://127.0.0.1', 'http://localhost', 'http://[::1]', 'devkeys:/', 'https://127.0.0.1'), fc.integer({ min: 0, max: 70_000 }), hostile).map(([base, port, path]) => `${base}:${port}/${path}`) },
      { weight: 1, arbitrary: hostile },
    );
    const nearValid = fc.record({
      provider: fc.constantFrom('google', 'apple', 'x'),
      redirect_uri: redirectUri,
      code_challenge: fc.oneof({ weight: 3, arbitrary: fc.constant(challenge) }, { weight: 1, arbitrary: hostile }),
      code_challenge_method: fc.constantFrom('S256', 's256', ' S256', 'plain'),
      state: hostile,
    });
    const query = fc.oneof(fields(names), nearValid.map((record) => Object.entries(record) as [string, string][]));
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (pairs, withConsent) => {
        const target = withConsent ? consentSandbox : sandbox;
        const response = await fetch(`${target.url}/v1/auth/authorize?${encode(pairs)}`, { redirect: 'manual' });
        seen.note(response.status);
        const last = (name: string) => new URLSearchParams(encode(pairs)).getAll(name).at(-1);
        if (response.status === 302 || response.status === 200) {
          expect(['google', 'apple']).toContain(last('provider'));
          expect(last('code_challenge')).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
          if (response.status === 302) expect(response.headers.get('location')).toMatch(/[?&]code=[0-9a-f-]{36}(&state=|$)/);
          else expect(await response.text()).toContain('Sign in to the Omi sandbox as');
          return;
        }
        const body = (await jsonOf(response)) as { detail: unknown };
        if (response.status === 500) {
          expect(last('redirect_uri')).toMatch(/[[\]]/);
          return;
        }
        if (response.status === 422) {
          expect(Array.isArray(body.detail)).toBe(true);
          return;
        }
        expect(response.status).toBe(400);
        const detail = String(body.detail);
        expect(AUTHORIZE_DETAILS.has(detail) || /^redirect_uri scheme '.*' is not permitted$/s.test(detail), detail).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    seen.expectSeen(200, 302, 400, 422);
  }, 120_000);

  it('token: junk forms get a documented 400/422 and never a token; real codes keep working', async () => {
    const real = await codeFor(sandbox);
    const names = ['grant_type', 'code', 'redirect_uri', 'use_custom_token', 'code_verifier'];
    const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', 'text/plain', '');
    const seen = outcomes();
    const nearValid = fc.record({
      grant_type: fc.constantFrom('authorization_code', 'authorization_code', 'refresh_token'),
      redirect_uri: fc.oneof({ weight: 3, arbitrary: fc.constant(REDIRECT_URI) }, { weight: 1, arbitrary: hostile }),
      use_custom_token: fc.constantFrom('true', 'false', '1', 'maybe'),
      code_verifier: hostile,
    });
    // A real code with a wrong verifier or redirect (the right verifier is never generated).
    const request = fc.oneof(
      fc.tuple(fields(names), contentType, fc.constant('as generated' as const)),
      fc.tuple(
        nearValid.map((record) => Object.entries(record) as [string, string][]),
        fc.constant('application/x-www-form-urlencoded'),
        fc.constantFrom('real' as const, 'made-up' as const),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([pairs, type, code]) => {
        const withCode: [string, string][] =
          code === 'as generated' ? pairs : [...pairs, ['code', code === 'real' ? (await codeFor(sandbox)).code : 'made-up']];
        const response = await fetch(`${sandbox.url}/v1/auth/token`, {
          method: 'POST',
          headers: type ? { 'Content-Type': type } : {},
          body: encode(withCode),
        });
        expect([400, 422]).toContain(response.status);
        const body = (await jsonOf(response)) as { detail: unknown };
        seen.note(response.status === 422 ? 422 : String(body.detail));
        if (response.status === 422) expect(Array.isArray(body.detail)).toBe(true);
        else expect(TOKEN_DETAILS.has(String(body.detail)), String(body.detail)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    seen.expectSeen(422, 'Unsupported grant type', 'Invalid or expired code', 'redirect_uri mismatch', 'code_verifier is malformed');
    expect((await exchangeCode(sandbox.url, { code: real.code, code_verifier: real.verifier })).status).toBe(200);
  }, 120_000);

  it('Firebase endpoints: junk bodies and keys get Firebase errors; a live session survives', async () => {
    const session = await signIn(sandbox);
    const body = fc.oneof(
      hostile,
      fc.json({ maxDepth: 2 }),
      fc.record({ token: fc.oneof(hostile, fc.integer(), fc.constant(null)), returnSecureToken: fc.oneof(fc.boolean(), hostile) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fields(['grant_type', 'refresh_token']).map(encode),
    );
    const key = fc.oneof({ weight: 4, arbitrary: fc.constant(sandbox.firebaseApiKey) }, { weight: 1, arbitrary: fc.oneof(hostile, fc.constant(null)) });
    const seen = outcomes();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('signIn', 'refresh') as fc.Arbitrary<'signIn' | 'refresh'>, body, key, fc.boolean(), async (path, text, apiKey, asJson) => {
        const response = await fetch(firebaseUrl(sandbox, path, apiKey === null ? null : apiKey.replace(/\p{Cs}/gu, '')), {
          method: 'POST',
          headers: { 'Content-Type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
          body: text,
        });
        expect([400, 403]).toContain(response.status);
        const { error } = (await jsonOf(response)) as FirebaseError;
        expect(error.code).toBe(response.status);
        expect(error.message, error.message).toMatch(FIREBASE_MESSAGES);
        seen.note(error.message.split(/[ .]/)[0] ?? '');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    seen.expectSeen('Method', 'API', 'Invalid', 'INVALID_CUSTOM_TOKEN', 'MISSING_CUSTOM_TOKEN', 'INVALID_GRANT_TYPE');
    expect((await refresh(sandbox, session.refreshToken)).status).toBe(200);
  }, 120_000);

  it('key endpoints, /v1/config/api-keys and the consent form: any Authorization or form → 401/400 with the documented texts', async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, fc.constantFrom('/v1/dev/keys', '/v1/config/api-keys'), async (authorization, path) => {
        const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: authorization } });
        expect(response.status).toBe(401);
        const { detail } = (await jsonOf(response)) as { detail: string };
        if (path === '/v1/dev/keys') expect(['Not authenticated', 'Invalid authentication credentials']).toContain(detail);
        else expect(detail).toMatch(/^(Authorization header not found|Invalid authorization token|(Developer|MCP) API keys .*)$/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fields(['session', 'decision']), async (pairs) => {
        const response = await postForm(`${consentSandbox.url}/v1/auth/sandbox/consent`, {}, { body: encode(pairs) });
        expect(response.status).toBe(400);
        expect(await jsonOf(response)).toEqual({ detail: 'Invalid auth session' });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('survives oversized and broken requests and keeps serving', async () => {
    const huge = await fetch(`${sandbox.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `code=${'x'.repeat(1024 * 1024 + 1)}`,
    });
    expect(huge.status).toBe(413);
    const longUrl = await fetch(`${sandbox.url}/v1/auth/authorize?state=${'s'.repeat(70_000)}`, { redirect: 'manual' });
    expect(longUrl.status).toBe(431);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(sandbox.port, '127.0.0.1', () => socket.end('GARBAGE /v1/auth/authorize HTTP/9.9\r\n\r\n'));
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect((await codeFor(sandbox)).code).toMatch(/^[0-9a-f-]{36}$/);
  });
});
