// Omi MCP keys: `/v1/mcp/keys` (managed with the same user authentication as /v1/dev/keys, which
// the caller passes in) and the hosted MCP server's endpoint `POST /v1/mcp` (Streamable HTTP,
// JSON-RPC 2.0), which MCP keys authenticate. The server side is minimal: it answers
// `initialize`, `ping` and `tools/list` (no tools: the sandbox holds no user data).
// Secrets are handed out once and only their SHA-256 is kept, like the real server.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { components } from '../generated/omi-mcp-api';
import {
  MISSING_AUTHORIZATION, blankNameReply, checkNameField, detail, parseBodyObject, rawKeyInNameReply, type ValidationIssue,
} from './fastapi';
import { bearerToken, isPlainObject, json, parseJson, type Handler, type Reply, type Route, type SandboxRequest } from './http';
import { keyPrefixOf, MCP_KEY_PREFIX, wrongFamilyDetail } from './key-families';
import { MCP_SCOPES } from './scopes';
import { mcpSeedKeys, LEGACY_MCP_KEY_NAME, type OmiSeed } from './seed';

type McpApiKey = components['schemas']['McpApiKey'];
type McpApiKeyCreated = components['schemas']['McpApiKeyCreated'];
type InitializeResult = components['schemas']['InitializeResult'];
type JsonRpcResponse = components['schemas']['JsonRpcResponse'];
type JsonRpcId = components['schemas']['JsonRpcId'];

export const MCP_KEY_PATTERN = /^omi_mcp_[0-9a-f]{32}$/;
export const MCP_APP_ID = 'mcp-api';
const LEGACY_MCP_KEY_PREFIX = 'omi_mcp_legacy';

/** Protocol revisions with the Streamable HTTP transport, newest first. */
export const MCP_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'] as const;
/** What the real Omi server calls itself in `initialize`. */
export const MCP_SERVER_INFO = { name: 'omi-mcp-server', version: '1.0.0' } as const;

export interface StoredMcpKey {
  id: string;
  name: string;
  keyPrefix: string;
  secretHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Insertion counter: breaks created_at ties so newer inserts list first. */
  insertion: number;
}

/** One user's MCP keys by id; the user record holds it. */
export type McpKeyring = Map<string, StoredMcpKey>;

/** Wraps a handler in the user authentication of the key-management routes (the Omi user's session). */
export type UserAuth = (handler: (req: SandboxRequest, params: Record<string, string>, keyring: McpKeyring) => Reply) => Handler;

export function generateMcpKey(): string {
  return `${MCP_KEY_PREFIX}${randomBytes(16).toString('hex')}`;
}

function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toMcpApiKey(key: StoredMcpKey): McpApiKey {
  return {
    id: key.id,
    name: key.name,
    key_prefix: key.keyPrefix,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    app_id: MCP_APP_ID,
    scopes: [...MCP_SCOPES],
  };
}

/** Every user's MCP keys: one store per sandbox, with the authentication index of the MCP server. */
export class McpKeyStore {
  private readonly keysByHash = new Map<string, StoredMcpKey>();
  private insertions = 0;

  constructor(private readonly now: () => Date) {}

  /** Adds a user's seeded MCP keys to its (new) keyring. */
  seed(keyring: McpKeyring, seed: OmiSeed): void {
    for (const seeded of mcpSeedKeys(seed, this.now())) {
      const key = this.insert(keyring, seeded.name, seeded.createdAt, generateMcpKey());
      key.lastUsedAt = seeded.lastUsedAt;
      if (seeded.legacyRecord) {
        key.name = LEGACY_MCP_KEY_NAME;
        key.keyPrefix = LEGACY_MCP_KEY_PREFIX;
      }
    }
  }

  /** `/v1/mcp/keys`, authenticated by `userAuth` exactly like `/v1/dev/keys`. */
  keyRoutes(userAuth: UserAuth): Route[] {
    return [
      { method: 'GET', pattern: '/v1/mcp/keys', handler: userAuth((_req, _params, keyring) => this.list(keyring)) },
      { method: 'POST', pattern: '/v1/mcp/keys', handler: userAuth((req, _params, keyring) => this.create(keyring, req.body)) },
      {
        method: 'DELETE',
        pattern: '/v1/mcp/keys/:key_id',
        handler: userAuth((_req, params, keyring) => this.revoke(keyring, params.key_id ?? '')),
      },
    ];
  }

