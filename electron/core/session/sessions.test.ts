import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createLogger } from '../logging/log';
import { withSession } from './auth-session';
import type { OmiBackend } from './backend';
import { firebaseError, scriptedFetch, type Scripted } from './session-test-kit';
import { OmiSessions, REFRESH_BACKOFF_MS, type SessionEndReason, type SessionStorePort } from './sessions';

const backend: OmiBackend = { apiBase: 'https://api.example.test', firebaseApiKey: 'AIzaTestKey123', authEmulatorHost: null };
const refreshed = (n: number, refreshToken = 'rt-1'): Scripted => ({
  status: 200,
  body: { id_token: `id-${n}`, access_token: `id-${n}`, expires_in: '3600', token_type: 'Bearer', refresh_token: refreshToken, user_id: 'u', project_id: 'p' },
});

function setup(answers: Scripted[]) {
  let clock = 1_000_000;
  const { fetch, requests } = scriptedFetch({ '/v1/token': answers });
  const stored = new Map<string, string>([['acc', 'rt-1']]);
  const ended: SessionEndReason[] = [];
  const sleeps: number[] = [];
  const store: SessionStorePort = {
    async readRefreshToken(id) {
      const token = stored.get(id);
      if (!token) throw new AppError('signed_out', 'no session');
      return token;
    },
    async saveRefreshToken(id, token) {
      stored.set(id, token);
    },
    async endSession(id, reason) {
      stored.delete(id);
      ended.push(reason);
    },
  };
  const lines: string[] = [];
  const sessions = new OmiSessions({
    store,
    fetch,
    log: createLogger((line) => lines.push(line)),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const session = sessions.session('acc', async () => backend);
  const refreshCalls = () => requests.filter((r) => r.url.includes('/v1/token')).length;
  return { sessions, session, stored, ended, sleeps, lines, refreshCalls, advance: (ms: number) => (clock += ms) };
}

describe('Omi sessions', () => {
  it('refreshes only when under 60 s remain, and keeps the ID token in memory', async () => {
    const t = setup([refreshed(1), refreshed(2)]);
    t.sessions.adopt('acc', { idToken: 'id-0', refreshToken: 'rt-1', expiresInSeconds: 3600 });
    expect(await t.session.bearer()).toBe('id-0');
    t.advance(3600_000 - 61_000);
    expect(await t.session.bearer()).toBe('id-0');
    expect(t.refreshCalls()).toBe(0);
    t.advance(2_000); // 59 s left
    expect(await t.session.bearer()).toBe('id-1');
    expect(await t.session.bearer()).toBe('id-1');
    expect(t.refreshCalls()).toBe(1);
  });

  it('starts from the stored refresh token after a restart and stores a rotated one', async () => {
    const t = setup([refreshed(1, 'rt-2')]);
    expect(await t.session.bearer()).toBe('id-1');
    expect(t.stored.get('acc')).toBe('rt-2');
  });

  it('shares one refresh between concurrent requests', async () => {
    const t = setup([refreshed(1)]);
    const tokens = await Promise.all(Array.from({ length: 8 }, () => t.session.bearer()));
    expect(new Set(tokens)).toEqual(new Set(['id-1']));
    expect(t.refreshCalls()).toBe(1);
  });

  it.each(['INVALID_REFRESH_TOKEN', 'TOKEN_EXPIRED', 'USER_DISABLED', 'USER_NOT_FOUND'] as const)(
    '%s ends the session: the stored token is deleted and the error says sign in again',
    async (reason) => {
      const t = setup([firebaseError(reason)]);
      const error = await t.session.bearer().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'signed_out', message: expect.stringContaining('Sign in again') });
      expect(t.ended).toEqual([reason]);
      expect(t.stored.has('acc')).toBe(false);
      expect(t.sleeps).toEqual([]);
    },
  );

  it.each([firebaseError('API key not valid. Please pass a valid API key.'), firebaseError('PROJECT_NUMBER_MISMATCH'), firebaseError('PERMISSION_DENIED', 403)])(
    'a configuration failure keeps the session and says so (%#)',
    async (answer) => {
      const t = setup([answer]);
      await expect(t.session.bearer()).rejects.toMatchObject({ code: 'session_config', message: expect.stringContaining('Web API key') });
      expect(t.ended).toEqual([]);
      expect(t.stored.get('acc')).toBe('rt-1');
    },
  );

  it('retries transient failures with backoff, then keeps the session', async () => {
    const t = setup([{ status: 503, body: { error: { code: 503, message: 'UNAVAILABLE' } } }, { status: 0, fail: true }, refreshed(1)]);
    expect(await t.session.bearer()).toBe('id-1');
    expect(t.sleeps).toEqual([...REFRESH_BACKOFF_MS]);

    const down = setup([{ status: 0, fail: true }]);
    await expect(down.session.bearer()).rejects.toMatchObject({ code: 'network', message: expect.stringContaining('still signed in') });
    expect(down.refreshCalls()).toBe(REFRESH_BACKOFF_MS.length + 1);
    expect(down.stored.get('acc')).toBe('rt-1');

    const limited = setup([{ status: 429, body: {}, headers: { 'Retry-After': '30' } }]);
    await expect(limited.session.bearer()).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('a 401 from Omi refreshes once and retries once; a second 401 is the answer', async () => {
    const t = setup([refreshed(1), refreshed(2)]);
    t.sessions.adopt('acc', { idToken: 'id-0', refreshToken: 'rt-1', expiresInSeconds: 3600 });
    const seen: string[] = [];
    const omi = async (headers: Record<string, string>) => {
      seen.push(headers['Authorization'] ?? '');
      if (headers['Authorization'] === 'Bearer id-0') throw new AppError('unauthorized', 'Invalid authentication credentials', { status: 401 });
      return 'keys';
    };
    expect(await withSession(t.session, omi)).toBe('keys');
    expect(seen).toEqual(['Bearer id-0', 'Bearer id-1']);

    const alwaysRejects = async (headers: Record<string, string>) => {
      seen.push(headers['Authorization'] ?? '');
      throw new AppError('unauthorized', 'Invalid authentication credentials', { status: 401 });
    };
    seen.length = 0;
    await expect(withSession(t.session, alwaysRejects)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(seen).toEqual(['Bearer id-1', 'Bearer id-2']);
    expect(t.refreshCalls()).toBe(2);
  });

  it('concurrent 401s share the one refresh', async () => {
    const t = setup([refreshed(1)]);
    t.sessions.adopt('acc', { idToken: 'id-0', refreshToken: 'rt-1', expiresInSeconds: 3600 });
    const omi = async (headers: Record<string, string>) => {
      if (headers['Authorization'] === 'Bearer id-0') throw new AppError('unauthorized', 'expired', { status: 401 });
      return headers['Authorization'];
    };
    expect(await Promise.all([withSession(t.session, omi), withSession(t.session, omi), withSession(t.session, omi)])).toEqual(
      Array(3).fill('Bearer id-1'),
    );
    expect(t.refreshCalls()).toBe(1);
  });

  it('403 account_deletion_in_progress signs the account out', async () => {
    const t = setup([refreshed(1)]);
    t.sessions.adopt('acc', { idToken: 'id-0', refreshToken: 'rt-1', expiresInSeconds: 3600 });
    const deleting = async () => {
      throw new AppError('account_deletion_in_progress', 'This Omi account is being deleted.', { status: 403 });
    };
    await expect(withSession(t.session, deleting)).rejects.toMatchObject({ code: 'account_deletion_in_progress' });
    expect(t.ended).toEqual(['account_deletion_in_progress']);
    expect(t.sessions.hasIdToken('acc')).toBe(false);
  });

  it('never logs a token', async () => {
    const t = setup([{ status: 503, body: {} }, refreshed(1, 'rt-secret-2')]);
    await t.session.bearer();
    expect(t.lines.join('\n')).not.toMatch(/rt-1|rt-secret-2|id-1/);
  });
});
