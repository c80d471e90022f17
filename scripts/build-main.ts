/**
 * Bundles the Electron main process and the preload with esbuild. The preload must be one
 * CommonJS file: a sandboxed preload cannot `require` project modules.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { CHANNEL_NAMES, EVENT_NAMES } from '../electron/ipc/contract';
import { writeTrayIcons } from '../packaging/icons';

const ROOT = join(import.meta.dirname, '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  sourcemap: false,
  minify: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/** The preload gets the contract's names as constants: it must not bundle zod and the schemas. */
export function preloadBuildOptions(outfile: string): BuildOptions {
  return {
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile,
    define: {
      __DEVKEYS_CHANNEL_NAMES__: JSON.stringify(CHANNEL_NAMES),
      __DEVKEYS_EVENT_NAMES__: JSON.stringify(EVENT_NAMES),
    },
  };
}

export async function buildMain(outDir = join(ROOT, 'dist')): Promise<void> {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: join(outDir, 'main/main.cjs') }),
    build(preloadBuildOptions(join(outDir, 'preload/preload.cjs'))),
  ]);
  // The tray icons, cut from packaging/icon.png, where main.ts expects them (dist/assets).
  rmSync(join(outDir, 'assets'), { recursive: true, force: true });
  writeTrayIcons(join(outDir, 'assets'));
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('build-main.ts')) {
  await buildMain();
  console.log('Built dist/main/main.cjs and dist/preload/preload.cjs');
}
