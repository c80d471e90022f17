/**
 * Signing in to Omi as Omi's own desktop apps do (omi-sign-in.md): PKCE + state, a one-shot
 * loopback listener, the system browser at the backend's authorize endpoint, then the code
 * exchanged for a Firebase custom token and that redeemed for an ID token + refresh token.
 * Electron-free: the browser opener, fetch, timers and log are injected.
 *
 * One attempt at a time: a new one supersedes the pending one, so a stranded browser tab never
 * blocks a retry. Verifier, state, code and tokens stay in this module's memory; logs get at
 * most 8 characters of state and challenge.
 */
import { AppError } from '../errors';
import type { Logger } from '../logging/log';
import { exchangeCode, signInWithCustomToken, SessionHttpError, type Fetch, type FirebaseTokens } from './auth-http';
import { authorizeUrl, redactAuthorizeUrl, type OmiBackend, type SignInProvider } from './backend';
import { decodeJwtClaims, displayIdentity, firebaseUid } from './jwt-claims';
import { CallbackError, startLoopbackListener } from './loopback';
import { createPkcePair, createSignInState } from './pkce';

export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface Timers {
  /** Runs `fn` after `ms`; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const realTimers: Timers = {
  setTimer(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export type SignInPhase = 'waiting_for_browser' | 'finishing';

export interface SignInDeps {
  fetch?: Fetch;
  log: Logger;
  timers?: Timers;
  timeoutMs?: number;
}

export interface SignInRequest {
  provider: SignInProvider;
  backend: OmiBackend;
  /** Opens the system browser at `url` (main: shell.openExternal; harness: a second page; sandbox: a plain GET). */
  openBrowser(url: string): Promise<void>;
  onPhase?(phase: SignInPhase): void;
}

export interface SignedIn {
  provider: SignInProvider;
  backend: OmiBackend;
  uid: string;
  /** From the provider's ID token, else Firebase's: display only. */
  name: string | null;
  email: string | null;
  tokens: FirebaseTokens;
}

interface PendingAttempt {
  id: number;
  provider: SignInProvider;
  url: string;
  openBrowser(url: string): Promise<void>;
  abort(error: AppError): void;
}

export class SignInFlows {
  private pending: PendingAttempt | null = null;
  private attempts = 0;
  private readonly fetch: Fetch;
  private readonly timers: Timers;

  constructor(private readonly deps: SignInDeps) {
    this.fetch = deps.fetch ?? ((input, init) => fetch(input, init));
    this.timers = deps.timers ?? realTimers;
  }

  /** The attempt waiting for the browser, if any. */
  current(): { provider: SignInProvider } | null {
    return this.pending ? { provider: this.pending.provider } : null;
  }

  /** Cancels the pending attempt (its `signIn` rejects with `sign_in_cancelled`). */
  cancel(): boolean {
    if (!this.pending) return false;
    this.pending.abort(new AppError('sign_in_cancelled', 'Sign-in cancelled. Nothing was saved.'));
    return true;
  }

  /** Opens the pending attempt's page again (the user closed the tab, or it opened behind). */
  async reopen(): Promise<boolean> {
    const attempt = this.pending;
    if (!attempt) return false;
    await attempt.openBrowser(attempt.url);
    this.deps.log.info('sign_in.reopened', { attempt: attempt.id });
    return true;
  }

  async signIn(request: SignInRequest): Promise<SignedIn> {
    this.pending?.abort(new AppError('sign_in_superseded', 'A newer sign-in replaced this one.'));
    const { log } = this.deps;
    const id = ++this.attempts;
    const pkce = createPkcePair();
    const state = createSignInState();
    const listener = await startLoopbackListener({
      state,
      onIgnored: (reason) => log.warn('sign_in.callback_ignored', { attempt: id, reason }),
    });
    const url = authorizeUrl(request.backend, { provider: request.provider, redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge });

    let abort!: (error: AppError) => void;
    const aborted = new Promise<never>((_resolve, reject) => {
      abort = reject;
    });
    aborted.catch(() => undefined);
    const attempt: PendingAttempt = { id, provider: request.provider, url, openBrowser: request.openBrowser, abort };
    this.pending = attempt;
    const cancelTimer = this.timers.setTimer(
      () =>
        abort(
          new AppError(
            'sign_in_timed_out',
            `Sign-in timed out: the browser did not come back within ${Math.round((this.deps.timeoutMs ?? SIGN_IN_TIMEOUT_MS) / 60_000)} minutes. Nothing was saved; sign in again when you are ready.`,
          ),
        ),
      this.deps.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
    );
    const finish = () => {
      cancelTimer();
      listener.close();
      if (this.pending === attempt) this.pending = null;
    };

    try {
      log.info('sign_in.started', { attempt: id, provider: request.provider, url: redactAuthorizeUrl(url) });
      request.onPhase?.('waiting_for_browser');
      // A browser that cannot be opened is the end of this attempt.
      const opened = request.openBrowser(url).catch((error: unknown) => {
        log.warn('sign_in.browser_failed', { attempt: id, error });
        throw new AppError('sign_in_failed', 'DevKeys could not open your web browser to sign in. Check your default browser and try again.');
      });
      opened.catch(() => undefined);
      const code = await Promise.race([listener.callback, aborted, opened.then(() => aborted)]).catch((error: unknown) => {
        if (error instanceof CallbackError) {
          throw new AppError('sign_in_failed', `Sign-in did not complete: ${error.message}. Nothing was saved; try again.`);
        }
        throw error;
      });
      listener.close();
      cancelTimer();
      request.onPhase?.('finishing');
      log.info('sign_in.callback_received', { attempt: id });
      const result = await Promise.race([this.redeem(request, code, listener.redirectUri, pkce.verifier), aborted]);
      log.info('sign_in.completed', { attempt: id, provider: request.provider });
      return result;
    } catch (error) {
      log.info('sign_in.failed', { attempt: id, code: error instanceof AppError ? error.code : 'internal' });
      throw error;
    } finally {
      finish();
    }
  }

