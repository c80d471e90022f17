import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  READ_ONLY_SCOPES,
  describeScopes,
  formatCreatedDate,
  formatDateTime,
  formatLastUsed,
  formatRelative,
  scopeChips,
  secondsFromMs,
} from './format';

// A fixed clock: every relative time below is measured from here.
const NOW = Date.parse('2026-03-15T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('scopeChips', () => {
  it('treats legacy keys (null scopes) as Read Only', () => {
    expect(scopeChips(null)).toEqual([{ label: 'Read Only', tone: 'blue' }]);
    expect(scopeChips(undefined)).toEqual([{ label: 'Read Only', tone: 'blue' }]);
  });

  it('shows Read Only when every scope is a :read scope', () => {
    expect(scopeChips(READ_ONLY_SCOPES)).toEqual([{ label: 'Read Only', tone: 'blue' }]);
    expect(scopeChips(['memories:read'])).toEqual([{ label: 'Read Only', tone: 'blue' }]);
  });

  it('shows Full Access only when all 8 scopes are present, in any order, with duplicates', () => {
    expect(scopeChips(ALL_SCOPES)).toEqual([{ label: 'Full Access', tone: 'green' }]);
    expect(scopeChips([...ALL_SCOPES].reverse().concat(['goals:read']))).toEqual([{ label: 'Full Access', tone: 'green' }]);
    expect(scopeChips(ALL_SCOPES.slice(1))).toEqual([
      { label: 'Read', tone: 'blue' },
      { label: 'Write', tone: 'purple' },
    ]);
  });

  it('shows Write alone for write-only keys', () => {
    expect(scopeChips(['memories:write'])).toEqual([{ label: 'Write', tone: 'purple' }]);
  });

  it('shows Read and Write for mixed keys', () => {
    expect(scopeChips(['action_items:read', 'action_items:write'])).toEqual([
      { label: 'Read', tone: 'blue' },
      { label: 'Write', tone: 'purple' },
    ]);
  });

  it('shows No access for an empty scope list', () => {
    expect(scopeChips([])).toEqual([{ label: 'No access', tone: 'grey' }]);
  });

  it('has exactly the 8 Omi scopes, four of them read', () => {
    expect(ALL_SCOPES).toHaveLength(8);
    expect(new Set(ALL_SCOPES).size).toBe(8);
    expect(READ_ONLY_SCOPES).toEqual(['conversations:read', 'memories:read', 'action_items:read', 'goals:read']);
  });

  it('describes scopes for tooltips', () => {
    expect(describeScopes(null)).toMatch(/read-only/);
    expect(describeScopes([])).toMatch(/cannot access/);
    expect(describeScopes(['goals:read', 'goals:write'])).toBe('goals:read, goals:write');
  });
});

describe('formatCreatedDate', () => {
  it('formats like the Omi app: "Dec 5, 2025"', () => {
    expect(formatCreatedDate('2025-12-05T10:30:00Z', 'UTC')).toBe('Dec 5, 2025');
    expect(formatCreatedDate('2026-01-31T23:59:59.999Z', 'UTC')).toBe('Jan 31, 2026');
  });

  it('uses the given time zone', () => {
    expect(formatCreatedDate('2025-12-05T02:00:00Z', 'America/Los_Angeles')).toBe('Dec 4, 2025');
  });

  it('returns unparseable input unchanged', () => {
    expect(formatCreatedDate('not a date', 'UTC')).toBe('not a date');
  });

  it('formats a full timestamp for tooltips', () => {
    expect(formatDateTime('2025-12-05T15:04:00Z', 'UTC')).toBe('Dec 5, 2025, 3:04 PM');
  });
});

describe('formatRelative', () => {
  it.each([
    [0, 'just now'],
    [59 * SECOND, 'just now'],
    [MINUTE, '1 minute ago'],
    [5 * MINUTE + 30 * SECOND, '5 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [HOUR, '1 hour ago'],
    [23 * HOUR, '23 hours ago'],
    [DAY, '1 day ago'],
    [3 * DAY, '3 days ago'],
    [29 * DAY, '29 days ago'],
    [31 * DAY, '1 month ago'],
    [75 * DAY, '2 months ago'],
    [364 * DAY, '11 months ago'],
    [366 * DAY, '1 year ago'],
    [3 * 366 * DAY, '3 years ago'],
  ])('%i ms ago → %s', (ms, expected) => {
    expect(formatRelative(ago(ms), NOW)).toBe(expected);
  });

  it('treats future times (clock skew) as just now', () => {
    expect(formatRelative(new Date(NOW + 5 * MINUTE).toISOString(), NOW)).toBe('just now');
  });

  it('returns null for unparseable input', () => {
    expect(formatRelative('yesterday', NOW)).toBeNull();
  });
});

describe('formatLastUsed', () => {
  it('says Never used for null', () => {
    expect(formatLastUsed(null, NOW)).toBe('Never used');
    expect(formatLastUsed(undefined, NOW)).toBe('Never used');
  });

  it('prefixes the relative time with Used', () => {
    expect(formatLastUsed(ago(3 * DAY), NOW)).toBe('Used 3 days ago');
    expect(formatLastUsed(ago(10 * SECOND), NOW)).toBe('Used just now');
    expect(formatLastUsed(ago(2 * HOUR), NOW)).toBe('Used 2 hours ago');
  });

  it('does not crash on a bad timestamp', () => {
    expect(formatLastUsed('garbage', NOW)).toBe('Used (unknown date)');
  });
});

describe('secondsFromMs', () => {
  it('rounds up and never goes negative', () => {
    expect(secondsFromMs(30_000)).toBe(30);
    expect(secondsFromMs(29_001)).toBe(30);
    expect(secondsFromMs(-5)).toBe(0);
  });
});
