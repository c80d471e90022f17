// Contract tests for GET /v1/auth/authorize, the consent page and POST /v1/auth/token: the
// backend's rules and exact texts, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { manualClock } from '../test-client';
import {
  authorize,
  callbackParams,
  codeFor,
  consentSession,
  decodeClaims,
  exchangeCode,
  pkcePair,
  postForm,
  REDIRECT_URI,
  validAuthorizeParams,
  type TokenResponse,
} from './test-support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function detailOf(response: Response): Promise<unknown> {
  return ((await response.json()) as { detail: unknown }).detail;
}

describe('GET /v1/auth/authorize', () => {
  let sandbox: Sandbox;
  const { challenge } = pkcePair();
  beforeAll(async () => {
    sandbox = await startSandbox({ authAutoApprove: true });
  });
  afterAll(() => sandbox.close());

  it('422 lists every missing required field, like FastAPI', async () => {
    const response = await authorize(sandbox.url, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect(response.status).toBe(422);
    expect(await detailOf(response)).toEqual([
      { loc: ['query', 'provider'], msg: 'Field required', type: 'missing' },
      { loc: ['query', 'redirect_uri'], msg: 'Field required', type: 'missing' },
    ]);
  });

  it.each([
    ['facebook', 'Unsupported provider'],
    ['', 'Unsupported provider'],
    ['Google', 'Unsupported provider'],
  ])('provider %j → 400 %s (checked before the redirect and PKCE)', async (provider, message) => {
    const response = await authorize(sandbox.url, { provider, redirect_uri: 'https://evil.example/cb' });
    expect(response.status).toBe(400);
    expect(await detailOf(response)).toBe(message);
  });

  it.each([
    ['', 'redirect_uri is required'],
    ['127.0.0.1:8080/callback', 'redirect_uri must include a scheme'],
    ['/callback', 'redirect_uri must include a scheme'],
    ['//127.0.0.1/callback', 'redirect_uri must include a scheme'],
    ['http://example.com/callback', 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
    ['http://127.0.0.1.evil.example/callback', 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
    ['http://127.0.0.1@evil.example/callback', 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
    ['http://127.0.0.2/callback', 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
    ['http:/callback', 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
    ['https://127.0.0.1/callback', "redirect_uri scheme 'https' is not permitted"],
    ['HTTPS://localhost/cb', "redirect_uri scheme 'https' is not permitted"],
    ['javascript:alert(1)', "redirect_uri scheme 'javascript' is not permitted"],
    ['data:text/html,hi', "redirect_uri scheme 'data' is not permitted"],
    ['file:///etc/passwd', "redirect_uri scheme 'file' is not permitted"],
    ['blob:http://127.0.0.1/x', "redirect_uri scheme 'blob' is not permitted"],
    ['about:blank', "redirect_uri scheme 'about' is not permitted"],
    ['vbscript:x', "redirect_uri scheme 'vbscript' is not permitted"],
    ['filesystem:x', "redirect_uri scheme 'filesystem' is not permitted"],
  ])('redirect_uri %j → 400 %s', async (redirectUri, message) => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, { redirect_uri: redirectUri }));
    expect(response.status).toBe(400);
    expect(await detailOf(response)).toBe(message);
  });

  it.each([
    'http://127.0.0.1:53682/callback',
    'http://localhost/anything?x=1',
    'http://LOCALHOST:1/cb',
    'http://[::1]:8080/callback',
    'http://user@127.0.0.1:99999/cb',
    'devkeys://auth/callback',
    'com.omi.app://callback',
    'omi-computer-dev://x',
    'localhost:8080/callback',
  ])('accepts redirect_uri %j (loopback http, any port and path, or an app scheme)', async (redirectUri) => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, { redirect_uri: redirectUri }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')?.startsWith(`${redirectUri}?code=`)).toBe(true);
  });

  it('answers 500 where the backend crashes (Python cannot parse the IPv6 netloc)', async () => {
    for (const redirectUri of ['http://[::1/callback', 'http://::1]/cb', 'http://[127.0.0.1]/cb']) {
      const response = await authorize(sandbox.url, validAuthorizeParams(challenge, { redirect_uri: redirectUri }));
      expect(response.status, redirectUri).toBe(500);
    }
  });

  it.each([
    [{ code_challenge: undefined }, 'code_challenge is required'],
    [{ code_challenge: '' }, 'code_challenge is required'],
    [{ code_challenge: 'short' }, 'code_challenge is malformed'],
    [{ code_challenge: `${'a'.repeat(42)}!` }, 'code_challenge is malformed'],
    [{ code_challenge: 'a'.repeat(129) }, 'code_challenge is malformed'],
    [{ code_challenge_method: undefined }, 'code_challenge_method must be S256'],
    [{ code_challenge_method: 'plain' }, 'code_challenge_method must be S256'],
    [{ code_challenge_method: 'S512' }, 'code_challenge_method must be S256'],
  ])('PKCE %j → 400 %s', async (overrides, message) => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, overrides));
    expect(response.status).toBe(400);
    expect(await detailOf(response)).toBe(message);
  });

  it('takes the method case-insensitively and the last of repeated parameters', async () => {
    expect((await authorize(sandbox.url, validAuthorizeParams(challenge, { code_challenge_method: ' s256 ' }))).status).toBe(302);
    const url = new URL('/v1/auth/authorize', sandbox.url);
    for (const [name, value] of Object.entries(validAuthorizeParams(challenge))) url.searchParams.set(name, value);
    url.searchParams.append('provider', 'facebook');
    const response = await fetch(url, { redirect: 'manual' });
    expect(await detailOf(response)).toBe('Unsupported provider');
  });

  it('auto-approve redirects to {redirect_uri}?code=<uuid>&state=<state>, state URL-encoded, and omits an empty state', async () => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, { state: 'a b&c=d|é' }));
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:53682\/callback\?code=[0-9a-f-]{36}&state=a%20b%26c%3Dd%7C%C3%A9$/);
    expect(callbackParams(location)).toEqual({ code: expect.stringMatching(UUID), state: 'a b&c=d|é' });

    for (const state of ['', undefined]) {
      const noState = await authorize(sandbox.url, validAuthorizeParams(challenge, { state }));
      expect(noState.headers.get('location')).toMatch(/\/callback\?code=[0-9a-f-]{36}$/);
    }
  });

  it('appends the code blindly, like the backend (a redirect_uri with a query gets a second "?")', async () => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, { redirect_uri: 'http://localhost/cb?x=1' }));
    expect(response.headers.get('location')).toMatch(/^http:\/\/localhost\/cb\?x=1\?code=/);
  });
});

