/** One temp root per e2e run: every harness keeps its app data there for the secret scan. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup(): void {
  process.env['DEVKEYS_E2E_ROOT'] = mkdtempSync(join(tmpdir(), 'devkeys-e2e-run-'));
  process.env['DEVKEYS_E2E_STARTED'] = String(Date.now());
}
