import { describe, expect, it } from 'vitest';
import { exchangeCode, firebaseErrorCode, refreshIdToken, SessionHttpError, signInWithCustomToken } from './auth-http';
import { authorizeUrl, firebaseEndpoints, isAuthorizeUrlOf, redactAuthorizeUrl, type OmiBackend } from './backend';
import { decodeJwtClaims, displayIdentity, firebaseUid } from './jwt-claims';
import { MAX_CALLBACK_URL_LENGTH, parseCallback } from './loopback';
import { createPkcePair, createSignInState, PKCE_VALUE, pkceChallenge } from './pkce';
import { firebaseError, scriptedFetch, unsignedJwt } from './session-test-kit';

const backend: OmiBackend = { apiBase: 'https://api.example.test', firebaseApiKey: 'AIzaTestKey123', authEmulatorHost: null };

describe('PKCE and state', () => {
  it('makes a 43-character S256 verifier whose challenge is base64url(SHA-256(verifier))', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(PKCE_VALUE);
    expect(pair.verifier).toHaveLength(43);
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(pkceChallenge(pair.verifier));
    // RFC 7636 appendix B's example.
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('never repeats a verifier or a state', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createPkcePair().verifier));
    const states = new Set(Array.from({ length: 200 }, () => createSignInState()));
    expect(verifiers.size).toBe(200);
    expect(states.size).toBe(200);
  });
});

describe('authorize URL', () => {
  const url = authorizeUrl(
    { apiBase: 'https://api.example.test/' },
    { provider: 'apple', redirectUri: 'http://127.0.0.1:5123/callback', state: 'abcdefghijkl', codeChallenge: 'x'.repeat(43) },
  );

  it('carries provider, exact redirect_uri, state, challenge and S256, on the API base without its trailing slash', () => {
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://api.example.test/v1/auth/authorize');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      provider: 'apple',
      redirect_uri: 'http://127.0.0.1:5123/callback',
      state: 'abcdefghijkl',
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
  });

  it('is the only kind of URL the browser may be sent to, for its own API base', () => {
    expect(isAuthorizeUrlOf(url, 'https://api.example.test')).toBe(true);
    expect(isAuthorizeUrlOf(url, 'https://other.example.test')).toBe(false);
    expect(isAuthorizeUrlOf('https://api.example.test/v1/dev/keys', 'https://api.example.test')).toBe(false);
    expect(isAuthorizeUrlOf('http://api.example.test/v1/auth/authorize?x=1', 'http://api.example.test')).toBe(false);
    expect(isAuthorizeUrlOf('http://127.0.0.1:9/v1/auth/authorize?x=1', 'http://127.0.0.1:9')).toBe(true);
    expect(isAuthorizeUrlOf('file:///etc/passwd', 'https://api.example.test')).toBe(false);
    expect(isAuthorizeUrlOf('https://user:pw@api.example.test/v1/auth/authorize', 'https://api.example.test')).toBe(false);
    expect(isAuthorizeUrlOf('not a url', 'https://api.example.test')).toBe(false);
  });

  it('is logged with at most 8 characters of state and challenge', () => {
    const redacted = redactAuthorizeUrl(url);
    expect(redacted).toContain(`state=${'abcdefgh'}`);
    expect(redacted).not.toContain('abcdefghi');
    expect(redacted).not.toContain('x'.repeat(9));
  });

  it('puts Firebase behind an emulator host when there is one', () => {
    expect(firebaseEndpoints(backend)).toEqual({
      signInWithCustomToken: 'https://identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=AIzaTestKey123',
      refresh: 'https://securetoken.googleapis.com/v1/token?key=AIzaTestKey123',
    });
    expect(firebaseEndpoints({ ...backend, authEmulatorHost: '127.0.0.1:9099' }).refresh).toBe(
      'http://127.0.0.1:9099/securetoken.googleapis.com/v1/token?key=AIzaTestKey123',
    );
  });
});

