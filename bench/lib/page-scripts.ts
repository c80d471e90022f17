/**
 * Code that runs inside the page (serialized by Playwright), so it may use only browser globals,
 * reached through `globalThis` with the minimal types below: the Node tsconfig has no DOM lib.
 *
 * "Painted" is measured the same way everywhere: a requestAnimationFrame callback after the DOM
 * change, then a MessageChannel task, which runs once that frame's style, layout, paint and
 * commit are done. Times are `performance.now()`, i.e. milliseconds since navigation start.
 */

interface PageElement {
  readonly textContent: string | null;
  readonly outerHTML: string;
  innerHTML: string;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  removeAttribute(name: string): void;
  cloneNode(deep: boolean): PageElement;
  focus(): void;
}

interface PageEvent {
  readonly timeStamp: number;
}

type Listener = (event: PageEvent) => void;

interface PageWindow {
  document: PageElement;
  innerHeight: number;
  requestAnimationFrame(callback: (time: number) => void): number;
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: { childList?: boolean; subtree?: boolean; characterData?: boolean }): void;
    disconnect(): void;
  };
  addEventListener(type: string, listener: Listener, options?: { capture?: boolean; passive?: boolean; once?: boolean }): void;
  removeEventListener(type: string, listener: Listener, options?: { capture?: boolean }): void;
  devkeys?: Record<string, unknown>;
  __bench: BenchState;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null; close(): void };
    port2: { postMessage(message: unknown): void };
  };
  performance: { now(): number; getEntriesByType(type: string): unknown[] };
}

/** Wait for `count` rows matching `selector`, or (`fillViewport`) for rows reaching the window's bottom edge. */
export interface RowTarget {
  selector: string;
  count: number;
  fillViewport: boolean;
}

export interface RowsPainted {
  rows: number;
  /** Navigation timing of the document: when its response started and ended arriving. */
  responseStart: number;
  responseEnd: number;
  /** When the rows were in the DOM. */
  domAt: number;
  /** When the frame showing them was painted. */
  paintAt: number;
}

export interface BenchState {
  /** Channel name → when the page last called it. */
  requests: Record<string, number>;
  /** Channel name → when its latest reply reached the page (the harness bridge resolved). */
  arrivals: Record<string, number>;
  /** Resolves when the RowTarget given to installProbe is painted (null without a target). */
  rows: Promise<RowsPainted> | null;
  /** Resolves after the next frame is painted. */
  afterNextPaint(): Promise<number>;
  /** Set by armKeystroke. */
  keystroke?: Promise<number>;
}

/**
 * The init script of every bench page: the `__bench` helpers, a wrapper around `window.devkeys`
 * that notes when each reply arrives, and (with a target) a watch for the rows being painted.
 */
export function installProbe(target: RowTarget | null): void {
  const w = globalThis as unknown as PageWindow;
  // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
  (globalThis as unknown as { __name: (f: unknown) => unknown }).__name = (f) => f;

  /** Call inside a rAF callback: resolves when this frame has been painted. */
  const whenFramePainted = () =>
    new Promise<number>((resolve) => {
      const channel = new w.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve(performance.now());
      };
      channel.port2.postMessage(null);
    });
  const afterNextPaint = () => new Promise<number>((resolve) => w.requestAnimationFrame(() => void whenFramePainted().then(resolve)));

  const requests: Record<string, number> = {};
  const arrivals: Record<string, number> = {};
  const wrap = (api: Record<string, unknown> | undefined) => {
    if (!api) return api;
    const wrapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(api)) {
      wrapped[name] =
        typeof value === 'function' && name !== 'on'
          ? (...args: unknown[]) => {
              requests[name] = performance.now();
              return (value as (...a: unknown[]) => Promise<unknown>)(...args).then((result) => {
                arrivals[name] = performance.now();
                return result;
              });
            }
          : value;
    }
    return Object.freeze(wrapped);
  };
  // The preload (the harness runs it) assigns window.devkeys after (or before) this one runs.
  let api = wrap(w.devkeys);
  Object.defineProperty(w, 'devkeys', {
    configurable: true,
    enumerable: true,
    get: () => api,
    set: (value: Record<string, unknown>) => {
      api = wrap(value);
    },
  });

  let rows: Promise<RowsPainted> | null = null;
  if (target) {
    rows = new Promise<RowsPainted>((resolve) => {
      const reached = (): number => {
        const found = w.document.querySelectorAll(target.selector);
        if (found.length >= target.count) return found.length;
        const last = found[found.length - 1];
        if (target.fillViewport && last && last.getBoundingClientRect().bottom >= w.innerHeight) return found.length;
        return 0;
      };
      const observer = new w.MutationObserver(() => {
        const count = reached();
        if (count === 0) return;
        observer.disconnect();
        const domAt = performance.now();
        const nav = w.performance.getEntriesByType('navigation')[0] as unknown as { responseStart: number; responseEnd: number } | undefined;
        void afterNextPaint().then((paintAt) =>
          resolve({ rows: count, domAt, paintAt, responseStart: nav?.responseStart ?? NaN, responseEnd: nav?.responseEnd ?? NaN }),
        );
      });
      observer.observe(w.document, { childList: true, subtree: true });
    });
  }
  w.__bench = { requests, arrivals, rows, afterNextPaint };
}

