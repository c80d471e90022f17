/**
 * The one place provider HTTP responses and failures become AppErrors. Every provider client
 * calls `callApi` around its requests (openapi-fetch's, or typed-fetch's for the Omi keys).
 */
import { AppError } from '../errors';
import { abortAfter } from './deadlines';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface HttpSettings {
  baseUrl: string;
  timeoutMs?: number;
  /** Wait before the one retry of a failed list request (providers/retry.ts). */
  retryDelayMs?: number;
  /** Injected in tests and benchmarks; defaults to the global fetch. */
  fetch?: (request: Request) => Promise<Response>;
}

interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * What validates a response body: a zod schema, or a hand-written check with the same
 * `safeParse` shape (key-responses.ts). The first issue's path goes into the error message.
 */
export interface ResponseSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
}

/** Runs one request with a timeout, maps every failure to an AppError, validates the body. */
export async function callApi<T>(
  settings: HttpSettings,
  run: (signal: AbortSignal) => Promise<FetchOutcome>,
  schema: ResponseSchema<T> | null,
): Promise<{ data: T; response: Response }> {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let outcome: FetchOutcome;
  // The request's own signal, aborted by the shared deadline ticker and released once the body
  // is read. Not AbortSignal.timeout(): that signal, and every request object following it,
  // stays alive until its timer fires 15 s later, and at a few hundred requests per second the
  // garbage collector spent more time on them than the requests took (`npm run bench`, IPC).
  const timeout = new AbortController();
  const done = abortAfter(timeoutMs, timeout);
  try {
    outcome = await run(timeout.signal);
  } catch (error) {
    throw transportError(error, hostOf(settings.baseUrl), timeoutMs);
  } finally {
    done();
  }
  const { response } = outcome;
  if (!response.ok) throw httpError(response, outcome.error, hostOf(settings.baseUrl));
  if (schema === null) return { data: undefined as T, response };
  const parsed = schema.safeParse(outcome.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
    throw new AppError('bad_response', `${hostOf(settings.baseUrl)} sent a response DevKeys could not understand (unexpected data${where}).`, {
      status: response.status,
    });
  }
  return { data: parsed.data, response };
}

function transportError(error: unknown, host: string, timeoutMs: number): AppError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s. Try again.`);
  }
  if (error instanceof SyntaxError) {
    return new AppError('bad_response', `${host} sent a response that is not valid JSON.`);
  }
  return new AppError('network', `Could not reach ${host}. Check the address and your connection.`, { cause: error });
}

function httpError(response: Response, body: unknown, host: string): AppError {
  const status = response.status;
  const { text, fields } = describeErrorBody(body);
  const suffix = text ? `: ${text}` : '';
  switch (true) {
    case status === 401:
      return new AppError('unauthorized', `${host} rejected the credential (401${suffix}).`, { status });
    case status === 403 && isAccountDeletion(body):
      return new AppError(
        'account_deletion_in_progress',
        `${host} says this Omi account is being deleted, so DevKeys signed it out. Sign in again once you have a working account.`,
        { status },
      );
    case status === 403:
      return new AppError('forbidden', `${host} refused access (403${suffix}).`, { status });
    case status === 404:
      return new AppError('not_found', `Not found on ${host}${suffix ? ` (${text})` : ''}.`, { status });
    case status === 429: {
      const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterSeconds === undefined ? 'shortly' : `in ${retryAfterSeconds} s`;
      return new AppError('rate_limited', `${host} is rate limiting requests; try again ${wait}.`, {
        status,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
    case status === 400 || status === 422:
      return new AppError('validation', text ? `${text}` : `${host} rejected the request (${status}).`, {
        status,
        ...(fields.length > 0 ? { fields } : {}),
      });
    case status >= 500:
      return new AppError('server_error', `${host} had a problem (${status}${suffix}). Try again shortly.`, { status });
    default:
      return new AppError('server_error', `${host} answered ${status}${suffix}.`, { status });
  }
}

/** Omi's `403 {"code": "account_deletion_in_progress", …}` (also seen inside `detail`). */
function isAccountDeletion(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const record = body as Record<string, unknown>;
  const detail = record['detail'];
  return record['code'] === 'account_deletion_in_progress' || (detail !== null && typeof detail === 'object' && (detail as Record<string, unknown>)['code'] === 'account_deletion_in_progress');
}

/**
 * Error bodies vary: Omi `{detail: string}` or FastAPI's `{detail: [{loc, msg}]}`,
 * Omni `{detail, status}` or `{error}`, or plain text. Make each readable.
 */
export function describeErrorBody(body: unknown): { text: string; fields: { path: string; message: string }[] } {
  if (typeof body === 'string') return { text: body.trim().slice(0, 300), fields: [] };
  if (body === null || typeof body !== 'object') return { text: '', fields: [] };
  const record = body as Record<string, unknown>;
  const detail = record['detail'] ?? record['error'] ?? record['message'];
  if (typeof detail === 'string') return { text: detail.slice(0, 300), fields: [] };
  if (Array.isArray(detail)) {
    const fields = detail.slice(0, 20).map((item) => {
      const entry = (item ?? {}) as Record<string, unknown>;
      const loc = Array.isArray(entry['loc']) ? entry['loc'].filter((p) => p !== 'body').join('.') : '';
      const msg = typeof entry['msg'] === 'string' ? entry['msg'] : JSON.stringify(item).slice(0, 200);
      return { path: loc, message: msg };
    });
    const text = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; ');
    return { text, fields };
  }
  return { text: '', fields: [] };
}

export function parseRetryAfter(header: string | null, now: () => number = Date.now): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now()) / 1000));
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the server';
  }
}
