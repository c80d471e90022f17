/**
 * Signed-in Omi sessions while DevKeys runs. The refresh token is stored encrypted (the vault)
 * and, once read, kept in main-process memory with the current ID token, which is never stored.
 * An ID token is refreshed when under 60 s of it remain, and after a 401 (once per request,
 * see withSession). Concurrent requests share one refresh call.
 *
 * A refresh failure is one of three things (omi-sign-in.md): the session is over
 * (INVALID_REFRESH_TOKEN, TOKEN_EXPIRED, USER_DISABLED, USER_NOT_FOUND) → the stored session is
 * deleted and the account shows "Signed out — sign in again"; a configuration problem (the
 * Web API key) → the session is kept and the error says so; anything transient (network, 5xx,
 * 429) → the session is kept and the refresh is retried with backoff.
 */
import { AppError } from '../errors';
import type { Logger } from '../logging/log';
import { refreshIdToken, SessionHttpError, type Fetch, type FirebaseTokens } from './auth-http';
import type { AuthSession } from './auth-session';
import type { OmiBackend } from './backend';

/** Refresh when less than this is left of the ID token. */
export const REFRESH_MARGIN_MS = 60_000;
/** Waits between the attempts of one refresh after transient failures. */
export const REFRESH_BACKOFF_MS = [500, 1500] as const;

export interface SessionStorePort {
  /** The stored refresh token (decrypted). Throws AppError when there is none or it is unreadable. */
  readRefreshToken(accountId: string): Promise<string>;
  /** Firebase may rotate the refresh token: store the new one (encrypted). */
  saveRefreshToken(accountId: string, refreshToken: string): Promise<void>;
  /** The session is over: delete the stored token and mark the account signed out, keeping it. */
  endSession(accountId: string, reason: SessionEndReason): Promise<void>;
}

export type SessionEndReason = 'INVALID_REFRESH_TOKEN' | 'TOKEN_EXPIRED' | 'USER_DISABLED' | 'USER_NOT_FOUND' | 'account_deletion_in_progress' | 'signed_out';

