// The backend's PKCE rules (backend/routers/auth.py): S256 only, values of 43–128 characters of
// [A-Za-z0-9-._~], the verifier compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import { pythonStrip } from './redirect-uri';

const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export type PkceCheck = { ok: true; method: 'S256' } | { ok: false; detail: string };

/** The authorize-time check of code_challenge and its method (empty counts as missing, as in Python). */
export function checkChallenge(challenge: string | null, method: string | null): PkceCheck {
  if (!challenge) return { ok: false, detail: 'code_challenge is required' };
  if (!PKCE_VALUE.test(challenge)) return { ok: false, detail: 'code_challenge is malformed' };
  if (pythonStrip(method ?? '').toUpperCase() !== 'S256') return { ok: false, detail: 'code_challenge_method must be S256' };
  return { ok: true, method: 'S256' };
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The token-time check of code_verifier against the challenge stored with the code. */
export function checkVerifier(verifier: string | null, challenge: string): { ok: true } | { ok: false; detail: string } {
  if (!verifier) return { ok: false, detail: 'code_verifier is required' };
  if (!PKCE_VALUE.test(verifier)) return { ok: false, detail: 'code_verifier is malformed' };
  const actual = Buffer.from(challengeFor(verifier), 'ascii');
  const expected = Buffer.from(challenge, 'ascii');
  const matches = actual.length === expected.length && timingSafeEqual(actual, expected);
  return matches ? { ok: true } : { ok: false, detail: 'invalid code_verifier' };
}
