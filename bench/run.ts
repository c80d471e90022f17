/**
 * `npm run bench`: builds the renderer, runs every benchmark, prints the table and writes
 * bench/results.json. `--only=bundle,ipc,navigation,sign-in,omi,omni` runs a subset and writes
 * bench/results.partial.json instead (the browser benchmarks need the bundle step's build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBundle } from './bundle';
import { benchIpc } from './ipc';
import { launchBrowser } from './lib/app';
import { formatTable, type Figure } from './lib/report';
import { round } from './lib/stats';
import { benchNavigation } from './navigation';
import { benchOmiLargeList } from './omi-large-list';
import { benchOmniTokens } from './omni-tokens';
import { benchSignInToList } from './sign-in-to-list';

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
// A partial run never overwrites the full results.
const RESULTS_FILE = join(import.meta.dirname, only ? 'results.partial.json' : 'results.json');
const selected = (name: string) => !only || only.includes(name);

async function main() {
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'devkeys-bench-'));
  const rendererDir = join(workDir, 'renderer');
  const figures: Figure[] = [];
  // The machine is shared: the load average before and after each step shows how quiet it was.
  const load = () => loadavg()[0]?.toFixed(2) ?? '?';
  const steps: { step: string; seconds: number; loadBefore: string; loadAfter: string }[] = [];
  const step = async (name: string, run: () => Promise<Figure[]>) => {
    if (!selected(name)) return;
    const t0 = performance.now();
    const loadBefore = load();
    process.stdout.write(`${name}… `);
    figures.push(...(await run()));
    const seconds = (performance.now() - t0) / 1000;
    steps.push({ step: name, seconds: round(seconds, 1), loadBefore, loadAfter: load() });
    process.stdout.write(`${seconds.toFixed(1)} s (load average ${loadBefore} → ${load()})\n`);
  };
  let chromium = '';
  try {
    await step('bundle', () => benchBundle(rendererDir, workDir));
    // Node-only, before the browser starts, so nothing else competes for the 2 cores.
    await step('ipc', () => benchIpc());
    if (['navigation', 'sign-in', 'omi', 'omni'].some(selected)) {
      const browser = await launchBrowser();
      chromium = browser.version();
      try {
        await step('navigation', () => benchNavigation(browser, rendererDir));
        await step('sign-in', () => benchSignInToList(browser, rendererDir));
        await step('omi', () => benchOmiLargeList(browser, rendererDir));
        await step('omni', () => benchOmniTokens(browser, rendererDir));
      } finally {
        await browser.close();
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const seconds = (performance.now() - started) / 1000;
  const machine = `${process.platform} ${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, Chromium ${chromium}`;
  console.log(`\nDevKeys benchmarks — ${new Date().toISOString()} — ${machine} — ${seconds.toFixed(0)} s\n`);
  console.log(formatTable(figures));
  const rounded = figures.map((f) => ({
    ...f,
    value: round(f.value),
    baseline: f.baseline === null ? null : round(f.baseline),
    ratio: f.ratio === null ? null : round(f.ratio, 3),
  }));
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, durationSeconds: round(seconds, 1), steps, figures: rounded }, null, 2)}\n`,
  );
  console.log(`\nWrote ${RESULTS_FILE}`);
  const missed = figures.filter((f) => f.result === 'miss');
  if (missed.length > 0) console.log(`Missed goals: ${missed.map((f) => f.id).join(', ')} (see each figure's note)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
