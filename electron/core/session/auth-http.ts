/**
 * The HTTP calls of signing in and refreshing: Omi's `/v1/auth/token` and Firebase's
 * `signInWithCustomToken` and `token` endpoints. Every failure becomes a `SessionHttpError`
 * that says which side failed and how (so the caller can tell "start again" from "the session
 * is over" from "try later"); no token ever reaches an error message.
 */
import { z } from 'zod';
import { hostOf } from '../providers/http';
import { firebaseEndpoints, trimBase, type OmiBackend } from './backend';

export const AUTH_TIMEOUT_MS = 15_000;

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** What went wrong, as the reference's error table sorts it. */
export type FailureKind =
  /** Network, timeout, 5xx, 429: keep everything, try again later. */
  | 'transient'
  /** The server refused this attempt (bad/expired code, PKCE, custom token): start again. */
  | 'rejected'
  /** Refresh: the session is over (INVALID_REFRESH_TOKEN, TOKEN_EXPIRED, USER_DISABLED, USER_NOT_FOUND). */
  | 'session_ended'
  /** Firebase refused the Web API key (403, API key not valid, PROJECT_NUMBER_MISMATCH). */
  | 'configuration'
  /** A 2xx whose body is not what the contract says. */
  | 'bad_response';

export class SessionHttpError extends Error {
  override readonly name = 'SessionHttpError';
  constructor(
    readonly kind: FailureKind,
    /** Short, token-free: a backend `detail` or a Firebase error code, or a transport reason. */
    readonly reason: string,
    readonly host: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${host}: ${reason}`);
  }
}

const DEFINITIVE_REFRESH_FAILURES = new Set(['INVALID_REFRESH_TOKEN', 'TOKEN_EXPIRED', 'USER_DISABLED', 'USER_NOT_FOUND']);

async function send(fetch: Fetch, url: string, init: RequestInit, timeoutMs: number): Promise<{ response: Response; body: unknown; host: string }> {
  const host = hostOf(url);
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new SessionHttpError('transient', name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : 'could not connect', host);
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { response, body, host };
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}

/** Firebase's `{error: {code, message: 'CODE : explanation'}}` → `CODE`. */
export function firebaseErrorCode(body: unknown): string {
  const message = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
  if (!message.success) return '';
  return (message.data.error.message.split(' : ')[0] ?? '').trim().slice(0, 120);
}

function backendDetail(body: unknown): string {
  const parsed = z.object({ detail: z.unknown() }).safeParse(body);
  if (!parsed.success) return '';
  const { detail } = parsed.data;
  if (typeof detail === 'string') return detail.slice(0, 200);
  if (detail && typeof detail === 'object' && 'code' in detail && typeof detail.code === 'string') return detail.code.slice(0, 80);
  return '';
}

function parseOrFail<T>(schema: z.ZodType<T>, body: unknown, host: string, status: number): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') ?? '';
  throw new SessionHttpError('bad_response', `unexpected answer${where ? ` at ${where}` : ''}`, host, status);
}

// --- Omi: POST /v1/auth/token ------------------------------------------------------------

const tokenResponse = z.object({
  custom_token: z.string().min(1),
  /** The provider's (Google/Apple) ID token: display claims only, Omi refuses it as a bearer. */
  id_token: z.string().nullish(),
  provider: z.string().nullish(),
  provider_id: z.string().nullish(),
});

export interface CodeExchange {
  customToken: string;
  providerIdToken: string | null;
}

export async function exchangeCode(
  fetch: Fetch,
  backend: Pick<OmiBackend, 'apiBase'>,
  input: { code: string; redirectUri: string; codeVerifier: string },
  timeoutMs = AUTH_TIMEOUT_MS,
): Promise<CodeExchange> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    use_custom_token: 'true',
    code_verifier: input.codeVerifier,
  });
  const { response, body: json, host } = await send(
    fetch,
    `${trimBase(backend.apiBase)}/v1/auth/token`,
    { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body },
    timeoutMs,
  );
  if (!response.ok) {
    const detail = backendDetail(json) || `HTTP ${response.status}`;
    const kind: FailureKind = response.status >= 500 || response.status === 429 ? 'transient' : 'rejected';
    throw new SessionHttpError(kind, detail, host, response.status, retryAfter(response));
  }
  const data = parseOrFail(tokenResponse, json, host, response.status);
  return { customToken: data.custom_token, providerIdToken: data.id_token ?? null };
}

// --- Firebase: signInWithCustomToken and refresh ----------------------------------------

const expiresIn = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

const signInResponse = z.object({ idToken: z.string().min(1), refreshToken: z.string().min(1), expiresIn });
const refreshResponse = z.object({ id_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: expiresIn });

export interface FirebaseTokens {
  idToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

function firebaseFailure(response: Response, body: unknown, host: string, refreshing: boolean): SessionHttpError {
  const code = firebaseErrorCode(body);
  const status = response.status;
  if (status >= 500 || status === 429) return new SessionHttpError('transient', code || `HTTP ${status}`, host, status, retryAfter(response));
  if (status === 403 || /^API key not valid/i.test(code) || code === 'PROJECT_NUMBER_MISMATCH' || code.startsWith('API_KEY_')) {
    return new SessionHttpError('configuration', code || `HTTP ${status}`, host, status);
  }
  if (refreshing && DEFINITIVE_REFRESH_FAILURES.has(code)) return new SessionHttpError('session_ended', code, host, status);
  return new SessionHttpError('rejected', code || `HTTP ${status}`, host, status);
}

export async function signInWithCustomToken(fetch: Fetch, backend: OmiBackend, customToken: string, timeoutMs = AUTH_TIMEOUT_MS): Promise<FirebaseTokens> {
  const { response, body, host } = await send(
    fetch,
    firebaseEndpoints(backend).signInWithCustomToken,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: customToken, returnSecureToken: true }) },
    timeoutMs,
  );
  if (!response.ok) throw firebaseFailure(response, body, host, false);
  const data = parseOrFail(signInResponse, body, host, response.status);
  return { idToken: data.idToken, refreshToken: data.refreshToken, expiresInSeconds: data.expiresIn };
}

export async function refreshIdToken(fetch: Fetch, backend: OmiBackend, refreshToken: string, timeoutMs = AUTH_TIMEOUT_MS): Promise<FirebaseTokens> {
  const { response, body, host } = await send(
    fetch,
    firebaseEndpoints(backend).refresh,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    },
    timeoutMs,
  );
  if (!response.ok) throw firebaseFailure(response, body, host, true);
  const data = parseOrFail(refreshResponse, body, host, response.status);
  return { idToken: data.id_token, refreshToken: data.refresh_token, expiresInSeconds: data.expires_in };
}
