/**
 * Request timeouts on one shared timer. A timer per request (setTimeout, cleared once the body
 * is read) cost ~10 µs of every Omi list call, more than the rest of DevKeys' own work on it
 * (`npm run bench`, the IPC figure); AbortSignal.timeout() was worse (see callApi). One ticker
 * runs while requests are in flight and stops on its first idle tick, so an idle DevKeys keeps
 * no timer at all; a request is aborted within TICK_MS after its deadline.
 */

export const TICK_MS = 50;

interface Deadline {
  at: number;
  controller: AbortController;
}

const pending = new Set<Deadline>();
let ticker: ReturnType<typeof setInterval> | null = null;

/**
 * Aborts `controller` with a `TimeoutError` once `ms` have passed, unless the returned function
 * (call it when the request is done) is called first.
 */
export function abortAfter(ms: number, controller: AbortController): () => void {
  const deadline: Deadline = { at: performance.now() + ms, controller };
  pending.add(deadline);
  if (ticker === null) {
    ticker = setInterval(sweep, TICK_MS);
    // Like AbortSignal.timeout: a pending deadline never keeps the process alive.
    ticker.unref?.();
  }
  return () => pending.delete(deadline);
}

function sweep(): void {
  if (pending.size === 0) {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
    return;
  }
  const now = performance.now();
  for (const deadline of pending) {
    if (deadline.at > now) continue;
    pending.delete(deadline);
    deadline.controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }
}
