/**
 * The browser harness: the built renderer served over HTTP in Chromium (scripts/browser.ts), with
 * `window.devkeys` bound to the REAL main-process core (router, vault, store, provider
 * clients) through `page.exposeBinding`, talking to the sandbox server over real HTTP.
 * Used by the e2e specs, `npm run preview` (headed) and `npm run screenshots`.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';
import { createDevKeysCore, type DevKeysCore } from '../electron/core/app-core';
import { createMemoryClipboard, type ClearTimers } from '../electron/core/secrets/one-time-secrets';
import { APP_MIME_TYPES } from '../electron/core/security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../electron/core/security/window-policy';
import { confBackend } from '../electron/core/storage/store';
import { createAesGcmCipher, type SecretCipher } from '../electron/core/storage/vault';
import type { Clock, UpdateSource } from '../electron/core/updates/update-controller';
import { build } from 'esbuild';
import { CHANNEL_NAMES, EVENT_NAMES } from '../electron/ipc/contract';
import { ipcChannel, ipcEvent } from '../electron/ipc/wire';
import { preloadBuildOptions } from '../scripts/build-main';
import { chromiumExecutable } from '../scripts/browser';

export const RENDERER_DIR = resolve(import.meta.dirname, '..', 'dist', 'renderer');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch options for the browser scripts/browser.ts finds (CHROMIUM_PATH, Playwright's, the system's). */
export function chromiumLaunchOptions(headless = true): LaunchOptions {
  return { executablePath: chromiumExecutable(), headless, args: CHROMIUM_ARGS };
}


/**
 * Serves dist/renderer with the same CSP header the app:// protocol sends. Every request is
 * answered (a 304 when the file has not changed, from its size and modification time): so
 * Chromium keeps the bundle's compiled code between loads, as Electron does for app:// with the
 * `codeCache` privilege (main.ts), instead of compiling it again on every navigation.
 */
