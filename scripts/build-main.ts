/**
 * Bundles the Electron main process and the preload with esbuild. The preload must be one
 * CommonJS file: a sandboxed preload cannot `require` project modules.
 */
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  target: 'node22',
  format: 'cjs' as const,
  external: ['electron'],
  sourcemap: false,
  minify: true,
  logLevel: 'warning' as const,
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/main/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/preload/preload.cjs' }),
]);
// The tray icons, next to main.cjs as main.ts expects (dist/assets).
cpSync('electron/assets', 'dist/assets', { recursive: true });
console.log('Built dist/main/main.cjs and dist/preload/preload.cjs');
