// The Omi half of signing in (backend/routers/auth.py): GET /v1/auth/authorize with the
// backend's validation rules and texts, a consent page standing in for Google/Apple (or an
// immediate redirect with auto-approve), and POST /v1/auth/token, which redeems a single-use
// 300-second code bound to the redirect_uri and the PKCE challenge.
import { createHash, randomUUID } from 'node:crypto';
import { json, type Reply, type Route, type SandboxRequest } from '../http';
import { cancelledPage, consentPage, CONSENT_PATH } from './consent-page';
import { bindFields, formOf, stringField } from './fields';
import type { FirebaseBackend } from './firebase';
import type { IdentityDirectory, OmiIdentity } from './identity';
import { Hs256Signer, numericDate } from './jwt';
import { checkChallenge, checkVerifier } from './pkce';
import { callbackLocation, checkRedirectUri } from './redirect-uri';

export const AUTHORIZE_PATH = '/v1/auth/authorize';
export const TOKEN_PATH = '/v1/auth/token';
/** Both the attempt (authorize → consent) and the code live this long, as in the backend's Redis. */
export const AUTH_LIFETIME_MS = 300_000;
export const TOKEN_GENERATION_FAILED = 'Failed to generate authentication token';
/** A pending attempt is a few hundred bytes; this many is far beyond any real use. */
const MAX_PENDING = 1000;

type Provider = 'google' | 'apple';
const PROVIDERS: Record<Provider, { providerId: string; issuer: string; audience: string }> = {
  google: { providerId: 'google.com', issuer: 'https://accounts.google.com', audience: 'omi-sandbox.apps.googleusercontent.com' },
  apple: { providerId: 'apple.com', issuer: 'https://appleid.apple.com', audience: 'me.omi.sandbox' },
};

interface Attempt {
  provider: Provider;
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
  uid: string;
  expiresAt: number;
}

interface IssuedCode {
  provider: Provider;
  redirectUri: string;
  codeChallenge: string;
  uid: string;
  expiresAt: number;
}

export interface SignInOptions {
  now: () => Date;
  users: IdentityDirectory;
  firebase: FirebaseBackend;
  /** Redirect from authorize at once instead of showing the consent page. */
  autoApprove: boolean;
  /** Whom the next sign-in signs in. */
  currentUid: () => string;
}

const detail = (status: number, message: string): Reply => json(status, { detail: message });

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Oldest first (Map order); drops expired entries and, past the cap, the oldest. */
function prune<T extends { expiresAt: number }>(entries: Map<string, T>, nowMs: number): void {
  for (const [key, entry] of entries) {
    if (entry.expiresAt <= nowMs || entries.size > MAX_PENDING) entries.delete(key);
  }
}

export class SandboxSignIn {
  /** Pending attempts by session id (the consent form carries it). */
  private readonly attempts = new Map<string, Attempt>();
  /** Issued codes by SHA-256 of the code. */
  private readonly codes = new Map<string, IssuedCode>();
  /** Stand-in Google/Apple ID tokens: only ever decoded for display, never verified by anyone. */
  private readonly providerTokens = new Hs256Signer('sandbox-provider');

  constructor(private readonly options: SignInOptions) {}

