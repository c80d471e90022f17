// What the key endpoints accept under each --key-auth mode, and GET /v1/config/api-keys:
// the backend's two ID-token checks with their different texts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../generated/omi-api';
import { startSandbox, type Sandbox } from '../server';
import { call } from '../test-client';
import { unsignedJwt } from './jwt';
import { codeFor, decodeClaims, exchangeCode, listKeys, signIn, type TokenResponse } from './test-support';

type ApiKey = components['schemas']['ApiKey'];

const NOT_AUTHENTICATED = { detail: 'Not authenticated' };
const INVALID_CREDENTIALS = { detail: 'Invalid authentication credentials' };

describe('--key-auth session (the public backend)', () => {
  let sandbox: Sandbox;
  let idToken: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ keyAuth: 'session', authAutoApprove: true, omiSeed: 'demo' });
    ({ idToken } = await signIn(sandbox));
  });
  afterAll(() => sandbox.close());

  it('lists, creates and revokes keys with an ID token, without marking any key used', async () => {
    const before = await call<ApiKey[]>(sandbox.url, 'GET', '/v1/dev/keys', { token: idToken });
    expect(before.status).toBe(200);
    expect(before.body.length).toBeGreaterThanOrEqual(10);
    const bootstrap = before.body.find((key) => key.name === 'Bootstrap key');
    expect(bootstrap?.last_used_at).toBeNull();
    const created = await call<components['schemas']['ApiKeyCreated']>(sandbox.url, 'POST', '/v1/dev/keys', {
      token: idToken,
      body: { name: 'From a session' },
    });
    expect(created.status).toBe(200);
    const revoked = await call(sandbox.url, 'DELETE', `/v1/dev/keys/${created.body.id}`, { token: idToken });
    expect(revoked.status).toBe(204);
  });

  it('401 Not authenticated (with WWW-Authenticate) when there is no bearer', async () => {
    for (const authorization of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', `Token ${'x'.repeat(20)}`]) {
      const response = await listKeys(sandbox.url, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual(NOT_AUTHENTICATED);
    }
  });

  it('401 Invalid authentication credentials for anything but a genuine, current ID token of a user', async () => {
    const { code, verifier } = await codeFor(sandbox);
    const token = (await (await exchangeCode(sandbox.url, { code, code_verifier: verifier })).json()) as TokenResponse;
    const claims = decodeClaims(idToken);
    const other = await startSandbox({ authAutoApprove: true });
    try {
      const foreign = (await signIn(other)).idToken;
      const [header, , signature] = idToken.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'x', user_id: 'x' })).toString('base64url')}.${signature}`;
      for (const bearer of [
        sandbox.omiBootstrapKey,
        `omi_dev_${'0'.repeat(32)}`,
        'not-a-token',
        token.id_token, // Google's token: Omi refuses it as a bearer
        token.access_token ?? '',
        token.custom_token ?? '',
        foreign, // signed by another key
        tampered,
        unsignedJwt(claims), // alg none is the emulator's, not the sandbox's
        `${idToken} extra`,
      ]) {
        const response = await listKeys(sandbox.url, `Bearer ${bearer}`);
        expect(response.status, bearer).toBe(401);
        expect(await response.json()).toEqual(INVALID_CREDENTIALS);
      }
    } finally {
      await other.close();
    }
  });

  it('checks authentication before the body', async () => {
    const response = await call(sandbox.url, 'POST', '/v1/dev/keys', { token: sandbox.omiBootstrapKey, rawBody: '{oops' });
    expect(response).toMatchObject({ status: 401, body: INVALID_CREDENTIALS });
  });

  it('keeps users apart: a session sees only its own user\'s keys', async () => {
    const ada = sandbox.createOmiUser({ email: 'ada@devkeys.test' });
    sandbox.signInAs(ada.uid);
    try {
      const adaSession = await signIn(sandbox);
      const keys = await call<ApiKey[]>(sandbox.url, 'GET', '/v1/dev/keys', { token: adaSession.idToken });
      expect(keys.body.map((key) => key.name)).toEqual(['Bootstrap key']);
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
  });
});

describe('--key-auth both (the default) and api-key', () => {
  let both: Sandbox;
  let apiKeyOnly: Sandbox;
  beforeAll(async () => {
    [both, apiKeyOnly] = await Promise.all([startSandbox({ authAutoApprove: true }), startSandbox({ keyAuth: 'api-key', authAutoApprove: true })]);
  });
  afterAll(() => Promise.all([both.close(), apiKeyOnly.close()]));

  it('both: the bootstrap key and an ID token reach the same user\'s keys', async () => {
    const { idToken } = await signIn(both);
    const byKey = await call<ApiKey[]>(both.url, 'GET', '/v1/dev/keys', { token: both.omiBootstrapKey });
    const bySession = await call<ApiKey[]>(both.url, 'GET', '/v1/dev/keys', { token: idToken });
    expect(bySession.status).toBe(200);
    expect(bySession.body.map((key) => key.id)).toEqual(byKey.body.map((key) => key.id));
  });

  it('both: the key texts for keys, the session text for JWT-shaped bearers', async () => {
    expect(await call(both.url, 'GET', '/v1/dev/keys')).toMatchObject({
      status: 401,
      body: { detail: "Missing or invalid Authorization header. Must be 'Bearer API_KEY'" },
    });
    expect(await call(both.url, 'GET', '/v1/dev/keys', { token: 'nope' })).toMatchObject({ status: 401, body: { detail: 'Invalid API key' } });
    expect(await call(both.url, 'GET', '/v1/dev/keys', { token: 'eyJhbGciOiJub25lIn0.e30.' })).toMatchObject({ status: 401, body: INVALID_CREDENTIALS });
  });

  it('api-key: an ID token is just an unknown key', async () => {
    const { idToken } = await signIn(apiKeyOnly);
    expect(await call(apiKeyOnly.url, 'GET', '/v1/dev/keys', { token: idToken })).toMatchObject({ status: 401, body: { detail: 'Invalid API key' } });
    expect((await call(apiKeyOnly.url, 'GET', '/v1/dev/keys', { token: apiKeyOnly.omiBootstrapKey })).status).toBe(200);
  });
});

describe('GET /v1/config/api-keys', () => {
  let sandbox: Sandbox;
  let idToken: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ authAutoApprove: true, firebaseApiKey: 'AIzaSyConfiguredKey' });
    ({ idToken } = await signIn(sandbox));
  });
  afterAll(() => sandbox.close());
  const config = (authorization?: string) =>
    fetch(`${sandbox.url}/v1/config/api-keys`, { headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('answers the configured Firebase Web API key to a signed-in user', async () => {
    const response = await config(`Bearer ${idToken}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ firebase_api_key: 'AIzaSyConfiguredKey' });
    // The backend takes the second word whatever the scheme: so does the sandbox.
    expect((await config(`Basic ${idToken}`)).status).toBe(200);
  });

  it.each([
    [undefined, 'Authorization header not found'],
    ['', 'Authorization header not found'],
    ['Bearer', 'Invalid authorization token'],
    ['Bearer a b', 'Invalid authorization token'],
    ['Bearer  two-spaces', 'Invalid authorization token'],
    ['Bearer not-a-token', 'Invalid authorization token'],
    [
      `Bearer omi_dev_${'a'.repeat(32)}`,
      'Developer API keys (omi_dev_...) only authenticate the Developer API under /v1/dev/ (for example GET /v1/dev/user/memories). ' +
        'This endpoint requires a Firebase ID token from a signed-in Omi app.',
    ],
    [
      `Bearer omi_mcp_${'a'.repeat(32)}`,
      'MCP API keys (omi_mcp_...) only authenticate the MCP endpoints under /v1/mcp/ (for example GET /v1/mcp/memories, ' +
        'GET /v1/mcp/conversations) and the MCP server at /v1/mcp/sse. This endpoint requires a Firebase ID token from a signed-in Omi app.',
    ],
  ])('Authorization %j → 401 %s', async (authorization, message) => {
    const response = await config(authorization);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: message });
  });

  it('refuses a disabled user\'s ID token', async () => {
    const user = sandbox.createOmiUser();
    sandbox.signInAs(user.uid);
    try {
      const session = await signIn(sandbox);
      sandbox.disableUser(user.uid);
      expect(await (await config(`Bearer ${session.idToken}`)).json()).toEqual({ detail: 'Invalid authorization token' });
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
  });
});
