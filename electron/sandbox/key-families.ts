// Omi's two API key families. Each authenticates one endpoint family only, and the backend
// answers a key used on the other family's endpoint with a 401 that says so (the texts are the
// public backend's, `backend/utils/api_key_families.py`).

export const DEV_KEY_PREFIX = 'omi_dev_';
export const MCP_KEY_PREFIX = 'omi_mcp_';

export type KeyFamily = 'dev' | 'mcp';

const USAGE: Record<KeyFamily, string> = {
  mcp:
    'MCP API keys (omi_mcp_...) only authenticate the MCP endpoints under /v1/mcp/ ' +
    '(for example GET /v1/mcp/memories, GET /v1/mcp/conversations) and the MCP server at /v1/mcp/sse',
  dev: 'Developer API keys (omi_dev_...) only authenticate the Developer API under /v1/dev/ (for example GET /v1/dev/user/memories)',
};

const EXPECTATION: Record<KeyFamily, string> = {
  mcp: 'This endpoint requires an MCP API key (Settings -> Developer -> MCP -> Create Key)',
  dev: 'This endpoint requires a Developer API key (Settings -> Developer -> Create Key)',
};

/** The family a bearer token claims by its prefix; null for anything else (e.g. a session token). */
export function keyFamily(token: string): KeyFamily | null {
  if (token.startsWith(MCP_KEY_PREFIX)) return 'mcp';
  if (token.startsWith(DEV_KEY_PREFIX)) return 'dev';
  return null;
}

/** The 401 detail for a key of the other family, or null when the token may be tried as `expected`. */
export function wrongFamilyDetail(token: string, expected: KeyFamily): string | null {
  const presented = keyFamily(token);
  if (presented === null || presented === expected) return null;
  return `${USAGE[presented]}. ${EXPECTATION[expected]}.`;
}

/** How the server shows a secret of either family: its family prefix, the first and last 4 hex digits. */
export function keyPrefixOf(secret: string): string {
  const family = secret.startsWith(MCP_KEY_PREFIX) ? MCP_KEY_PREFIX : DEV_KEY_PREFIX;
  const hex = secret.slice(family.length);
  return `${family}${hex.slice(0, 4)}...${hex.slice(-4)}`;
}
