/**
 * The MCP setup blocks' values, built exactly as the Omi app builds them
 * (`app/lib/utils/mcp_config.dart`): the hosted Streamable HTTP endpoint, and a Claude Code
 * config that talks to it over `http` with a bearer header. No legacy `/v1/mcp/sse` URL and
 * no `command` (docker) transport: Omi does not advertise them, so neither do we.
 */
import type { McpSetup } from '../../ipc/contract';

export const MCP_ENDPOINT_PATH = '/v1/mcp';
/** The OAuth client id Omi registered for Claude's custom connector settings. */
export const MCP_OAUTH_CLIENT_ID = 'omi-claude-prod';
/** Where a key goes in the setup text that shows no key. */
export const KEY_PLACEHOLDER = '<key>';

/** The API base without trailing slashes + `/v1/mcp`, e.g. `https://api.omi.me/v1/mcp`. */
export function mcpUrlOf(apiBaseUrl: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}${MCP_ENDPOINT_PATH}`;
}

/** Claude Code's `mcpServers` entry, pretty-printed with 2-space indentation (Omi's exact text). */
export function claudeCodeConfig(mcpUrl: string, key: string = KEY_PLACEHOLDER): string {
  const config = { mcpServers: { omi: { type: 'http', url: mcpUrl, headers: { Authorization: `Bearer ${key}` } } } };
  return JSON.stringify(config, null, 2);
}

export function mcpSetupOf(apiBaseUrl: string): McpSetup {
  const mcpUrl = mcpUrlOf(apiBaseUrl);
  return {
    mcpUrl,
    claudeCodeConfig: claudeCodeConfig(mcpUrl),
    authorizationHeader: `Authorization: Bearer ${KEY_PLACEHOLDER}`,
    oauthClientId: MCP_OAUTH_CLIENT_ID,
  };
}