describe('callback parser', () => {
  const expected = { state: 'our-state', host: '127.0.0.1:4000' };
  const get = (url: string, extra: Partial<{ method: string; host: string }> = {}) =>
    parseCallback({ method: extra.method ?? 'GET', url, host: extra.host ?? expected.host }, expected);

  it('accepts exactly one code with exactly our state', () => {
    expect(get('/callback?code=3b6f-uuid&state=our-state')).toEqual({ kind: 'code', code: '3b6f-uuid' });
  });

  it.each([
    ['/favicon.ico', 'path'],
    ['/callback/?code=a&state=our-state', 'path'],
    ['/callbackx?code=a&state=our-state', 'path'],
    ['/callback?code=a&state=their-state', 'state'],
    ['/callback?code=a', 'state'],
    ['/callback?code=a&state=our-state&state=our-state', 'state'],
    ['/callback?code=a&code=b&state=our-state', 'code'],
    ['/callback?code=&state=our-state', 'code'],
    ['/callback?state=our-state', 'code'],
    ['/callback?code=a%0Ab&state=our-state', 'code'],
    ['http://evil.test/callback?code=a&state=our-state', 'path'],
    ['//evil.test/callback?code=a&state=our-state', 'path'],
    [`/callback?code=${'a'.repeat(3000)}&state=our-state`, 'code'],
    [`/callback?code=a&state=our-state&pad=${'x'.repeat(MAX_CALLBACK_URL_LENGTH)}`, 'too_long'],
  ])('ignores %s (%s)', (url, reason) => {
    expect(get(url)).toEqual({ kind: 'ignore', reason });
  });

  it('ignores other methods and other Host headers (DNS rebinding)', () => {
    expect(get('/callback?code=a&state=our-state', { method: 'POST' })).toEqual({ kind: 'ignore', reason: 'method' });
    expect(get('/callback?code=a&state=our-state', { host: 'evil.test:4000' })).toEqual({ kind: 'ignore', reason: 'host' });
    expect(get('/callback?code=a&state=our-state', { host: 'localhost:4000' })).toEqual({ kind: 'ignore', reason: 'host' });
  });

  it('reports a provider error for our state, sanitized', () => {
    expect(get('/callback?error=access_denied&state=our-state')).toEqual({ kind: 'error', message: 'access_denied' });
    expect(get('/callback?error=x&error_description=%3Cb%3EDenied%3C%2Fb%3E%0A&state=our-state')).toEqual({ kind: 'error', message: 'x: <b>Denied</b>' });
    expect(get('/callback?error=access_denied&state=nope')).toEqual({ kind: 'ignore', reason: 'state' });
  });
});

describe('JWT claims (display only)', () => {
  it('reads name, email and uid, and survives garbage', () => {
    const claims = decodeJwtClaims(unsignedJwt({ sub: 'uid-1', email: 'ada@example.test', given_name: 'Ada', family_name: 'Lovelace' }));
    expect(displayIdentity(claims)).toEqual({ name: 'Ada Lovelace', email: 'ada@example.test' });
    expect(firebaseUid(claims)).toBe('uid-1');
    expect(firebaseUid(decodeJwtClaims(unsignedJwt({ user_id: 'u2', sub: 'u3' })))).toBe('u2');
    expect(decodeJwtClaims('not.a.jwt')).toBeNull();
    expect(decodeJwtClaims('a.b')).toBeNull();
    expect(decodeJwtClaims(`x.${Buffer.from('[1]').toString('base64url')}.y`)).toBeNull();
    expect(displayIdentity(null)).toEqual({ name: null, email: null });
  });
});