describe('the consent page', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  const { challenge } = pkcePair();
  const openConsent = async (overrides: Record<string, string | undefined> = {}) => {
    const response = await authorize(sandbox.url, validAuthorizeParams(challenge, overrides));
    return { response, page: await response.text() };
  };
  const decide = (session: string, decision: string) => postForm(`${sandbox.url}/v1/auth/sandbox/consent`, { session, decision });

  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
  });
  afterAll(() => sandbox.close());

  it('shows who will be signed in and where Continue goes, as a script-free page under a strict CSP', async () => {
    const { response, page } = await openConsent();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'; base-uri 'none'; frame-ancestors 'none'$/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page).toContain('<h1>Sign in to the Omi sandbox as sandbox@devkeys.test</h1>');
    expect(page).toContain('signing in with Google');
    expect(page).toContain(`<code>${REDIRECT_URI}</code>`);
    expect(page).toMatch(/<button type="submit" name="decision" value="continue"[^>]*>Continue<\/button>/);
    expect(page).toMatch(/<button type="submit" name="decision" value="cancel"[^>]*>Cancel<\/button>/);
    expect(page).not.toMatch(/<script/i);
    expect((await openConsent({ provider: 'apple' })).page).toContain('signing in with Apple');
  });

  it('escapes what it echoes', async () => {
    const { page } = await openConsent({ redirect_uri: 'devkeys://cb/<img src=x onerror=alert(1)>"' });
    expect(page).not.toContain('<img');
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;&#34;');
  });

  it('Continue redirects (303) to the app with a code and the state; the decision is one-use', async () => {
    const { page } = await openConsent({ state: 'xyz' });
    const session = consentSession(page);
    const response = await decide(session, 'continue');
    expect(response.status).toBe(303);
    const { code, state } = callbackParams(response.headers.get('location'));
    expect(code).toMatch(UUID);
    expect(state).toBe('xyz');
    const again = await decide(session, 'continue');
    expect(again.status).toBe(400);
    expect(await detailOf(again)).toBe('Invalid auth session');
  });

  it('Cancel shows a cancelled page and sends nothing to the app', async () => {
    const session = consentSession((await openConsent()).page);
    const response = await decide(session, 'cancel');
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('<h1>Sign-in cancelled</h1>');
    expect(await detailOf(await decide(session, 'continue'))).toBe('Invalid auth session');
  });

  it('an attempt lives 300 s', async () => {
    const session = consentSession((await openConsent()).page);
    clock.advance(300_000);
    const late = await decide(session, 'continue');
    expect(late.status).toBe(400);
    expect(await detailOf(late)).toBe('Invalid auth session');
    const fresh = consentSession((await openConsent()).page);
    clock.advance(299_000);
    expect((await decide(fresh, 'continue')).status).toBe(303);
  });

  it('refuses unknown sessions and anything but a form', async () => {
    expect(await detailOf(await decide('nope', 'continue'))).toBe('Invalid auth session');
    const session = consentSession((await openConsent()).page);
    const asJson = await fetch(`${sandbox.url}/v1/auth/sandbox/consent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session, decision: 'continue' }),
    });
    expect(await detailOf(asJson)).toBe('Invalid auth session');
  });

  it('signInAs changes whom the page signs in', async () => {
    const other = sandbox.createOmiUser({ email: 'ada@devkeys.test', name: 'Ada Lovelace' });
    sandbox.signInAs(other.uid);
    try {
      expect((await openConsent()).page).toContain('Sign in to the Omi sandbox as ada@devkeys.test');
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
    expect(() => sandbox.signInAs('no-such-user')).toThrow(/No sandbox Omi user/);
  });
});

describe('POST /v1/auth/token', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, authAutoApprove: true, faults: true });
  });
  afterAll(() => sandbox.close());

  const expectDetail = async (response: Response, status: number, message: unknown) => {
    expect(response.status).toBe(status);
    expect(await detailOf(response)).toEqual(message);
  };

  it('answers as the backend: the provider tokens, Bearer, 3600 and (asked for) a custom token', async () => {
    const { code, verifier } = await codeFor(sandbox);
    const response = await exchangeCode(sandbox.url, { code, code_verifier: verifier });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenResponse;
    expect(Object.keys(body)).toEqual(['provider', 'id_token', 'access_token', 'provider_id', 'token_type', 'expires_in', 'custom_token']);
    expect(body).toMatchObject({ provider: 'google', provider_id: 'google.com', token_type: 'Bearer', expires_in: 3600 });
    expect(decodeClaims(body.id_token)).toMatchObject({
      iss: 'https://accounts.google.com',
      email: 'sandbox@devkeys.test',
      name: 'Sandbox User',
      given_name: 'Sandbox',
      family_name: 'User',
    });
    expect(decodeClaims(body.custom_token ?? '')).toMatchObject({
      aud: 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit',
      uid: sandbox.omiUser.uid,
    });
  });

  it('no custom token unless use_custom_token is true; pydantic reads the boolean', async () => {
    for (const [value, hasToken] of [['false', false], ['0', false], ['', false], ['1', true], ['YES', true], ['on', true]] as const) {
      const { code, verifier } = await codeFor(sandbox);
      const body = (await (await exchangeCode(sandbox.url, { code, code_verifier: verifier, use_custom_token: value })).json()) as TokenResponse;
      expect('custom_token' in body, value).toBe(hasToken);
    }
    const { code, verifier } = await codeFor(sandbox);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier, use_custom_token: 'maybe' }), 422, [
      { loc: ['body', 'use_custom_token'], msg: 'Input should be a valid boolean, unable to interpret input', type: 'bool_parsing' },
    ]);
    // A 422 happens before the code is looked at: the code still works.
    expect((await exchangeCode(sandbox.url, { code, code_verifier: verifier })).status).toBe(200);
  });

  it('Apple: provider apple.com and an ID token without a name', async () => {
    const pkce = pkcePair();
    const redirect = await fetch(
      `${sandbox.url}/v1/auth/authorize?${new URLSearchParams(validAuthorizeParams(pkce.challenge, { provider: 'apple' }))}`,
      { redirect: 'manual' },
    );
    const { code } = callbackParams(redirect.headers.get('location'));
    const body = (await (await exchangeCode(sandbox.url, { code, code_verifier: pkce.verifier })).json()) as TokenResponse;
    expect(body).toMatchObject({ provider: 'apple', provider_id: 'apple.com' });
    const claims = decodeClaims(body.id_token);
    expect(claims).toMatchObject({ iss: 'https://appleid.apple.com', email: 'sandbox@devkeys.test' });
    expect(claims).not.toHaveProperty('name');
  });

  it('422 for missing form fields (empty counts as missing; a JSON body binds nothing)', async () => {
    const missing = (name: string) => ({ loc: ['body', name], msg: 'Field required', type: 'missing' });
    await expectDetail(await postForm(`${sandbox.url}/v1/auth/token`, {}), 422, [missing('grant_type'), missing('code'), missing('redirect_uri')]);
    await expectDetail(await postForm(`${sandbox.url}/v1/auth/token`, { grant_type: '', code: 'x', redirect_uri: REDIRECT_URI }), 422, [
      missing('grant_type'),
    ]);
    const asJson = await fetch(`${sandbox.url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI }),
    });
    await expectDetail(asJson, 422, [missing('grant_type'), missing('code'), missing('redirect_uri')]);
  });

  it('Unsupported grant type comes before the code (which stays usable)', async () => {
    const { code, verifier } = await codeFor(sandbox);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier, grant_type: 'refresh_token' }), 400, 'Unsupported grant type');
    expect((await exchangeCode(sandbox.url, { code, code_verifier: verifier })).status).toBe(200);
  });

  it('a code is single-use: the second exchange is Invalid or expired code', async () => {
    const { code, verifier } = await codeFor(sandbox);
    expect((await exchangeCode(sandbox.url, { code, code_verifier: verifier })).status).toBe(200);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier }), 400, 'Invalid or expired code');
    await expectDetail(await exchangeCode(sandbox.url, { code: 'made-up', code_verifier: verifier }), 400, 'Invalid or expired code');
  });

  it('a code lives 300 s', async () => {
    const late = await codeFor(sandbox);
    const onTime = await codeFor(sandbox);
    clock.advance(299_999);
    expect((await exchangeCode(sandbox.url, { code: onTime.code, code_verifier: onTime.verifier })).status).toBe(200);
    clock.advance(1);
    await expectDetail(await exchangeCode(sandbox.url, { code: late.code, code_verifier: late.verifier }), 400, 'Invalid or expired code');
  });

  it.each([
    ['redirect_uri mismatch', { redirect_uri: 'http://127.0.0.1:53682/callback/' }, 'redirect_uri mismatch'],
    ['redirect_uri mismatch (case)', { redirect_uri: 'http://127.0.0.1:53682/Callback' }, 'redirect_uri mismatch'],
    ['no verifier', { code_verifier: '' }, 'code_verifier is required'],
    ['short verifier', { code_verifier: 'abc' }, 'code_verifier is malformed'],
    ['verifier with a bad character', { code_verifier: `${'a'.repeat(50)}+` }, 'code_verifier is malformed'],
    ['another verifier', { code_verifier: 'b'.repeat(43) }, 'invalid code_verifier'],
  ])('%s → 400, and the code is used up', async (_name, overrides, message) => {
    const { code, verifier } = await codeFor(sandbox);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier, ...overrides }), 400, message);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier }), 400, 'Invalid or expired code');
  });

  it('a disabled user gets 502 Failed to generate authentication token (Firebase refuses the sign-in)', async () => {
    const user = sandbox.createOmiUser();
    sandbox.signInAs(user.uid);
    try {
      const { code, verifier } = await codeFor(sandbox);
      sandbox.disableUser(user.uid);
      await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier }), 502, 'Failed to generate authentication token');
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
  });

  it('the token_bad_gateway fault answers 502 after using up the code, and spares failing requests', async () => {
    const inject = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'token_bad_gateway', times: 2 }),
    });
    expect(await inject.json()).toMatchObject({ fault: { kind: 'token_bad_gateway', method: 'POST', path: '/v1/auth/token' } });
    await expectDetail(await exchangeCode(sandbox.url, { code: 'made-up' }), 400, 'Invalid or expired code');
    const { code, verifier } = await codeFor(sandbox);
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier }), 502, 'Failed to generate authentication token');
    await expectDetail(await exchangeCode(sandbox.url, { code, code_verifier: verifier }), 400, 'Invalid or expired code');
    const next = await codeFor(sandbox);
    expect((await exchangeCode(sandbox.url, { code: next.code, code_verifier: next.verifier })).status).toBe(200);
  });
});
