/** Quitting never waits more than 2 s on shutdown work (clearing the clipboard, stopping the sandbox). */
import type { Clock } from '../updates/update-controller';

export const SHUTDOWN_LIMIT_MS = 2000;

export type ShutdownOutcome = 'done' | 'failed' | 'timed_out';

export function boundedShutdown(work: () => Promise<void>, clock: Clock, limitMs = SHUTDOWN_LIMIT_MS): Promise<ShutdownOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: ShutdownOutcome) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      resolve(outcome);
    };
    const timer = clock.setTimeout(() => finish('timed_out'), limitMs);
    let running: Promise<void>;
    try {
      running = work();
    } catch {
      finish('failed');
      return;
    }
    running.then(
      () => finish('done'),
      () => finish('failed'),
    );
  });
}