  routes(): Route[] {
    return [
      { method: 'GET', pattern: AUTHORIZE_PATH, handler: (req) => this.authorize(req) },
      { method: 'POST', pattern: CONSENT_PATH, handler: (req) => this.consent(req) },
      { method: 'POST', pattern: TOKEN_PATH, handler: (req) => this.token(req) },
    ];
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  private authorize(req: SandboxRequest): Reply {
    const bound = bindFields(req.query, 'query', [
      { name: 'provider', required: true },
      { name: 'redirect_uri', required: true },
      { name: 'state', required: false },
      { name: 'code_challenge', required: false },
      { name: 'code_challenge_method', required: false },
    ]);
    if (!bound.ok) return json(422, { detail: bound.issues });
    const provider = stringField(bound.values, 'provider') ?? '';
    const redirectUri = stringField(bound.values, 'redirect_uri') ?? '';
    if (provider !== 'google' && provider !== 'apple') return detail(400, 'Unsupported provider');
    const redirect = checkRedirectUri(redirectUri);
    if (!redirect.ok) return 'crash' in redirect ? detail(500, 'Internal Server Error') : detail(400, redirect.detail);
    const codeChallenge = stringField(bound.values, 'code_challenge');
    const pkce = checkChallenge(codeChallenge, stringField(bound.values, 'code_challenge_method'));
    if (!pkce.ok) return detail(400, pkce.detail);

    const attempt: Attempt = {
      provider,
      redirectUri,
      state: stringField(bound.values, 'state'),
      codeChallenge: codeChallenge ?? '',
      uid: this.options.currentUid(),
      expiresAt: this.nowMs() + AUTH_LIFETIME_MS,
    };
    if (this.options.autoApprove) return this.approve(attempt, 302);
    const user = this.options.users.identity(attempt.uid);
    if (!user) return detail(500, 'Internal Server Error');
    prune(this.attempts, this.nowMs());
    const sessionId = randomUUID();
    this.attempts.set(sessionId, attempt);
    return consentPage({ sessionId, email: user.email, provider, redirectUri });
  }

  private consent(req: SandboxRequest): Reply {
    const form = formOf(req);
    const sessionId = form.get('session') ?? '';
    const attempt = this.attempts.get(sessionId);
    if (attempt) this.attempts.delete(sessionId); // one decision per attempt
    if (!attempt || attempt.expiresAt <= this.nowMs()) return detail(400, 'Invalid auth session');
    if (form.get('decision') !== 'continue') return cancelledPage();
    return this.approve(attempt, 303);
  }

  /** Issues the code and sends the browser to the app, as the backend's callback page does. */
  private approve(attempt: Attempt, status: 302 | 303): Reply {
    prune(this.codes, this.nowMs());
    const code = randomUUID();
    this.codes.set(sha256Hex(code), {
      provider: attempt.provider,
      redirectUri: attempt.redirectUri,
      codeChallenge: attempt.codeChallenge,
      uid: attempt.uid,
      expiresAt: this.nowMs() + AUTH_LIFETIME_MS,
    });
    return json(status, undefined, {
      Location: callbackLocation(attempt.redirectUri, code, attempt.state),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
  }

  private token(req: SandboxRequest): Reply {
    const bound = bindFields(formOf(req), 'body', [
      { name: 'grant_type', required: true },
      { name: 'code', required: true },
      { name: 'redirect_uri', required: true },
      { name: 'use_custom_token', required: false, kind: 'bool' },
      { name: 'code_verifier', required: false },
    ]);
    if (!bound.ok) return json(422, { detail: bound.issues });
    if (stringField(bound.values, 'grant_type') !== 'authorization_code') return detail(400, 'Unsupported grant type');
    const codeHash = sha256Hex(stringField(bound.values, 'code') ?? '');
    const issued = this.codes.get(codeHash);
    if (!issued || issued.expiresAt <= this.nowMs()) return detail(400, 'Invalid or expired code');
    // Deleted on first use, even when this request then fails: any failure means starting again.
    this.codes.delete(codeHash);
    if (stringField(bound.values, 'redirect_uri') !== issued.redirectUri) return detail(400, 'redirect_uri mismatch');
    const verifier = checkVerifier(stringField(bound.values, 'code_verifier'), issued.codeChallenge);
    if (!verifier.ok) return detail(400, verifier.detail);

    const user = this.options.users.identity(issued.uid);
    if (!user) return detail(400, 'Invalid OAuth credentials');
    const provider = PROVIDERS[issued.provider];
    const response: Record<string, unknown> = {
      provider: issued.provider,
      id_token: this.providerIdToken(issued.provider, user),
      access_token: `${issued.provider === 'google' ? 'ya29.' : ''}sandbox-${randomUUID()}`,
      provider_id: provider.providerId,
      token_type: 'Bearer',
      expires_in: 3600,
    };
    if (bound.values.use_custom_token === true) {
      // The backend signs the user in at Firebase first; a disabled user fails there.
      if (user.disabled) return detail(502, TOKEN_GENERATION_FAILED);
      response.custom_token = this.options.firebase.mintCustomToken(user.uid);
    }
    return json(200, response);
  }

  /** What Google or Apple would hand the backend: the user's name (Google only) and email. */
  private providerIdToken(providerName: Provider, user: OmiIdentity): string {
    const provider = PROVIDERS[providerName];
    const iat = numericDate(this.options.now());
    const [givenName, ...rest] = user.name.split(/\s+/).filter(Boolean);
    return this.providerTokens.sign({
      iss: provider.issuer,
      aud: provider.audience,
      sub: sha256Hex(`${providerName}:${user.uid}`).slice(0, 21),
      email: user.email,
      email_verified: true,
      ...(providerName === 'google' && user.name
        ? { name: user.name, given_name: givenName, ...(rest.length > 0 ? { family_name: rest.join(' ') } : {}) }
        : {}),
      iat,
      exp: iat + 3600,
    });
  }
}
