/**
 * Electron fuses for a packaged DevKeys (checklist 19). Run on the packaged binary:
 * `npx tsx scripts/fuses.ts path/to/DevKeys` — here no Electron binary exists, so the config
 * is unit-tested (electron/core/security/checklist.test.ts) and applied on release machines.
 */
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const DEVKEYS_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // No `ELECTRON_RUN_AS_NODE`, NODE_OPTIONS or --inspect: the binary cannot be turned into a Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // Only the signed asar may run, and it is integrity-checked.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // Pages come from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('Usage: tsx scripts/fuses.ts <path to the packaged Electron binary>');
    process.exit(2);
  }
  await flipFuses(binary, DEVKEYS_FUSES);
  console.log(`Fuses set on ${binary}`);
}
