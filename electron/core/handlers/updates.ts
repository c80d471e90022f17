/** Updates and About (packaging): the update status, checks, installing, and the log folder. */
import type { UpdateController } from '../updates/update-controller';
import type { HandlerGroup } from './context';

export interface UpdateHandlerDeps {
  updates: UpdateController;
  /** The folder holding devkeys.log (the app's data folder). */
  logFolder: string;
  /** Opens a folder in the file manager (Electron's shell.openPath); absent in the harness. */
  openFolder?: (path: string) => Promise<void>;
}

export function updateHandlers({ updates, logFolder, openFolder }: UpdateHandlerDeps): HandlerGroup<
  'getUpdateStatus' | 'checkForUpdates' | 'installUpdate' | 'openLogFolder'
> {
  return {
    async getUpdateStatus() {
      return updates.status();
    },
    async checkForUpdates() {
      return updates.checkNow();
    },
    async installUpdate() {
      updates.install();
      return { restarting: true };
    },
    async openLogFolder() {
      if (!openFolder) return { path: logFolder, opened: false };
      await openFolder(logFolder);
      return { path: logFolder, opened: true };
    },
  };
}
