// The Firebase half of signing in: custom tokens (what /v1/auth/token hands out), ID tokens
// (what the key endpoints accept) and refresh tokens. Either the sandbox plays Firebase itself,
// serving signInWithCustomToken and the token refresh at the emulator-style paths with
// Firebase's response and error shapes, or it works with an external Firebase Auth emulator
// the way the backend does in emulator mode (unsigned tokens, claims checked).
import { createHash, randomBytes } from 'node:crypto';
import { isPlainObject, json, parseJson, type Handler, type Reply, type Route, type SandboxRequest } from '../http';
import { formOf } from './fields';
import { isValidUid, type IdentityDirectory } from './identity';
import { decodeJwt, numericDate, Rs256Signer, unsignedJwt, type JwtObject } from './jwt';

export const SANDBOX_PROJECT_ID = 'devkeys-sandbox';
/** What the token refresh reports as `project_id` (Firebase answers the project number). */
const SANDBOX_PROJECT_NUMBER = '424242424242';
/** A fixed, printed, obviously-not-real Web API key (same shape as Google's: 39 characters). */
export const DEFAULT_FIREBASE_API_KEY = 'AIzaSyDevKeysSandboxLocalOnly0000000000';
export const DEFAULT_ID_TOKEN_TTL_SECONDS = 3600;
export const SIGN_IN_WITH_CUSTOM_TOKEN_PATH = '/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken';
export const REFRESH_TOKEN_PATH = '/securetoken.googleapis.com/v1/token';
/** The `aud` of every Firebase custom token. */
export const CUSTOM_TOKEN_AUDIENCE = 'https://identitytoolkit.googleapis.com/google.identity.identitytoolkit.v1.IdentityToolkit';
const CUSTOM_TOKEN_MAX_LIFETIME_S = 3600;
/** What Google answers while the token service is down (the `refresh_unavailable` fault). */
export const SERVICE_UNAVAILABLE_BODY = { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } };

/** What the rest of the sandbox needs from Firebase, whichever plays it. */
export interface FirebaseBackend {
  readonly projectId: string;
  /** Serves the two Firebase endpoints itself (false: an external emulator does). */
  readonly servesEndpoints: boolean;
  /** The custom token /v1/auth/token hands out with use_custom_token=true. */
  mintCustomToken(uid: string): string;
  /** The uid of a current ID token of this project (`sub`), or null. The caller checks the user. */
  idTokenUid(token: string): string | null;
  routes(): Route[];
  /** Makes `refreshToken` a live session of `uid` (the app's embedded sandbox keeps sessions across restarts). */
  restoreSession(uid: string, refreshToken: string): void;
  /** Ends every session of `uid`: their next refresh is INVALID_REFRESH_TOKEN. Returns how many ended. */
  endSessions(uid: string): number;
}

export function idTokenIssuer(projectId: string): string {
  return `https://securetoken.google.com/${projectId}`;
}

/** The checks Firebase Admin applies to an ID token's claims (the signature is checked before, where it can be). */
function currentIdTokenSubject(payload: JwtObject, projectId: string, nowSeconds: number): string | null {
  const { iss, aud, sub, exp, iat } = payload;
  if (iss !== idTokenIssuer(projectId) || aud !== projectId) return null;
  if (!isValidUid(sub)) return null;
  if (typeof exp !== 'number' || exp <= nowSeconds) return null;
  if (typeof iat !== 'number' || iat > nowSeconds) return null;
  return sub;
}

// ---------------------------------------------------------------------------------------------
// Firebase's error shape

function firebaseError(status: number, message: string, extra: { status?: string; reason?: string; details?: unknown[] } = {}): Reply {
  const error: Record<string, unknown> = {
    code: status,
    message,
    errors: [{ message, domain: 'global', reason: extra.reason ?? 'invalid' }],
    status: extra.status ?? 'INVALID_ARGUMENT',
  };
  if (extra.details) error.details = extra.details;
  return json(status, { error });
}

const MISSING_API_KEY =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
const INVALID_API_KEY = 'API key not valid. Please pass a valid API key.';
const INVALID_CUSTOM_TOKEN = 'INVALID_CUSTOM_TOKEN : The custom token format is incorrect. Please check the documentation.';

/** Google's API gateway checks `?key=` before anything else. */
function withApiKey(apiKey: string, service: string, handler: Handler): Handler {
  return (req, params) => {
    const key = req.query.get('key');
    if (!key) return firebaseError(403, MISSING_API_KEY, { status: 'PERMISSION_DENIED', reason: 'forbidden' });
    if (key !== apiKey) {
      return firebaseError(400, INVALID_API_KEY, {
        reason: 'badRequest',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service } },
        ],
      });
    }
    return handler(req, params);
  };
}

type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

