/** Omi Developer API client over the types generated from omi-dev-keys.openapi.yaml. */
import type { paths } from '../../generated/omi-api';
import type { OmiKey, OmiScope } from '../../ipc/contract';
import { withSession, type AuthSession } from '../session/auth-session';
import { callApi, type HttpSettings } from './http';
import { createdOmiKey, omiKeyList } from './key-responses';
import { explainRevokeFailure } from './revoke';
import { retryIdempotentOnce } from './retry';
import { typedFetch } from './typed-fetch';

export interface OmiClient {
  listKeys(): Promise<OmiKey[]>;
  createKey(input: { name: string; scopes?: OmiScope[] }): Promise<{ key: OmiKey; secret: string }>;
  revokeKey(keyId: string): Promise<'revoked' | 'already_gone'>;
}

export function createOmiClient(settings: HttpSettings, session: AuthSession): OmiClient {
  const request = typedFetch<paths>(settings);

  return {
    async listKeys() {
      const { data } = await retryIdempotentOnce(
        () => withSession(session, (headers) => callApi(settings, (signal) => request('get', '/v1/dev/keys', { headers, signal }), omiKeyList)),
        settings.retryDelayMs,
      );
      return data;
    },

    // Never retried: a repeated POST could create a second key (see create-outcome.ts).
    async createKey({ name, scopes }) {
      const { data } = await withSession(session, (headers) =>
        callApi(settings, (signal) => request('post', '/v1/dev/keys', { headers, signal, body: scopes ? { name, scopes } : { name } }), createdOmiKey),
      );
      const { key: secret, ...key } = data;
      return { key, secret };
    },

    async revokeKey(keyId) {
      try {
        await withSession(session, (headers) =>
          callApi(settings, (signal) => request('delete', '/v1/dev/keys/{key_id}', { headers, signal, params: { path: { key_id: keyId } } }), null),
        );
        return 'revoked';
      } catch (error) {
        // 404 (the contract's answer for an unknown id): gone. 503: the key may still work.
        return explainRevokeFailure(error);
      }
    },
  };
}