  /** `POST /v1/mcp`, the MCP server, authenticated by an MCP key. GET/DELETE answer 405 (no SSE stream, no sessions). */
  serverRoutes(): Route[] {
    return [{ method: 'POST', pattern: '/v1/mcp', handler: (req) => this.serve(req) }];
  }

  private insert(keyring: McpKeyring, name: string, createdAt: Date, secret: string): StoredMcpKey {
    const key: StoredMcpKey = {
      id: randomUUID(),
      name,
      keyPrefix: keyPrefixOf(secret),
      secretHash: sha256Hex(secret),
      createdAt,
      lastUsedAt: null,
      insertion: this.insertions++,
    };
    keyring.set(key.id, key);
    this.keysByHash.set(key.secretHash, key);
    return key;
  }

  private list(keyring: McpKeyring): Reply {
    const newestFirst = [...keyring.values()].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.insertion - a.insertion,
    );
    return json(200, newestFirst.map(toMcpApiKey));
  }

  private create(keyring: McpKeyring, body: string): Reply {
    const parsed = parseBodyObject(body);
    if (!parsed.ok) return parsed.reply;
    // The model has only `name`; other fields (a `scopes` list, say) are ignored, as pydantic does.
    const { name } = parsed.value;
    const issues: ValidationIssue[] = [];
    if (!checkNameField(name, issues)) return detail(422, issues);
    const refused = blankNameReply(name) ?? rawKeyInNameReply(name.trim());
    if (refused) return refused;
    const secret = generateMcpKey();
    const key = this.insert(keyring, name.trim(), this.now(), secret);
    const created: McpApiKeyCreated = { ...toMcpApiKey(key), key: secret };
    return json(200, created);
  }

  /** 204 whether or not the key existed (or belonged to someone else): the real server's silent no-op. */
  private revoke(keyring: McpKeyring, keyId: string): Reply {
    const key = keyring.get(keyId);
    if (key) {
      keyring.delete(keyId);
      this.keysByHash.delete(key.secretHash);
    }
    return json(204);
  }

  // -------------------------------------------------------------------------------------------
  // The MCP server endpoint

  private serve(req: SandboxRequest): Reply {
    if (!isLocalOrigin(req.headers.origin)) return transportError(403, -32000, 'Forbidden: Origin not allowed');

    const token = bearerToken(req.headers);
    if (token === null) return detail(401, MISSING_AUTHORIZATION);
    const mismatch = wrongFamilyDetail(token, 'mcp');
    if (mismatch) return detail(401, mismatch);
    const key = this.keysByHash.get(sha256Hex(token));
    if (!key) return detail(401, 'Invalid API Key');
    key.lastUsedAt = this.now();

    if (!(accepts(req.headers.accept, 'application/json') && accepts(req.headers.accept, 'text/event-stream'))) {
      return transportError(406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    }
    if (mediaType(req.headers['content-type']) !== 'application/json') {
      return transportError(415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    }
    const versionHeader = req.headers['mcp-protocol-version'];
    if (versionHeader !== undefined && !isSupportedVersion(versionHeader)) {
      return transportError(
        400,
        -32000,
        `Bad Request: Unsupported protocol version (supported versions: ${MCP_PROTOCOL_VERSIONS.join(', ')})`,
      );
    }

    const parsed = parseJson(req.body);
    if (!parsed.ok) return transportError(400, -32700, 'Parse error');
    const message = classify(parsed.value);
    switch (message.kind) {
      case 'invalid':
        return transportError(400, -32600, `Invalid Request: ${message.reason}`, message.id);
      case 'notification':
      case 'response':
        return json(202);
      case 'request':
        return json(200, answer(message.id, message.method, message.params));
    }
  }
}

type Classified =
  | { kind: 'request'; id: JsonRpcId; method: string; params: unknown }
  | { kind: 'notification' }
  | { kind: 'response' }
  | { kind: 'invalid'; reason: string; id: JsonRpcId | null };

function isJsonRpcId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || Number.isInteger(value);
}

