/**
 * A black-box client written from ../shared/reference/omi-sign-in.md alone (plain fetch and
 * node:http, no project code) against the sandbox CLI as a user runs it:
 * `npm run sandbox -- --key-auth session --auth-auto-approve`. It signs in (authorize → its own
 * loopback callback → token → signInWithCustomToken → list keys → refresh) and checks every
 * documented error for bad input; a second run with --faults covers the server-side failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Banner {
  apiBase: string;
  firebaseApiKey: string;
  authEmulatorHost: string;
  email: string;
  uid: string;
  bootstrapKey: string;
}

interface RunningSandbox {
  banner: Banner;
  child: ChildProcess;
  stderr: () => string;
}

/** Starts `npm run sandbox -- …` in its own process group and reads the sign-in details from its banner. */
async function runSandbox(args: string[]): Promise<RunningSandbox> {
  const child = spawn(NPM, ['run', '--silent', 'sandbox', '--', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const field = (label: string) => new RegExp(`^\\s*${label}: (.+)$`, 'm').exec(stdout)?.[1]?.trim();
  const deadline = Date.now() + 30_000;
  while (!field('key endpoints accept')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`sandbox did not start: ${stdout}${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const user = /^(\S+) \(uid (\S+)\)$/.exec(field('user') ?? '');
  return {
    child,
    stderr: () => stderr,
    banner: {
      apiBase: field('API base') ?? '',
      firebaseApiKey: field('Firebase web API key') ?? '',
      authEmulatorHost: field('Firebase Auth emulator host') ?? '',
      email: user?.[1] ?? '',
      uid: user?.[2] ?? '',
      bootstrapKey: field('bootstrap key') ?? '',
    },
  };
}

async function stopSandbox(sandbox: RunningSandbox | undefined): Promise<void> {
  if (!sandbox?.child.pid || sandbox.child.exitCode !== null) return;
  const exited = once(sandbox.child, 'exit');
  process.kill(-sandbox.child.pid, 'SIGTERM'); // the group this test started: npm, its shell, node
  await exited;
}

// --- the client, from the reference -----------------------------------------------------------

const base64url = (bytes: Buffer) => bytes.toString('base64url');

function pkce() {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()), state: base64url(randomBytes(16)) };
}

/** Step 2 and 4: a one-use listener on 127.0.0.1 that takes only GET /callback with the expected state. */
async function loopbackListener(expectedState: string) {
  let resolveCode: (code: string) => void = () => undefined;
  const code = new Promise<string>((resolve) => (resolveCode = resolve));
  const strays: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const got = url.searchParams.get('code');
    if (req.method !== 'GET' || url.pathname !== '/callback' || url.searchParams.get('state') !== expectedState || !got) {
      strays.push(req.url ?? '');
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>Signed in. You can close this tab.</p>');
    server.close();
    resolveCode(got);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { redirectUri, code, strays, close: () => server.close() };
}

function authorizeUrl(apiBase: string, params: Record<string, string>): string {
  return `${apiBase}/v1/auth/authorize?${new URLSearchParams(params)}`;
}

async function exchange(apiBase: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${apiBase}/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', use_custom_token: 'true', ...fields }),
  });
}

function identityToolkit(banner: Banner, key = banner.firebaseApiKey): string {
  return `http://${banner.authEmulatorHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=${encodeURIComponent(key)}`;
}

function secureToken(banner: Banner, key: string | null = banner.firebaseApiKey): string {
  return `http://${banner.authEmulatorHost}/securetoken.googleapis.com/v1/token${key === null ? '' : `?key=${encodeURIComponent(key)}`}`;
}

async function refreshSession(banner: Banner, refreshToken: string, key?: string | null): Promise<Response> {
  return fetch(secureToken(banner, key), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

function bearer(token: string) {
  return { headers: { Authorization: `Bearer ${token}` } };
}

async function detail(response: Response): Promise<unknown> {
  return ((await response.json()) as { detail: unknown }).detail;
}

async function firebaseMessage(response: Response): Promise<string> {
  return ((await response.json()) as { error: { message: string } }).error.message;
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Steps 1–6: PKCE, loopback, the "browser" following the redirect, the code exchange, the custom token. */
async function signIn(banner: Banner) {
  const { verifier, challenge, state } = pkce();
  const listener = await loopbackListener(state);
  try {
    const authorize = await fetch(
      authorizeUrl(banner.apiBase, { provider: 'google', redirect_uri: listener.redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' }),
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(302);
    // The browser: a stray favicon request first, then the redirect the backend sent it.
    expect((await fetch(new URL('/favicon.ico', listener.redirectUri))).status).toBe(404);
    const landing = await fetch(authorize.headers.get('location') ?? '');
    expect(landing.status).toBe(200);
    const code = await listener.code;
    expect(listener.strays).toEqual(['/favicon.ico']);

    const token = await exchange(banner.apiBase, { code, redirect_uri: listener.redirectUri, code_verifier: verifier });
    expect(token.status).toBe(200);
    const tokens = (await token.json()) as { id_token: string; custom_token: string; provider_id: string };
    expect(tokens.provider_id).toBe('google.com');
    expect(claims(tokens.id_token)).toMatchObject({ email: banner.email }); // display only

    const session = await fetch(identityToolkit(banner), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: tokens.custom_token, returnSecureToken: true }),
    });
    expect(session.status).toBe(200);
    const firebase = (await session.json()) as { idToken: string; refreshToken: string; expiresIn: string };
    expect(typeof firebase.expiresIn).toBe('string');
    return { ...firebase, code, redirectUri: listener.redirectUri, verifier, googleIdToken: tokens.id_token, customToken: tokens.custom_token };
  } finally {
    listener.close();
  }
}

describe('a reference client against `npm run sandbox -- --key-auth session --auth-auto-approve`', () => {
  let sandbox: RunningSandbox;
  let banner: Banner;
  beforeAll(async () => {
    sandbox = await runSandbox(['--key-auth', 'session', '--auth-auto-approve']);
    banner = sandbox.banner;
  }, 40_000);
  afterAll(() => stopSandbox(sandbox));

  it('prints what a client needs', () => {
    expect(banner.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner.authEmulatorHost).toBe(new URL(banner.apiBase).host);
    expect(banner.firebaseApiKey).toMatch(/^\S+$/);
    expect(banner.email).toBe('sandbox@devkeys.test');
  });

  it('signs in, lists keys, refreshes, and keeps working on the refreshed token', async () => {
    const session = await signIn(banner);
    expect(claims(session.idToken)).toMatchObject({ user_id: banner.uid, sub: banner.uid, email: banner.email });

    const keys = await fetch(`${banner.apiBase}/v1/dev/keys`, bearer(session.idToken));
    expect(keys.status).toBe(200);
    expect(((await keys.json()) as { name: string }[]).map((key) => key.name)).toContain('Bootstrap key');
    const config = await fetch(`${banner.apiBase}/v1/config/api-keys`, bearer(session.idToken));
    expect(await config.json()).toEqual({ firebase_api_key: banner.firebaseApiKey });

    const refreshed = await refreshSession(banner, session.refreshToken);
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as { id_token: string; refresh_token: string; user_id: string; expires_in: string };
    expect(renewed.user_id).toBe(banner.uid);
    expect(renewed.refresh_token.length).toBeGreaterThan(0);
    const created = await fetch(`${banner.apiBase}/v1/dev/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${renewed.id_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Made by the reference client', scopes: ['memories:read'] }),
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect((await fetch(`${banner.apiBase}/v1/dev/keys/${id}`, { method: 'DELETE', ...bearer(renewed.id_token) })).status).toBe(204);
  });

  it('gets every documented authorize error for bad input', async () => {
    const { challenge } = pkce();
    const good = { provider: 'google', redirect_uri: 'http://127.0.0.1:1/callback', state: 's', code_challenge: challenge, code_challenge_method: 'S256' };
    const cases: [Record<string, string>, string][] = [
      [{ provider: 'github' }, 'Unsupported provider'],
      [{ redirect_uri: '' }, 'redirect_uri is required'],
      [{ redirect_uri: '127.0.0.1:1/callback' }, 'redirect_uri must include a scheme'],
      [{ redirect_uri: 'http://192.168.1.2:1/callback' }, 'HTTP redirect_uri must point at loopback (localhost, 127.0.0.1, or ::1)'],
      [{ redirect_uri: 'https://127.0.0.1:1/callback' }, "redirect_uri scheme 'https' is not permitted"],
      [{ redirect_uri: 'javascript:alert(1)' }, "redirect_uri scheme 'javascript' is not permitted"],
      [{ code_challenge: '' }, 'code_challenge is required'],
      [{ code_challenge: 'too-short' }, 'code_challenge is malformed'],
      [{ code_challenge_method: 'plain' }, 'code_challenge_method must be S256'],
    ];
    for (const [override, message] of cases) {
      const response = await fetch(authorizeUrl(banner.apiBase, { ...good, ...override }), { redirect: 'manual' });
      expect(response.status, message).toBe(400);
      expect(await detail(response)).toBe(message);
    }
  });

  it('gets every documented token error for bad input (each spends the code)', async () => {
    const first = await signIn(banner);
    const reused = await exchange(banner.apiBase, { code: first.code, redirect_uri: first.redirectUri, code_verifier: first.verifier });
    expect(reused.status).toBe(400);
    expect(await detail(reused)).toBe('Invalid or expired code');

    type Attempt = { redirectUri: string; verifier: string };
    const cases: [(attempt: Attempt) => Record<string, string>, string][] = [
      [({ verifier }) => ({ redirect_uri: 'http://127.0.0.1:1/other', code_verifier: verifier }), 'redirect_uri mismatch'],
      [({ redirectUri }) => ({ redirect_uri: redirectUri, code_verifier: '' }), 'code_verifier is required'],
      [({ redirectUri }) => ({ redirect_uri: redirectUri, code_verifier: 'short' }), 'code_verifier is malformed'],
      [({ redirectUri }) => ({ redirect_uri: redirectUri, code_verifier: base64url(randomBytes(32)) }), 'invalid code_verifier'],
    ];
    for (const [fields, message] of cases) {
      const { verifier, challenge, state } = pkce();
      const listener = await loopbackListener(state);
      const authorize = await fetch(
        authorizeUrl(banner.apiBase, { provider: 'apple', redirect_uri: listener.redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' }),
        { redirect: 'manual' },
      );
      await fetch(authorize.headers.get('location') ?? '');
      const code = await listener.code;
      const failed = await exchange(banner.apiBase, { code, ...fields({ redirectUri: listener.redirectUri, verifier }) });
      expect(failed.status, message).toBe(400);
      expect(await detail(failed)).toBe(message);
      const retried = await exchange(banner.apiBase, { code, redirect_uri: listener.redirectUri, code_verifier: verifier });
      expect(await detail(retried)).toBe('Invalid or expired code');
    }
  });

  it('gets the documented Firebase and key-endpoint errors for bad input', async () => {
    const session = await signIn(banner);
    expect(await firebaseMessage(await refreshSession(banner, 'AMf-vBnot-a-token'))).toBe('INVALID_REFRESH_TOKEN');
    const wrongKey = await refreshSession(banner, session.refreshToken, 'AIzaSyNotThisProject');
    expect(wrongKey.status).toBe(400);
    expect(await firebaseMessage(wrongKey)).toMatch(/^API key not valid/);
    expect((await refreshSession(banner, session.refreshToken, null)).status).toBe(403);
    const badCustom = await fetch(identityToolkit(banner), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: 'nope' }) });
    expect(await firebaseMessage(badCustom)).toMatch(/^INVALID_CUSTOM_TOKEN( : |$)/);

    for (const token of [banner.bootstrapKey, session.googleIdToken, session.customToken, 'garbage']) {
      const response = await fetch(`${banner.apiBase}/v1/dev/keys`, bearer(token));
      expect(response.status).toBe(401);
      expect(await detail(response)).toBe('Invalid authentication credentials');
    }
    const none = await fetch(`${banner.apiBase}/v1/dev/keys`);
    expect([401, 403]).toContain(none.status);
    expect(await detail(none)).toBe('Not authenticated');
    expect((await refreshSession(banner, session.refreshToken)).status).toBe(200);
  });
});

describe('the same client against the sandbox with --faults and a 1-second ID token', () => {
  let sandbox: RunningSandbox;
  let banner: Banner;
  const hook = (path: string, init: RequestInit = {}) => fetch(`${banner.apiBase}/__sandbox/${path}`, { method: 'POST', ...init });
  beforeAll(async () => {
    sandbox = await runSandbox(['--key-auth', 'session', '--auth-auto-approve', '--faults', '--id-token-ttl', '1']);
    banner = sandbox.banner;
  }, 40_000);
  afterAll(() => stopSandbox(sandbox));

  it('an expired ID token is refused; a refresh brings a working one', async () => {
    const session = await signIn(banner);
    await expect
      .poll(async () => (await fetch(`${banner.apiBase}/v1/dev/keys`, bearer(session.idToken))).status, { timeout: 5_000, interval: 200 })
      .toBe(401);
    const renewed = (await (await refreshSession(banner, session.refreshToken)).json()) as { id_token: string };
    expect((await fetch(`${banner.apiBase}/v1/dev/keys`, bearer(renewed.id_token))).status).toBe(200);
  });

  it('502 from the token endpoint, 503 from the refresh: retry later, the session is kept', async () => {
    await hook('faults', { body: JSON.stringify({ kind: 'token_bad_gateway' }) });
    const { verifier, challenge, state } = pkce();
    const listener = await loopbackListener(state);
    const authorize = await fetch(
      authorizeUrl(banner.apiBase, { provider: 'google', redirect_uri: listener.redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' }),
      { redirect: 'manual' },
    );
    await fetch(authorize.headers.get('location') ?? '');
    const failed = await exchange(banner.apiBase, { code: await listener.code, redirect_uri: listener.redirectUri, code_verifier: verifier });
    expect(failed.status).toBe(502);
    expect(await detail(failed)).toBe('Failed to generate authentication token');

    const session = await signIn(banner);
    await hook('faults', { body: JSON.stringify({ kind: 'refresh_unavailable' }) });
    expect((await refreshSession(banner, session.refreshToken)).status).toBe(503);
    expect((await refreshSession(banner, session.refreshToken)).status).toBe(200);
  });

  it('an ended session is INVALID_REFRESH_TOKEN; a disabled user is USER_DISABLED', async () => {
    const session = await signIn(banner);
    expect((await hook(`auth/users/${banner.uid}/end-sessions`)).status).toBe(200);
    expect(await firebaseMessage(await refreshSession(banner, session.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    const again = await signIn(banner);
    expect((await hook(`auth/users/${banner.uid}/disable`)).status).toBe(200);
    expect(await firebaseMessage(await refreshSession(banner, again.refreshToken))).toBe('USER_DISABLED');
    expect(sandbox.stderr()).toBe('');
  });
});
