/**
 * First step of `npm test`: make sure a Chromium exists for the e2e suite before any test runs.
 * Found (see scripts/browser.ts) → one line saying which. Not found → install one: Playwright's
 * installer (where it can download), then, as root on Debian/Ubuntu, Debian's `chromium`
 * package. Still none → one plain line saying what to run, exit 1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultBrowserDeps, discoverChromium, NO_BROWSER_HINT, type BrowserDiscovery } from './browser';

export type InstallStep = { kind: 'playwright' } | { kind: 'apt' };

export interface HostFacts {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** Contents of /etc/os-release, or '' where there is none. */
  osRelease: string;
}

export function isDebianLike(osRelease: string): boolean {
  const field = (name: string) => osRelease.match(new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm'))?.[1]?.toLowerCase() ?? '';
  return [field('ID'), ...field('ID_LIKE').split(/\s+/)].some((id) => id === 'debian' || id === 'ubuntu');
}

/** What to try, in order, when no browser is installed. */
export function installPlan(host: HostFacts): InstallStep[] {
  const steps: InstallStep[] = [{ kind: 'playwright' }];
  if (host.platform === 'linux' && host.isRoot && isDebianLike(host.osRelease)) steps.push({ kind: 'apt' });
  return steps;
}

function describe(found: Extract<BrowserDiscovery, { found: true }>): string {
  const from = { CHROMIUM_PATH: 'from CHROMIUM_PATH', playwright: "Playwright's Chromium", system: 'system browser' }[found.source];
  return `Browser for the end-to-end tests: ${found.path} (${from})`;
}

/** Runs a command quietly; returns its last meaningful output line when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 });
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
  return (lines.find((l) => /error|fail|unable|could not|not found/i.test(l)) ?? lines.at(-1) ?? result.error?.message ?? `exit ${result.status}`).slice(0, 200);
}

/** Playwright's CLI. cli.js is not in playwright-core's exports map: find it next to its package.json. */
export function playwrightCli(): string {
  return join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
}

function runStep(step: InstallStep): string | null {
  if (step.kind === 'playwright') {
    console.log("No Chromium found: installing Playwright's Chromium…");
    return run(process.execPath, [playwrightCli(), 'install', '--no-shell', 'chromium']);
  }
  console.log("Installing Debian's chromium package (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get', ['update', '-qq'], env) ?? run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
}

function main(): number {
  const deps = defaultBrowserDeps();
  const first = discoverChromium(deps);
  if (first.found) {
    console.log(describe(first));
    return 0;
  }
  // CHROMIUM_PATH pointing nowhere is a mistake to report, not something to install over.
  if (deps.env['CHROMIUM_PATH']?.trim()) {
    console.error(first.reason);
    return 1;
  }
  const host: HostFacts = {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    osRelease: (() => {
      try {
        return readFileSync('/etc/os-release', 'utf8');
      } catch {
        return '';
      }
    })(),
  };
  for (const step of installPlan(host)) {
    const failure = runStep(step);
    const after = discoverChromium(deps);
    if (after.found) {
      console.log(describe(after));
      return 0;
    }
    if (failure) console.log(`  (${step.kind === 'playwright' ? "Playwright's installer" : 'apt-get'} failed: ${failure})`);
  }
  console.error(NO_BROWSER_HINT);
  return 1;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) process.exit(main());