/** Reads the probe's row result of the current document. */
export function rowsPainted(): Promise<RowsPainted> {
  const bench = (globalThis as unknown as PageWindow).__bench;
  if (!bench.rows) throw new Error('This page has no row target');
  return bench.rows;
}

/** When the current document last called each channel and got each reply. */
export function ipcTimes(): { requests: Record<string, number>; arrivals: Record<string, number> } {
  const { requests, arrivals } = (globalThis as unknown as PageWindow).__bench;
  return { requests, arrivals };
}

/**
 * The start-up request the preload sends as the page starts: when it left and when its answer
 * came back (User Timing marks set by the harness's stand-in ipcRenderer), and the page's time
 * origin (epoch ms) to line them up with the main-process side.
 */
export function firstScreenMarks(): { sent: number | null; answered: number | null; timeOrigin: number } {
  const perf = (globalThis as unknown as { performance: { timeOrigin: number; getEntriesByName(name: string): { startTime: number }[] } }).performance;
  const at = (name: string) => perf.getEntriesByName(name)[0]?.startTime ?? null;
  return { sent: at('devkeys:first-screen-sent'), answered: at('devkeys:first-screen-answered'), timeOrigin: perf.timeOrigin };
}

/** When the current document's own request started (after any redirects), in epoch ms. */
export function documentRequestedAt(): number {
  const perf = (globalThis as unknown as PageWindow).performance as unknown as { timeOrigin: number; getEntriesByType(type: string): { requestStart: number }[] };
  return perf.timeOrigin + (perf.getEntriesByType('navigation')[0]?.requestStart ?? NaN);
}

/** The current document's time origin (epoch ms): page times plus this are comparable across pages. */
export function timeOrigin(): number {
  return (globalThis as unknown as { performance: { timeOrigin: number } }).performance.timeOrigin;
}

/** Arrival time of a channel's latest reply in the current document. */
export function arrivalOf(channel: string): number | null {
  return (globalThis as unknown as PageWindow).__bench.arrivals[channel] ?? null;
}

/**
 * `#root` as static HTML: inline styles dropped (a static page could not apply them under the
 * CSP), and the rows of `listSelector` (if given) replaced by a `<!--bench-rows-->` marker and
 * returned separately.
 */
export function captureScreen(args: { listSelector: string | null; rowSelector: string }): { rootHtml: string; rows: string[] } {
  const w = globalThis as unknown as PageWindow;
  const root = w.document.querySelector('#root');
  if (!root) throw new Error('#root is missing');
  const clone = root.cloneNode(true);
  const styled = clone.querySelectorAll('[style]');
  for (let i = 0; i < styled.length; i += 1) styled[i]?.removeAttribute('style');
  const rows: string[] = [];
  if (args.listSelector) {
    const list = clone.querySelector(args.listSelector);
    if (!list) throw new Error(`${args.listSelector} is missing`);
    const found = list.querySelectorAll(args.rowSelector);
    for (let i = 0; i < found.length; i += 1) rows.push(found[i]?.outerHTML ?? '');
    list.innerHTML = '<!--bench-rows-->';
  }
  return { rootHtml: clone.innerHTML, rows };
}

export interface ScrollSample {
  /** The scroller's height. */
  viewportPx: number;
  /** Main-thread time per frame: first scroll listener (or rAF) → frame painted. */
  workMs: number[];
  /** requestAnimationFrame deltas. */
  intervalsMs: number[];
  distancePx: number;
}

