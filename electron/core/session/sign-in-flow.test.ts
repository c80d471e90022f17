import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createLogger } from '../logging/log';
import type { OmiBackend } from './backend';
import { MAX_CALLBACK_URL_LENGTH, parseCallback, startLoopbackListener } from './loopback';
import { scriptedFetch, unsignedJwt, type Scripted } from './session-test-kit';
import { SignInFlows, type SignInRequest, type Timers } from './sign-in-flow';

const backend: OmiBackend = { apiBase: 'https://api.example.test', firebaseApiKey: 'AIzaTestKey123', authEmulatorHost: null };
const idToken = unsignedJwt({ user_id: 'uid-42', sub: 'uid-42', email: 'firebase@example.test' });
const googleIdToken = unsignedJwt({ email: 'ada@example.test', name: 'Ada Lovelace' });

function authRoutes(overrides: Partial<Record<'token' | 'custom', Scripted[]>> = {}) {
  return scriptedFetch({
    '/v1/auth/token': overrides.token ?? [{ status: 200, body: { provider: 'google', id_token: googleIdToken, custom_token: 'custom-1', expires_in: 3600 } }],
    'accounts:signInWithCustomToken': overrides.custom ?? [{ status: 200, body: { idToken, refreshToken: 'refresh-1', expiresIn: '3600', isNewUser: false } }],
  });
}

/** A manual timer wheel: the test decides when the 5-minute timeout fires. */
function manualTimers(): Timers & { fire(): void; pending: number } {
  const timers = new Set<() => void>();
  return {
    setTimer(fn) {
      timers.add(fn);
      return () => timers.delete(fn);
    },
    fire() {
      for (const fn of [...timers]) fn();
    },
    get pending() {
      return timers.size;
    },
  };
}

/** Plays the system browser: follows the authorize URL's redirect_uri with a code and the state. */
function browserThatApproves(code = 'code-xyz'): SignInRequest['openBrowser'] & { opened: string[] } {
  const opened: string[] = [];
  const open = async (url: string) => {
    opened.push(url);
    const params = new URL(url).searchParams;
    const callback = `${params.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(params.get('state') ?? '')}`;
    await (await fetch(callback)).text();
  };
  return Object.assign(open, { opened });
}

function flows(fetchFn = authRoutes().fetch, timers: Timers = manualTimers()) {
  const lines: string[] = [];
  return { flows: new SignInFlows({ fetch: fetchFn, log: createLogger((line) => lines.push(line)), timers }), lines };
}

