// Contract tests for the Firebase-compatible endpoints the sandbox serves (signInWithCustomToken
// and the token refresh) and for the session hooks: Firebase's shapes and error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxStateForTests, startSandbox, type Sandbox } from '../server';
import { manualClock } from '../test-client';
import {
  decodeClaims,
  decodeHeader,
  firebaseUrl,
  listKeys,
  postForm,
  postJson,
  refresh,
  signIn,
  type FirebaseError,
  type RefreshResponse,
  type SignInResponse,
} from './test-support';
import { unsignedJwt } from './jwt';

const CUSTOM_TOKEN_AUDIENCE = 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';

async function firebaseErrorOf(response: Response): Promise<FirebaseError['error']> {
  return ((await response.json()) as FirebaseError).error;
}

/** A Firebase error with this status and message, in Firebase's shape. */
async function expectFirebaseError(response: Response, status: number, message: string | RegExp) {
  expect(response.status).toBe(status);
  const error = await firebaseErrorOf(response);
  expect(error.code).toBe(status);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}

describe('the sandbox as Firebase', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now, authAutoApprove: true, faults: true });
  });
  afterAll(() => sandbox.close());
  const signInWith = (body: unknown, key?: string | null) => postJson(firebaseUrl(sandbox, 'signIn', key), body);
  const withUser = async <T>(run: (uid: string) => Promise<T>) => {
    const user = sandbox.createOmiUser();
    sandbox.signInAs(user.uid);
    try {
      return await run(user.uid);
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
  };

  it('serves at the emulator-style paths on its own port', () => {
    expect(sandbox.authEmulatorHost).toBe(`127.0.0.1:${sandbox.port}`);
    expect(sandbox.firebaseApiKey).toBe('AIzaSyDevKeysSandboxLocalOnly0000000000');
  });

  describe('accounts:signInWithCustomToken', () => {
    it('answers Firebase\'s shape with a signed ID token carrying Firebase\'s claims', async () => {
      const session = await signIn(sandbox);
      expect(Object.keys(session).sort()).toEqual(['customToken', 'expiresIn', 'idToken', 'isNewUser', 'kind', 'refreshToken']);
      expect(session).toMatchObject({ kind: 'identitytoolkit#VerifyCustomTokenResponse', expiresIn: '3600' });
      expect(session.refreshToken).toMatch(/^AMf-vB[A-Za-z0-9_-]{200,}$/);
      const header = decodeHeader(session.idToken);
      expect(header).toEqual({ alg: 'RS256', kid: expect.stringMatching(/^[0-9a-f]{40}$/), typ: 'JWT' });
      const now = Math.floor(clock.now().getTime() / 1000);
      expect(decodeClaims(session.idToken)).toEqual({
        name: 'Sandbox User',
        iss: 'https://securetoken.google.com/devkeys-sandbox',
        aud: 'devkeys-sandbox',
        auth_time: now,
        user_id: sandbox.omiUser.uid,
        sub: sandbox.omiUser.uid,
        iat: now,
        exp: now + 3600,
        email: 'sandbox@devkeys.test',
        email_verified: true,
        firebase: { identities: { email: ['sandbox@devkeys.test'] }, sign_in_provider: 'custom' },
      });
      expect((await listKeys(sandbox.url, `Bearer ${session.idToken}`)).status).toBe(200);
    });

    it('isNewUser only on a user\'s first sign-in; a custom token can be redeemed again within its hour', async () => {
      await withUser(async () => {
        const first = await signIn(sandbox);
        expect(first.isNewUser).toBe(true);
        const again = (await (await signInWith({ token: first.customToken, returnSecureToken: true })).json()) as SignInResponse;
        expect(again.isNewUser).toBe(false);
        expect(again.refreshToken).not.toBe(first.refreshToken);
        clock.advance(3_600_000);
        await expectFirebaseError(await signInWith({ token: first.customToken }), 400, /^INVALID_CUSTOM_TOKEN/);
      });
    });

    it('checks the API key first: none → 403, a wrong one → 400 API key not valid', async () => {
      const noKey = await expectFirebaseError(await signInWith({ token: 'x' }, null), 403, /^Method doesn't allow unregistered callers/);
      expect(noKey.status).toBe('PERMISSION_DENIED');
      expect((await signInWith({ token: 'x' }, '')).status).toBe(403);
      const wrong = await expectFirebaseError(await signInWith({ token: 'x' }, 'AIzaWrong'), 400, 'API key not valid. Please pass a valid API key.');
      expect(wrong).toMatchObject({
        status: 'INVALID_ARGUMENT',
        errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest' }],
        details: [expect.objectContaining({ reason: 'API_KEY_INVALID', metadata: { service: 'identitytoolkit.googleapis.com' } })],
      });
    });

    it('reads the body as proto JSON', async () => {
      const raw = (body: string) => fetch(firebaseUrl(sandbox, 'signIn'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      await expectFirebaseError(await raw('{oops'), 400, /^Invalid JSON payload received\. Unexpected token/);
      await expectFirebaseError(await raw('[1]'), 400, /Root element must be a message/);
      await expectFirebaseError(await signInWith({ token: 'x', extra: 1 }), 400, 'Invalid JSON payload received. Unknown name "extra": Cannot find field.');
      await expectFirebaseError(await signInWith({ token: 5 }), 400, "Invalid value at 'token' (TYPE_STRING), 5");
      await expectFirebaseError(await signInWith({ token: 'x', returnSecureToken: 'yes' }), 400, /^Invalid value at 'return_secure_token'/);
      await expectFirebaseError(await raw(''), 400, 'MISSING_CUSTOM_TOKEN');
      await expectFirebaseError(await signInWith({ returnSecureToken: true }), 400, 'MISSING_CUSTOM_TOKEN');
    });

    it('INVALID_CUSTOM_TOKEN for anything it did not sign, or signed for something else', async () => {
      const { customToken, idToken } = await signIn(sandbox);
      const [header, payload, signature] = customToken.split('.');
      const forged = Buffer.from(JSON.stringify({ ...decodeClaims(customToken), uid: 'someone-else' })).toString('base64url');
      const now = Math.floor(clock.now().getTime() / 1000);
      const other = await startSandbox({ authAutoApprove: true });
      try {
        const foreign = (await signIn(other)).customToken;
        for (const token of [
          'not-a-jwt',
          `${header}.${forged}.${signature}`,
          `${header}.${payload}.${'A'.repeat(342)}`,
          unsignedJwt({ aud: CUSTOM_TOKEN_AUDIENCE, uid: sandbox.omiUser.uid, iat: now, exp: now + 3600 }),
          idToken,
          foreign,
        ]) {
          const error = await expectFirebaseError(await signInWith({ token }), 400, /^INVALID_CUSTOM_TOKEN/);
          expect(error.message).toBe('INVALID_CUSTOM_TOKEN : The custom token format is incorrect. Please check the documentation.');
          expect(error.errors?.[0]).toEqual({ message: error.message, domain: 'global', reason: 'invalid' });
        }
      } finally {
        await other.close();
      }
    });

    it('USER_DISABLED for a disabled user', async () => {
      await withUser(async (uid) => {
        const { customToken } = await signIn(sandbox);
        sandbox.disableUser(uid);
        await expectFirebaseError(await signInWith({ token: customToken }), 400, 'USER_DISABLED');
      });
    });
  });

  describe('securetoken token refresh', () => {
    it('answers Firebase\'s shape: a fresh ID token, the same refresh token, the uid', async () => {
      const session = await signIn(sandbox);
      clock.advance(10_000);
      const response = await refresh(sandbox, session.refreshToken);
      expect(response.status).toBe(200);
      const body = (await response.json()) as RefreshResponse;
      expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'token_type', 'refresh_token', 'id_token', 'user_id', 'project_id']);
      expect(body).toMatchObject({ expires_in: '3600', token_type: 'Bearer', refresh_token: session.refreshToken, user_id: sandbox.omiUser.uid });
      expect(body.project_id).toMatch(/^\d+$/);
      expect(body.access_token).toBe(body.id_token);
      expect(body.id_token).not.toBe(session.idToken);
      const claims = decodeClaims(body.id_token);
      expect(claims.auth_time).toBe(decodeClaims(session.idToken).auth_time);
      expect(claims.iat).toBe((decodeClaims(session.idToken).iat as number) + 10);
      expect((await listKeys(sandbox.url, `Bearer ${body.id_token}`)).status).toBe(200);
    });

    it('also takes a JSON body', async () => {
      const { refreshToken } = await signIn(sandbox);
      const response = await postJson(firebaseUrl(sandbox, 'refresh'), { grant_type: 'refresh_token', refresh_token: refreshToken });
      expect(response.status).toBe(200);
      const camel = await postJson(firebaseUrl(sandbox, 'refresh'), { grantType: 'refresh_token', refreshToken });
      expect(camel.status).toBe(200);
    });

    it('names what is wrong: grant type, missing or unknown refresh token, API key', async () => {
      const { refreshToken } = await signIn(sandbox);
      const url = firebaseUrl(sandbox, 'refresh');
      await expectFirebaseError(await postForm(url, { refresh_token: refreshToken }), 400, 'INVALID_GRANT_TYPE');
      await expectFirebaseError(await postForm(url, { grant_type: 'password', refresh_token: refreshToken }), 400, 'INVALID_GRANT_TYPE');
      await expectFirebaseError(await postForm(url, { grant_type: 'refresh_token' }), 400, 'MISSING_REFRESH_TOKEN');
      const invalid = await expectFirebaseError(await refresh(sandbox, 'AMf-vBnot-a-real-token'), 400, 'INVALID_REFRESH_TOKEN');
      expect(invalid.status).toBe('INVALID_ARGUMENT');
      await expectFirebaseError(await refresh(sandbox, refreshToken, null), 403, /^Method doesn't allow unregistered callers/);
      const wrongKey = await expectFirebaseError(await refresh(sandbox, refreshToken, 'AIzaWrong'), 400, 'API key not valid. Please pass a valid API key.');
      expect(wrongKey.details).toEqual([expect.objectContaining({ metadata: { service: 'securetoken.googleapis.com' } })]);
    });

    it('endSessions: every refresh token of that user is INVALID_REFRESH_TOKEN; its ID tokens live out their hour', async () => {
      await withUser(async (uid) => {
        const first = await signIn(sandbox);
        const second = await signIn(sandbox);
        sandbox.signInAs(sandbox.omiUser.uid);
        const bystander = await signIn(sandbox);
        sandbox.endSessions(uid);
        await expectFirebaseError(await refresh(sandbox, first.refreshToken), 400, 'INVALID_REFRESH_TOKEN');
        await expectFirebaseError(await refresh(sandbox, second.refreshToken), 400, 'INVALID_REFRESH_TOKEN');
        expect((await refresh(sandbox, bystander.refreshToken)).status).toBe(200);
        expect((await listKeys(sandbox.url, `Bearer ${first.idToken}`)).status).toBe(200);
        sandbox.signInAs(uid);
        const again = await signIn(sandbox);
        expect((await refresh(sandbox, again.refreshToken)).status).toBe(200);
      });
    });

    it('disableUser: refresh is USER_DISABLED and the ID tokens stop working', async () => {
      await withUser(async (uid) => {
        const session = await signIn(sandbox);
        sandbox.disableUser(uid);
        await expectFirebaseError(await refresh(sandbox, session.refreshToken), 400, 'USER_DISABLED');
        const keys = await listKeys(sandbox.url, `Bearer ${session.idToken}`);
        expect(keys.status).toBe(401);
        expect(await keys.json()).toEqual({ detail: 'Invalid authentication credentials' });
      });
    });

    it('the refresh_unavailable fault answers 503 without touching the session', async () => {
      const { refreshToken } = await signIn(sandbox);
      const inject = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'refresh_unavailable' }) });
      expect(await inject.json()).toMatchObject({ fault: { method: 'POST', path: '/securetoken.googleapis.com/v1/token' } });
      const unavailable = await expectFirebaseError(await refresh(sandbox, refreshToken), 503, 'The service is currently unavailable.');
      expect(unavailable.status).toBe('UNAVAILABLE');
      expect((await refresh(sandbox, refreshToken)).status).toBe(200);
    });
  });

  it('keeps refresh tokens, codes and ID tokens out of its memory (hashes only)', async () => {
    const session = await signIn(sandbox);
    const state = sandboxStateForTests(sandbox);
    for (const secret of [session.refreshToken, session.idToken, session.customToken]) expect(state).not.toContain(secret);
  });
});