/** Scrolls `selector` from the top at a steady `pxPerSecond`, to the bottom or `maxPx`. */
export function scrollThrough(args: { selector: string; pxPerSecond: number; maxPx?: number }): Promise<ScrollSample> {
  const w = globalThis as unknown as PageWindow;
  const scroller = w.document.querySelector(args.selector);
  if (!scroller) throw new Error(`${args.selector} is missing`);
  const el = scroller;
  el.scrollTop = 0;
  const distancePx = Math.min(el.scrollHeight - el.clientHeight, args.maxPx ?? Infinity);
  const pxPerMs = args.pxPerSecond / 1000;
  const workMs: number[] = [];
  const intervalsMs: number[] = [];
  // Scroll events (and the virtualizer's re-render in them) run before rAF in the same frame:
  // a capturing listener on window sees them first.
  let frameStart: number | null = null;
  const onScroll = () => {
    frameStart ??= performance.now();
  };
  w.addEventListener('scroll', onScroll, { capture: true, passive: true });
  return new Promise<ScrollSample>((resolve) => {
    let first = -1;
    let previous = -1;
    const tick = (time: number) => {
      const start = frameStart ?? performance.now();
      frameStart = null;
      if (first < 0) first = time;
      else intervalsMs.push(time - previous);
      previous = time;
      const top = Math.min(distancePx, (time - first) * pxPerMs);
      el.scrollTop = top;
      const done = top >= distancePx;
      const channel = new w.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        workMs.push(performance.now() - start);
        if (done) {
          w.removeEventListener('scroll', onScroll, { capture: true });
          resolve({ workMs, intervalsMs, distancePx, viewportPx: el.clientHeight });
        }
      };
      channel.port2.postMessage(null);
      if (!done) w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
}

/**
 * Arms a measurement of the next keystroke: keydown → the frame that shows its result painted.
 * `expect`: the text `statusSelector` must start with once the list is updated, null when that
 * element must be gone, or 'any' (a page that reacts to nothing: the first frame after input).
 */
export function armKeystroke(args: { statusSelector: string; expect: string | null | 'any'; timeoutMs: number }): void {
  const w = globalThis as unknown as PageWindow;
  w.__bench.keystroke = new Promise<number>((resolve, reject) => {
    let keyAt = -1;
    const matches = () => {
      if (args.expect === 'any') return true;
      const status = w.document.querySelector(args.statusSelector);
      return args.expect === null ? status === null : (status?.textContent ?? '').startsWith(args.expect);
    };
    const timer = setTimeout(() => reject(new Error(`keystroke: no update to ${JSON.stringify(args.expect)}`)), args.timeoutMs);
    const done = (paintAt: number) => {
      clearTimeout(timer);
      resolve(paintAt - keyAt);
    };
    w.addEventListener('keydown', (event) => (keyAt = event.timeStamp), { capture: true, once: true });
    w.addEventListener(
      'input',
      () =>
        // React handles the input event before this frame; if it deferred the update, wait for it.
        w.requestAnimationFrame(() => {
          if (matches()) {
            const channel = new w.MessageChannel();
            channel.port1.onmessage = () => {
              channel.port1.close();
              done(performance.now());
            };
            channel.port2.postMessage(null);
            return;
          }
          const observer = new w.MutationObserver(() => {
            if (!matches()) return;
            observer.disconnect();
            void w.__bench.afterNextPaint().then(done);
          });
          observer.observe(w.document, { childList: true, subtree: true, characterData: true });
        }),
      { capture: true, once: true },
    );
  });
}

/** The armed keystroke's latency in ms. */
export function keystrokeLatency(): Promise<number> {
  const bench = (globalThis as unknown as PageWindow).__bench;
  if (!bench.keystroke) throw new Error('armKeystroke first');
  return bench.keystroke;
}

/** Keeps `scrollSelector` scrolled to the bottom (so an infinite list loads page after page) until `doneSelector`'s text includes `doneText`. */
export function scrollUntilLoaded(args: { scrollSelector: string; doneSelector: string; doneText: string; timeoutMs: number }): Promise<number> {
  const w = globalThis as unknown as PageWindow;
  const started = performance.now();
  return new Promise<number>((resolve, reject) => {
    const step = () => {
      const done = w.document.querySelector(args.doneSelector)?.textContent?.includes(args.doneText) ?? false;
      if (done) return resolve(performance.now() - started);
      if (performance.now() - started > args.timeoutMs) return reject(new Error(`not loaded: ${args.doneText}`));
      const scroller = w.document.querySelector(args.scrollSelector);
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      w.requestAnimationFrame(step);
    };
    step();
  });
}

/** Scrolls `selector` to the top and waits two frames. */
export function scrollToTop(selector: string): Promise<void> {
  const w = globalThis as unknown as PageWindow;
  const scroller = w.document.querySelector(selector);
  if (scroller) scroller.scrollTop = 0;
  return new Promise((resolve) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve())));
}

/** Round trips of a near-empty request (getAppInfo) through the bridge: the transport's own cost. */
export async function bridgeRoundTrips(count: number): Promise<number[]> {
  const api = (globalThis as unknown as PageWindow).devkeys as { getAppInfo(args: object): Promise<unknown> };
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await api.getAppInfo({});
    times.push(performance.now() - t0);
  }
  return times;
}
