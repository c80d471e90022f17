// Omni API tokens (`/api/v1/api-keys`): organizations, their tokens, cursor paging that stays
// stable under deletes, and the per-token rate limit.
import { randomBytes, randomUUID } from 'node:crypto';
import type { components as OmniComponents } from '../generated/omni-api';
import { bearerToken, isPlainObject, json, parseJson, type Handler, type Reply, type Route, type SandboxRequest } from './http';
import { RateLimiter } from './rate-limit';
import { omniSeedTokens, type OmniSeed, type OmniTokenType } from './seed';

type ApiToken = OmniComponents['schemas']['ApiKey'];
type ApiTokenList = OmniComponents['schemas']['ApiKeyListResponse'];
type ApiTokenDeleted = OmniComponents['schemas']['ApiKeyDeleteResponse'];

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_TYPES: readonly OmniTokenType[] = ['organization', 'personal', 'mcp'];
const SORT_FIELDS = ['createdAt', 'name'] as const;
const SORT_DIRECTIONS = ['asc', 'desc'] as const;

type SortField = (typeof SORT_FIELDS)[number];
type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Where a token sorts; kept after deletion so its id still works as a cursor. */
type SortKey = Pick<ApiToken, 'id' | 'name' | 'createdAt'>;

interface OmniOrg {
  tokensById: Map<string, ApiToken>;
  deletedSortKeys: Map<string, SortKey>;
}

interface ListQuery {
  cursor: string | null;
  pageSize: number;
  sortField: SortField;
  sortDirection: SortDirection;
  type: OmniTokenType | null;
}

type Access = 'read' | 'write';

export function generateOmniToken(): string {
  return `omni_sbx_${randomBytes(16).toString('hex')}`;
}

const omniError = (status: number, message: string, headers?: Record<string, string>): Reply =>
  json(status, { detail: message, status }, headers);

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order: the sort field, then createdAt (ISO strings of one format sort as text), then id. */
function tokenComparator(field: SortField, direction: SortDirection): (a: SortKey, b: SortKey) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) =>
    sign *
    ((field === 'name' ? compareStrings(a.name, b.name) : 0) ||
      compareStrings(a.createdAt, b.createdAt) ||
      compareStrings(a.id, b.id));
}

export class OmniService {
  private readonly orgsByAdminToken = new Map<string, OmniOrg>();
  private readonly rateLimiter: RateLimiter;

