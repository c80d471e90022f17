// Omi Developer API keys (`/v1/dev/keys`): users, their keys, and the three endpoints.
// Secrets are handed out once and only their SHA-256 is kept, like the real server.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { components as OmiComponents } from '../generated/omi-api';
import { bearerToken, isPlainObject, json, parseJson, type Handler, type Reply, type Route, type SandboxRequest } from './http';
import { OMI_READ_SCOPES, OMI_SCOPES, canonicalScopes, isOmiScope, type OmiScope } from './scopes';
import { omiSeedKeys, type OmiSeed } from './seed';

type ApiKey = OmiComponents['schemas']['ApiKey'];
type ApiKeyCreated = OmiComponents['schemas']['ApiKeyCreated'];

export const OMI_KEY_PATTERN = /^omi_dev_[0-9a-f]{32}$/;
/** Anything in a key name that looks like a real secret (someone pasted a key into the name). */
const EMBEDDED_KEY_PATTERN = /omi_dev_[0-9a-f]{32}/i;
const MAX_NAME_LENGTH = 200;
const BOOTSTRAP_KEY_NAME = 'Bootstrap key';

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
}

interface Authenticated {
  user: OmiUser;
  key: StoredKey;
}

/** FastAPI/pydantic validation error item. */
interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
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

const detail = (status: number, message: string | ValidationIssue[]): Reply => json(status, { detail: message });

export class OmiService {
  /** Every live key of every user, by secret hash: the authentication index. */
  private readonly keysByHash = new Map<string, Authenticated>();
  private readonly users: OmiUser[] = [];
  private insertions = 0;

  constructor(private readonly now: () => Date) {}

  /** Adds an independent user and returns its bootstrap key (a full-scope key of that user). */
  addUser(opts: { seed?: OmiSeed; bootstrapKey?: string } = {}): string {
    const bootstrapKey = opts.bootstrapKey ?? generateOmiKey();
    if (!OMI_KEY_PATTERN.test(bootstrapKey)) {
      throw new Error('Omi bootstrap key must match omi_dev_ followed by 32 lowercase hex characters');
    }
    if (this.keysByHash.has(sha256Hex(bootstrapKey))) {
      throw new Error('Omi bootstrap key is already in use by another sandbox user');
    }
    const user: OmiUser = { keysById: new Map() };
    this.users.push(user);
    // Seeded keys are older than the bootstrap key, so insert them first.
    for (const seeded of omiSeedKeys(opts.seed ?? 'none', this.now())) {
      this.insertKey(user, { ...seeded, secret: generateOmiKey() });
    }
    this.insertKey(user, {
      name: BOOTSTRAP_KEY_NAME,
      scopes: [...OMI_SCOPES],
      createdAt: this.now(),
      lastUsedAt: null,
      secret: bootstrapKey,
    });
    return bootstrapKey;
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

  private revoke(user: OmiUser, keyId: string): Reply {
    const key = user.keysById.get(keyId);
    if (!key) return detail(404, 'API key not found');
    user.keysById.delete(keyId);
    this.keysByHash.delete(key.secretHash);
    return json(204);
  }
}

/** Validates like the real FastAPI endpoint: pydantic shape errors as a list, then string details. */
function parseCreateRequest(body: string): CreateRequest {
  const invalid = (status: number, message: string | ValidationIssue[]): CreateRequest => ({
    ok: false,
    reply: detail(status, message),
  });
  if (body.trim() === '') return invalid(422, [{ loc: ['body'], msg: 'Field required', type: 'missing' }]);
  const parsed = parseJson(body);
  if (!parsed.ok) return invalid(422, [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]);
  if (!isPlainObject(parsed.value)) {
    return invalid(422, [
      { loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_attributes_type' },
    ]);
  }
  const { name, scopes } = parsed.value;

  const issues: ValidationIssue[] = [];
  if (name === undefined) issues.push({ loc: ['body', 'name'], msg: 'Field required', type: 'missing' });
  else if (typeof name !== 'string') issues.push({ loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' });
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
  if (issues.length > 0 || typeof name !== 'string') return invalid(422, issues);

  const trimmed = name.trim();
  if (trimmed === '') return invalid(422, 'Key name cannot be empty');
  if (trimmed.length > MAX_NAME_LENGTH) return invalid(422, `Key name must be at most ${MAX_NAME_LENGTH} characters`);
  if (EMBEDDED_KEY_PATTERN.test(trimmed)) return invalid(422, 'Key name must not contain an API key');

  if (requestedScopes === null) return { ok: true, name: trimmed, scopes: [...OMI_READ_SCOPES] };
  if (!requestedScopes.every(isOmiScope)) {
    // Python list repr, as the real server formats AVAILABLE_SCOPES.
    const available = `[${OMI_SCOPES.map((scope) => `'${scope}'`).join(', ')}]`;
    return invalid(422, `Invalid scopes. Available: ${available}`);
  }
  return { ok: true, name: trimmed, scopes: canonicalScopes(requestedScopes) };
}
