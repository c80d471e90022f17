/**
 * A sign-in by hand, as any client following ../shared/reference/omi-sign-in.md would do it,
 * against a sandbox started with `authAutoApprove`: the authorize redirect carries the code, so
 * no listener is needed. The benchmarks use it to get an ID token for their bare-fetch baseline.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../electron/sandbox/server';

export async function signInByHand(sandbox: Sandbox): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const redirectUri = 'http://127.0.0.1:9/callback';
  const authorize = new URL(`${sandbox.url}/v1/auth/authorize`);
  for (const [name, value] of Object.entries({ provider: 'google', redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    authorize.searchParams.set(name, value);
  }
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const location = redirect.headers.get('location');
  if (!location) throw new Error(`authorize answered ${redirect.status} without a redirect (is authAutoApprove on?)`);
  const code = new URL(location).searchParams.get('code') ?? '';
  const token = await fetch(`${sandbox.url}/v1/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, use_custom_token: 'true', code_verifier: verifier }),
  });
  const { custom_token: customToken } = (await token.json()) as { custom_token: string };
  const firebase = await fetch(
    `http://${sandbox.authEmulatorHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=${encodeURIComponent(sandbox.firebaseApiKey)}`,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: customToken, returnSecureToken: true }) },
  );
  const { idToken } = (await firebase.json()) as { idToken: string };
  if (!idToken) throw new Error('signInWithCustomToken returned no idToken');
  return idToken;
}

/** The "browser" of an auto-approved sign-in: follow the authorize redirect to DevKeys' loopback callback. */
export async function followRedirects(url: string): Promise<void> {
  const response = await fetch(url, { redirect: 'follow' });
  await response.body?.cancel();
}