  constructor(
    private readonly now: () => Date,
    rateLimitPerMinute: number,
  ) {
    if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
      throw new RangeError('omniRateLimitPerMinute must be a non-negative integer');
    }
    this.rateLimiter = new RateLimiter(rateLimitPerMinute, now);
  }

  /** Adds an independent organization and returns its admin token (not itself listed as a record). */
  addOrg(opts: { seed?: OmniSeed; token?: string } = {}): string {
    const adminToken = opts.token ?? generateOmniToken();
    if (!/^\S+$/.test(adminToken)) throw new Error('Omni token must be non-empty and contain no whitespace');
    if (this.orgsByAdminToken.has(adminToken)) throw new Error('Omni token is already in use by another sandbox org');
    const org: OmniOrg = { tokensById: new Map(), deletedSortKeys: new Map() };
    for (const seeded of omniSeedTokens(opts.seed ?? 'none', this.now())) {
      const token: ApiToken = {
        id: randomUUID(),
        name: seeded.name,
        type: seeded.type,
        enabled: seeded.enabled,
        createdAt: seeded.createdAt.toISOString(),
        membershipId: seeded.membershipId,
      };
      org.tokensById.set(token.id, token);
    }
    this.orgsByAdminToken.set(adminToken, org);
    return adminToken;
  }

  routes(): Route[] {
    const base = '/api/v1/api-keys';
    return [
      { method: 'GET', pattern: base, handler: this.authenticated('read', (req, _id, org) => this.list(org, req.query)) },
      { method: 'GET', pattern: `${base}/:id`, handler: this.authenticated('read', (_req, id, org) => this.get(org, id)) },
      { method: 'PUT', pattern: `${base}/:id`, handler: this.authenticated('write', (req, id, org) => this.setEnabled(org, id, req.body)) },
      { method: 'DELETE', pattern: `${base}/:id`, handler: this.authenticated('write', (_req, id, org) => this.revoke(org, id)) },
    ];
  }

  /**
   * The one Omni auth check, then the rate limit. Reads answer 401 for any auth problem;
   * writes answer 400 for a missing/malformed header and 403 for an unknown token (per contract).
   */
  private authenticated(access: Access, handler: (req: SandboxRequest, id: string, org: OmniOrg) => Reply): Handler {
    return (req, params) => {
      const token = bearerToken(req.headers);
      const org = token === null ? undefined : this.orgsByAdminToken.get(token);
      if (token === null || !org) {
        if (access === 'read') return omniError(401, 'Authentication required');
        return token === null ? omniError(400, 'Missing or malformed Authorization header') : omniError(403, 'Invalid bearer token');
      }
      const admission = this.rateLimiter.admit(token);
      if (!admission.admitted) return omniError(429, 'Rate limit exceeded', admission.headers);
      const reply = handler(req, params.id ?? '', org);
      return { ...reply, headers: { ...reply.headers, ...admission.headers } };
    };
  }

  private list(org: OmniOrg, params: URLSearchParams): Reply {
    const parsed = parseListQuery(params);
    if (!parsed.ok) return omniError(400, parsed.detail);
    const { query } = parsed;
    const compare = tokenComparator(query.sortField, query.sortDirection);
    const matching = [...org.tokensById.values()]
      .filter((token) => query.type === null || token.type === query.type)
      .sort(compare);

    let start = 0;
    if (query.cursor !== null) {
      const cursorKey = org.tokensById.get(query.cursor) ?? org.deletedSortKeys.get(query.cursor);
      if (!cursorKey) return omniError(400, 'Invalid cursor: no API token with this id');
      // Continue strictly after where the cursor sorts, whether or not it still exists.
      const after = matching.findIndex((token) => compare(token, cursorKey) > 0);
      start = after === -1 ? matching.length : after;
    }
    const records = matching.slice(start, start + query.pageSize);
    const hasNextPage = start + records.length < matching.length;
    const body: ApiTokenList = {
      pageInfo: {
        hasNextPage,
        nextCursor: hasNextPage ? (records.at(-1)?.id ?? null) : null,
        pageSize: query.pageSize,
        totalRecords: matching.length,
      },
      records,
    };
    return json(200, body);
  }

  /** The token, or the 400/404 reply explaining why there is none. */
  private find(org: OmniOrg, id: string): { ok: true; token: ApiToken } | { ok: false; reply: Reply } {
    if (!UUID_PATTERN.test(id)) return { ok: false, reply: omniError(400, 'Invalid id: must be a UUID') };
    const token = org.tokensById.get(id);
    return token ? { ok: true, token } : { ok: false, reply: omniError(404, 'API token not found') };
  }

  private get(org: OmniOrg, id: string): Reply {
    const found = this.find(org, id);
    return found.ok ? json(200, found.token) : found.reply;
  }

  private setEnabled(org: OmniOrg, id: string, body: string): Reply {
    const found = this.find(org, id);
    if (!found.ok) return found.reply;
    const parsed = parseJson(body);
    const update = parsed.ok ? parsed.value : undefined;
    if (!isPlainObject(update) || Object.keys(update).join() !== 'enabled' || typeof update.enabled !== 'boolean') {
      return omniError(400, 'Invalid body: expected exactly {"enabled": boolean}');
    }
    if (found.token.type !== 'organization') {
      return omniError(400, 'Only organization API tokens can be enabled or disabled');
    }
    found.token.enabled = update.enabled;
    return json(200, found.token);
  }

  private revoke(org: OmniOrg, id: string): Reply {
    const found = this.find(org, id);
    if (!found.ok) return found.reply;
    const { name, createdAt } = found.token;
    org.tokensById.delete(id);
    org.deletedSortKeys.set(id, { id, name, createdAt });
    const body: ApiTokenDeleted = { message: 'API token revoked', success: true };
    return json(200, body);
  }
}

/** Thrown inside parseListQuery for the first invalid parameter; becomes a 400. */
class InvalidQuery extends Error {}

function enumParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | null {
  const value = params.get(name);
  if (value === null) return null;
  const match = allowed.find((option) => option === value);
  if (match === undefined) throw new InvalidQuery(`Invalid ${name}: must be one of ${allowed.join(', ')}`);
  return match;
}

function parseListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; detail: string } {
  try {
    const rawPageSize = params.get('pageSize');
    const pageSize = rawPageSize === null ? 20 : /^\d+$/.test(rawPageSize) ? Number(rawPageSize) : NaN;
    if (!(pageSize >= 1 && pageSize <= 100)) throw new InvalidQuery('Invalid pageSize: must be an integer from 1 to 100');
    const cursor = params.get('cursor');
    if (cursor !== null && !UUID_PATTERN.test(cursor)) throw new InvalidQuery('Invalid cursor: must be a UUID');
    return {
      ok: true,
      query: {
        cursor,
        pageSize,
        sortField: enumParam(params, 'sortField', SORT_FIELDS) ?? 'createdAt',
        sortDirection: enumParam(params, 'sortDirection', SORT_DIRECTIONS) ?? 'desc',
        type: enumParam(params, 'type', TOKEN_TYPES),
      },
    };
  } catch (error) {
    if (error instanceof InvalidQuery) return { ok: false, detail: error.message };
    throw error;
  }
}
