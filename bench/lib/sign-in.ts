/**
 * A sign-in by hand, as any client following ../shared/reference/omi-sign-in.md would do it,
 * against a sandbox started with `authAutoApprove`: the authorize redirect carries the code, so
 * no listener is needed. The benchmarks use it for their bare-fetch baselines.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../electron/sandbox/server';

export async function signInByHand(sandbox: Sandbox): Promise<string> {
  return (await redeem(sandbox, await authorizeByHand(sandbox))).idToken;
}

/**
 * The part of a sign-in after the browser's callback, by hand and timed: the code exchange, the
 * custom-token sign-in, then both key lists (Developer API and MCP) in parallel. Milliseconds.
 */
export async function afterCallbackByHand(sandbox: Sandbox): Promise<number> {
  const code = await authorizeByHand(sandbox);
  const t0 = performance.now();
  const { idToken } = await redeem(sandbox, code);
  const headers = { Authorization: `Bearer ${idToken}` };
  await Promise.all(
    ['/v1/dev/keys', '/v1/mcp/keys'].map(async (path) => {
      const response = await fetch(`${sandbox.url}${path}`, { headers });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      await response.json();
    }),
  );
  return performance.now() - t0;
}

interface Authorized {
  code: string;
  verifier: string;
  redirectUri: string;
}

/** PKCE values and the authorize request; the auto-approving sandbox redirects with the code at once. */
async function authorizeByHand(sandbox: Sandbox): Promise<Authorized> {
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
  return { code: new URL(location).searchParams.get('code') ?? '', verifier, redirectUri };
}

/** The code exchange (`use_custom_token=true`) and signInWithCustomToken, as the reference contract describes them. */
async function redeem(sandbox: Sandbox, { code, verifier, redirectUri }: Authorized): Promise<{ idToken: string }> {
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
  return { idToken };
}