/** A proto3 JSON request body as Google's APIs read one: an object of known fields only. */
function protoJsonBody(text: string, fields: readonly string[]): JsonBody {
  if (text.trim() === '') return { ok: true, value: {} };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reply: firebaseError(400, 'Invalid JSON payload received. Unexpected token.') };
  if (!isPlainObject(parsed.value)) {
    return { ok: false, reply: firebaseError(400, 'Invalid JSON payload received. Unknown name "": Root element must be a message.') };
  }
  const unknown = Object.keys(parsed.value).find((name) => !fields.includes(name));
  if (unknown !== undefined) {
    return { ok: false, reply: firebaseError(400, `Invalid JSON payload received. Unknown name ${JSON.stringify(unknown)}: Cannot find field.`) };
  }
  return { ok: true, value: parsed.value };
}

/** A string field of a proto JSON body; a reply when it has another type. */
function protoString(body: Record<string, unknown>, name: string): { ok: true; value: string } | { ok: false; reply: Reply } {
  const value = body[name];
  if (value === undefined || value === null) return { ok: true, value: '' };
  if (typeof value === 'string') return { ok: true, value };
  return { ok: false, reply: firebaseError(400, `Invalid value at '${name}' (TYPE_STRING), ${JSON.stringify(value)}`) };
}

// ---------------------------------------------------------------------------------------------
// The sandbox as Firebase

interface RefreshSession {
  uid: string;
  /** `auth_time` of the sign-in this session came from. */
  authTime: number;
}

export interface SandboxFirebaseOptions {
  now: () => Date;
  users: IdentityDirectory;
  apiKey: string;
  idTokenTtlSeconds: number;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Opaque, long, and shaped like Firebase's (`AMf-v…`), so log redaction written for the real ones applies. */
function newRefreshToken(): string {
  return `AMf-vB${randomBytes(160).toString('base64url')}`;
}

export class SandboxFirebase implements FirebaseBackend {
  readonly projectId = SANDBOX_PROJECT_ID;
  readonly servesEndpoints = true;
  private readonly signer = new Rs256Signer();
  private readonly serviceAccount = `firebase-adminsdk-sandbox@${SANDBOX_PROJECT_ID}.iam.gserviceaccount.com`;
  /** Live refresh tokens by SHA-256: like the key store, the sandbox keeps no bearer secret in the clear. */
  private readonly sessions = new Map<string, RefreshSession>();
  private readonly signedInBefore = new Set<string>();

  constructor(private readonly options: SandboxFirebaseOptions) {}

  mintCustomToken(uid: string): string {
    const iat = numericDate(this.options.now());
    return this.signer.sign({
      aud: CUSTOM_TOKEN_AUDIENCE,
      iat,
      exp: iat + CUSTOM_TOKEN_MAX_LIFETIME_S,
      iss: this.serviceAccount,
      sub: this.serviceAccount,
      uid,
    });
  }

  idTokenUid(token: string): string | null {
    const payload = this.signer.verify(token);
    return payload ? currentIdTokenSubject(payload, this.projectId, numericDate(this.options.now())) : null;
  }

  restoreSession(uid: string, refreshToken: string): void {
    if (!this.options.users.identity(uid)) throw new Error(`No sandbox Omi user with uid '${uid}'`);
    if (!/^[\x21-\x7e]{1,4096}$/.test(refreshToken)) {
      throw new Error('A refresh token must be 1 to 4096 printable ASCII characters without spaces');
    }
    this.sessions.set(sha256Hex(refreshToken), { uid, authTime: numericDate(this.options.now()) });
    this.signedInBefore.add(uid);
  }

  endSessions(uid: string): number {
    let ended = 0;
    for (const [hash, session] of this.sessions) {
      if (session.uid !== uid) continue;
      this.sessions.delete(hash);
      ended += 1;
    }
    return ended;
  }

  routes(): Route[] {
    const { apiKey } = this.options;
    return [
      {
        method: 'POST',
        pattern: SIGN_IN_WITH_CUSTOM_TOKEN_PATH,
        handler: withApiKey(apiKey, 'identitytoolkit.googleapis.com', (req) => this.signInWithCustomToken(req)),
      },
      { method: 'POST', pattern: REFRESH_TOKEN_PATH, handler: withApiKey(apiKey, 'securetoken.googleapis.com', (req) => this.refresh(req)) },
    ];
  }

  private signInWithCustomToken(req: SandboxRequest): Reply {
    const body = protoJsonBody(req.body, ['token', 'returnSecureToken', 'tenantId', 'instanceId', 'delegatedProjectNumber']);
    if (!body.ok) return body.reply;
    const token = protoString(body.value, 'token');
    if (!token.ok) return token.reply;
    const returnSecureToken = body.value.returnSecureToken;
    if (returnSecureToken !== undefined && returnSecureToken !== null && typeof returnSecureToken !== 'boolean') {
      return firebaseError(400, `Invalid value at 'return_secure_token' (TYPE_BOOL), ${JSON.stringify(returnSecureToken)}`);
    }
    if (token.value === '') return firebaseError(400, 'MISSING_CUSTOM_TOKEN');

    const uid = this.customTokenUid(token.value);
    if (uid === null) return firebaseError(400, INVALID_CUSTOM_TOKEN);
    const user = this.options.users.identity(uid);
    if (!user) return firebaseError(400, 'USER_NOT_FOUND');
    if (user.disabled) return firebaseError(400, 'USER_DISABLED');

    const authTime = numericDate(this.options.now());
    const refreshToken = newRefreshToken();
    this.sessions.set(sha256Hex(refreshToken), { uid, authTime });
    const isNewUser = !this.signedInBefore.has(uid);
    this.signedInBefore.add(uid);
    return json(200, {
      kind: 'identitytoolkit#VerifyCustomTokenResponse',
      idToken: this.mintIdToken(uid, authTime),
      refreshToken,
      expiresIn: String(this.options.idTokenTtlSeconds),
      isNewUser,
    });
  }

