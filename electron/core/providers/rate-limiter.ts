/**
 * A client-side sliding-window limiter: at most `limit` requests start in any `windowMs`.
 * Omni allows 60 requests per minute per API key; one limiter per account keeps DevKeys
 * under that budget so the server's 429 stays the exception.
 *
 * Over budget, a request is given the first free slot (first come, first served) and waits
 * for it; a wait longer than the caller can afford is refused with the time to try again,
 * so nothing hangs.
 */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type Reservation = { admitted: true; waitMs: number } | { admitted: false; retryAfterMs: number };

export interface SlidingWindowOptions {
  limit: number;
  windowMs: number;
  clock?: LimiterClock;
}

/** Longest pause after a server 429 that came without Retry-After. */
const MAX_BACKOFF_SECONDS = 60;

export class SlidingWindowLimiter {
  /** Start times of admitted requests (some may lie in the future), ascending. */
  private starts: number[] = [];
  /** No request starts before this time (set by a server 429). */
  private pausedUntil = 0;
  private consecutiveServerLimits = 0;
  private readonly clock: LimiterClock;

  constructor(private readonly options: SlidingWindowOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.clock = options.clock ?? systemClock;
  }

  /** Books the earliest slot if it is at most `maxWaitMs` away; never books a refused request. */
  reserve(maxWaitMs: number): Reservation {
    const { limit, windowMs } = this.options;
    const now = this.clock.now();
    this.starts = this.starts.filter((start) => start > now - windowMs);
    let start = Math.max(now, this.pausedUntil);
    // Starts only ever grow, so the limit-th most recent one decides when a slot frees up.
    const blocking = this.starts[this.starts.length - limit];
    if (blocking !== undefined) start = Math.max(start, blocking + windowMs);
    const waitMs = start - now;
    if (waitMs > maxWaitMs) return { admitted: false, retryAfterMs: waitMs };
    this.starts.push(start);
    return { admitted: true, waitMs };
  }

  /** Waits for a slot; resolves to the refusal instead when the wait would exceed `maxWaitMs`. */
  async acquire(maxWaitMs: number): Promise<Reservation> {
    const reservation = this.reserve(maxWaitMs);
    if (reservation.admitted && reservation.waitMs > 0) await this.clock.sleep(reservation.waitMs);
    return reservation;
  }

  /**
   * The server answered 429 anyway (another client shares the key, or clocks differ): pause
   * every request for Retry-After, or back off exponentially when it sent none. Returns the
   * pause in seconds.
   */
  noteServerLimit(retryAfterSeconds: number | undefined): number {
    this.consecutiveServerLimits += 1;
    const seconds = retryAfterSeconds ?? Math.min(MAX_BACKOFF_SECONDS, 2 ** this.consecutiveServerLimits);
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + seconds * 1000);
    return seconds;
  }

  noteSuccess(): void {
    this.consecutiveServerLimits = 0;
  }
}
