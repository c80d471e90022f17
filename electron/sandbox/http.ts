// Transport-neutral request/reply types, the one JSON reply helper and the one router
// shared by both provider APIs and the fault admin endpoint.
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw request body as UTF-8 text ('' when there is none). */
  body: string;
}

/** What a handler answers; the server turns it into bytes (or, under a fault, into something worse). */
export interface Reply {
  status: number;
  /** Serialised as JSON; undefined means an empty body (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON body sent as is (the sign-in consent page); takes precedence over `body`. */
  text?: { contentType: string; content: string };
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function html(status: number, content: string, headers?: Record<string, string>): Reply {
  return { status, headers, text: { contentType: 'text/html; charset=utf-8', content } };
}

/** FastAPI/pydantic validation error item (the `detail` list of a 422). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** The value FastAPI binds for a repeated query or form field: the last one (Starlette's multidict). */
export function lastValue(params: URLSearchParams, name: string): string | null {
  return params.getAll(name).at(-1) ?? null;
}

export type Handler = (req: SandboxRequest, params: Record<string, string>) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  /** Path pattern; a segment written `:name` matches one non-empty segment. */
  pattern: string;
  handler: Handler;
}

export type Router = (req: SandboxRequest) => Promise<Reply>;

/** One router for every path: 404 when no pattern matches, 405 when only the method is wrong. */
export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map((route) => ({ ...route, segments: route.pattern.split('/') }));
  return async (req) => {
    const requestSegments = req.path.split('/');
    let pathMatched = false;
    for (const route of compiled) {
      const params = matchSegments(route.segments, requestSegments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === req.method) return route.handler(req, params);
    }
    return pathMatched
      ? json(405, { detail: 'Method Not Allowed' })
      : json(404, { detail: 'Not Found' });
  };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const segment = actual[i] ?? '';
    if (expected.startsWith(':')) {
      if (segment === '') return null;
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return null;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== segment) {
      return null;
    }
  }
  return params;
}

/** The token of an `Authorization: Bearer <token>` header, or null when missing/malformed. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? '');
  return match?.[1] ?? null;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