  private async redeem(request: SignInRequest, code: string, redirectUri: string, codeVerifier: string): Promise<SignedIn> {
    const { backend } = request;
    let exchange;
    try {
      exchange = await exchangeCode(this.fetch, backend, { code, redirectUri, codeVerifier });
    } catch (error) {
      throw explainExchangeFailure(error);
    }
    let tokens: FirebaseTokens;
    try {
      tokens = await signInWithCustomToken(this.fetch, backend, exchange.customToken);
    } catch (error) {
      throw explainFirebaseSignInFailure(error);
    }
    const firebaseClaims = decodeJwtClaims(tokens.idToken);
    const uid = firebaseUid(firebaseClaims);
    if (!uid) throw new AppError('sign_in_failed', 'Firebase sent an ID token without a user id. Nothing was saved; try again.');
    const provider = displayIdentity(exchange.providerIdToken ? decodeJwtClaims(exchange.providerIdToken) : null);
    const firebase = displayIdentity(firebaseClaims);
    return {
      provider: request.provider,
      backend,
      uid,
      name: provider.name ?? firebase.name,
      email: provider.email ?? firebase.email,
      tokens,
    };
  }
}

/** Omi's `/v1/auth/token` failures (omi-sign-in.md, "Errors and what to do"). */
function explainExchangeFailure(error: unknown): AppError {
  if (!(error instanceof SessionHttpError)) return new AppError('sign_in_failed', 'Signing in failed unexpectedly. Nothing was saved; try again.');
  const { host, reason, status } = error;
  const extra = status === undefined ? {} : { status };
  switch (error.kind) {
    case 'transient':
      return status === undefined
        ? new AppError('network', `Could not reach ${host} to finish signing in (${reason}). Nothing was saved; try again.`)
        : new AppError('server_error', `${host} could not finish signing you in (${reason}). Try again in a moment.`, extra);
    case 'bad_response':
      return new AppError('bad_response', `${host} answered the sign-in with something DevKeys could not understand (${reason}). Nothing was saved.`, extra);
    default:
      return new AppError(
        'sign_in_failed',
        reason === 'Invalid or expired code'
          ? `The sign-in expired or was already used (${host}: ${reason}). Nothing was saved; sign in again.`
          : `${host} refused the sign-in (${reason}). Nothing was saved; sign in again.`,
        extra,
      );
  }
}

function explainFirebaseSignInFailure(error: unknown): AppError {
  if (!(error instanceof SessionHttpError)) return new AppError('sign_in_failed', 'Signing in failed unexpectedly. Nothing was saved; try again.');
  const { host, reason, status } = error;
  const extra = status === undefined ? {} : { status };
  switch (error.kind) {
    case 'configuration':
      return new AppError(
        'session_config',
        `Firebase refused the Web API key for this backend (${reason}). Check the Firebase Web API key under Advanced: it must belong to this Omi backend's Firebase project.`,
        extra,
      );
    case 'transient':
      return new AppError(status === undefined ? 'network' : 'server_error', `Could not finish signing in with ${host} (${reason}). Try again in a moment.`, extra);
    case 'bad_response':
      return new AppError('bad_response', `${host} answered with something DevKeys could not understand (${reason}). Nothing was saved.`, extra);
    default:
      return new AppError('sign_in_failed', `Firebase did not accept the sign-in (${reason}). Nothing was saved; sign in again.`, extra);
  }
}
