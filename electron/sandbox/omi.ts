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
import { wrongFamilyDetail } from './key-families';
import { McpKeyStore, type McpKeyring } from './mcp';
import { RateLimiter } from './rate-limit';
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

interface OmiUser {
  keysById: Map<string, StoredKey>;
  mcpKeys: McpKeyring;
}

interface Authenticated {
  user: OmiUser;
  key: StoredKey;
}

type CreateRequest = { ok: true; name: string; scopes: OmiScope[] } | { ok: false; reply: Reply };

export function generateOmiKey(): string {
  return `omi_dev_${randomBytes(16).toString('hex')}`;
}

function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function keyPrefixOf(secret: string): string {
  const hex = secret.slice('omi_dev_'.length);
  return `omi_dev_${hex.slice(0, 4)}...${hex.slice(-4)}`;
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

export class OmiService {
  /** Every live key of every user, by secret hash: the authentication index. */
  private readonly keysByHash = new Map<string, Authenticated>();
  private readonly users: OmiUser[] = [];
  private insertions = 0;
  private readonly mcp: McpKeyStore;
  private readonly devKeyRateLimiter: RateLimiter;

  constructor(
    private readonly now: () => Date,
    options: { devKeyRateLimitPerMinute?: number } = {},
  ) {
    this.mcp = new McpKeyStore(now);
    this.devKeyRateLimiter = new RateLimiter(options.devKeyRateLimitPerMinute ?? DEFAULT_DEV_KEY_RATE_LIMIT, now);
  }

  /** Adds an independent user and returns its bootstrap key (a full-scope key of that user). */
  addUser(opts: { seed?: OmiSeed; bootstrapKey?: string } = {}): string {
    const bootstrapKey = opts.bootstrapKey ?? generateOmiKey();
    if (!OMI_KEY_PATTERN.test(bootstrapKey)) {
      throw new Error('Omi bootstrap key must match omi_dev_ followed by 32 lowercase hex characters');
    }
    if (this.keysByHash.has(sha256Hex(bootstrapKey))) {
      throw new Error('Omi bootstrap key is already in use by another sandbox user');
    }
    const user: OmiUser = { keysById: new Map(), mcpKeys: new Map() };
    this.users.push(user);
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
    return bootstrapKey;
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

  /** The one Omi auth check: any live key of a user authenticates as that user and is marked used. */
  private authenticated(handler: (req: SandboxRequest, params: Record<string, string>, auth: Authenticated) => Reply): Handler {
    return (req, params) => {
      const token = bearerToken(req.headers);
      if (token === null) return detail(401, "Missing or invalid Authorization header. Must be 'Bearer API_KEY'");
      const auth = this.keysByHash.get(sha256Hex(token));
      if (!auth) return detail(401, 'Invalid API key');
      auth.key.lastUsedAt = this.now();
      return handler(req, params, auth);
    };
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
