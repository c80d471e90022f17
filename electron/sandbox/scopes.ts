// Omi Developer API scopes (declared once, in electron/ipc/omi-scopes.ts, in the canonical order the
// server stores and returns them), and the MCP key scopes.
import type { components as McpComponents } from '../generated/omi-mcp-api';
import { OMI_SCOPES, type OmiScope } from '../ipc/omi-scopes';

export { OMI_SCOPES, type OmiScope };

/** What a key gets when `scopes` is omitted or null. */
export const OMI_READ_SCOPES: readonly OmiScope[] = OMI_SCOPES.filter((scope) => scope.endsWith(':read'));

export function isOmiScope(value: unknown): value is OmiScope {
  return typeof value === 'string' && (OMI_SCOPES as readonly string[]).includes(value);
}

/** De-duplicates and puts scopes in canonical order. */
export function canonicalScopes(scopes: readonly OmiScope[]): OmiScope[] {
  return OMI_SCOPES.filter((scope) => scopes.includes(scope));
}

/** Every MCP key gets all of these, sorted (note the dots: MCP scopes are not Developer API scopes). */
export type McpScope = McpComponents['schemas']['McpScope'];
export const MCP_SCOPES: readonly McpScope[] = [
  'action_items.read',
  'action_items.write',
  'chat.read',
  'conversations.read',
  'goals.read',
  'memories.read',
  'memories.write',
  'people.read',
];
