/** One temp root per e2e run: every harness keeps its app data there for the secret scan. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedElectronBinary } from '../scripts/electron-binary';

export default function globalSetup(): void {
  process.env['DEVKEYS_E2E_ROOT'] = mkdtempSync(join(tmpdir(), 'devkeys-e2e-run-'));
  process.env['DEVKEYS_E2E_STARTED'] = String(Date.now());
  // The list reporter does not print skip reasons: say it here, once, for the whole run.
  if (installedElectronBinary() === null) {
    console.log('e2e/electron/*.spec.ts: skipped — no Electron binary here (it cannot be downloaded on this machine); they run where `npm ci` can fetch Electron.');
  }
}
