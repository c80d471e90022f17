import { describe, expect, it } from 'vitest';
import { discoverChromium, NO_BROWSER_HINT, systemChromiumCandidates, type BrowserDiscoveryDeps } from './browser';
import { existsSync } from 'node:fs';
import { installPlan, isDebianLike, playwrightCli } from './ensure-browser';

const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function deps(existing: string[], overrides: Partial<BrowserDiscoveryDeps> = {}): BrowserDiscoveryDeps & { checked: string[] } {
  const checked: string[] = [];
  return {
    env: {},
    platform: 'linux',
    playwrightChromium: () => PLAYWRIGHT,
    ...overrides,
    exists: (path) => {
      checked.push(path);
      return existing.includes(path);
    },
    checked,
  };
}

describe('browser discovery order', () => {
  it('CHROMIUM_PATH wins over everything else', () => {
    const d = deps(['/opt/my/chrome', PLAYWRIGHT, '/usr/lib/chromium/chromium'], { env: { CHROMIUM_PATH: '/opt/my/chrome' } });
    expect(discoverChromium(d)).toEqual({ found: true, path: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
    expect(d.checked).toEqual(['/opt/my/chrome']);
  });

  it('a CHROMIUM_PATH that does not exist is reported, not replaced by another browser', () => {
    const d = deps([PLAYWRIGHT], { env: { CHROMIUM_PATH: '/nope/chrome' } });
    const result = discoverChromium(d);
    expect(result.found).toBe(false);
    expect(!result.found && result.reason).toBe('CHROMIUM_PATH is set to /nope/chrome, which does not exist.');
  });

  it("then Playwright's own Chromium, before any system browser", () => {
    const d = deps([PLAYWRIGHT, '/usr/lib/chromium/chromium']);
    expect(discoverChromium(d)).toEqual({ found: true, path: PLAYWRIGHT, source: 'playwright' });
  });

  it("then the system's: Debian's real binary before the wrappers and Chrome", () => {
    const d = deps(['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome']);
    expect(discoverChromium(d)).toEqual({ found: true, path: '/usr/lib/chromium/chromium', source: 'system' });
    expect(d.checked.slice(0, 2)).toEqual([PLAYWRIGHT, '/usr/lib/chromium/chromium']);
  });

  it('finds Google Chrome on Ubuntu-like machines without Chromium', () => {
    expect(discoverChromium(deps(['/usr/bin/google-chrome']))).toMatchObject({ found: true, path: '/usr/bin/google-chrome' });
  });

  it('macOS: Chrome in /Applications, then in ~/Applications', () => {
    const home = '/Users/ada';
    const inHome = `${home}/Applications/Google Chrome.app/Contents/MacOS/Google Chrome`;
    const d = deps([inHome], { platform: 'darwin', env: { HOME: home }, playwrightChromium: () => null });
    expect(discoverChromium(d)).toEqual({ found: true, path: inHome, source: 'system' });
    expect(d.checked[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it('Windows: Chrome under Program Files, and Edge only when no Chrome or Chromium exists', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
    const chrome = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(discoverChromium(deps([edge, chrome], { platform: 'win32', env }))).toMatchObject({ found: true, path: chrome });
    expect(discoverChromium(deps([edge], { platform: 'win32', env }))).toMatchObject({ found: true, path: edge });
    const candidates = systemChromiumCandidates('win32', env);
    expect(candidates.findIndex((c) => c.endsWith('msedge.exe'))).toBeGreaterThan(candidates.findLastIndex((c) => c.endsWith('chrome.exe')));
  });

  it('nothing found: the plain hint, and every path that was tried', () => {
    const d = deps([]);
    const result = discoverChromium(d);
    expect(result).toEqual({ found: false, reason: NO_BROWSER_HINT, tried: d.checked });
    expect(d.checked).toContain(PLAYWRIGHT);
  });
});

describe('installing a browser when none is found', () => {
  const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
  const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
  const mint = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';
  const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

  it('recognises Debian, Ubuntu and their derivatives from /etc/os-release', () => {
    expect([debian, ubuntu, mint, fedora, ''].map(isDebianLike)).toEqual([true, true, true, false, false]);
  });

  it("finds Playwright's installer in the installed playwright-core", () => {
    expect(existsSync(playwrightCli())).toBe(true);
  });

  it("tries Playwright's installer first, then Debian's package only as root on Debian/Ubuntu", () => {
    expect(installPlan({ platform: 'linux', isRoot: true, osRelease: debian })).toEqual([{ kind: 'playwright' }, { kind: 'apt' }]);
    expect(installPlan({ platform: 'linux', isRoot: false, osRelease: ubuntu })).toEqual([{ kind: 'playwright' }]);
    expect(installPlan({ platform: 'linux', isRoot: true, osRelease: fedora })).toEqual([{ kind: 'playwright' }]);
    expect(installPlan({ platform: 'darwin', isRoot: false, osRelease: '' })).toEqual([{ kind: 'playwright' }]);
    expect(installPlan({ platform: 'win32', isRoot: false, osRelease: '' })).toEqual([{ kind: 'playwright' }]);
  });
});
