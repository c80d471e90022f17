/**
 * Credential-shaped text is replaced before anything is logged or sent to the renderer in
 * an error message. Deliberately broad: a false positive costs a little readability, a miss
 * leaks a credential.
 */
const PATTERNS: [RegExp, string][] = [
  // A bearer header first, whatever it carries (the key patterns below would leave `Bearer omi_dev_[redacted]`).
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  // Omi Developer API and MCP keys; the `omi_dev_legacy` / `omi_mcp_legacy` prefixes of damaged records stay readable.
  [/omi_(dev|mcp)_(?!legacy(?![A-Za-z0-9_-]))[A-Za-z0-9_-]{6,}/g, 'omi_$1_[redacted]'],
  [/\bomni_[A-Za-z0-9_]{16,}/g, 'omni_[redacted]'],
  // JWT-shaped session tokens: Firebase ID tokens and custom tokens (an emulator's are unsigned: empty signature).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // Firebase refresh tokens (`AMf-vB…`), and any other long opaque token-shaped run.
  [/\bAMf-[A-Za-z0-9_-]{20,}/g, '[redacted-refresh-token]'],
  [/[A-Za-z0-9_-]{100,}/g, '[redacted-token]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The displayable hint of a credential: `omi_dev_3fa1...9c0e` (an Omi key's prefix as the server lists it) or `abcd...wxyz`. */
export function credentialHint(credential: string): string {
  if (/^omi_(dev|mcp)_[0-9a-f]{32}$/.test(credential)) {
    return `${credential.slice(0, 8)}${credential.slice(8, 12)}...${credential.slice(-4)}`;
  }
  if (credential.length <= 12) return '••••';
  return `${credential.slice(0, 4)}...${credential.slice(-4)}`;
}
