/**
 * Figure 5: an Omi account with 1,000 keys — from the reply with the keys (the start-up bundle) reaching the renderer to
 * the list painted (rows filling the window). Baseline: the same 1,000 rows' markup inserted
 * with one innerHTML assignment into the same screen as static HTML (plain DOM, no framework).
 */
import type { Browser } from 'playwright-core';
import {
  addOmiAccount,
  benchContext,
  captureScreen,
  navigateAndWaitForRows,
  repeatRows,
  startApp,
  writeStaticPage,
} from './lib/app';
import { arrivalOf, rowsPainted } from './lib/page-scripts';
import { figure, type Figure } from './lib/report';
import { interleave, median, summary } from './lib/stats';

const KEYS = 1_000;
const RUNS = 10;
const WARMUP = 1;
const ROW = '[data-testid="key-row"]';
const LIST = '[data-testid="key-list"]';

export async function benchOmiLargeList(browser: Browser, rendererDir: string): Promise<Figure[]> {
  const harness = await startApp(rendererDir);
  const { sandbox } = await addOmiAccount(harness, KEYS);
  // Painted = every key's row, or (a virtualized list) rows down to the window's bottom edge.
  const context = await benchContext(browser, { selector: ROW, count: KEYS, fillViewport: true });
  try {
    const page = await harness.openPage(context);
    await page.evaluate(rowsPainted);
    const { rootHtml, rows } = await page.evaluate(captureScreen, { listSelector: LIST, rowSelector: ROW });
    const markup = repeatRows(rows, KEYS);
    const staticUrl =
      harness.rendererUrl +
      writeStaticPage(rendererDir, 'bench-keys-1000', {
        rootHtml: rootHtml.replace('<!--bench-rows-->', ''),
        // The "reply" arrives when the script runs; the probe takes it from there.
        script:
          `globalThis.__bench.arrivals.loadFirstScreen = performance.now();\n` +
          `document.querySelector(${JSON.stringify(LIST)}).innerHTML = ${JSON.stringify(markup)};\n`,
      });
    const appUrl = `${harness.rendererUrl}/index.html`;

    const run = async (url: string) => {
      const painted = await navigateAndWaitForRows(page, url);
      // The keys arrive in the start-up bundle (loadFirstScreen), with the accounts.
      const arrivedAt = await page.evaluate(arrivalOf, 'loadFirstScreen');
      if (arrivedAt === null) throw new Error(`${url}: no loadFirstScreen arrival`);
      return { ...painted, renderMs: painted.paintAt - arrivedAt };
    };
    const { a: app, b: html } = await interleave(
      RUNS,
      WARMUP,
      () => run(appUrl),
      () => run(staticUrl),
    );
    const appRender = app.map((r) => r.renderMs);
    const htmlRender = html.map((r) => r.renderMs);
    return [
      figure({
        id: 'omi-1000-keys-render',
        label: 'Omi 1,000 keys: reply → list painted',
        unit: 'ms',
        value: median(appRender),
        baselineLabel: `the same 1,000 rows' markup set with one innerHTML on the same screen as static HTML; median of ${RUNS} loads each, interleaved`,
        baseline: median(htmlRender),
        goal: { on: 'value', max: 100 },
        note:
          'ms from the start-up reply with the keys (loadFirstScreen) reaching the page (the bridge promise resolving) to the first painted frame with the list ' +
          `filling the window (or all rows in the DOM); rows in the DOM: app ${app[0]?.rows ?? '?'}, baseline ${html[0]?.rows ?? '?'}.`,
        details: {
          app: summary(appRender),
          staticHtml: summary(htmlRender),
          appNavigationToPainted: summary(app.map((r) => r.paintAt)),
          appRows: app[0]?.rows,
        },
      }),
    ];
  } finally {
    await context.close();
    await harness.close();
    await sandbox.close();
  }
}
