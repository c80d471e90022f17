/**
 * Requests made WITH a key rather than with the account's session, to learn whether that key
 * still works: `GET /v1/dev/key` (a Developer API key describes itself) and an MCP `initialize`
 * at `POST /v1/mcp` (MCP Streamable HTTP, JSON-RPC 2.0). Neither is ever retried: a 429 is
 * reported with its Retry-After, not waited out.
 */
import createClient from 'openapi-fetch';
import { z } from 'zod';
import { AppError } from '../errors';
import { bearerHeader } from '../session/auth-session';
import { callApi, hostOf, type HttpSettings } from './http';
import type { components as McpComponents, paths } from '../../generated/omi-mcp-api';

export type ProbeOutcome<T> =
  | { status: 'works'; info: T }
  | { status: 'rejected'; httpStatus: number; detail: string }
  | { status: 'rate_limited'; retryAfterSeconds?: number };

export interface DevKeyInfo {
  id: string;
  name: string;
  key_prefix: string;
  scopes: string[];
}
export interface McpServerInfo {
  protocolVersion: string;
  serverName: string;
  serverVersion: string;
}

/** The MCP revision DevKeys speaks in its handshake; servers answer with the one they chose. */
export const MCP_PROTOCOL_VERSION = '2025-06-18';

const devKeySchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()).nullish().transform((v) => v ?? []),
});

const initializeResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number()]).nullable().optional(),
  result: z
    .object({
      protocolVersion: z.string(),
      serverInfo: z.object({ name: z.string(), version: z.string().optional() }).loose(),
    })
    .loose()
    .optional(),
  error: z.object({ code: z.number(), message: z.string() }).loose().optional(),
});

export interface OmiKeyProbe {
  /** `GET /v1/dev/key` authenticated with `secret` itself. */
  introspectDevKey(secret: string): Promise<ProbeOutcome<DevKeyInfo>>;
  /** An MCP `initialize` at `POST /v1/mcp` with `secret` as the bearer. */
  initializeMcp(secret: string): Promise<ProbeOutcome<McpServerInfo>>;
}

export function createOmiKeyProbe(settings: HttpSettings, client: { name: string; version: string }): OmiKeyProbe {
  const api = createClient<paths>({
    baseUrl: settings.baseUrl.replace(/\/+$/, ''),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const host = hostOf(settings.baseUrl);
  const mcpUrl = `${settings.baseUrl.replace(/\/+$/, '')}/v1/mcp`;

  return {
    async introspectDevKey(secret) {
      try {
        const { data } = await callApi(settings, (signal) => api.GET('/v1/dev/key', { headers: bearerHeader(secret), signal }), devKeySchema);
        return { status: 'works', info: data };
      } catch (error) {
        return refusal(error);
      }
    },

    async initializeMcp(secret) {
      const body: McpComponents['schemas']['JsonRpcMessage'] = {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: client },
      };
      let answer: { data: string; response: Response };
      try {
        answer = await callApi(
          settings,
          (signal) =>
            api.POST('/v1/mcp', {
              // Streamable HTTP: the client accepts a JSON answer or an event stream.
              params: { header: { Accept: 'application/json, text/event-stream' } },
              headers: bearerHeader(secret),
              body,
              signal,
              parseAs: 'text',
            }),
          z.string(),
        );
      } catch (error) {
        return refusal(error);
      }
      const message = parseJsonRpcAnswer(answer.data, answer.response.headers.get('content-type') ?? '');
      const parsed = initializeResponseSchema.safeParse(message);
      if (!parsed.success || (!parsed.data.result && !parsed.data.error)) {
        throw new AppError('bad_response', `${host} answered the MCP handshake with something DevKeys could not understand.`);
      }
      await endSession(answer.response.headers.get('mcp-session-id'));
      const { result, error } = parsed.data;
      if (!result) {
        throw new AppError('bad_response', `${host} refused the MCP handshake (JSON-RPC error ${error?.code}: ${error?.message ?? ''}).`);
      }
      return {
        status: 'works',
        info: { protocolVersion: result.protocolVersion, serverName: result.serverInfo.name, serverVersion: result.serverInfo.version ?? '' },
      };

      /** The spec asks clients to end a session they no longer need; a failure changes nothing. */
      async function endSession(sessionId: string | null) {
        if (!sessionId || !/^[\x21-\x7e]{1,200}$/.test(sessionId)) return;
        const request = new Request(mcpUrl, {
          method: 'DELETE',
          headers: { ...bearerHeader(secret), 'Mcp-Session-Id': sessionId },
          signal: AbortSignal.timeout(2000),
        });
        await (settings.fetch ?? fetch)(request)
          .then((response) => response.body?.cancel())
          .catch(() => undefined);
      }
    },
  };
}

/** 401/403 and 429 are answers about the key; anything else (network, 5xx, garbage) is thrown. */
function refusal(error: unknown): ProbeOutcome<never> {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'unauthorized' || error.code === 'forbidden') {
    return { status: 'rejected', httpStatus: error.status ?? 401, detail: detailOf(error.message) };
  }
  if (error.code === 'rate_limited') {
    return { status: 'rate_limited', ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }) };
  }
  throw error;
}

/** The server's own words from "host rejected the credential (401: Invalid API Key).". */
function detailOf(message: string): string {
  return /\(\d{3}: (.*)\)\.$/.exec(message)?.[1] ?? '';
}

/** A JSON-RPC answer sent as JSON, or as the first `message` event of an event stream. */
export function parseJsonRpcAnswer(text: string, contentType: string): unknown {
  if (/text\/event-stream/i.test(contentType)) {
    // Events are separated by blank lines; an event's data lines join with newlines.
    for (const event of text.split(/\r?\n\r?\n/)) {
      const lines = event.split(/\r?\n/);
      const type = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, ''));
      if (type !== 'message' || data.length === 0) continue;
      const parsed = tryJson(data.join('\n'));
      if (parsed !== undefined) return parsed;
    }
    return undefined;
  }
  return tryJson(text);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
