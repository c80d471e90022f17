/**
 * electron-updater (GitHub Releases, from the app-update.yml electron-builder writes) as the
 * UpdaterPort that core/updates/update-controller.ts drives. Only created in packaged builds.
 */
import electronUpdater from 'electron-updater';
import type { Logger } from '../core/logging/log';
import type { UpdaterEvent, UpdaterPort } from '../core/updates/update-controller';

export function createElectronUpdater(log: Logger): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  // A downloaded update also installs when DevKeys quits normally.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowPrerelease = false;
  autoUpdater.logger = {
    info: (message?: unknown) => log.info('updater', { message: String(message) }),
    warn: (message?: unknown) => log.warn('updater', { message: String(message) }),
    error: (message?: unknown) => log.error('updater', { message: String(message) }),
    debug: () => {},
  };
  return {
    async check() {
      await autoUpdater.checkForUpdates();
    },
    install() {
      autoUpdater.quitAndInstall();
    },
    onEvent(listener: (event: UpdaterEvent) => void) {
      const available = (info: { version: string }) => listener({ type: 'available', version: info.version });
      const notAvailable = () => listener({ type: 'not_available' });
      const progress = (p: { percent: number }) => listener({ type: 'progress', percent: p.percent });
      const downloaded = (info: { version: string }) => listener({ type: 'downloaded', version: info.version });
      const failed = (error: Error) => listener({ type: 'error', error });
      autoUpdater.on('update-available', available);
      autoUpdater.on('update-not-available', notAvailable);
      autoUpdater.on('download-progress', progress);
      autoUpdater.on('update-downloaded', downloaded);
      autoUpdater.on('error', failed);
      return () => {
        autoUpdater.off('update-available', available);
        autoUpdater.off('update-not-available', notAvailable);
        autoUpdater.off('download-progress', progress);
        autoUpdater.off('update-downloaded', downloaded);
        autoUpdater.off('error', failed);
      };
    },
  };
}
