/**
 * Bundles the Electron main process and the preload with esbuild. The preload must be one
 * CommonJS file: a sandboxed preload cannot `require` project modules.
 */
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
console.log('Built dist/main/main.cjs and dist/preload/preload.cjs');
