/**
 * Secret hygiene after the whole e2e suite: the app data of every harness (store files, logs),
 * DevKeys and browser temp folders made during the run, and Playwright's artefacts must hold no
 * plaintext secret or bootstrap credential. Any hit fails the run.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanForSecrets } from '../scripts/secret-scan';

export default function globalTeardown(): void {
  const runRoot = process.env['DEVKEYS_E2E_ROOT'];
  const started = Number(process.env['DEVKEYS_E2E_STARTED'] ?? 0);
  const tempDirsOfThisRun = readdirSync(tmpdir())
    .filter((name) => /^(devkeys-|playwright)/.test(name))
    .map((name) => join(tmpdir(), name))
    .filter((path) => {
      try {
        return statSync(path).mtimeMs >= started;
      } catch {
        return false;
      }
    });
  const roots = [...new Set([...(runRoot ? [runRoot] : []), ...tempDirsOfThisRun, join(import.meta.dirname, '..', 'test-results')])];
  const { hits, filesScanned } = scanForSecrets(roots);
  if (runRoot) rmSync(runRoot, { recursive: true, force: true });
  if (hits.length > 0) {
    throw new Error(`Secret hygiene: plaintext credentials found on disk after the e2e run:\n${hits.map((h) => `  ${h.file} (${h.pattern})`).join('\n')}`);
  }
  console.log(`Secret hygiene: scanned ${filesScanned} files in ${roots.length} folders after the e2e run: no plaintext secrets.`);
}