export interface SessionDeps {
  store: SessionStorePort;
  log: Logger;
  fetch?: Fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface LiveSession {
  refreshToken: string;
  idToken: string | null;
  /** ms since epoch */
  expiresAt: number;
}

export class OmiSessions {
  private readonly live = new Map<string, LiveSession>();
  private readonly refreshing = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: Fetch;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()));
    this.fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The AuthSession provider clients use for this account. `backend` is resolved per refresh (the sandbox's port changes). */
  session(accountId: string, backend: () => Promise<OmiBackend>): AuthSession {
    return {
      bearer: () => this.bearer(accountId, backend),
      renewAfterRejection: async (rejected) => {
        const live = this.live.get(accountId);
        // Another request refreshed meanwhile: its token is worth the retry.
        if (live?.idToken && live.idToken !== rejected) return true;
        if (live) live.expiresAt = 0;
        await this.refresh(accountId, backend);
        return true;
      },
      end: async (reason) => this.end(accountId, reason),
    };
  }

  /** After a sign-in: the fresh tokens go straight into memory (the caller stores the refresh token). */
  adopt(accountId: string, tokens: FirebaseTokens): void {
    this.live.set(accountId, {
      refreshToken: tokens.refreshToken,
      idToken: tokens.idToken,
      expiresAt: this.now() + tokens.expiresInSeconds * 1000,
    });
  }

  /** Sign-out or account removal: drop everything held in memory. */
  forget(accountId: string): void {
    this.live.delete(accountId);
  }

  /** For tests and benchmarks: whether an ID token is held in memory. */
  hasIdToken(accountId: string): boolean {
    return Boolean(this.live.get(accountId)?.idToken);
  }

  private async bearer(accountId: string, backend: () => Promise<OmiBackend>): Promise<string> {
    const live = this.live.get(accountId);
    if (live?.idToken && live.expiresAt - this.now() > REFRESH_MARGIN_MS) return live.idToken;
    return this.refresh(accountId, backend);
  }

  private refresh(accountId: string, backend: () => Promise<OmiBackend>): Promise<string> {
    let running = this.refreshing.get(accountId);
    if (!running) {
      running = this.runRefresh(accountId, backend).finally(() => this.refreshing.delete(accountId));
      this.refreshing.set(accountId, running);
    }
    return running;
  }

  private async runRefresh(accountId: string, resolveBackend: () => Promise<OmiBackend>): Promise<string> {
    const refreshToken = this.live.get(accountId)?.refreshToken ?? (await this.deps.store.readRefreshToken(accountId));
    const backend = await resolveBackend();
    let tokens: FirebaseTokens | null = null;
    for (let attempt = 0; tokens === null; attempt++) {
      try {
        tokens = await refreshIdToken(this.fetch, backend, refreshToken);
      } catch (error) {
        const wait = REFRESH_BACKOFF_MS[attempt];
        if (error instanceof SessionHttpError && error.kind === 'transient' && wait !== undefined) {
          this.deps.log.warn('session.refresh_retry', { accountId, reason: error.reason, waitMs: wait });
          await this.sleep(wait);
          continue;
        }
        throw await this.explainRefreshFailure(accountId, error);
      }
    }
    this.live.set(accountId, { refreshToken: tokens.refreshToken, idToken: tokens.idToken, expiresAt: this.now() + tokens.expiresInSeconds * 1000 });
    if (tokens.refreshToken !== refreshToken) await this.deps.store.saveRefreshToken(accountId, tokens.refreshToken);
    this.deps.log.info('session.refreshed', { accountId, expiresInSeconds: tokens.expiresInSeconds });
    return tokens.idToken;
  }

  private async end(accountId: string, reason: SessionEndReason): Promise<void> {
    this.live.delete(accountId);
    await this.deps.store.endSession(accountId, reason);
    this.deps.log.warn('session.ended', { accountId, reason });
  }

  private async explainRefreshFailure(accountId: string, error: unknown): Promise<AppError> {
    if (!(error instanceof SessionHttpError)) {
      return error instanceof AppError ? error : new AppError('internal', 'Refreshing the Omi session failed unexpectedly.');
    }
    const { host, reason, status, retryAfterSeconds } = error;
    const extra = { ...(status === undefined ? {} : { status }), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    switch (error.kind) {
      case 'session_ended':
        await this.end(accountId, reason as SessionEndReason);
        return new AppError('signed_out', `${SESSION_ENDED_TEXT[reason] ?? 'Your Omi session has ended.'} Sign in again to keep managing this account's keys.`, extra);
      case 'configuration':
        return new AppError(
          'session_config',
          `Firebase refused this backend's Web API key while refreshing your session (${reason}). You are still signed in; ` +
            'sign in again with the right Firebase Web API key (under Advanced) to fix it.',
          extra,
        );
      case 'transient':
        return new AppError(
          status === 429 ? 'rate_limited' : status === undefined ? 'network' : 'server_error',
          `Could not refresh your Omi session with ${host} (${reason}). You are still signed in; DevKeys will try again.`,
          extra,
        );
      case 'bad_response':
        return new AppError('bad_response', `${host} answered the session refresh with something DevKeys could not understand (${reason}).`, extra);
      default:
        return new AppError('unauthorized', `${host} refused to refresh your Omi session (${reason}). If this keeps happening, sign out and sign in again.`, extra);
    }
  }
}

const SESSION_ENDED_TEXT: Record<string, string> = {
  INVALID_REFRESH_TOKEN: 'Your Omi session has ended (it was revoked or replaced).',
  TOKEN_EXPIRED: 'Your Omi session has expired.',
  USER_DISABLED: 'Your Omi account has been disabled.',
  USER_NOT_FOUND: 'Your Omi account no longer exists.',
};
