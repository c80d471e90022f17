/**
 * Electron fuses for a packaged DevKeys (checklist 19), flipped with @electron/fuses in
 * electron-builder's afterPack step, i.e. after the app is packed and before it is signed.
 * They match what the packager produces: `asar: true` (OnlyLoadAppFromAsar) and electron-builder's
 * embedded asar integrity (EnableEmbeddedAsarIntegrityValidation; Windows and macOS check it).
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

export const DEVKEYS_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // No `ELECTRON_RUN_AS_NODE`, NODE_OPTIONS or --inspect: the binary cannot be turned into a Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // Only the packed asar may run, and it is integrity-checked.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // Pages come from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** The file whose fuse wire is flipped: the executable, or the .app bundle on macOS. */
export function packagedElectronPath(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, (packager as unknown as { executableName: string }).executableName);
}

/**
 * electron-builder's afterPack hook. Flipping fuses breaks a macOS signature; an unsigned build
 * gets a fresh ad-hoc one (arm64 Macs refuse to run code without any), a signed build is signed
 * by electron-builder right after this step.
 */
export async function applyFuses(context: AfterPackContext, options: { adHocSignMac: boolean }): Promise<void> {
  const target = packagedElectronPath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(target, { ...DEVKEYS_FUSES, resetAdHocDarwinSignature: isMac && options.adHocSignMac });
  console.log(`  • fuses set on ${target}`);
}