/** What one POSTed JSON-RPC message is. A batch (array) is not allowed since protocol 2025-06-18. */
function classify(value: unknown): Classified {
  if (Array.isArray(value)) return { kind: 'invalid', reason: 'send one JSON-RPC message per request (no batches)', id: null };
  if (!isPlainObject(value)) return { kind: 'invalid', reason: 'a JSON-RPC message must be an object', id: null };
  const id = isJsonRpcId(value.id) ? value.id : null;
  if (value.jsonrpc !== '2.0') return { kind: 'invalid', reason: 'jsonrpc must be "2.0"', id };
  if ('id' in value && id === null) return { kind: 'invalid', reason: 'id must be a string or an integer', id: null };
  if ('method' in value) {
    if (typeof value.method !== 'string') return { kind: 'invalid', reason: 'method must be a string', id };
    // JSON-RPC allows an object or an array; whether a method takes either is that method's business (-32602).
    if (value.params !== undefined && (typeof value.params !== 'object' || value.params === null)) {
      return { kind: 'invalid', reason: 'params must be an object or an array', id };
    }
    return id === null ? { kind: 'notification' } : { kind: 'request', id, method: value.method, params: value.params };
  }
  if (id !== null && ('result' in value || 'error' in value)) return { kind: 'response' };
  return { kind: 'invalid', reason: 'a message needs a method, or an id with a result or an error', id };
}

function answer(id: JsonRpcId, method: string, params: unknown): JsonRpcResponse {
  const result = (value: Record<string, unknown>): JsonRpcResponse => ({ jsonrpc: '2.0', id, result: value });
  const error = (code: number, message: string): JsonRpcResponse => ({ jsonrpc: '2.0', id, error: { code, message } });
  switch (method) {
    case 'initialize': {
      const problem = initializeParamsProblem(params);
      if (problem) return error(-32602, `Invalid params: ${problem}`);
      const requested = (params as { protocolVersion: string }).protocolVersion;
      const initialized: InitializeResult = {
        // The requested revision when supported, else the newest this server speaks (the client decides).
        protocolVersion: isSupportedVersion(requested) ? requested : MCP_PROTOCOL_VERSIONS[0],
        capabilities: { tools: {} },
        serverInfo: { ...MCP_SERVER_INFO },
      };
      return result(initialized);
    }
    case 'ping':
      return result({});
    case 'tools/list':
      return result({ tools: [] });
    default:
      return error(-32601, 'Method not found');
  }
}

function initializeParamsProblem(params: unknown): string | null {
  if (!isPlainObject(params)) return 'initialize needs params';
  if (typeof params.protocolVersion !== 'string') return 'protocolVersion must be a string';
  if (!isPlainObject(params.capabilities)) return 'capabilities must be an object';
  const { clientInfo } = params;
  if (!isPlainObject(clientInfo) || typeof clientInfo.name !== 'string' || typeof clientInfo.version !== 'string') {
    return 'clientInfo must be an object with a name and a version';
  }
  return null;
}

function isSupportedVersion(version: unknown): version is (typeof MCP_PROTOCOL_VERSIONS)[number] {
  return MCP_PROTOCOL_VERSIONS.some((supported) => supported === version);
}

/** A JSON-RPC error for a message the transport refuses (HTTP status ≠ 200). */
function transportError(status: number, code: number, message: string, id: JsonRpcId | null = null): Reply {
  const body: JsonRpcResponse = { jsonrpc: '2.0', id, error: { code, message } };
  return json(status, body);
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Whether an Accept header lists `type` itself with a non-zero quality. Wildcards do not count: the
 * transport requires clients to name both types, and the MCP SDKs' servers check exactly that.
 */
function accepts(header: IncomingHttpHeaders['accept'], type: string): boolean {
  return (header ?? '').split(',').some((range) => {
    const [media = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    return media === type && !params.some((param) => /^q=0(?:\.0{0,3})?$/.test(param));
  });
}

/** The Streamable HTTP transport's DNS-rebinding guard: a browser page may only call from this machine. */
function isLocalOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const { hostname } = new URL(origin);
    return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}
