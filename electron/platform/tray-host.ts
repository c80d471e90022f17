/**
 * Asks D-Bus whether a StatusNotifierItem host (what displays Linux tray icons) is running,
 * with gdbus or dbus-send, whichever exists. null when neither can answer within a second.
 */
import { execFile } from 'node:child_process';
import { parseNameHasOwner, STATUS_NOTIFIER_WATCHER } from '../core/shell/tray-policy';

const QUERIES: [string, string[]][] = [
  ['gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.NameHasOwner', STATUS_NOTIFIER_WATCHER]],
  ['dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${STATUS_NOTIFIER_WATCHER}`]],
];

function ask(command: string, args: string[]): Promise<boolean | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 1000, encoding: 'utf8' }, (error, stdout) => resolve(error ? null : parseNameHasOwner(stdout)));
  });
}

export async function hasStatusNotifierHost(): Promise<boolean | null> {
  for (const [command, args] of QUERIES) {
    const answer = await ask(command, args);
    if (answer !== null) return answer;
  }
  return null;
}
