// Omi users and their Developer API keys (`/v1/dev/keys`, and `/v1/dev/key` for the calling key
// itself); each user's MCP keys live beside them (mcp.ts) under the same user authentication.
// Secrets are handed out once and only their SHA-256 is kept, like the real server.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { components as OmiComponents } from '../generated/omi-api';
import type { components as OmiMcpComponents } from '../generated/omi-mcp-api';
import {
  MISSING_AUTHORIZATION, blankNameReply, checkNameField, detail, parseBodyObject, rawKeyInNameReply, type ValidationIssue,
} from './fastapi';
import { bearerToken, json, type Handler, type Reply, type Route, type SandboxRequest } from './http';
import { keyPrefixOf, wrongFamilyDetail } from './key-families';
import { McpKeyStore, type McpKeyring } from './mcp';
import { RateLimiter } from './rate-limit';
import { isValidUid, MAX_UID_LENGTH, type IdentityDirectory, type OmiIdentity } from './auth/identity';
import { looksLikeJwt } from './auth/jwt';
import { OMI_READ_SCOPES, OMI_SCOPES, canonicalScopes, isOmiScope, type OmiScope } from './scopes';
import { LEGACY_DEV_KEY_NAME, omiSeedKeys, type OmiSeed } from './seed';

type ApiKey = OmiComponents['schemas']['ApiKey'];
type ApiKeyCreated = OmiComponents['schemas']['ApiKeyCreated'];
type CallingApiKey = OmiMcpComponents['schemas']['CallingApiKey'];

export const OMI_KEY_PATTERN = /^omi_dev_[0-9a-f]{32}$/;
const BOOTSTRAP_KEY_NAME = 'Bootstrap key';
const LEGACY_DEV_KEY_PREFIX = 'omi_dev_legacy';
/** Per key, rolling minute, for `GET /v1/dev/key` (the real limit is not published). */
export const DEFAULT_DEV_KEY_RATE_LIMIT = 60;

interface StoredKey {
  id: string;
  name: string;
  keyPrefix: string;
  secretHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  scopes: OmiScope[] | null;
  /** Insertion counter: breaks created_at ties so newer inserts list first. */
  insertion: number;
}

interface OmiUser extends OmiIdentity {
  keysById: Map<string, StoredKey>;
  mcpKeys: McpKeyring;
}

interface Authenticated {
  user: OmiUser;
  /** The key that authenticated the request; null for a signed-in session (an ID token). */
  key: StoredKey | null;
}

/**
 * What the key endpoints accept. `session` is the public backend: only a Firebase ID token.
 * `api-key` is the sandbox before sign-in existed: only a live key of the user. `both` (the
 * default) takes an ID token when the bearer is JWT-shaped and a key otherwise.
 */
export type KeyAuthMode = 'session' | 'api-key' | 'both';
export const KEY_AUTH_MODES: readonly KeyAuthMode[] = ['session', 'api-key', 'both'];

export interface OmiAuthOptions {
  keyAuth: KeyAuthMode;
  /** The uid a current, genuine ID token speaks for (Firebase's check), or null. */
  idTokenUid: (token: string) => string | null;
}

/** A sandbox user as its creator sees it: who it is and the bootstrap key (not stored, like every secret). */
export interface CreatedOmiUser {
  uid: string;
  email: string;
  name: string;
  bootstrapKey: string;
}

export interface CreateOmiUserOptions {
  uid?: string;
  email?: string;
  name?: string;
  seed?: OmiSeed;
  bootstrapKey?: string;
}

type CreateRequest = { ok: true; name: string; scopes: OmiScope[] } | { ok: false; reply: Reply };

export function generateOmiKey(): string {
  return `omi_dev_${randomBytes(16).toString('hex')}`;
}

function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toApiKey(key: StoredKey): ApiKey {
  return {
    id: key.id,
    name: key.name,
    key_prefix: key.keyPrefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    scopes: key.scopes,
  };
}