describe('Omi /v1/auth/token', () => {
  const input = { code: 'code-1', redirectUri: 'http://127.0.0.1:1/callback', codeVerifier: 'v'.repeat(43) };

  it('posts the exact form and returns the custom token and the provider id token', async () => {
    const { fetch, requests } = scriptedFetch({
      '/v1/auth/token': [{ status: 200, body: { provider: 'google', id_token: 'g', access_token: 'a', provider_id: 'google.com', token_type: 'Bearer', expires_in: 3600, custom_token: 'ct' } }],
    });
    expect(await exchangeCode(fetch, backend, input)).toEqual({ customToken: 'ct', providerIdToken: 'g' });
    expect(requests[0]?.url).toBe('https://api.example.test/v1/auth/token');
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'http://127.0.0.1:1/callback',
      use_custom_token: 'true',
      code_verifier: 'v'.repeat(43),
    });
  });

  it.each([
    [400, 'Invalid or expired code', 'rejected'],
    [400, 'redirect_uri mismatch', 'rejected'],
    [400, 'code_verifier is required', 'rejected'],
    [400, 'code_verifier is malformed', 'rejected'],
    [400, 'invalid code_verifier', 'rejected'],
    [502, 'Failed to generate authentication token', 'transient'],
  ])('%i %s → %s', async (status, detail, kind) => {
    const { fetch } = scriptedFetch({ '/v1/auth/token': [{ status, body: { detail } }] });
    const error = await exchangeCode(fetch, backend, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionHttpError);
    expect(error).toMatchObject({ kind, reason: detail, status });
  });

  it('a 200 without custom_token is a bad response; a network failure is transient', async () => {
    const bad = scriptedFetch({ '/v1/auth/token': [{ status: 200, body: { id_token: 'x' } }] });
    await expect(exchangeCode(bad.fetch, backend, input)).rejects.toMatchObject({ kind: 'bad_response' });
    const down = scriptedFetch({ '/v1/auth/token': [{ status: 0, fail: true }] });
    await expect(exchangeCode(down.fetch, backend, input)).rejects.toMatchObject({ kind: 'transient', reason: 'could not connect' });
  });
});

describe('Firebase endpoints', () => {
  it('signInWithCustomToken sends {token, returnSecureToken} and reads expiresIn as a string', async () => {
    const { fetch, requests } = scriptedFetch({
      'accounts:signInWithCustomToken': [{ status: 200, body: { kind: 'k', idToken: 'id', refreshToken: 'rt', expiresIn: '3600', isNewUser: false } }],
    });
    expect(await signInWithCustomToken(fetch, backend, 'ct')).toEqual({ idToken: 'id', refreshToken: 'rt', expiresInSeconds: 3600 });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ token: 'ct', returnSecureToken: true });
  });

  it('refresh posts the refresh-token grant and returns the (maybe new) refresh token', async () => {
    const { fetch, requests } = scriptedFetch({
      '/v1/token': [{ status: 200, body: { id_token: 'id2', access_token: 'id2', expires_in: '3600', token_type: 'Bearer', refresh_token: 'rt2', user_id: 'u', project_id: 'p' } }],
    });
    expect(await refreshIdToken(fetch, backend, 'rt1')).toEqual({ idToken: 'id2', refreshToken: 'rt2', expiresInSeconds: 3600 });
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt1' });
  });

  it.each([
    [firebaseError('INVALID_REFRESH_TOKEN'), 'session_ended', 'INVALID_REFRESH_TOKEN'],
    [firebaseError('TOKEN_EXPIRED'), 'session_ended', 'TOKEN_EXPIRED'],
    [firebaseError('USER_DISABLED : The user account has been disabled by an administrator.'), 'session_ended', 'USER_DISABLED'],
    [firebaseError('USER_NOT_FOUND'), 'session_ended', 'USER_NOT_FOUND'],
    [firebaseError('API key not valid. Please pass a valid API key.'), 'configuration', 'API key not valid. Please pass a valid API key.'],
    [firebaseError('PROJECT_NUMBER_MISMATCH'), 'configuration', 'PROJECT_NUMBER_MISMATCH'],
    [firebaseError('PERMISSION_DENIED', 403), 'configuration', 'PERMISSION_DENIED'],
    [firebaseError('INTERNAL', 503), 'transient', 'INTERNAL'],
    [{ status: 429, body: {}, headers: { 'Retry-After': '7' } }, 'transient', 'HTTP 429'],
    [{ status: 0, fail: true }, 'transient', 'could not connect'],
    [firebaseError('INVALID_GRANT_TYPE'), 'rejected', 'INVALID_GRANT_TYPE'],
  ])('refresh failure %# → %s', async (answer, kind, reason) => {
    const { fetch } = scriptedFetch({ '/v1/token': [answer] });
    await expect(refreshIdToken(fetch, backend, 'rt')).rejects.toMatchObject({ kind, reason });
  });

  it('reads Firebase error codes with and without an explanation', () => {
    expect(firebaseErrorCode(firebaseError('USER_DISABLED : gone').body)).toBe('USER_DISABLED');
    expect(firebaseErrorCode({ error: 'nope' })).toBe('');
    expect(firebaseErrorCode(null)).toBe('');
  });
});
