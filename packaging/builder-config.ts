/**
 * electron-builder's configuration for DevKeys (used by `npm run dist` and the packaging tests).
 * The app ships `dist/` (main and preload bundled by esbuild, the renderer built by Vite, the tray
 * icons) and `package.json`; esbuild bundles every runtime package, so no node_modules ship.
 */
import { join } from 'node:path';
import type { AfterPackContext, Configuration } from 'electron-builder';
import { applyFuses } from './fuses';
import { signingPlan } from './signing';

type Env = Readonly<Record<string, string | undefined>>;

export const APP_ID = 'app.devkeys.desktop';
export const PRODUCT_NAME = 'DevKeys';
/** Linux binary and package name. */
export const EXECUTABLE_NAME = 'devkeys';

/** What goes into app.asar: the built app only. Each exclusion is checked against a real pack. */
export const APP_FILES = [
  'package.json',
  'dist/main/**/*',
  'dist/preload/**/*',
  'dist/renderer/**/*',
  'dist/assets/**/*',
  '!**/*.map',
  '!**/*.{test,spec}.*',
  '!**/.env',
  '!**/.env.*',
  '!**/fixtures{,/**/*}',
  '!**/*.{ts,tsx}',
];

/** Where releases live, from GitHub's own variable in Actions (owner/name); none → no auto-update feed. */
export function releaseRepository(env: Env): { owner: string; repo: string } | null {
  const match = env['GITHUB_REPOSITORY']?.trim().match(/^([\w.-]+)\/([\w.-]+)$/);
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

export interface BuilderConfigOptions {
  env?: Env;
  /** The packaging tests pack against a stub Electron distribution instead of downloading one. */
  electronDist?: string;
  outputDir?: string;
}

export function builderConfig({ env = process.env, electronDist, outputDir }: BuilderConfigOptions = {}): Configuration {
  const signing = signingPlan(env);
  const repository = releaseRepository(env);
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © DevKeys contributors',
    directories: { output: outputDir ?? 'release', buildResources: 'build' },
    files: APP_FILES,
    asar: true,
    // No native modules: nothing to rebuild, and no rebuild tool to download.
    npmRebuild: false,
    nodeGypRebuild: false,
    ...(electronDist ? { electronDist } : {}),
    artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
    // Read by main at run time: Squirrel.Mac installs updates only into a signed app.
    extraMetadata: { devkeys: { macSigned: signing.macSign.run } },
    // Our own fuse step (./fuses.ts) runs here, before electron-builder signs.
    afterPack: (context: AfterPackContext) => applyFuses(context, { adHocSignMac: !signing.macSign.run }),
    publish: repository ? [{ provider: 'github', owner: repository.owner, repo: repository.repo, releaseType: 'draft' }] : null,
    linux: {
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
      executableName: EXECUTABLE_NAME,
      icon: join('build', 'icons'),
      category: 'Development',
      synopsis: 'Manage Omi developer API keys and Omni API tokens',
      maintainer: 'DevKeys contributors <devkeys@users.noreply.github.com>',
      desktop: { entry: { StartupWMClass: PRODUCT_NAME } },
    },
    deb: { packageName: EXECUTABLE_NAME },
    mac: {
      target: [
        { target: 'dmg', arch: ['x64', 'arm64'] },
        // The zip is what electron-updater downloads on macOS.
        { target: 'zip', arch: ['x64', 'arm64'] },
      ],
      icon: join('build', 'icon.icns'),
      category: 'public.app-category.developer-tools',
      hardenedRuntime: true,
      // null: do not look for a signing identity in the keychain; ./fuses.ts signs ad hoc instead.
      identity: signing.macSign.run ? undefined : null,
      notarize: signing.macNotarize.run,
    },
    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      icon: join('build', 'icon.ico'),
    },
    nsis: { oneClick: true, perMachine: false, deleteAppDataOnUninstall: false },
  };
}
