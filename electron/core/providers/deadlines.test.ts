import { describe, expect, it } from 'vitest';
import { abortAfter, TICK_MS } from './deadlines';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('abortAfter', () => {
  it('aborts with a TimeoutError once the deadline has passed, within one tick', async () => {
    const controller = new AbortController();
    const started = performance.now();
    abortAfter(120, controller);
    const abortedAt = await new Promise<number>((resolve) => controller.signal.addEventListener('abort', () => resolve(performance.now())));
    expect(abortedAt - started).toBeGreaterThanOrEqual(120);
    expect(abortedAt - started).toBeLessThan(120 + TICK_MS + 100);
    expect((controller.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('never aborts a request that finished first, while a slower one still times out', async () => {
    const finished = new AbortController();
    const slow = new AbortController();
    abortAfter(60, finished)();
    abortAfter(60, slow);
    await sleep(60 + TICK_MS * 3);
    expect(finished.signal.aborted).toBe(false);
    expect(slow.signal.aborted).toBe(true);
  });
});
