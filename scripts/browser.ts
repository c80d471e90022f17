/**
 * Which Chromium the e2e suite, the preview and the benchmarks drive. In order: `CHROMIUM_PATH`,
 * Playwright's own Chromium (`npx playwright install chromium`), then a system Chromium or Chrome
 * (Debian's /usr/lib/chromium/chromium first; Edge last on Windows, where it is always present).
 * `scripts/ensure-browser.ts` installs one before `npm test` when none is found.
 */
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { chromium } from 'playwright-core';

export type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'system';

export interface BrowserDiscoveryDeps {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  /** Where Playwright's own Chromium is (or would be) installed; null where Playwright has none. */
  playwrightChromium(): string | null;
}

export type BrowserDiscovery =
  | { found: true; path: string; source: BrowserSource }
  | { found: false; reason: string; tried: string[] };

/** The one line printed when no browser can be found or installed. */
export const NO_BROWSER_HINT =
  'No Chromium for the end-to-end tests: run `npx playwright install chromium` (or, on Debian/Ubuntu, `sudo apt-get install chromium`), or set CHROMIUM_PATH to a Chrome or Chromium binary.';

/** System browsers worth trying on each platform, best first. */
export function systemChromiumCandidates(platform: NodeJS.Platform, env: BrowserDiscoveryDeps['env']): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => Boolean(root));
    const apps = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ];
    // All Chromes before any Edge: Chrome is what the suite is tuned on.
    return apps.flatMap((parts) => roots.map((root) => win32.join(root, ...parts)));
  }
  if (platform === 'darwin') {
    const home = env['HOME'];
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    return apps.flatMap((app) => [posix.join('/Applications', app), ...(home ? [posix.join(home, 'Applications', app)] : [])]);
  }
  // Debian's real binary first: /usr/bin/chromium is a shell wrapper that prints a warning.
  return [
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/lib/chromium-browser/chromium-browser',
    '/usr/bin/chromium-browser',
    '/opt/google/chrome/chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

export function discoverChromium(deps: BrowserDiscoveryDeps): BrowserDiscovery {
  const fromEnv = deps.env['CHROMIUM_PATH']?.trim();
  if (fromEnv) {
    // A path the user chose that does not exist is their mistake to see, not a reason to pick another browser.
    if (deps.exists(fromEnv)) return { found: true, path: fromEnv, source: 'CHROMIUM_PATH' };
    return { found: false, reason: `CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`, tried: [fromEnv] };
  }
  const tried: string[] = [];
  const playwright = deps.playwrightChromium();
  if (playwright) {
    tried.push(playwright);
    if (deps.exists(playwright)) return { found: true, path: playwright, source: 'playwright' };
  }
  for (const candidate of systemChromiumCandidates(deps.platform, deps.env)) {
    tried.push(candidate);
    if (deps.exists(candidate)) return { found: true, path: candidate, source: 'system' };
  }
  return { found: false, reason: NO_BROWSER_HINT, tried };
}

export function defaultBrowserDeps(): BrowserDiscoveryDeps {
  return {
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    playwrightChromium() {
      try {
        return chromium.executablePath() || null;
      } catch {
        return null; // a platform Playwright ships no Chromium for
      }
    },
  };
}

/** The browser to launch, or an Error whose message is the plain hint. */
export function chromiumExecutable(deps: BrowserDiscoveryDeps = defaultBrowserDeps()): string {
  const found = discoverChromium(deps);
  if (!found.found) throw new Error(found.reason);
  return found.path;
}
