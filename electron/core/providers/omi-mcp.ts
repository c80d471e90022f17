/**
 * Omi MCP keys (`/v1/mcp/keys`): the keys AI assistants use for Omi's MCP server. Same
 * authentication as the Developer API keys (the account's session), same answers: 200 on
 * create, 204 on revoke (also for an unknown id), 503 when a revoke cannot take effect yet.
 */
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { OmiMcpKey } from '../../ipc/contract';
import { withSession, type AuthSession } from '../session/auth-session';
import { callApi, type HttpSettings } from './http';
import type { paths } from '../../generated/omi-mcp-api';
import { explainRevokeFailure } from './revoke';
import { retryIdempotentOnce } from './retry';

const mcpKeySchema: z.ZodType<OmiMcpKey> = z.object({
  id: z.string().min(1),
  name: z.string(),
  key_prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullish().transform((v) => v ?? null),
  app_id: z.string().nullish().transform((v) => v ?? null),
  scopes: z.array(z.string()).nullish().transform((v) => v ?? null),
});
const keyListSchema = z.array(mcpKeySchema);
const createdKeySchema = z.intersection(mcpKeySchema, z.object({ key: z.string().min(8) }));

export interface OmiMcpClient {
  listKeys(): Promise<OmiMcpKey[]>;
  createKey(input: { name: string }): Promise<{ key: OmiMcpKey; secret: string }>;
  /** `revoked` as far as the server says: it answers 204 for an unknown id too (callers list first). */
  revokeKey(keyId: string): Promise<'revoked' | 'already_gone'>;
}

export function createOmiMcpClient(settings: HttpSettings, session: AuthSession): OmiMcpClient {
  const client = createClient<paths>({
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });

  return {
    async listKeys() {
      const { data } = await retryIdempotentOnce(
        () => withSession(session, (headers) => callApi(settings, (signal) => client.GET('/v1/mcp/keys', { headers, signal }), keyListSchema)),
        settings.retryDelayMs,
      );
      return data;
    },

    // Never retried: a repeated POST could create a second key (see keys/create-outcome.ts).
    async createKey({ name }) {
      const { data } = await withSession(session, (headers) =>
        callApi(settings, (signal) => client.POST('/v1/mcp/keys', { headers, signal, body: { name } }), createdKeySchema),
      );
      const { key: secret, ...key } = data;
      return { key, secret };
    },

    async revokeKey(keyId) {
      try {
        await withSession(session, (headers) =>
          callApi(settings, (signal) => client.DELETE('/v1/mcp/keys/{key_id}', { headers, signal, params: { path: { key_id: keyId } } }), null),
        );
        return 'revoked';
      } catch (error) {
        return explainRevokeFailure(error);
      }
    },
  };
}
