import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  },
});