describe('sessions across restarts, ID token lifetime, HTTP hooks', () => {
  it('restoreSession makes a known refresh token work in a new sandbox with the same user', async () => {
    const first = await startSandbox({ authAutoApprove: true });
    const { refreshToken } = await signIn(first);
    const { uid, email, name, bootstrapKey } = first.omiUser;
    await first.close();

    const second = await startSandbox({ omiBootstrapKey: bootstrapKey });
    try {
      const user = second.createOmiUser({ uid, email: 'restored@devkeys.test', name });
      expect(user).toEqual({ uid, email: 'restored@devkeys.test', name, bootstrapKey: expect.stringMatching(/^omi_dev_/) });
      await expectFirebaseError(await refresh(second, refreshToken), 400, 'INVALID_REFRESH_TOKEN');
      second.restoreSession(uid, refreshToken);
      const body = (await (await refresh(second, refreshToken)).json()) as RefreshResponse;
      expect(body.user_id).toBe(uid);
      expect(decodeClaims(body.id_token)).toMatchObject({ email: 'restored@devkeys.test' });
      expect(email).toBe('sandbox@devkeys.test');
      expect(() => second.restoreSession('nobody', refreshToken)).toThrow(/No sandbox Omi user/);
      expect(() => second.restoreSession(uid, 'has spaces')).toThrow(/printable ASCII/);
    } finally {
      await second.close();
    }
  });

  it('idTokenTtlSeconds sets the lifetime; an expired ID token is refused and a refresh brings a working one', async () => {
    const clock = manualClock('2025-06-01T12:00:00.000Z');
    const sandbox = await startSandbox({ now: clock.now, authAutoApprove: true, keyAuth: 'session', idTokenTtlSeconds: 5 });
    try {
      const session = await signIn(sandbox);
      expect(session.expiresIn).toBe('5');
      const claims = decodeClaims(session.idToken);
      expect((claims.exp as number) - (claims.iat as number)).toBe(5);
      clock.advance(4_999);
      expect((await listKeys(sandbox.url, `Bearer ${session.idToken}`)).status).toBe(200);
      clock.advance(1);
      const expired = await listKeys(sandbox.url, `Bearer ${session.idToken}`);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({ detail: 'Invalid authentication credentials' });
      const renewed = (await (await refresh(sandbox, session.refreshToken)).json()) as RefreshResponse;
      expect(renewed.expires_in).toBe('5');
      expect((await listKeys(sandbox.url, `Bearer ${renewed.id_token}`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('a custom firebaseApiKey is the only key accepted', async () => {
    const sandbox = await startSandbox({ authAutoApprove: true, firebaseApiKey: 'my-project-key' });
    try {
      expect(sandbox.firebaseApiKey).toBe('my-project-key');
      const { refreshToken } = await signIn(sandbox);
      await expectFirebaseError(await refresh(sandbox, refreshToken, 'AIzaSyDevKeysSandboxLocalOnly0000000000'), 400, /^API key not valid/);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses settings it cannot honour', async () => {
    await expect(startSandbox({ idTokenTtlSeconds: 0 })).rejects.toThrow(/idTokenTtlSeconds/);
    await expect(startSandbox({ firebaseApiKey: 'has space' })).rejects.toThrow(/firebaseApiKey/);
    await expect(startSandbox({ firebaseEmulator: { host: 'nohost', projectId: 'demo-devkeys' } })).rejects.toThrow(/firebaseEmulator\.host/);
    await expect(startSandbox({ firebaseEmulator: { host: '127.0.0.1:9099', projectId: 'X' } })).rejects.toThrow(/projectId/);
    // @ts-expect-error a mode that does not exist
    await expect(startSandbox({ keyAuth: 'none' })).rejects.toThrow(/keyAuth/);
  });

  it('end-sessions and disable over HTTP, only with faults', async () => {
    const sandbox = await startSandbox({ authAutoApprove: true, faults: true });
    const plain = await startSandbox();
    try {
      const hook = (target: Sandbox, uid: string, action: string) =>
        fetch(`${target.url}/__sandbox/auth/users/${encodeURIComponent(uid)}/${action}`, { method: 'POST' });
      expect((await hook(plain, plain.omiUser.uid, 'end-sessions')).status).toBe(404);
      expect((await hook(plain, plain.omiUser.uid, 'disable')).status).toBe(404);

      const { uid } = sandbox.omiUser;
      const session = await signIn(sandbox);
      const ended = await hook(sandbox, uid, 'end-sessions');
      expect(await ended.json()).toEqual({ uid, ended: 1 });
      await expectFirebaseError(await refresh(sandbox, session.refreshToken), 400, 'INVALID_REFRESH_TOKEN');

      const unknown = await hook(sandbox, 'nobody', 'disable');
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ detail: "No sandbox Omi user with uid 'nobody'" });

      const next = await signIn(sandbox);
      expect(await (await hook(sandbox, uid, 'disable')).json()).toEqual({ uid, disabled: true });
      await expectFirebaseError(await refresh(sandbox, next.refreshToken), 400, 'USER_DISABLED');
    } finally {
      await Promise.all([sandbox.close(), plain.close()]);
    }
  });
});
