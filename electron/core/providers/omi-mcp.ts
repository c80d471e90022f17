/**
 * Omi MCP keys (`/v1/mcp/keys`): the keys AI assistants use for Omi's MCP server. Same
 * authentication as the Developer API keys (the account's session), same answers: 200 on
 * create, 204 on revoke (also for an unknown id), 503 when a revoke cannot take effect yet.
 */
import type { OmiMcpKey } from '../../ipc/contract';
import { withSession, type AuthSession } from '../session/auth-session';
import { callApi, type HttpSettings } from './http';
import type { paths } from '../../generated/omi-mcp-api';
import { createdMcpKey, mcpKeyList } from './key-responses';
import { explainRevokeFailure } from './revoke';
import { retryIdempotentOnce } from './retry';
import { typedFetch } from './typed-fetch';

export interface OmiMcpClient {
  listKeys(): Promise<OmiMcpKey[]>;
  createKey(input: { name: string }): Promise<{ key: OmiMcpKey; secret: string }>;
  /** `revoked` as far as the server says: it answers 204 for an unknown id too (callers list first). */
  revokeKey(keyId: string): Promise<'revoked' | 'already_gone'>;
}

export function createOmiMcpClient(settings: HttpSettings, session: AuthSession): OmiMcpClient {
  const request = typedFetch<paths>(settings);

  return {
    async listKeys() {
      const { data } = await retryIdempotentOnce(
        () => withSession(session, (headers) => callApi(settings, (signal) => request('get', '/v1/mcp/keys', { headers, signal }), mcpKeyList)),
        settings.retryDelayMs,
      );
      return data;
    },

    // Never retried: a repeated POST could create a second key (see keys/create-outcome.ts).
    async createKey({ name }) {
      const { data } = await withSession(session, (headers) =>
        callApi(settings, (signal) => request('post', '/v1/mcp/keys', { headers, signal, body: { name } }), createdMcpKey),
      );
      const { key: secret, ...key } = data;
      return { key, secret };
    },

    async revokeKey(keyId) {
      try {
        await withSession(session, (headers) =>
          callApi(settings, (signal) => request('delete', '/v1/mcp/keys/{key_id}', { headers, signal, params: { path: { key_id: keyId } } }), null),
        );
        return 'revoked';
      } catch (error) {
        return explainRevokeFailure(error);
      }
    },
  };
}
