/**
 * Credential-shaped text is replaced before anything is logged or sent to the renderer in
 * an error message. Deliberately broad: a false positive costs a little readability, a miss
 * leaks a credential.
 */
const PATTERNS: [RegExp, string][] = [
  [/omi_dev_[A-Za-z0-9_-]{6,}/g, 'omi_dev_[redacted]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]'],
  [/\bomni_[A-Za-z0-9_]{16,}/g, 'omni_[redacted]'],
  // JWT-shaped session tokens (Firebase ID tokens are JWTs).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[redacted-jwt]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** The displayable hint of a credential: `omi_dev_3fa1...9c0e` or `abcd...wxyz`. */
export function credentialHint(credential: string): string {
  if (/^omi_dev_[0-9a-f]{32}$/.test(credential)) {
    return `omi_dev_${credential.slice(8, 12)}...${credential.slice(-4)}`;
  }
  if (credential.length <= 12) return '••••';
  return `${credential.slice(0, 4)}...${credential.slice(-4)}`;
}
