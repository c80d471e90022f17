/**
 * PKCE (RFC 7636, S256 only) and the CSRF `state` of one sign-in attempt. Omi's backend accepts
 * verifiers and challenges of 43–128 characters of `[A-Za-z0-9-._~]`; base64url of 32 random
 * bytes is exactly 43 of them.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}

export function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const verifier = base64url(random(32));
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** A fresh state per attempt; the callback must echo it exactly. */
export function createSignInState(random: (size: number) => Buffer = randomBytes): string {
  return base64url(random(24));
}

/** PKCE values the backend accepts (RFC 7636 §4.1). */
export const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;
