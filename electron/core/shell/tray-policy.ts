/**
 * Tray decisions, as pure functions (electron/platform/tray.ts and main.ts apply them):
 * which glyph suits the panel, whether a tray will really be shown, and what a click does.
 */

export type TrayGlyphFile = 'tray-black.png' | 'tray-white.png';

/**
 * macOS tints a template image itself. Windows says whether its taskbar is dark
 * (`nativeTheme.shouldUseDarkColorsForSystemIntegratedUI`: Windows 10's default dark taskbar with
 * light apps). Linux cannot tell the panel's colour; its common panels (GNOME/Ubuntu, KDE) are dark.
 */
export function trayGlyph(platform: NodeJS.Platform, darkSystemUI: boolean): { file: TrayGlyphFile; template: boolean } {
  if (platform === 'darwin') return { file: 'tray-black.png', template: true };
  if (platform === 'win32') return { file: darkSystemUI ? 'tray-white.png' : 'tray-black.png', template: false };
  return { file: 'tray-white.png', template: false };
}

/** Windows and Linux open the window on a left click; on macOS a click opens the menu. */
export function trayClickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/** The StatusNotifierItem host that shows Linux tray icons (KDE, Ubuntu's AppIndicator, XFCE, …). */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/**
 * Reads the answer of D-Bus `NameHasOwner(STATUS_NOTIFIER_WATCHER)` as printed by `gdbus call`
 * (`(true,)`) or `dbus-send --print-reply` (`boolean true`); null when it is neither.
 */
export function parseNameHasOwner(output: string): boolean | null {
  const text = output.trim();
  if (/^\((true|false),\)$/.test(text)) return text.startsWith('(true');
  const match = text.match(/\bboolean (true|false)\b/);
  return match ? match[1] === 'true' : null;
}

export interface TrayPresence {
  /** Create the tray (and keep running in it when the last window closes). */
  show: boolean;
  reason: string;
}

/**
 * Electron's `new Tray()` succeeds even where nothing will display it (GNOME without the
 * AppIndicator extension). Keeping DevKeys alive in such a tray would leave an invisible process
 * holding the single-instance lock, so without a tray host the last window's close quits.
 */
export function trayPresence(platform: NodeJS.Platform, host: { watcher: boolean | null; desktop: string }): TrayPresence {
  if (platform !== 'linux') return { show: true, reason: 'the system always has a tray' };
  if (host.watcher === true) return { show: true, reason: 'a StatusNotifierItem host is running' };
  if (host.watcher === false) return { show: false, reason: 'no StatusNotifierItem host (e.g. GNOME without AppIndicator)' };
  // D-Bus could not be asked: judge by the desktop. Plain GNOME shows no tray icons by default.
  const desktops = host.desktop.toLowerCase().split(':').filter(Boolean);
  if (desktops.length === 0) return { show: false, reason: 'unknown desktop and no D-Bus answer' };
  if (desktops.includes('gnome') && !desktops.includes('ubuntu') && !desktops.includes('unity')) {
    return { show: false, reason: 'GNOME shows no tray icons without the AppIndicator extension' };
  }
  return { show: true, reason: `${host.desktop} shows tray icons` };
}
