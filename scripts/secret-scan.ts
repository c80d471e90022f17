/**
 * Finds plaintext credentials in files: every Omi developer and MCP secret and sandbox Omni
 * token has a fixed shape, so any match on disk is a leak (the store holds only ciphertext,
 * the sandbox only hashes, logs are redacted). The e2e specs paste "found" secrets of another
 * shape into Check a key as `PASTED_SECRET_MARKER` + 32 hex characters, so those are searched too.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the e2e specs paste into Check a key as a secret that is not an Omi key. */
export const PASTED_SECRET_MARKER = 'pasted_secret_';
export const SECRET_PATTERNS: RegExp[] = [
  /omi_dev_[0-9a-f]{32}/,
  /omi_mcp_[0-9a-f]{32}/,
  /omni_sbx_[0-9a-f]{32}/,
  new RegExp(`${PASTED_SECRET_MARKER}[0-9a-f]{32}`),
  // Sign in with Omi: ID tokens and custom tokens (JWTs, signed or not) and Firebase refresh tokens.
  /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./,
  /AMf-vB[A-Za-z0-9_-]{100,}/,
];
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface SecretHit {
  file: string;
  pattern: string;
}

export function scanForSecrets(roots: string[]): { hits: SecretHit[]; filesScanned: number } {
  const hits: SecretHit[] = [];
  let filesScanned = 0;
  const visit = (path: string) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // vanished while scanning (a browser profile being deleted)
    }
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        return; // vanished between lstat and readdir (another run's temp folder on a shared machine)
      }
      for (const name of names) visit(join(path, name));
      return;
    }
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return;
    filesScanned += 1;
    let text: string;
    try {
      text = readFileSync(path).toString('latin1');
    } catch {
      return;
    }
    for (const pattern of SECRET_PATTERNS) if (pattern.test(text)) hits.push({ file: path, pattern: pattern.source });
  };
  for (const root of roots) if (existsSync(root)) visit(root);
  return { hits, filesScanned };
}
