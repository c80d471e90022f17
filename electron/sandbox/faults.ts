// Fault injection: a queue of misbehaviours applied to the next matching requests, managed
// through `/__sandbox/faults`, so clients can be tested against slow, failing and lying servers.
import { REFRESH_TOKEN_PATH, SERVICE_UNAVAILABLE_BODY } from './auth/firebase';
import { TOKEN_GENERATION_FAILED, TOKEN_PATH } from './auth/sign-in';
import { isPlainObject, json, parseJson, type Reply, type Route } from './http';

export const FAULT_KINDS = [
  'latency', 'status500', 'rate_limit', 'reset', 'malformed_json', 'lose_create_response', 'revoke_unavailable',
  // Sign-in: /v1/auth/token answers 502 (after using up the code); the token refresh answers 503.
  'token_bad_gateway', 'refresh_unavailable',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** How many more matching requests this fault applies to. */
  times: number;
  /** latency only. */
  ms: number;
  /** rate_limit only: seconds. */
  retryAfter: number;
  /** Upper-case method to match, or null for any. */
  method: string | null;
  /** Path prefix to match ('/' = any). */
  path: string;
}

/** What the server should do with a request: answer it (maybe garbled), or drop the connection. */
export type FaultOutcome = { kind: 'reply'; reply: Reply; malformed: boolean } | { kind: 'drop' };

const ADMIN_PATH = '/__sandbox/faults';
const DEFAULT_METHOD: Partial<Record<FaultKind, string>> = { lose_create_response: 'POST', revoke_unavailable: 'DELETE' };
const FAULT_FIELDS = ['kind', 'times', 'ms', 'retryAfter', 'method', 'path'];
const DEFAULT_LATENCY_MS = 1000;
const DEFAULT_RETRY_AFTER_S = 2;
const MAX_LATENCY_MS = 120_000;
/** Omi key revokes, the only requests a `revoke_unavailable` fault applies to. */
const OMI_REVOKE_PATH = /^\/v1\/(?:dev|mcp)\/keys\/[^/]+$/;

/** Whether a pending fault applies to this request (never to admin requests). */
function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== null && fault.method !== method.toUpperCase()) return false;
  if (!path.startsWith(fault.path)) return false;
  return fault.kind !== 'revoke_unavailable' || OMI_REVOKE_PATH.test(path);
}
/** Faults meant for one endpoint apply there unless the request names another method or path. */
const KIND_TARGETS: Partial<Record<FaultKind, { method: string; path: string }>> = {
  token_bad_gateway: { method: 'POST', path: TOKEN_PATH },
  refresh_unavailable: { method: 'POST', path: REFRESH_TOKEN_PATH },
};

export function isAdminPath(path: string): boolean {
  return path === '/__sandbox' || path.startsWith('/__sandbox/');
}

export class FaultQueue {
  private pending: Fault[] = [];

  routes(): Route[] {
    return [
      { method: 'GET', pattern: ADMIN_PATH, handler: () => json(200, { faults: this.pending }) },
      { method: 'POST', pattern: ADMIN_PATH, handler: (req) => this.add(req.body) },
      {
        method: 'DELETE',
        pattern: ADMIN_PATH,
        handler: () => {
          const cleared = this.pending.length;
          this.pending = [];
          return json(200, { cleared });
        },
      },
    ];
  }

  /** Consumes one use of the first pending fault matching this request (never admin requests). */
  take(method: string, path: string): Fault | null {
    if (isAdminPath(path)) return null;
    const index = this.pending.findIndex((fault) => matches(fault, method, path));
    const fault = this.pending[index];
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times === 0) this.pending.splice(index, 1);
    return { ...fault };
  }

  private add(body: string): Reply {
    const parsed = parseJson(body);
    const fault = parsed.ok ? parseFault(parsed.value) : 'Body must be JSON';
    if (typeof fault === 'string') return json(400, { detail: fault });
    this.pending.push(fault);
    return json(200, { fault });
  }
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

/** A validated fault, or a message saying what is wrong with the request. */
function parseFault(input: unknown): Fault | string {
  if (!isPlainObject(input)) return 'Body must be a JSON object';
  const unknownField = Object.keys(input).find((field) => !FAULT_FIELDS.includes(field));
  if (unknownField !== undefined) return `Unknown field '${unknownField}'`;
  const { kind, times = 1, ms = DEFAULT_LATENCY_MS, retryAfter = DEFAULT_RETRY_AFTER_S, method } = input;
  const isKind = (value: unknown): value is FaultKind => FAULT_KINDS.some((k) => k === value);
  if (!isKind(kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  const target = KIND_TARGETS[kind];
  const { path = target?.path ?? '/' } = input;
  if (!isInteger(times) || times < 1) return 'times must be a positive integer';
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_LATENCY_MS)) return `ms must be a number from 0 to ${MAX_LATENCY_MS}`;
  if (!isInteger(retryAfter) || retryAfter < 0) return 'retryAfter must be a non-negative integer';
  if (method !== undefined && (typeof method !== 'string' || method === '')) return 'method must be a non-empty string';
  if (typeof path !== 'string' || !path.startsWith('/')) return "path must be a string starting with '/'";
  if (kind === 'revoke_unavailable' && method !== undefined && method.toUpperCase() !== 'DELETE') {
    return 'revoke_unavailable applies to DELETE only';
  }
  return {
    kind,
    times,
    ms,
    retryAfter,
    // Losing a create response only makes sense for the create call, a failed revoke for a revoke;
    // the sign-in faults aim at their endpoint.
    method: typeof method === 'string' ? method.toUpperCase() : (DEFAULT_METHOD[kind] ?? target?.method ?? null),
    path,
  };
}

function delay(ms: number): Promise<void> {
  // unref: a pending latency fault must not keep a closed sandbox's process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Runs `perform` (the real handling) under a fault, if any. */
export async function runWithFault(fault: Fault | null, perform: () => Promise<Reply>): Promise<FaultOutcome> {
  const reply = (value: Reply, malformed = false): FaultOutcome => ({ kind: 'reply', reply: value, malformed });
  switch (fault?.kind) {
    case undefined:
      return reply(await perform());
    case 'latency':
      await delay(fault.ms);
      return reply(await perform());
    case 'status500':
      return reply(json(500, { detail: 'Internal Server Error' }));
    case 'rate_limit':
      return reply(
        json(429, { detail: `Rate limit exceeded. Try again in ${fault.retryAfter}s.` }, {
          'Retry-After': String(fault.retryAfter),
          'X-RateLimit-Limit': '60',
          'X-RateLimit-Remaining': '0',
        }),
      );
    case 'reset':
      return { kind: 'drop' };
    case 'malformed_json':
      return reply(await perform(), true);
    case 'lose_create_response':
      await perform();
      return { kind: 'drop' };
    case 'revoke_unavailable':
      // The key is not revoked (it still works); a retry, without the fault, revokes it.
      return reply(json(503, { detail: 'API key revocation temporarily unavailable' }));
    case 'token_bad_gateway': {
      // The backend deletes the code before minting the custom token fails.
      const handled = await perform();
      return reply(handled.status === 200 ? json(502, { detail: TOKEN_GENERATION_FAILED }) : handled);
    }
    case 'refresh_unavailable':
      return reply(json(503, SERVICE_UNAVAILABLE_BODY));
  }
}
