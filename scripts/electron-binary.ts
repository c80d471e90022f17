/**
 * Finds Electron's binary. The npm package downloads it lazily from Electron's releases,
 * which some machines (CI here, offline laptops) cannot reach: callers then explain
 * instead of crashing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);

export function electronPackageDir(): string {
  return dirname(require.resolve('electron/package.json'));
}

/** The binary's path if it is installed, else null. Never downloads. */
export function installedElectronBinary(): string | null {
  const dir = electronPackageDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Tries Electron's own installer once, quietly; returns the binary or the reason it failed. */
export function ensureElectronBinary(timeoutMs = 120_000): { binary: string } | { reason: string } {
  const installed = installedElectronBinary();
  if (installed) return { binary: installed };
  const result = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], {
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = installedElectronBinary();
  if (binary) return { binary };
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const firstLine = output.split('\n').map((l) => l.trim()).find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(l));
  return { reason: firstLine ? firstLine.slice(0, 200) : result.error ? result.error.message : 'the download did not complete' };
}
