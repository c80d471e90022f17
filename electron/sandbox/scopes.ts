// Omi Developer API scopes (declared once, in electron/ipc/omi-scopes.ts, in the canonical order the
// server stores and returns them).
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