  /** The uid of a genuine, current custom token of this sandbox (signature, audience, issuer, lifetime). */
  private customTokenUid(token: string): string | null {
    const payload = this.signer.verify(token);
    if (!payload) return null;
    const { aud, iss, sub, iat, exp, uid } = payload;
    const now = numericDate(this.options.now());
    if (aud !== CUSTOM_TOKEN_AUDIENCE || iss !== this.serviceAccount || sub !== this.serviceAccount) return null;
    if (typeof iat !== 'number' || typeof exp !== 'number' || iat > now || exp <= now || exp - iat > CUSTOM_TOKEN_MAX_LIFETIME_S) {
      return null;
    }
    return isValidUid(uid) ? uid : null;
  }

  private refresh(req: SandboxRequest): Reply {
    let grantType: string;
    let refreshToken: string;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType === 'application/json') {
      const body = protoJsonBody(req.body, ['grant_type', 'refresh_token', 'grantType', 'refreshToken']);
      if (!body.ok) return body.reply;
      const grant = protoString(body.value, body.value.grantType !== undefined ? 'grantType' : 'grant_type');
      if (!grant.ok) return grant.reply;
      const token = protoString(body.value, body.value.refreshToken !== undefined ? 'refreshToken' : 'refresh_token');
      if (!token.ok) return token.reply;
      grantType = grant.value;
      refreshToken = token.value;
    } else {
      const form = formOf(req);
      grantType = form.get('grant_type') ?? '';
      refreshToken = form.get('refresh_token') ?? '';
    }
    if (grantType !== 'refresh_token') return firebaseError(400, 'INVALID_GRANT_TYPE');
    if (refreshToken === '') return firebaseError(400, 'MISSING_REFRESH_TOKEN');
    const session = this.sessions.get(sha256Hex(refreshToken));
    if (!session) return firebaseError(400, 'INVALID_REFRESH_TOKEN');
    const user = this.options.users.identity(session.uid);
    if (!user) return firebaseError(400, 'USER_NOT_FOUND');
    if (user.disabled) return firebaseError(400, 'USER_DISABLED');
    const idToken = this.mintIdToken(session.uid, session.authTime);
    return json(200, {
      access_token: idToken,
      expires_in: String(this.options.idTokenTtlSeconds),
      token_type: 'Bearer',
      refresh_token: refreshToken,
      id_token: idToken,
      user_id: session.uid,
      project_id: SANDBOX_PROJECT_NUMBER,
    });
  }

  /** An ID token with Firebase's claims for a custom-token sign-in. */
  private mintIdToken(uid: string, authTime: number): string {
    const user = this.options.users.identity(uid);
    const iat = numericDate(this.options.now());
    return this.signer.sign({
      ...(user?.name ? { name: user.name } : {}),
      iss: idTokenIssuer(this.projectId),
      aud: this.projectId,
      auth_time: authTime,
      user_id: uid,
      sub: uid,
      iat,
      exp: iat + this.options.idTokenTtlSeconds,
      ...(user ? { email: user.email, email_verified: true } : {}),
      firebase: { identities: user ? { email: [user.email] } : {}, sign_in_provider: 'custom' },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// An external Firebase Auth emulator

/**
 * The backend in emulator mode (Firebase Admin with FIREBASE_AUTH_EMULATOR_HOST): custom tokens
 * unsigned, in the form the emulator accepts; the emulator's unsigned ID tokens accepted on
 * iss, aud, exp and sub. The emulator serves the Firebase endpoints and keeps the sessions.
 */
export class EmulatorFirebase implements FirebaseBackend {
  readonly servesEndpoints = false;

  constructor(
    readonly projectId: string,
    private readonly now: () => Date,
  ) {}

  mintCustomToken(uid: string): string {
    const iat = numericDate(this.now());
    return unsignedJwt({ aud: CUSTOM_TOKEN_AUDIENCE, uid, iat, exp: iat + CUSTOM_TOKEN_MAX_LIFETIME_S });
  }

  idTokenUid(token: string): string | null {
    const decoded = decodeJwt(token);
    return decoded ? currentIdTokenSubject(decoded.payload, this.projectId, numericDate(this.now())) : null;
  }

  routes(): Route[] {
    return [];
  }

  restoreSession(): void {
    throw new Error('Sessions live in the external Firebase Auth emulator; restore them there');
  }

  endSessions(): number {
    throw new Error('Sessions live in the external Firebase Auth emulator; end them there');
  }
}
