import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, type LimiterClock } from './rate-limiter';

/** A clock that only moves when told to, or when someone sleeps on it. */
function fixedClock(start = 1_000_000): LimiterClock & { advance(ms: number): void; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance(ms) {
      now += ms;
    },
    slept,
  };
}

const MINUTE = 60_000;

describe('SlidingWindowLimiter', () => {
  it('admits `limit` requests at once, then books the slot where the oldest leaves the window', () => {
    const clock = fixedClock();
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: MINUTE, clock });
    for (let i = 0; i < 3; i++) {
      expect(limiter.reserve(0)).toEqual({ admitted: true, waitMs: 0 });
      clock.advance(1000);
    }
    // Starts at t=0, 1 s, 2 s; now t=3 s: the 4th may start when t=0 leaves, at 60 s.
    expect(limiter.reserve(MINUTE)).toEqual({ admitted: true, waitMs: 57_000 });
    // First come, first served: the 5th gets the slot freed by the 1 s request.
    expect(limiter.reserve(MINUTE)).toEqual({ admitted: true, waitMs: 58_000 });
  });

  it('refuses a wait longer than the caller allows, without booking it', () => {
    const clock = fixedClock();
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: MINUTE, clock });
    limiter.reserve(0);
    limiter.reserve(0);
    clock.advance(10_000);
    expect(limiter.reserve(15_000)).toEqual({ admitted: false, retryAfterMs: 50_000 });
    expect(limiter.reserve(15_000)).toEqual({ admitted: false, retryAfterMs: 50_000 });
    clock.advance(50_000);
    expect(limiter.reserve(0)).toEqual({ admitted: true, waitMs: 0 });
  });

  it('never lets more than `limit` requests start in any window', () => {
    const clock = fixedClock();
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: MINUTE, clock });
    const starts: number[] = [];
    for (let i = 0; i < 40; i++) {
      const reservation = limiter.reserve(Infinity);
      if (!reservation.admitted) throw new Error('refused');
      starts.push(clock.now() + reservation.waitMs);
      clock.advance(i % 7 === 0 ? 9_000 : 700);
    }
    for (const start of starts) {
      expect(starts.filter((other) => other >= start && other < start + MINUTE).length).toBeLessThanOrEqual(5);
    }
  });

  it('acquire sleeps on the injected clock for exactly the booked wait', async () => {
    const clock = fixedClock();
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: MINUTE, clock });
    await limiter.acquire(0);
    expect(await limiter.acquire(MINUTE)).toEqual({ admitted: true, waitMs: MINUTE });
    expect(clock.slept).toEqual([MINUTE]);
    expect(await limiter.acquire(1000)).toEqual({ admitted: false, retryAfterMs: MINUTE });
    expect(clock.slept).toEqual([MINUTE]);
  });

  it('pauses for Retry-After after a server 429, else backs off exponentially until a success', () => {
    const clock = fixedClock();
    const limiter = new SlidingWindowLimiter({ limit: 60, windowMs: MINUTE, clock });
    expect(limiter.noteServerLimit(7)).toBe(7);
    expect(limiter.reserve(1000)).toEqual({ admitted: false, retryAfterMs: 7000 });
    clock.advance(7000);
    expect(limiter.reserve(0)).toEqual({ admitted: true, waitMs: 0 });

    expect([2, 3, 4, 5, 6, 7, 8].map(() => limiter.noteServerLimit(undefined))).toEqual([4, 8, 16, 32, 60, 60, 60]);
    limiter.noteSuccess();
    expect(limiter.noteServerLimit(undefined)).toBe(2);
  });

  it('rejects nonsense settings', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: MINUTE })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ limit: 1.5, windowMs: MINUTE })).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
