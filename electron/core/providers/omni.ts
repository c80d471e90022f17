/** Omni API tokens client over the types generated from omni-api-keys.openapi.json. */
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../../generated/omni-api';
import {
  OMNI_PAGE_SIZE_MAX,
  OMNI_TOKEN_TYPES,
  omniListQuery,
  type OmniToken,
  type OmniTokenPage,
} from '../../ipc/contract';
import { AppError } from '../errors';
import type { SlidingWindowLimiter } from './rate-limiter';
import { withSession, type AuthSession } from '../session/auth-session';
import { callApi, DEFAULT_TIMEOUT_MS, hostOf, type HttpSettings } from './http';
import { retryIdempotentOnce } from './retry';

/** Omni's documented budget: 60 requests per minute per API key. */
export const OMNI_REQUESTS_PER_MINUTE = 60;
/** The wait to suggest after a 429 without Retry-After when no limiter tracks backoff. */
const DEFAULT_RETRY_AFTER_SECONDS = 2;

const omniTokenSchema: z.ZodType<OmniToken> = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(OMNI_TOKEN_TYPES),
  enabled: z.boolean(),
  createdAt: z.string(),
  // Organization tokens have none; tolerate servers that omit the field instead of sending null.
  membershipId: z.string().nullish().transform((v) => v ?? null),
});

const tokenPageSchema: z.ZodType<OmniTokenPage> = z.object({
  pageInfo: z.object({
    hasNextPage: z.boolean(),
    nextCursor: z.string().nullish().transform((v) => v ?? null),
    pageSize: z.number(),
    totalRecords: z.number(),
  }),
  records: z.array(omniTokenSchema),
});

const listQuerySchema = omniListQuery
  .extend({
    pageSize: z
      .number({ error: 'pageSize must be a number' })
      .int({ error: 'pageSize must be a whole number' })
      .min(1, { error: 'pageSize must be at least 1' })
      .max(OMNI_PAGE_SIZE_MAX, { error: `pageSize must be at most ${OMNI_PAGE_SIZE_MAX}` })
      .optional(),
  })
  .strict();
export type OmniListQuery = z.input<typeof listQuerySchema>;

const tokenIdSchema = z.guid({ error: 'tokenId must be an Omni token id (UUID)' });

export interface OmniClient {
  listTokens(query?: OmniListQuery): Promise<OmniTokenPage>;
  getToken(tokenId: string): Promise<OmniToken>;
  /** Organization tokens only (Omni answers 400 for personal and MCP tokens). */
  setEnabled(tokenId: string, enabled: boolean): Promise<OmniToken>;
  revokeToken(tokenId: string): Promise<'revoked' | 'already_gone'>;
}

/**
 * `limiter` paces requests under Omni's budget (one per account); without it every request
 * goes straight out. A 429 is never retried here: the renderer shows it and retries.
 */
export function createOmniClient(
  settings: HttpSettings,
  session: AuthSession,
  limiter?: SlidingWindowLimiter,
): OmniClient {
  const client = createClient<paths>({
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const host = hostOf(settings.baseUrl);
  const maxWaitMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send<T>(
    run: (headers: Record<string, string>, signal: AbortSignal) => ReturnType<Parameters<typeof callApi>[1]>,
    schema: z.ZodType<T> | null,
  ): Promise<T> {
    if (limiter) {
      const slot = await limiter.acquire(maxWaitMs);
      if (!slot.admitted) throw rateLimited(host, Math.ceil(slot.retryAfterMs / 1000), 'client');
    }
    try {
      const { data } = await withSession(session, (headers) => callApi(settings, (signal) => run(headers, signal), schema));
      limiter?.noteSuccess();
      return data;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'rate_limited') throw error;
      // Always tell the renderer how long to wait: Retry-After, else our own backoff.
      const seconds = limiter
        ? limiter.noteServerLimit(error.retryAfterSeconds)
        : (error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      throw seconds === error.retryAfterSeconds ? error : rateLimited(host, seconds, 'server');
    }
  }

  return {
    async listTokens(query = {}) {
      const parsed = checked(listQuerySchema, query);
      // Each attempt takes its own slot from the limiter.
      return retryIdempotentOnce(
        () => send((headers, signal) => client.GET('/api/v1/api-keys', { headers, signal, params: { query: parsed } }), tokenPageSchema),
        settings.retryDelayMs,
      );
    },

    async getToken(tokenId) {
      const id = checked(tokenIdSchema, tokenId);
      return send((headers, signal) => client.GET('/api/v1/api-keys/{id}', { headers, signal, params: { path: { id } } }), omniTokenSchema);
    },

    async setEnabled(tokenId, enabled) {
      const id = checked(tokenIdSchema, tokenId);
      return send(
        (headers, signal) => client.PUT('/api/v1/api-keys/{id}', { headers, signal, params: { path: { id } }, body: { enabled } }),
        omniTokenSchema,
      );
    },

    async revokeToken(tokenId) {
      const id = checked(tokenIdSchema, tokenId);
      try {
        // The body ({message, success}) adds nothing a 2xx does not already say.
        await send((headers, signal) => client.DELETE('/api/v1/api-keys/{id}', { headers, signal, params: { path: { id } } }), null);
        return 'revoked';
      } catch (error) {
        // A second delete answers 404: either way the token is gone.
        if (error instanceof AppError && error.code === 'not_found') return 'already_gone';
        throw error;
      }
    },
  };
}

/** Checks what DevKeys is about to send; a bad value is our bug or a bad payload, never sent. */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = fields[0];
  throw new AppError('invalid_payload', `Invalid Omni request${first?.path ? ` (${first.path})` : ''}: ${first?.message ?? 'bad value'}.`, {
    fields,
  });
}

function rateLimited(host: string, seconds: number, by: 'client' | 'server'): AppError {
  const why =
    by === 'client'
      ? `DevKeys is pacing requests to ${host} to stay under Omni's limit of ${OMNI_REQUESTS_PER_MINUTE} per minute per token`
      : `${host} is rate limiting requests`;
  return new AppError('rate_limited', `${why}; try again in ${seconds} s.`, {
    ...(by === 'server' ? { status: 429 } : {}),
    retryAfterSeconds: seconds,
  });
}
