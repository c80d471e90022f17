/** Whether this build may update itself; main asks once at start (electron/main.ts). */
import type { UpdatesOffReason } from '../../ipc/contract';

export interface BuildFacts {
  /** `app.isPackaged`: false under `npm start` (and the harness never has an updater). */
  packaged: boolean;
  /** electron-builder wrote resources/app-update.yml (the build knows its GitHub repository). */
  hasFeed: boolean;
  platform: NodeJS.Platform;
  /** Set at packaging time (package.json `devkeys.macSigned`): Squirrel.Mac installs only signed apps. */
  macSigned: boolean;
}

export function updatesOffReason(build: BuildFacts): UpdatesOffReason | null {
  if (!build.packaged) return 'development';
  if (!build.hasFeed) return 'no_feed';
  if (build.platform === 'darwin' && !build.macSigned) return 'unsigned_mac';
  return null;
}
