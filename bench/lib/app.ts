/**
 * The app under measurement: the built renderer in Debian's Chromium with `window.devkeys`
 * bound to the real core (e2e/harness.ts), sandbox accounts, and static comparison pages
 * served by the same server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AccountSummary } from '../../electron/ipc/contract';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox/server';
import { chromiumLaunchOptions, startHarness, type Harness, type HarnessOptions } from '../../e2e/harness';
import { captureScreen, installProbe, rowsPainted, type RowsPainted, type RowTarget } from './page-scripts';

export const VIEWPORT = { width: 1100, height: 800 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** A context whose pages carry the bench probe (and, with a target, watch for those rows). */
export async function benchContext(browser: Browser, target: RowTarget | null = null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(installProbe, target);
  return context;
}

/** A harness serving `rendererDir`, with no client-side Omni pacing (the sandboxes are unlimited). */
export function startApp(rendererDir: string, onInvoke?: HarnessOptions['onInvoke']): Promise<Harness> {
  return startHarness({ rendererDir, omniRequestsPerMinute: 0, ...(onInvoke ? { onInvoke } : {}) });
}

/** An Omi account (made active) on its own sandbox holding exactly `keys` Developer API keys and `mcpKeys` MCP keys. */
export async function addOmiAccount(harness: Harness, keys: number, mcpKeys = 0): Promise<{ sandbox: Sandbox; account: AccountSummary }> {
  // The bootstrap key is listed too.
  const sandbox = await startSandbox({ omiSeed: { count: keys - 1, mcpCount: mcpKeys } });
  const account = await harness.core.accounts.add({
    provider: 'omi',
    label: `Omi ${keys} keys`,
    baseUrl: sandbox.url,
    credential: sandbox.omiBootstrapKey,
  });
  return { sandbox, account };
}

/** An Omni account (made active) on its own sandbox without a rate limit. */
export async function addOmniAccount(
  harness: Harness,
  seed: SandboxOptions['omniSeed'],
): Promise<{ sandbox: Sandbox; account: AccountSummary }> {
  const sandbox = await startSandbox({ omniSeed: seed, omniRateLimitPerMinute: 0 });
  const account = await harness.core.accounts.add({
    provider: 'omni',
    label: 'Omni bench',
    instance: sandbox.url,
    credential: sandbox.omniToken,
  });
  return { sandbox, account };
}

/** Navigates (a full page load) and returns when the probe's rows were painted. */
export async function navigateAndWaitForRows(page: Page, url: string): Promise<RowsPainted> {
  await page.goto(url);
  return page.evaluate(rowsPainted);
}

/**
 * Writes a static page next to the built index.html: the same head and stylesheets, no script,
 * `rootHtml` as the content of #root, plus optional extra stylesheet and script files.
 * Returns the page's URL path.
 */
export function writeStaticPage(
  rendererDir: string,
  name: string,
  page: { rootHtml: string; css?: string; script?: string },
): string {
  let html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
    // No script at all.
    .replace(/\s*<script\b[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '');
  if (!html.includes('<div id="root"></div>')) throw new Error('index.html has no empty #root');
  html = html.replace('<div id="root"></div>', () => `<div id="root">${page.rootHtml}</div>`);
  if (page.css !== undefined) {
    writeFileSync(join(rendererDir, `${name}.css`), page.css);
    html = html.replace('</head>', `  <link rel="stylesheet" href="./${name}.css">\n  </head>`);
  }
  if (page.script !== undefined) {
    writeFileSync(join(rendererDir, `${name}.js`), page.script);
    html = html.replace('</body>', `  <script src="./${name}.js"></script>\n  </body>`);
  }
  writeFileSync(join(rendererDir, `${name}.html`), html);
  return `/${name}.html`;
}

/** `rows` row markups repeated (in order) to `count` rows. */
export function repeatRows(rows: readonly string[], count: number): string {
  if (rows.length === 0) throw new Error('no rows captured');
  return Array.from({ length: count }, (_, i) => rows[i % rows.length]).join('');
}

export { captureScreen };
