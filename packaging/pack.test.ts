/**
 * Packs DevKeys for real with electron-builder (a Linux `dir` target, the step every installer
 * starts from) against a stub Electron distribution: electron-builder cannot download Electron
 * here. The stub's "binary" carries a fuse wire like Electron's, so the fuse step runs for real.
 * Checks what lands in app.asar, the packaged package.json, the fuses and the update feed file.
 */
import { builtinModules } from 'node:module';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseState, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build, Platform } from 'electron-builder';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain } from '../scripts/build-main';
import { builderConfig, EXECUTABLE_NAME } from './builder-config';
import { DEVKEYS_FUSES } from './fuses';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'devkeys-pack-'));
const project = join(work, 'project');
const stub = join(work, 'electron-stub');
const output = join(work, 'release');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's fuse wire: version 1, nine fuses, in their unflipped (default) states.
const DEFAULT_WIRE = '101100001';

let appOutDir = '';
let asarFiles: string[] = [];
const asarPath = () => join(appOutDir, 'resources', 'app.asar');

beforeAll(async () => {
  // The project as `npm run dist` sees it: package.json and a fresh build …
  mkdirSync(project, { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(project, 'package.json'));
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: join(project, 'dist', 'renderer'), emptyOutDir: true } });
  await buildMain(join(project, 'dist'));
  // … plus files that must never ship: sources, source maps, tests, fixtures, secrets, stray modules.
  const decoys: Record<string, string> = {
    'dist/main/main.cjs.map': '{"version":3}',
    'dist/renderer/assets/keys.test.js': 'test()',
    'dist/renderer/assets/list.spec.js': 'test()',
    'dist/fixtures/seed.json': '{}',
    'dist/.env': 'OMI_TOKEN=omi_dev_x',
    'dist/renderer/.env.local': 'OMI_TOKEN=omi_dev_x',
    '.env': 'OMI_TOKEN=omi_dev_x',
    'electron/main.ts': 'export {}',
    'e2e/fixtures/keys.json': '{}',
    'dist/main/types.d.ts': 'export {}',
    'node_modules/left-pad/package.json': '{"name":"left-pad","version":"1.0.0"}',
    'node_modules/left-pad/index.js': 'module.exports = 1',
  };
  for (const [path, text] of Object.entries(decoys)) {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), text);
  }

  mkdirSync(join(stub, 'resources'), { recursive: true });
  writeFileSync(join(stub, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]));
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'LICENSE'), 'MIT');

  const previousMirror = process.env['ELECTRON_MIRROR'];
  // Anything that still tried to download Electron would fail at once instead of hanging.
  process.env['ELECTRON_MIRROR'] = 'http://127.0.0.1:9/';
  try {
    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget(['dir'], Arch.x64),
      publish: 'never',
      config: {
        ...builderConfig({ env: { GITHUB_REPOSITORY: 'devkeys-app/devkeys' }, electronDist: stub, outputDir: output }),
        electronVersion: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version,
      },
    });
  } finally {
    if (previousMirror === undefined) delete process.env['ELECTRON_MIRROR'];
    else process.env['ELECTRON_MIRROR'] = previousMirror;
  }
  appOutDir = join(output, 'linux-unpacked');
  asarFiles = listPackage(asarPath(), { isPack: false }).map((file) => file.replace(/\\/g, '/'));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed app (electron-builder against a stub Electron)', () => {
  it('app.asar holds the built app and nothing else', () => {
    const files = asarFiles.filter((path) => /\.[a-z0-9]+$/i.test(path));
    const expected = [
      /^\/package\.json$/,
      /^\/dist\/main\/main\.cjs$/,
      /^\/dist\/preload\/preload\.cjs$/,
      /^\/dist\/renderer\/index\.html$/,
      /^\/dist\/renderer\/favicon\.svg$/,
      // What the window loads before its first paint (vite.config.ts), and the parts no first
      // screen shows, in chunks of their own (renderer/ui/lazyPart.tsx).
      /^\/dist\/renderer\/assets\/first-screen-[\w-]+\.(js|css)$/,
      /^\/dist\/renderer\/assets\/[\w-]+\.(js|css)$/,
      /^\/dist\/assets\/tray-(black|white)(@2x)?\.png$/,
    ];
    for (const file of files) expect(expected.some((pattern) => pattern.test(file)), `unexpected file in app.asar: ${file}`).toBe(true);
    for (const pattern of expected) expect(files.some((file) => pattern.test(file)), `missing from app.asar: ${pattern}`).toBe(true);
    expect(files.filter((file) => file.startsWith('/dist/assets/'))).toHaveLength(4);
    expect(asarFiles.some((path) => /node_modules|\.map$|\.env|fixtures|\.test\.|\.spec\.|\.tsx?$/.test(path))).toBe(false);
  });

  it('the packaged package.json points at the bundle and carries no dependencies or scripts', () => {
    const manifest = JSON.parse(extractFile(asarPath(), 'package.json').toString('utf8'));
    expect(manifest).toMatchObject({ name: 'devkeys', main: 'dist/main/main.cjs', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
    // Built without a signing certificate: main then keeps updates off on macOS.
    expect(manifest.devkeys).toEqual({ macSigned: false });
  });

  it('main.cjs needs nothing outside the asar: only Node built-ins and electron', () => {
    const main = extractFile(asarPath(), join('dist', 'main', 'main.cjs')).toString('utf8');
    // Real calls only: ajv keeps `require("ajv/dist/runtime/…")` in strings for its standalone mode.
    const required = new Set([...main.matchAll(/(?<!['"`])\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));
    expect(required).toContain('electron');
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const outside = [...required].filter((name) => name !== 'electron' && !builtins.has(name));
    expect(outside).toEqual([]);
    // electron-updater is bundled in, not left for a node_modules that does not ship.
    expect(main).toContain('app-update.yml');
  });

  it('the Linux executable is named devkeys and its fuses are set as DEVKEYS_FUSES says', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, EXECUTABLE_NAME));
    const { version: _version, strictlyRequireAllFuses: _strict, ...fuses } = DEVKEYS_FUSES;
    expect(Object.keys(fuses)).toHaveLength(DEFAULT_WIRE.length);
    for (const [index, enabled] of Object.entries(fuses)) {
      expect(wire[Number(index) as keyof typeof wire], `fuse ${index}`).toBe(enabled ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });

  it('writes the update feed for electron-updater: the GitHub repository the release goes to', () => {
    const feed = readFileSync(join(appOutDir, 'resources', 'app-update.yml'), 'utf8');
    expect(feed).toMatch(/provider: github/);
    expect(feed).toMatch(/owner: devkeys-app/);
    expect(feed).toMatch(/repo: devkeys/);
  });
});
