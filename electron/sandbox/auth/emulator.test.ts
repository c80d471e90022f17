// Emulator mode against a small fake Firebase Auth emulator (the real one is a firebase-tools
// download the project does not want in `npm ci`). The fake accepts only the unsigned custom
// token shape the reference describes, and mints unsigned ID tokens the way the emulator does.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../server';
import { manualClock } from '../test-client';
import { unsignedJwt } from './jwt';
import { codeFor, decodeClaims, decodeHeader, exchangeCode, listKeys, postForm, postJson, type TokenResponse } from './test-support';

const PROJECT = 'demo-devkeys';
const AUDIENCE = 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';

interface FakeEmulator {
  host: string;
  /** Every custom token it was asked to redeem, and whether it accepted it. */
  seen: { token: string; accepted: boolean }[];
  close(): Promise<void>;
}

/** Checks a custom token the way the emulator does: unsigned, the Identity Toolkit audience, a uid, a current lifetime. */
function customTokenUid(token: string, nowSeconds: number): string | null {
  const [header = '', payload = '', signature] = token.split('.');
  if (signature !== '') return null;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    if (JSON.stringify(h) !== JSON.stringify({ alg: 'none', typ: 'JWT' })) return null;
    if (Object.keys(p).sort().join() !== 'aud,exp,iat,uid') return null;
    if (p.aud !== AUDIENCE || typeof p.uid !== 'string' || p.uid === '') return null;
    if (typeof p.iat !== 'number' || typeof p.exp !== 'number' || p.iat > nowSeconds || p.exp <= nowSeconds) return null;
    return p.uid;
  } catch {
    return null;
  }
}

