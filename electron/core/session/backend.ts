/**
 * Which Omi backend a session belongs to: its API base, the Firebase Web API key of its
 * Firebase project (a public identifier, not a secret) and, for self-hosted and test
 * backends, a Firebase Auth emulator host. Sessions are per backend.
 */
export { OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY } from '../../ipc/omi-defaults';

export interface OmiBackend {
  apiBase: string;
  firebaseApiKey: string;
  /** `host:port` of a Firebase Auth emulator, or null for Google's production endpoints. */
  authEmulatorHost: string | null;
}

export type SignInProvider = 'google' | 'apple';

/** The two Firebase REST endpoints DevKeys uses, for this backend. */
export function firebaseEndpoints(backend: OmiBackend): { signInWithCustomToken: string; refresh: string } {
  const key = encodeURIComponent(backend.firebaseApiKey);
  const identity = backend.authEmulatorHost
    ? `http://${backend.authEmulatorHost}/identitytoolkit.googleapis.com`
    : 'https://identitytoolkit.googleapis.com';
  const secureToken = backend.authEmulatorHost ? `http://${backend.authEmulatorHost}/securetoken.googleapis.com` : 'https://securetoken.googleapis.com';
  return {
    signInWithCustomToken: `${identity}/v1/accounts:signInWithCustomToken?key=${key}`,
    refresh: `${secureToken}/v1/token?key=${key}`,
  };
}

export function authorizeUrl(
  backend: Pick<OmiBackend, 'apiBase'>,
  params: { provider: SignInProvider; redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL(`${trimBase(backend.apiBase)}/v1/auth/authorize`);
  url.searchParams.set('provider', params.provider);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', params.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * The only URLs DevKeys asks the system browser to open for a sign-in: the authorize endpoint
 * of the account's own API base. The platform's shell adapter checks this again.
 */
export function isAuthorizeUrlOf(url: string, apiBase: string): boolean {
  let parsed: URL;
  let base: URL;
  try {
    parsed = new URL(url);
    base = new URL(trimBase(apiBase));
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))) return false;
  if (parsed.username || parsed.password || parsed.hash) return false;
  return parsed.origin === base.origin && parsed.pathname === `${base.pathname.replace(/\/+$/, '')}/v1/auth/authorize`;
}

/** Logs may show where the browser was sent, but never a usable state or challenge. */
export function redactAuthorizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of ['state', 'code_challenge']) {
      const value = parsed.searchParams.get(name);
      if (value) parsed.searchParams.set(name, `${value.slice(0, 8)}…`);
    }
    return parsed.toString();
  } catch {
    return '[unparsable url]';
  }
}

export function trimBase(apiBase: string): string {
  return apiBase.trim().replace(/\/+$/, '');
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
