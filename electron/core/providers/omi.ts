/** Omi Developer API client over the types generated from omi-dev-keys.openapi.yaml. */
import createClient from 'openapi-fetch';
import { z } from 'zod';
import type { paths } from '../../generated/omi-api';
import type { OmiKey, OmiScope } from '../../ipc/contract';
import { withSession, type AuthSession } from '../session/auth-session';
import { callApi, type HttpSettings } from './http';
import { explainRevokeFailure } from './revoke';
import { retryIdempotentOnce } from './retry';

const omiKeySchema: z.ZodType<OmiKey> = z.object({
  id: z.string().min(1),
  name: z.string(),
  key_prefix: z.string(),
  created_at: z.string(),
  // Older servers omit these: a missing value means "never used" / legacy read-only.
  last_used_at: z.string().nullish().transform((v) => v ?? null),
  scopes: z.array(z.string()).nullish().transform((v) => v ?? null),
});
const keyListSchema = z.array(omiKeySchema);
const createdKeySchema = z.intersection(omiKeySchema, z.object({ key: z.string().min(8) }));

export interface OmiClient {
  listKeys(): Promise<OmiKey[]>;
  createKey(input: { name: string; scopes?: OmiScope[] }): Promise<{ key: OmiKey; secret: string }>;
  revokeKey(keyId: string): Promise<'revoked' | 'already_gone'>;
}

export function createOmiClient(settings: HttpSettings, session: AuthSession): OmiClient {
  const client = createClient<paths>({
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });

  return {
    async listKeys() {
      const { data } = await retryIdempotentOnce(
        () => withSession(session, (headers) => callApi(settings, (signal) => client.GET('/v1/dev/keys', { headers, signal }), keyListSchema)),
        settings.retryDelayMs,
      );
      return data;
    },

    // Never retried: a repeated POST could create a second key (see create-outcome.ts).
    async createKey({ name, scopes }) {
      const { data } = await withSession(session, (headers) =>
        callApi(settings, (signal) => client.POST('/v1/dev/keys', { headers, signal, body: scopes ? { name, scopes } : { name } }), createdKeySchema),
      );
      const { key: secret, ...key } = data;
      return { key, secret };
    },

    async revokeKey(keyId) {
      try {
        await withSession(session, (headers) =>
          callApi(settings, (signal) => client.DELETE('/v1/dev/keys/{key_id}', { headers, signal, params: { path: { key_id: keyId } } }), null),
        );
        return 'revoked';
      } catch (error) {
        // 404 (the contract's answer for an unknown id): gone. 503: the key may still work.
        return explainRevokeFailure(error);
      }
    },
  };
}
