/**
 * Production builds for the benchmarks: the DevKeys renderer (with the project's vite config)
 * into a temp dir, and a minimal React 19 + react-dom "hello" app with the same build settings.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import appConfig from '../../vite.config';

export const PROJECT_DIR = resolve(import.meta.dirname, '..', '..');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  css?: string[];
  imports?: string[];
}

export interface InitialAssets {
  /** Files index.html loads before first render: the entry chunk, its static imports, their CSS. */
  js: string[];
  css: string[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  jsRawBytes: number;
  cssRawBytes: number;
}

/** Builds the renderer exactly as `npm run build` does, into `outDir`. */
export async function buildRenderer(outDir: string): Promise<InitialAssets> {
  await build({
    configFile: join(PROJECT_DIR, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return initialAssets(outDir);
}

/** A React 19 "hello" page built with the renderer's plugins and build options: the framework floor. */
export async function buildReactHello(workDir: string): Promise<InitialAssets> {
  const root = join(workDir, 'react-hello');
  mkdirSync(root, { recursive: true });
  // Resolve react and react-dom from this project (same versions as the renderer).
  symlinkSync(join(PROJECT_DIR, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head><meta charset="UTF-8" /><title>hello</title></head>\n' +
      '<body><div id="root"></div><script type="module" src="./main.tsx"></script></body>\n</html>\n',
  );
  writeFileSync(
    join(root, 'main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\n\n" +
      "createRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <h1>Hello</h1>\n  </StrictMode>,\n);\n",
  );
  const outDir = join(root, 'dist');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'error',
    plugins: [react()],
    build: { ...appConfig.build, outDir, emptyOutDir: true, manifest: true },
  });
  return initialAssets(outDir);
}

/** Follows the scripts index.html loads through their static imports in Vite's manifest. */
export function initialAssets(outDir: string): InitialAssets {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    chunk.css?.forEach((file) => css.add(file));
    chunk.imports?.forEach(visit);
  };
  // The entry chunk (isEntry), or the chunk that took the entry module in (the renderer's
  // first-screen chunk, vite.config.ts): whichever index.html loads as a script.
  const loaded = Object.entries(manifest).filter(([, chunk]) => chunk.file.endsWith('.js') && html.includes(`/${chunk.file}"`));
  if (loaded.length === 0) throw new Error(`index.html in ${outDir} loads no chunk of the manifest`);
  for (const [key] of loaded) visit(key);
  // Anything else index.html references directly (a stylesheet, a preload) loads initially too.
  for (const match of html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)) {
    const file = match[1]!;
    if (file.endsWith('.js')) js.add(file);
    if (file.endsWith('.css')) css.add(file);
  }
  const bytes = (files: Set<string>, gzip: boolean) =>
    [...files].reduce((sum, file) => {
      const content = readFileSync(join(outDir, file));
      return sum + (gzip ? gzipSync(content).length : content.length);
    }, 0);
  return {
    js: [...js],
    css: [...css],
    jsGzipBytes: bytes(js, true),
    cssGzipBytes: bytes(css, true),
    jsRawBytes: bytes(js, false),
    cssRawBytes: bytes(css, false),
  };
}