async function startFakeEmulator(now: () => Date): Promise<FakeEmulator> {
  const seen: FakeEmulator['seen'] = [];
  const refreshTokens = new Map<string, string>();
  const idToken = (uid: string) => {
    const iat = Math.floor(now().getTime() / 1000);
    return unsignedJwt({ iss: `https://securetoken.google.com/${PROJECT}`, aud: PROJECT, auth_time: iat, user_id: uid, sub: uid, iat, exp: iat + 3600, firebase: { identities: {}, sign_in_provider: 'custom' } });
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
      };
      if (!url.searchParams.get('key')) return send(400, { error: { code: 400, message: 'API key not valid.' } });
      if (url.pathname === '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken') {
        const token = (JSON.parse(body) as { token: string }).token;
        const uid = customTokenUid(token, Math.floor(now().getTime() / 1000));
        seen.push({ token, accepted: uid !== null });
        if (!uid) return send(400, { error: { code: 400, message: 'INVALID_CUSTOM_TOKEN' } });
        const refreshToken = randomBytes(24).toString('hex');
        refreshTokens.set(refreshToken, uid);
        return send(200, { kind: 'identitytoolkit#VerifyCustomTokenResponse', idToken: idToken(uid), refreshToken, expiresIn: '3600', isNewUser: true });
      }
      if (url.pathname === '/securetoken.googleapis.com/v1/token') {
        const uid = refreshTokens.get(new URLSearchParams(body).get('refresh_token') ?? '');
        if (!uid) return send(400, { error: { code: 400, message: 'INVALID_REFRESH_TOKEN' } });
        const token = idToken(uid);
        return send(200, { id_token: token, access_token: token, refresh_token: 'same', expires_in: '3600', token_type: 'Bearer', user_id: uid, project_id: PROJECT });
      }
      return send(404, { error: { code: 404, message: 'Not found' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('with an external Firebase Auth emulator', () => {
  const clock = manualClock('2025-06-01T12:00:00.000Z');
  let emulator: FakeEmulator;
  let sandbox: Sandbox;
  beforeAll(async () => {
    emulator = await startFakeEmulator(clock.now);
    sandbox = await startSandbox({
      now: clock.now,
      keyAuth: 'session',
      authAutoApprove: true,
      faults: true,
      firebaseEmulator: { host: emulator.host, projectId: PROJECT },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await emulator.close();
  });

  /** The client's path: code → custom token → the emulator's ID token. */
  async function signInThroughEmulator() {
    const { code, verifier } = await codeFor(sandbox);
    const { custom_token: customToken = '' } = (await (await exchangeCode(sandbox.url, { code, code_verifier: verifier })).json()) as TokenResponse;
    const response = await postJson(`http://${sandbox.authEmulatorHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=any`, {
      token: customToken,
      returnSecureToken: true,
    });
    expect(response.status).toBe(200);
    return { customToken, ...((await response.json()) as { idToken: string; refreshToken: string }) };
  }

  it('points clients at the emulator', () => {
    expect(sandbox.authEmulatorHost).toBe(emulator.host);
  });

  it('issues custom tokens in the unsigned form the emulator accepts', async () => {
    const { customToken } = await signInThroughEmulator();
    expect(decodeHeader(customToken)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(customToken.endsWith('.')).toBe(true);
    const now = Math.floor(clock.now().getTime() / 1000);
    expect(decodeClaims(customToken)).toEqual({ aud: AUDIENCE, uid: sandbox.omiUser.uid, iat: now, exp: now + 3600 });
    expect(emulator.seen.at(-1)).toEqual({ token: customToken, accepted: true });
  });

  it("accepts the emulator's ID tokens (and refreshed ones) on the key endpoints and /v1/config/api-keys", async () => {
    const { idToken, refreshToken } = await signInThroughEmulator();
    expect((await listKeys(sandbox.url, `Bearer ${idToken}`)).status).toBe(200);
    const config = await fetch(`${sandbox.url}/v1/config/api-keys`, { headers: { Authorization: `Bearer ${idToken}` } });
    expect(await config.json()).toEqual({ firebase_api_key: sandbox.firebaseApiKey });
    const refreshed = await postForm(`http://${emulator.host}/securetoken.googleapis.com/v1/token?key=any`, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const { id_token: renewed } = (await refreshed.json()) as { id_token: string };
    expect((await listKeys(sandbox.url, `Bearer ${renewed}`)).status).toBe(200);
  });

  it('checks iss, aud, exp and sub of the emulator tokens, and that the user is its own', async () => {
    const { idToken } = await signInThroughEmulator();
    const claims = decodeClaims(idToken);
    const now = Math.floor(clock.now().getTime() / 1000);
    for (const [what, changed] of [
      ['iss', { iss: 'https://securetoken.google.com/other-project' }],
      ['aud', { aud: 'other-project' }],
      ['exp', { exp: now }],
      ['sub', { sub: '' }],
      ['unknown user', { sub: 'someone-else', user_id: 'someone-else' }],
    ] as const) {
      const response = await listKeys(sandbox.url, `Bearer ${unsignedJwt({ ...claims, ...changed })}`);
      expect(response.status, what).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Invalid authentication credentials' });
    }
    clock.advance(3_600_000);
    expect((await listKeys(sandbox.url, `Bearer ${idToken}`)).status).toBe(401);
  });

  it('does not serve the Firebase endpoints itself, and leaves sessions to the emulator', async () => {
    for (const path of ['/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken', '/securetoken.googleapis.com/v1/token']) {
      expect((await fetch(`${sandbox.url}${path}?key=${sandbox.firebaseApiKey}`, { method: 'POST' })).status).toBe(404);
    }
    expect(() => sandbox.endSessions(sandbox.omiUser.uid)).toThrow(/external Firebase Auth emulator/);
    expect(() => sandbox.restoreSession(sandbox.omiUser.uid, 'token')).toThrow(/external Firebase Auth emulator/);
    const hook = await fetch(`${sandbox.url}/__sandbox/auth/users/${sandbox.omiUser.uid}/end-sessions`, { method: 'POST' });
    expect(hook.status).toBe(409);
  });

  it('a disabled user is refused even with a valid emulator token', async () => {
    const user = sandbox.createOmiUser();
    sandbox.signInAs(user.uid);
    try {
      const { idToken } = await signInThroughEmulator();
      expect((await listKeys(sandbox.url, `Bearer ${idToken}`)).status).toBe(200);
      sandbox.disableUser(user.uid);
      expect((await listKeys(sandbox.url, `Bearer ${idToken}`)).status).toBe(401);
    } finally {
      sandbox.signInAs(sandbox.omiUser.uid);
    }
  });
});
