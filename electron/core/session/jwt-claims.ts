/**
 * Reads a JWT's claims WITHOUT verifying it: only for what DevKeys shows (name, email) and
 * for the expiry and uid of a Firebase ID token it just received over TLS from Firebase.
 * Never use these claims to decide who may do what.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown, max = 200): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/** Name and email for display, from a provider's (Google/Apple) or Firebase ID token. */
export function displayIdentity(claims: Record<string, unknown> | null): { name: string | null; email: string | null } {
  if (!claims) return { name: null, email: null };
  const given = text(claims['given_name']);
  const family = text(claims['family_name']);
  const name = text(claims['name']) ?? (given ? [given, family].filter(Boolean).join(' ') : null);
  return { name, email: text(claims['email'], 320) };
}

/** The Firebase uid of an ID token (`user_id`, else `sub`), or null. */
export function firebaseUid(claims: Record<string, unknown> | null): string | null {
  return text(claims?.['user_id'], 128) ?? text(claims?.['sub'], 128);
}
