/**
 * What `npm start` exits with when Electron ends, and what it says. Electron killed by a signal
 * used to look like success (exit 0); on Linux that signal is most often Chromium's sandbox
 * aborting (Ubuntu 23.10+ restricts unprivileged user namespaces through AppArmor).
 */
import { constants } from 'node:os';

export const LINUX_SANDBOX_HINT = [
  "On Linux this is usually Chromium's sandbox failing to start: Ubuntu 23.10 and later restrict",
  'unprivileged user namespaces (AppArmor). Either make Electron’s sandbox helper setuid root:',
  '  sudo chown root node_modules/electron/dist/chrome-sandbox',
  '  sudo chmod 4755 node_modules/electron/dist/chrome-sandbox',
  'or allow user namespaces until the next reboot:',
  '  sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
].join('\n');

export interface ElectronExit {
  exitCode: number;
  /** Printed to stderr; null when there is nothing to explain. */
  message: string | null;
}

export function explainElectronExit(
  code: number | null,
  signal: NodeJS.Signals | null,
  platform: NodeJS.Platform,
  /** The signal came from us: the user pressed Ctrl+C and we passed it on. */
  forwarded = false,
): ElectronExit {
  if (signal) {
    const exitCode = 128 + (constants.signals[signal] ?? 0);
    if (forwarded) return { exitCode, message: null };
    const lines = [`Electron was stopped by ${signal}.`];
    if (platform === 'linux') lines.push(LINUX_SANDBOX_HINT);
    return { exitCode, message: lines.join('\n') };
  }
  if (code === null) return { exitCode: 1, message: 'Electron ended without an exit code.' };
  return { exitCode: code, message: null };
}
