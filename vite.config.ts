import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Everything the entry (main.tsx) imports statically, directly or not, in ONE chunk beside it:
 * the window loads it before its first paint anyway, and Rolldown would otherwise split each
 * module that the lazy parts (ui/lazyPart.tsx) share with it into a chunk of its own — 20 more
 * requests. index.html preloads it with the entry (and Rolldown's small runtime chunk).
 */
function firstScreenChunk(id: string, ctx: { getModuleInfo(id: string): { isEntry: boolean; importers: string[] } | null }): string | null {
  const seen = new Set<string>();
  const reachable = (moduleId: string): boolean => {
    if (seen.has(moduleId)) return false;
    seen.add(moduleId);
    const info = ctx.getModuleInfo(moduleId);
    return info !== null && (info.isEntry || info.importers.some(reachable));
  };
  return !ctx.getModuleInfo(id)?.isEntry && reachable(id) ? 'first-screen' : null;
}

// Builds the renderer only; main and preload are bundled by scripts/build-main.ts (esbuild).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: false,
    // Keep CSS and JS as files: the CSP forbids inline script and style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: firstScreenChunk, debugName: 'first screen' }] } } },
  },
});
