// Helpers for the sign-in contract tests: PKCE values, the raw HTTP steps of the flow, and a
// whole sign-in against an auto-approving sandbox. Plain fetch, as a client would do it.
import { createHash, randomBytes } from 'node:crypto';
import type { components } from '../../generated/omi-auth-api';
import type { Sandbox } from '../server';

export type TokenResponse = components['schemas']['TokenResponse'];
export type SignInResponse = components['schemas']['SignInWithCustomTokenResponse'];
export type RefreshResponse = components['schemas']['RefreshResponse'];
export type FirebaseError = components['schemas']['FirebaseError'];

export const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(baseUrl: string, params: Record<string, string | undefined>): string {
  const url = new URL('/v1/auth/authorize', baseUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(name, value);
  return url.toString();
}

/** GET authorize without following the redirect (the browser's first step). */
export function authorize(baseUrl: string, params: Record<string, string | undefined>): Promise<Response> {
  return fetch(authorizeUrl(baseUrl, params), { redirect: 'manual' });
}

export function validAuthorizeParams(challenge: string, overrides: Record<string, string | undefined> = {}) {
  return {
    provider: 'google',
    redirect_uri: REDIRECT_URI,
    state: 'st4te-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** The hidden consent-session id of a consent page. */
export function consentSession(page: string): string {
  const match = /name="session" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error('no consent session in the page');
  return match[1];
}

export function postForm(url: string, fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
    ...init,
  });
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Code and state from a redirect to the app's callback. */
export function callbackParams(location: string | null): { code: string; state: string | null } {
  if (!location) throw new Error('no Location header');
  const url = new URL(location);
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return { code, state: url.searchParams.get('state') };
}

export function exchangeCode(baseUrl: string, fields: Record<string, string>): Promise<Response> {
  return postForm(`${baseUrl}/v1/auth/token`, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, use_custom_token: 'true', ...fields });
}

export function firebaseUrl(sandbox: Sandbox, path: 'signIn' | 'refresh', key: string | null = sandbox.firebaseApiKey): string {
  const base = `http://${sandbox.authEmulatorHost}`;
  const url =
    path === 'signIn'
      ? `${base}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken`
      : `${base}/securetoken.googleapis.com/v1/token`;
  return key === null ? url : `${url}?key=${encodeURIComponent(key)}`;
}

export function refresh(sandbox: Sandbox, refreshToken: string, key?: string | null): Promise<Response> {
  return postForm(firebaseUrl(sandbox, 'refresh', key), { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** A code for the sandbox's current sign-in user (the sandbox must auto-approve). */
export async function codeFor(sandbox: Sandbox, pkce = pkcePair()): Promise<{ code: string; verifier: string }> {
  const response = await authorize(sandbox.url, validAuthorizeParams(pkce.challenge));
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  return { code: callbackParams(response.headers.get('location')).code, verifier: pkce.verifier };
}

/** The whole flow against an auto-approving sandbox: authorize → token → signInWithCustomToken. */
export async function signIn(sandbox: Sandbox): Promise<SignInResponse & { customToken: string }> {
  const { code, verifier } = await codeFor(sandbox);
  const token = await exchangeCode(sandbox.url, { code, code_verifier: verifier });
  const { custom_token: customToken } = (await token.json()) as TokenResponse;
  if (!customToken) throw new Error('no custom token');
  const session = await postJson(firebaseUrl(sandbox, 'signIn'), { token: customToken, returnSecureToken: true });
  if (session.status !== 200) throw new Error(`signInWithCustomToken answered ${session.status}: ${await session.text()}`);
  return { ...((await session.json()) as SignInResponse), customToken };
}

export function decodeClaims(jwt: string): Record<string, unknown> {
  const [, payload = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function decodeHeader(jwt: string): Record<string, unknown> {
  const [header = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function listKeys(baseUrl: string, authorization: string | undefined): Promise<Response> {
  return fetch(`${baseUrl}/v1/dev/keys`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
}