describe('the sign-in flow', () => {
  it('authorize → callback → code exchange → custom token → a Firebase session with the provider identity', async () => {
    const routes = authRoutes();
    const { flows: f, lines } = flows(routes.fetch);
    const browser = browserThatApproves();
    const phases: string[] = [];
    const result = await f.signIn({ provider: 'google', backend, openBrowser: browser, onPhase: (p) => phases.push(p) });
    expect(result).toMatchObject({ provider: 'google', uid: 'uid-42', name: 'Ada Lovelace', email: 'ada@example.test' });
    expect(result.tokens).toEqual({ idToken, refreshToken: 'refresh-1', expiresInSeconds: 3600 });
    expect(phases).toEqual(['waiting_for_browser', 'finishing']);
    // The code was exchanged with the exact redirect_uri the browser was sent with, and the matching verifier.
    const authorize = new URL(browser.opened[0] ?? '');
    const form = new URLSearchParams(routes.requests[0]?.body);
    expect(form.get('code')).toBe('code-xyz');
    expect(form.get('redirect_uri')).toBe(authorize.searchParams.get('redirect_uri'));
    expect(form.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const { pkceChallenge } = await import('./pkce');
    expect(pkceChallenge(form.get('code_verifier') ?? '')).toBe(authorize.searchParams.get('code_challenge'));
    expect(JSON.parse(routes.requests[1]?.body ?? '')).toEqual({ token: 'custom-1', returnSecureToken: true });
    // Nothing secret in the log: no code, verifier, full state, tokens.
    const log = lines.join('\n');
    for (const secret of ['code-xyz', form.get('code_verifier') ?? '', authorize.searchParams.get('state') ?? '', 'custom-1', 'refresh-1', idToken]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain((authorize.searchParams.get('state') ?? '').slice(0, 8));
    expect(f.current()).toBeNull();
  });

  it('closes the listener after the one callback: a replay gets nothing', async () => {
    const { flows: f } = flows();
    let redirect = '';
    await f.signIn({
      provider: 'google',
      backend,
      openBrowser: async (url) => {
        const params = new URL(url).searchParams;
        redirect = `${params.get('redirect_uri')}?code=c&state=${params.get('state')}`;
        await (await fetch(redirect)).text();
      },
    });
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('can be cancelled while waiting, and says nothing was saved', async () => {
    const { flows: f } = flows();
    let opened!: () => void;
    const wasOpened = new Promise<void>((resolve) => (opened = resolve));
    const attempt = f.signIn({ provider: 'google', backend, openBrowser: async () => opened() });
    await wasOpened;
    expect(f.current()).toEqual({ provider: 'google' });
    expect(f.cancel()).toBe(true);
    await expect(attempt).rejects.toMatchObject({ code: 'sign_in_cancelled', message: expect.stringContaining('Nothing was saved') });
    expect(f.cancel()).toBe(false);
  });

  it('times out after 5 minutes of silence', async () => {
    const timers = manualTimers();
    const { flows: f } = flows(authRoutes().fetch, timers);
    let opened!: () => void;
    const wasOpened = new Promise<void>((resolve) => (opened = resolve));
    const attempt = f.signIn({ provider: 'apple', backend, openBrowser: async () => opened() });
    await wasOpened;
    timers.fire();
    await expect(attempt).rejects.toMatchObject({ code: 'sign_in_timed_out', message: expect.stringContaining('5 minutes') });
    expect(timers.pending).toBe(0);
  });

  it('a new attempt supersedes the pending one; "open the page again" reopens the newest', async () => {
    const { flows: f } = flows();
    const urls: string[] = [];
    let openedFirst!: () => void;
    const first = f.signIn({ provider: 'google', backend, openBrowser: async (url) => (urls.push(url), openedFirst()) });
    await new Promise<void>((resolve) => (openedFirst = resolve));
    const browser = browserThatApproves();
    let reopened = false;
    const second = f.signIn({
      provider: 'apple',
      backend,
      openBrowser: async (url) => {
        if (!reopened) {
          reopened = true;
          urls.push(url);
          return; // the tab "closed": the user asks for the page again
        }
        await browser(url);
      },
    });
    await expect(first).rejects.toMatchObject({ code: 'sign_in_superseded' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await f.reopen()).toBe(true);
    await expect(second).resolves.toMatchObject({ provider: 'apple', uid: 'uid-42' });
    expect(new URL(urls[1] ?? '').searchParams.get('provider')).toBe('apple');
    expect(browser.opened[0]).toBe(urls[1]);
  });

  it('a browser that cannot be opened ends the attempt with a plain message', async () => {
    const { flows: f } = flows();
    await expect(f.signIn({ provider: 'google', backend, openBrowser: async () => Promise.reject(new Error('xdg-open: not found')) })).rejects.toMatchObject({
      code: 'sign_in_failed',
      message: expect.stringContaining('could not open your web browser'),
    });
  });

  it('a denial for our state ends the attempt; the error page is escaped', async () => {
    const { flows: f } = flows();
    let page = '';
    const attempt = f.signIn({
      provider: 'google',
      backend,
      openBrowser: async (url) => {
        const params = new URL(url).searchParams;
        page = await (await fetch(`${params.get('redirect_uri')}?error=access_denied&error_description=%3Cscript%3E&state=${params.get('state')}`)).text();
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'sign_in_failed', message: expect.stringContaining('access_denied') });
    expect(page).not.toContain('<script>');
  });

  it.each([
    [{ token: [{ status: 400, body: { detail: 'Invalid or expired code' } }] }, 'sign_in_failed', 'expired or was already used'],
    [{ token: [{ status: 400, body: { detail: 'redirect_uri mismatch' } }] }, 'sign_in_failed', 'redirect_uri mismatch'],
    [{ token: [{ status: 400, body: { detail: 'invalid code_verifier' } }] }, 'sign_in_failed', 'invalid code_verifier'],
    [{ token: [{ status: 502, body: { detail: 'Failed to generate authentication token' } }] }, 'server_error', 'Try again in a moment'],
    [{ token: [{ status: 0, fail: true }] }, 'network', 'Could not reach api.example.test'],
    [{ custom: [{ status: 400, body: { error: { code: 400, message: 'INVALID_CUSTOM_TOKEN' } } }] }, 'sign_in_failed', 'INVALID_CUSTOM_TOKEN'],
    [{ custom: [{ status: 400, body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.' } } }] }, 'session_config', 'Web API key'],
    [{ custom: [{ status: 200, body: { idToken: unsignedJwt({ email: 'x' }), refreshToken: 'r', expiresIn: '3600' } }] }, 'sign_in_failed', 'without a user id'],
  ] as const)('exchange failure %# → %s', async (routes, code, text) => {
    const { flows: f } = flows(authRoutes(routes as never).fetch);
    const error = await f.signIn({ provider: 'google', backend, openBrowser: browserThatApproves() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, message: expect.stringContaining(text) });
    expect((error as Error).message).not.toMatch(/custom-1|code-xyz|refresh-1/);
  });
});

describe('the loopback listener', () => {
  const raw = (port: number, path: string, host = `127.0.0.1:${port}`) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });

  it('answers 404 to everything but our callback, then serves it once and closes', async () => {
    const ignored: string[] = [];
    const listener = await startLoopbackListener({ state: 'st', onIgnored: (reason) => ignored.push(reason) });
    const port = Number(new URL(listener.redirectUri).port);
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    expect(await raw(port, '/favicon.ico')).toBe(404);
    expect(await raw(port, '/callback?code=x&state=other')).toBe(404);
    expect(await raw(port, '/callback?code=x&state=st', 'attacker.test')).toBe(404);
    expect(await raw(port, `/callback?code=x&state=st&pad=${'p'.repeat(20_000)}`).catch(() => 431)).toBe(431);
    expect(await raw(port, '/callback?code=the-code&state=st')).toBe(200);
    await expect(listener.callback).resolves.toBe('the-code');
    await expect(raw(port, '/callback?code=again&state=st')).rejects.toThrow();
    expect(ignored).toEqual(['path', 'state', 'host']);
  });
});

describe('callback parser fuzz', () => {
  const expected = { state: 'S'.repeat(32), host: '127.0.0.1:5000' };
  it('never accepts a request without exactly our state, path and host, and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300 }), fc.webPath(), fc.webUrl(), fc.string({ minLength: MAX_CALLBACK_URL_LENGTH - 10, maxLength: MAX_CALLBACK_URL_LENGTH + 500 })),
        fc.constantFrom('GET', 'POST', 'HEAD', undefined),
        fc.constantFrom(expected.host, 'localhost:5000', 'evil.test', undefined),
        (url, method, host) => {
          const outcome = parseCallback({ method, url, host }, expected);
          if (outcome.kind === 'ignore') return;
          const parsed = new URL(url, `http://${expected.host}`);
          expect(method).toBe('GET');
          expect(host).toBe(expected.host);
          expect(parsed.pathname).toBe('/callback');
          expect(parsed.searchParams.getAll('state')).toEqual([expected.state]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('duplicate or hostile parameters next to a valid pair are refused', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('code', 'state', 'error', 'x'), fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 6 }), (extra) => {
        const params = new URLSearchParams([['code', 'good'], ['state', expected.state], ...extra]);
        const outcome = parseCallback({ method: 'GET', url: `/callback?${params}`, host: expected.host }, expected);
        const duplicated = extra.some(([name, value]) => name === 'code' || name === 'error' || (name === 'state' && value !== undefined));
        if (duplicated) expect(outcome.kind).toBe('ignore');
        else expect(outcome).toEqual({ kind: 'code', code: 'good' });
      }),
      { numRuns: 2000 },
    );
  });
});