export async function serveRenderer(dir = RENDERER_DIR): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`No built renderer in ${dir}. Run \`npm run build\` first.`);
  }
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    const { size, mtimeMs } = statSync(file);
    const validators = { 'cache-control': 'no-cache', etag: `"${size}-${mtimeMs}"` };
    if (req.headers['if-none-match'] === validators.etag) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(200, {
      ...validators,
      'content-type': APP_MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface HarnessOptions {
  /** Reuse a data dir (e.g. to test a restart); default: a fresh temp dir. */
  dataDir?: string;
  cipher?: SecretCipher;
  now?: () => Date;
  /** Serve this built renderer instead of dist/renderer (the benchmarks build their own). */
  rendererDir?: string;
  /** Client-side pacing of Omni accounts; 0 = none (benchmarks against an unlimited sandbox). */
  omniRequestsPerMinute?: number;
  /** The clock that clears copied secrets from the clipboard (a manual one to test the 30 s clear). */
  clipboardTimers?: ClearTimers;
  /** The embedded sandbox's consent page: approved at once (default), or shown in the stand-in browser (preview). */
  sandboxSignIn?: 'auto-approve' | 'browser';
  /** The sign-in flow's give-up time (default 5 minutes); e2e makes it short to test the timeout. */
  signInTimeoutMs?: number;
  /** A fake updater for the update banner specs; default: updates off, as in `npm start`. */
  updates?: UpdateSource;
  clock?: Clock;
  /** AppInfo.testHooks; default true (the e2e suite reads the query cache through a test hook). */
  testHooks?: boolean;
  /** Called for About → Open log folder; default: none (the dialog then shows the path). */
  openFolder?: (path: string) => Promise<void>;
  /** For the benchmarks: each request through the bridge, when main got it and answered (epoch ms, sub-ms precision). */
  onInvoke?: (call: { channel: string; receivedAt: number; answeredAt: number }) => void;
}

export interface Harness {
  core: DevKeysCore;
  dataDir: string;
  /** The stand-in for safeStorage: tests decrypt stored ciphertexts with it to look for the plaintext elsewhere. */
  cipher: SecretCipher;
  clipboard: ReturnType<typeof createMemoryClipboard>;
  rendererUrl: string;
  /** Opens a page with `window.devkeys` bound to this harness's core. */
  openPage(context: BrowserContext, hash?: string): Promise<Page>;
  /**
   * The harness plays the system browser: every page DevKeys asks it to open (a sign-in's
   * authorize URL) opens in a separate browser context, as a real browser would be.
   * Resolves with the next one opened (or one opened before and not yet taken).
   */
  nextBrowserPage(timeoutMs?: number): Promise<Page>;
  /** URLs DevKeys asked the browser to open, in order. */
  browserUrls: string[];
  close(options?: { keepDataDir?: boolean }): Promise<void>;
}

/** Every page gets the same webContents-like id; the origin check is the real guard here. */
const PAGE_SENDER_ID = 1;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Under an e2e run, data dirs stay in the run's root until the secret scan in global-teardown.
  const runRoot = process.env['DEVKEYS_E2E_ROOT'];
  const dataDir = options.dataDir ?? mkdtempSync(join(runRoot ?? tmpdir(), 'devkeys-e2e-'));
  const renderer = await serveRenderer(options.rendererDir);
  const clipboard = createMemoryClipboard();
  const browser = createBrowserStandIn();
  const cipher = options.cipher ?? createAesGcmCipher();
  const core = createDevKeysCore({
    dataDir,
    cipher,
    clipboard,
    storeBackend: confBackend,
    isAllowedSender: (sender) => sender.id === PAGE_SENDER_ID && sameOrigin(sender.url, renderer.url),
    version: 'harness',
    ...(options.now ? { now: options.now } : {}),
    omniRequestsPerMinute: options.omniRequestsPerMinute,
    ...(options.clipboardTimers ? { clipboardTimers: options.clipboardTimers } : {}),
    openBrowser: (url) => browser.open(url),
    sandboxSignIn: options.sandboxSignIn ?? 'auto-approve',
    ...(options.signInTimeoutMs ? { auth: { timeoutMs: options.signInTimeoutMs } } : {}),
    // The e2e suite reads the query cache through a test hook (packaged builds have none).
    testHooks: options.testHooks ?? true,
    ...(options.updates ? { updates: options.updates } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.openFolder ? { openFolder: options.openFolder } : {}),
  });
  const pages = new Set<Page>();
  core.onEvent((event, payload) => {
    for (const page of pages) {
      void page
        .evaluate(([e, p]) => (globalThis as unknown as { __devkeysEmit?: (e: string, p: unknown) => void }).__devkeysEmit?.(e, p), [
          event,
          payload,
        ] as const)
        .catch(() => undefined);
    }
  });

  return {
    core,
    dataDir,
    cipher,
    clipboard,
    rendererUrl: renderer.url,
    nextBrowserPage: (timeoutMs) => browser.next(timeoutMs),
    browserUrls: browser.urls,
    async openPage(context, hash = '') {
      browser.useBrowserOf(context);
      await installBridge(context, core, new URL(renderer.url).origin, options.onInvoke);
      const page = await context.newPage();
      pages.add(page);
      page.on('close', () => pages.delete(page));
      await page.goto(`${renderer.url}/index.html${hash}`);
      return page;
    },
    async close({ keepDataDir = false } = {}) {
      await core.shutdown();
      await browser.close();
      await renderer.close();
      if (!keepDataDir && !options.dataDir && !runRoot) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The system browser of a sign-in, played by Playwright: pages in their own context, handed to the test in order. */
function createBrowserStandIn() {
  let browser: Browser | null = null;
  let context: Promise<BrowserContext> | null = null;
  const ready: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  const urls: string[] = [];
  return {
    urls,
    useBrowserOf(appContext: BrowserContext) {
      browser ??= appContext.browser();
    },
    async open(url: string) {
      urls.push(url);
      if (!browser) throw new Error('The harness has no browser to open the sign-in page in.');
      const owner = browser;
      const page = await (await (context ??= owner.newContext())).newPage();
      const taker = waiting.shift();
      if (taker) taker(page);
      else ready.push(page);
      await page.goto(url);
    },
    next(timeoutMs = 10_000): Promise<Page> {
      const page = ready.shift();
      if (page) return Promise.resolve(page);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No sign-in page was opened within ${timeoutMs} ms`)), timeoutMs);
        waiting.push((opened) => {
          clearTimeout(timer);
          resolve(opened);
        });
      });
    },
    async close() {
      const open = context;
      context = null;
      if (open) await (await open).close().catch(() => undefined);
    },
  };
}

const bridgeInstalled = new WeakSet<BrowserContext>();

/** The real preload (electron/preload.ts), bundled as `npm run build` bundles it; built once per process. */
let preloadBundle: Promise<string> | null = null;
function preloadCode(): Promise<string> {
  preloadBundle ??= build({ ...preloadBuildOptions(join(tmpdir(), 'devkeys-harness-preload.cjs')), write: false }).then(
    (result) => result.outputFiles?.[0]?.text ?? Promise.reject(new Error('esbuild produced no preload bundle')),
  );
  return preloadBundle;
}

/**
 * The real preload in each of DevKeys' pages, with a stand-in `electron` module: its
 * `ipcRenderer.invoke` goes to the core's router through a Playwright binding, its `on` hears the
 * core's events, and `contextBridge.exposeInMainWorld` sets `window.devkeys` (frozen). So the
 * e2e and the benchmarks run the preload Electron loads, early first-screen request included.
 */
async function installBridge(context: BrowserContext, core: DevKeysCore, rendererOrigin: string, onInvoke: HarnessOptions['onInvoke']): Promise<void> {
  if (bridgeInstalled.has(context)) return;
  bridgeInstalled.add(context);
  const now = () => performance.timeOrigin + performance.now();
  // Answers cross as JSON text, parsed in the page: Playwright serializes an object answer field by
  // field through its protocol (~15 ms for the first screen's 60 keys), where Electron's IPC
  // structured-clones it in well under 1 ms. Every answer is plain data (no dates, maps or functions).
  await context.exposeBinding('__devkeysInvoke', async (source, channel: string, payload: unknown) => {
    const receivedAt = now();
    const answer = await core.router.handle(channel, payload, { id: PAGE_SENDER_ID, url: source.frame.url() });
    onInvoke?.({ channel: String(channel), receivedAt, answeredAt: now() });
    return JSON.stringify(answer);
  });
  const wire = {
    origin: rendererOrigin,
    channelNames: Object.fromEntries(CHANNEL_NAMES.map((name) => [ipcChannel(name), name])),
    eventChannels: Object.fromEntries(EVENT_NAMES.map((name) => [name, ipcEvent(name)])),
  };
  // Plain JavaScript text (not a serialized TypeScript function): the preload's code goes inside.
  await context.addInitScript({
    content: `(() => {
  const page = globalThis;
  const wire = ${JSON.stringify(wire)};
  // DevKeys' window only ever shows DevKeys' page: not a benchmark's static copy, nor the
  // sandbox's consent page in the stand-in system browser.
  if (page.location.origin !== wire.origin || !['/', '/index.html'].includes(page.location.pathname)) return;
  const answerOf = page.__devkeysInvoke;
  const listeners = new Map();
  let firstScreenAsked = false;
  const ipcRenderer = {
    invoke: (channel, args) => {
      const name = wire.channelNames[channel];
      if (name === undefined) return Promise.reject(new Error('No such IPC channel: ' + channel));
      // When the preload's start-up request left and came back, for the benchmarks.
      const first = name === 'loadFirstScreen' && !firstScreenAsked;
      if (first) {
        firstScreenAsked = true;
        page.performance.mark('devkeys:first-screen-sent');
      }
      const answer = answerOf(name, args).then((text) => JSON.parse(text));
      if (first) answer.then(() => page.performance.mark('devkeys:first-screen-answered'), () => undefined);
      return answer;
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const contextBridge = { exposeInMainWorld: (key, api) => { page[key] = Object.freeze(api); } };
  const electron = { ipcRenderer, contextBridge };
  const module = { exports: {} };
  (function (require, module, exports) {
${await preloadCode()}
  })((id) => { if (id !== 'electron') throw new Error('The preload required ' + id); return electron; }, module, module.exports);
  page.__devkeysEmit = (event, payload) => listeners.get(wire.eventChannels[event])?.forEach((listener) => listener({}, payload));
})();`,
  });
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

export type { Browser };
