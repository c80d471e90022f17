/** What the About dialog says about updates, one sentence per state. */
import type { UpdateStatus } from '../../../electron/ipc/contract';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function describeUpdateStatus(status: UpdateStatus): string {
  switch (status.state) {
    case 'off':
      return status.message;
    case 'idle':
      return 'DevKeys checks for updates at start and every 6 hours.';
    case 'checking':
      return 'Checking for updates…';
    case 'up_to_date':
      return `DevKeys is up to date. Last checked ${TIME.format(new Date(status.lastCheckedAt))}.`;
    case 'downloading':
      return `Downloading DevKeys ${status.version}… ${status.percent}%`;
    case 'ready':
      return `DevKeys ${status.version} is ready. Restart to update.`;
    case 'error':
      return status.message;
  }
}
