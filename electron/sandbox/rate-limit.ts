// A per-caller rate limit over a rolling 60-second window, shared by the Omni API and Omi's
// key introspection. Only admitted requests are counted.

const RATE_WINDOW_MS = 60_000;

export interface Admission {
  admitted: boolean;
  /** X-RateLimit-Limit and X-RateLimit-Remaining, plus Retry-After (seconds) when refused. */
  headers: Record<string, string>;
  /** Seconds until a request would be admitted again (0 when admitted). */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly admittedAt = new Map<string, number[]>();

  /** `limitPerMinute` 0 = unlimited. */
  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => Date,
  ) {
    if (!Number.isInteger(limitPerMinute) || limitPerMinute < 0) {
      throw new RangeError(`rate limit must be a non-negative integer, got ${String(limitPerMinute)}`);
    }
  }

  /** Whether this caller's request may proceed, and the rate-limit headers to send either way. */
  admit(caller: string): Admission {
    if (this.limitPerMinute === 0) return { admitted: true, headers: {}, retryAfterSeconds: 0 };
    const nowMs = this.now().getTime();
    const recent = (this.admittedAt.get(caller) ?? []).filter((at) => at > nowMs - RATE_WINDOW_MS);
    this.admittedAt.set(caller, recent);
    const limitHeader = { 'X-RateLimit-Limit': String(this.limitPerMinute) };
    const oldest = recent[0];
    if (recent.length >= this.limitPerMinute && oldest !== undefined) {
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - nowMs) / 1000));
      return {
        admitted: false,
        headers: { ...limitHeader, 'X-RateLimit-Remaining': '0', 'Retry-After': String(retryAfterSeconds) },
        retryAfterSeconds,
      };
    }
    recent.push(nowMs);
    return {
      admitted: true,
      headers: { ...limitHeader, 'X-RateLimit-Remaining': String(this.limitPerMinute - recent.length) },
      retryAfterSeconds: 0,
    };
  }
}
