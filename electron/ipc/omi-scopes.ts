/**
 * The Omi scopes, in the canonical order the server stores them. Kept apart from the
 * contract (which imports zod) so the renderer may import this value without pulling zod in.
 */
import type { components as OmiComponents } from '../generated/omi-api';

export const OMI_SCOPES = [
  'conversations:read',
  'conversations:write',
  'memories:read',
  'memories:write',
  'action_items:read',
  'action_items:write',
  'goals:read',
  'goals:write',
] as const satisfies readonly NonNullable<OmiComponents['schemas']['CreateApiKey']['scopes']>[number][];
export type OmiScope = (typeof OMI_SCOPES)[number];