/** Firebase-style uid: 28 random alphanumerics. */
function generateUid(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(28)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

const FIRST_USER = { email: 'sandbox@devkeys.test', name: 'Sandbox User' };
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const MAX_DISPLAY_NAME_LENGTH = 256;

export class OmiService implements IdentityDirectory {
  /** Every live key of every user, by secret hash: the authentication index. */
  private readonly keysByHash = new Map<string, { user: OmiUser; key: StoredKey }>();
  private readonly users = new Map<string, OmiUser>();
  private insertions = 0;
  private readonly mcp: McpKeyStore;
  private readonly devKeyRateLimiter: RateLimiter;

  constructor(
    private readonly now: () => Date,
    private readonly auth: OmiAuthOptions = { keyAuth: 'api-key', idTokenUid: () => null },
    options: { devKeyRateLimitPerMinute?: number } = {},
  ) {
    this.mcp = new McpKeyStore(now);
    this.devKeyRateLimiter = new RateLimiter(options.devKeyRateLimitPerMinute ?? DEFAULT_DEV_KEY_RATE_LIMIT, now);
  }

  /** Adds an independent user and returns its bootstrap key (a full-scope key of that user). */
  addUser(opts: CreateOmiUserOptions = {}): string {
    return this.createUser(opts).bootstrapKey;
  }

  /** Adds an independent user: an identity to sign in as, plus a bootstrap key. */
  createUser(opts: CreateOmiUserOptions = {}): CreatedOmiUser {
    const bootstrapKey = opts.bootstrapKey ?? generateOmiKey();
    if (!OMI_KEY_PATTERN.test(bootstrapKey)) {
      throw new Error('Omi bootstrap key must match omi_dev_ followed by 32 lowercase hex characters');
    }
    if (this.keysByHash.has(sha256Hex(bootstrapKey))) {
      throw new Error('Omi bootstrap key is already in use by another sandbox user');
    }
    const number = this.users.size + 1;
    const uid = opts.uid ?? generateUid();
    const email = opts.email ?? (number === 1 ? FIRST_USER.email : `sandbox-${number}@devkeys.test`);
    const name = opts.name ?? (number === 1 ? FIRST_USER.name : `${FIRST_USER.name} ${number}`);
    if (!isValidUid(uid)) throw new Error(`An Omi user's uid must be 1 to ${MAX_UID_LENGTH} characters`);
    if (this.users.has(uid)) throw new Error(`Omi uid '${uid}' is already in use by another sandbox user`);
    if (!EMAIL_PATTERN.test(email)) throw new Error(`Not an email address: '${email}'`);
    if ([...this.users.values()].some((other) => other.email.toLowerCase() === email.toLowerCase())) {
      throw new Error(`Email '${email}' is already in use by another sandbox user`);
    }
    if (name.length > MAX_DISPLAY_NAME_LENGTH) throw new Error(`A display name must be at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
    const user: OmiUser = { uid, email, name, disabled: false, keysById: new Map(), mcpKeys: new Map() };
    this.users.set(uid, user);
    // Seeded keys are older than the bootstrap key, so insert them first.
    for (const { legacyRecord, ...seeded } of omiSeedKeys(opts.seed ?? 'none', this.now())) {
      const key = this.insertKey(user, { ...seeded, secret: generateOmiKey() });
      if (legacyRecord) {
        key.name = LEGACY_DEV_KEY_NAME;
        key.keyPrefix = LEGACY_DEV_KEY_PREFIX;
      }
    }
    this.mcp.seed(user.mcpKeys, opts.seed ?? 'none');
    this.insertKey(user, {
      name: BOOTSTRAP_KEY_NAME,
      scopes: [...OMI_SCOPES],
      createdAt: this.now(),
      lastUsedAt: null,
      secret: bootstrapKey,
    });
    return { uid, email, name, bootstrapKey };
  }

  identity(uid: string): OmiIdentity | undefined {
    const user = this.users.get(uid);
    return user && { uid: user.uid, email: user.email, name: user.name, disabled: user.disabled };
  }

  /** From now on the user cannot sign in or refresh, and their ID tokens are refused. */
  disableUser(uid: string): void {
    const user = this.users.get(uid);
    if (!user) throw new Error(`No sandbox Omi user with uid '${uid}'`);
    user.disabled = true;
  }

  /** The uid of a signed-in, enabled user an ID token speaks for, or null. */
  signedInUid(idToken: string): string | null {
    const uid = this.auth.idTokenUid(idToken);
    const user = uid === null ? undefined : this.users.get(uid);
    return user && !user.disabled ? user.uid : null;
  }

  /**
   * Adds a Developer API key with any stored scopes (null = a legacy key, which the API cannot
   * create) to the user `ownerKey` authenticates; returns its secret. For tests and demos.
   */
  addKey(ownerKey: string, fields: { name: string; scopes: OmiScope[] | null }): string {
    const owner = this.keysByHash.get(sha256Hex(ownerKey));
    if (!owner) throw new Error('No sandbox Omi user has that key');
    const secret = generateOmiKey();
    this.insertKey(owner.user, { ...fields, createdAt: this.now(), lastUsedAt: null, secret });
    return secret;
  }

  routes(): Route[] {
    return [
      { method: 'GET', pattern: '/v1/dev/keys', handler: this.authenticated((_req, _params, { user }) => this.list(user)) },
      { method: 'POST', pattern: '/v1/dev/keys', handler: this.authenticated((req, _params, { user }) => this.create(user, req)) },
      {
        method: 'DELETE',
        pattern: '/v1/dev/keys/:key_id',
        handler: this.authenticated((_req, params, { user }) => this.revoke(user, params.key_id ?? '')),
      },
      { method: 'GET', pattern: '/v1/dev/key', handler: (req) => this.introspect(req) },
      // MCP keys are managed as the same user, through the same authentication.
      ...this.mcp.keyRoutes((handler) => this.authenticated((req, params, { user }) => handler(req, params, user.mcpKeys))),
      ...this.mcp.serverRoutes(),
    ];
  }

  private insertKey(
    user: OmiUser,
    fields: { name: string; scopes: OmiScope[] | null; createdAt: Date; lastUsedAt: Date | null; secret: string },
  ): StoredKey {
    const key: StoredKey = {
      id: randomUUID(),
      name: fields.name,
      keyPrefix: keyPrefixOf(fields.secret),
      secretHash: sha256Hex(fields.secret),
      createdAt: fields.createdAt,
      lastUsedAt: fields.lastUsedAt,
      scopes: fields.scopes,
      insertion: this.insertions++,
    };
    user.keysById.set(key.id, key);
    this.keysByHash.set(key.secretHash, { user, key });
    return key;
  }

  /**
   * The one Omi auth check, for every key endpoint (dev and MCP keys alike), per --key-auth:
   * an ID token of a signed-in user, or any live key of a user (which is then marked used).
   */
  private authenticated(handler: (req: SandboxRequest, params: Record<string, string>, auth: Authenticated) => Reply): Handler {
    return (req, params) => {
      const auth = this.authenticate(req);
      return 'reply' in auth ? auth.reply : handler(req, params, auth);
    };
  }

  private authenticate(req: SandboxRequest): Authenticated | { reply: Reply } {
    if (this.auth.keyAuth === 'session') return this.sessionAuth(req);
    const token = bearerToken(req.headers);
    if (token === null) return { reply: detail(401, MISSING_AUTHORIZATION) };
    if (this.auth.keyAuth === 'both' && looksLikeJwt(token)) return this.idTokenAuth(token);
    const auth = this.keysByHash.get(sha256Hex(token));
    if (!auth) return { reply: detail(401, 'Invalid API key') };
    auth.key.lastUsedAt = this.now();
    return auth;
  }

  /** The public backend (FastAPI's HTTPBearer, then Firebase): only an ID token gets through. */
  private sessionAuth(req: SandboxRequest): Authenticated | { reply: Reply } {
    const header = req.headers.authorization ?? '';
    const space = header.indexOf(' ');
    const scheme = space < 0 ? header : header.slice(0, space);
    const credentials = space < 0 ? '' : header.slice(space + 1).trim();
    if (scheme.toLowerCase() !== 'bearer' || credentials === '') {
      return { reply: json(401, { detail: 'Not authenticated' }, { 'WWW-Authenticate': 'Bearer' }) };
    }
    return this.idTokenAuth(credentials);
  }

  private idTokenAuth(token: string): Authenticated | { reply: Reply } {
    const uid = this.signedInUid(token);
    const user = uid === null ? undefined : this.users.get(uid);
    return user ? { user, key: null } : { reply: detail(401, 'Invalid authentication credentials') };
  }

  private list(user: OmiUser): Reply {
    const newestFirst = [...user.keysById.values()].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.insertion - a.insertion,
    );
    return json(200, newestFirst.map(toApiKey));
  }

  private create(user: OmiUser, req: SandboxRequest): Reply {
    const request = parseCreateRequest(req.body);
    if (!request.ok) return request.reply;
    const secret = generateOmiKey();
    const key = this.insertKey(user, {
      name: request.name,
      scopes: request.scopes,
      createdAt: this.now(),
      lastUsedAt: null,
      secret,
    });
    const created: ApiKeyCreated = { ...toApiKey(key), key: secret };
    return json(200, created);
  }

  /** 204 whether or not the key existed (or belonged to someone else): the real server's silent no-op. */
  private revoke(user: OmiUser, keyId: string): Reply {
    const key = user.keysById.get(keyId);
    if (key) {
      user.keysById.delete(keyId);
      this.keysByHash.delete(key.secretHash);
    }
    return json(204);
  }

  /**
   * `GET /v1/dev/key`: the calling Developer API key's own metadata and effective scopes. Only that
   * key authenticates it (not a session, not an MCP key), then the per-key rate limit applies.
   */
  private introspect(req: SandboxRequest): Reply {
    const token = bearerToken(req.headers);
    if (token === null) return detail(401, MISSING_AUTHORIZATION);
    const mismatch = wrongFamilyDetail(token, 'dev');
    if (mismatch) return detail(401, mismatch);
    const auth = this.keysByHash.get(sha256Hex(token));
    if (!auth) return detail(401, 'Invalid API Key');
    const { key } = auth;
    key.lastUsedAt = this.now();
    // Keyed by id: the limiter's memory never holds a secret.
    const admission = this.devKeyRateLimiter.admit(key.id);
    if (!admission.admitted) {
      return json(429, { detail: `Rate limit exceeded. Try again in ${admission.retryAfterSeconds}s.` }, admission.headers);
    }
    const calling: CallingApiKey = {
      id: key.id,
      name: key.name,
      key_prefix: key.keyPrefix,
      created_at: key.createdAt.toISOString(),
      last_used_at: key.lastUsedAt.toISOString(),
      scopes: key.scopes ?? [...OMI_READ_SCOPES],
    };
    return json(200, calling, admission.headers);
  }
}

/** Validates like the real FastAPI endpoint: pydantic shape errors as a list, then the endpoint's rules in its order. */
function parseCreateRequest(body: string): CreateRequest {
  const parsed = parseBodyObject(body);
  if (!parsed.ok) return parsed;
  const { name, scopes } = parsed.value;
  const refuse = (reply: Reply): CreateRequest => ({ ok: false, reply });

  const issues: ValidationIssue[] = [];
  const nameIsString = checkNameField(name, issues);
  /** null when scopes were omitted or null (both mean "read-only"). */
  let requestedScopes: unknown[] | null = null;
  if (Array.isArray(scopes)) {
    requestedScopes = scopes;
    requestedScopes.forEach((scope, index) => {
      if (typeof scope !== 'string') {
        issues.push({ loc: ['body', 'scopes', index], msg: 'Input should be a valid string', type: 'string_type' });
      }
    });
  } else if (scopes !== undefined && scopes !== null) {
    issues.push({ loc: ['body', 'scopes'], msg: 'Input should be a valid list', type: 'list_type' });
  }
  if (issues.length > 0 || !nameIsString) return refuse(detail(422, issues));

  const blank = blankNameReply(name);
  if (blank) return refuse(blank);
  if (requestedScopes !== null && !requestedScopes.every(isOmiScope)) {
    // 400, not the contract's 422; the list printed as Python prints AVAILABLE_SCOPES.
    const available = `[${OMI_SCOPES.map((scope) => `'${scope}'`).join(', ')}]`;
    return refuse(detail(400, `Invalid scopes. Available: ${available}`));
  }
  const trimmed = name.trim();
  const rawKey = rawKeyInNameReply(trimmed);
  if (rawKey) return refuse(rawKey);
  return { ok: true, name: trimmed, scopes: requestedScopes === null ? [...OMI_READ_SCOPES] : canonicalScopes(requestedScopes) };
}
