/**
 * Test helpers for the session module: a scripted fetch that plays Omi's /v1/auth/token and
 * Firebase's two endpoints, and unsigned JWT builders (the claims are what the client reads).
 */
import type { Fetch } from './auth-http';

export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export interface Scripted {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Throw instead of answering (a network failure). */
  fail?: boolean;
}

export interface RecordedRequest {
  url: string;
  method: string;
  body: string;
}

/** A fetch that answers each request from the first matching route's queue (the last entry repeats). */
export function scriptedFetch(routes: Record<string, Scripted[]>): { fetch: Fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch: Fetch = async (input, init) => {
    const body = init.body instanceof URLSearchParams ? init.body.toString() : typeof init.body === 'string' ? init.body : '';
    requests.push({ url: input, method: init.method ?? 'GET', body });
    const key = Object.keys(routes).find((route) => input.includes(route));
    const queue = key ? routes[key] : undefined;
    if (!queue || queue.length === 0) return new Response('{"detail":"Not Found"}', { status: 404 });
    const next = (queue.length > 1 ? queue.shift() : queue[0]) as Scripted;
    if (next.fail) throw new TypeError('fetch failed');
    return new Response(next.body === undefined ? '' : JSON.stringify(next.body), { status: next.status, headers: next.headers });
  };
  return { fetch, requests };
}

export function firebaseError(message: string, code = 400): Scripted {
  return { status: code, body: { error: { code, message, errors: [{ message, domain: 'global', reason: 'invalid' }], status: 'INVALID_ARGUMENT' } } };
}
