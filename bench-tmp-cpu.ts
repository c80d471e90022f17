import { addOmniAccount, benchContext, launchBrowser, startApp } from './bench/lib/app';
import { scrollThrough, scrollToTop, scrollUntilLoaded } from './bench/lib/page-scripts';
const dir = '/tmp/bench-trace-renderer';
const browser = await launchBrowser();
const harness = await startApp(dir);
const N = Number(process.argv[2] ?? 2000);
const { sandbox } = await addOmniAccount(harness, { count: N });
const context = await benchContext(browser);
const page = await harness.openPage(context);
await page.locator('[data-testid="omni-token-row"]').first().waitFor();
const n = N.toLocaleString('en-US');
await page.evaluate(scrollUntilLoaded, { scrollSelector: '[data-testid="omni-token-scroll"]', doneSelector: '[data-testid="omni-count"]', doneText: `${n} tokens · ${n} loaded`, timeoutMs: 90000 });
for (let rep = 0; rep < 3; rep++) {
  await page.evaluate(scrollToTop, '[data-testid="omni-token-scroll"]');
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const r = await page.evaluate(scrollThrough, { selector: '[data-testid="omni-token-scroll"]', viewportsPerSecond: 60 });
  const t = JSON.parse((await browser.stopTracing()).toString());
  const ev = (t.traceEvents ?? t) as any[];
  const names = new Map<string, string>();
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  // the renderer main thread with most events
  const counts = new Map<string, number>();
  for (const e of ev) { const k = `${e.pid}:${e.tid}`; if (names.get(k) === 'CrRendererMain') counts.set(k, (counts.get(k) ?? 0) + 1); }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const tasks = ev.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const cpu = tasks.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000;
  const wall = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  const byName = new Map<string, number>();
  for (const e of ev) if (`${e.pid}:${e.tid}` === main && e.ph === 'X') byName.set(e.name, (byName.get(e.name) ?? 0) + (e.tdur ?? 0) / 1000);
  if (rep === 2) console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ${k}`).join(' | '));
  const s = [...r.workMs].sort((a, b) => a - b);
  console.log(`frames ${r.workMs.length} work median ${s[s.length >> 1]!.toFixed(1)} p95 ${s[Math.floor(s.length * 0.95)]!.toFixed(1)} | main-thread CPU ${cpu.toFixed(0)} ms (${(cpu / r.workMs.length).toFixed(2)} ms/frame), wall ${wall.toFixed(0)} ms`);
}
await context.close(); await harness.close(); await sandbox.close(); await browser.close();
