/**
 * Pure formatting for the key list: scope chips, dates, "last used". No React, no DOM,
 * so it is unit-tested in Node with a fixed clock.
 */
import { OMI_SCOPES, type OmiScope } from '../../../electron/ipc/omi-scopes';

/** The 8 Omi scopes, in the server's order (one list, shared with main). */
export const ALL_SCOPES = OMI_SCOPES;

export const READ_ONLY_SCOPES: readonly OmiScope[] = ALL_SCOPES.filter((s) => s.endsWith(':read'));

export type ScopeChipTone = 'blue' | 'green' | 'purple' | 'grey';
export interface ScopeChip {
  label: 'Read Only' | 'Full Access' | 'Read' | 'Write' | 'No access';
  tone: ScopeChipTone;
}

/**
 * The chips a key shows, as in the Omi app: `Read Only` for legacy keys (null) and keys whose
 * scopes are all `:read`; `Full Access` when all 8 are present; otherwise `Read` and/or `Write`.
 * An empty list is a key that can do nothing: `No access`.
 */
export function scopeChips(scopes: readonly string[] | null | undefined): ScopeChip[] {
  if (scopes === null || scopes === undefined) return [{ label: 'Read Only', tone: 'blue' }];
  const set = new Set(scopes);
  if (set.size === 0) return [{ label: 'No access', tone: 'grey' }];
  if (ALL_SCOPES.every((scope) => set.has(scope))) return [{ label: 'Full Access', tone: 'green' }];
  const list = [...set];
  const hasRead = list.some((s) => s.endsWith(':read'));
  const hasWrite = list.some((s) => s.endsWith(':write'));
  if (hasRead && !hasWrite && list.every((s) => s.endsWith(':read'))) return [{ label: 'Read Only', tone: 'blue' }];
  const chips: ScopeChip[] = [];
  if (hasRead) chips.push({ label: 'Read', tone: 'blue' });
  if (hasWrite) chips.push({ label: 'Write', tone: 'purple' });
  return chips.length > 0 ? chips : [{ label: 'No access', tone: 'grey' }];
}

/** A readable list of a key's scopes for a tooltip: "conversations:read, goals:write". */
export function describeScopes(scopes: readonly string[] | null | undefined): string {
  if (scopes === null || scopes === undefined) return 'Legacy key: read-only access';
  if (scopes.length === 0) return 'No scopes: this key cannot access any data';
  return scopes.join(', ');
}

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DATE: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: 'numeric', minute: '2-digit' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per format and time zone, reused: constructing one costs ~0.1 ms,
 * which a list of 1,000 keys (three dates a row) would pay 3,000 times per render.
 */
function dateFormat(kind: 'date' | 'dateTime', timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = `${kind} ${timeZone ?? ''}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...(kind === 'date' ? DATE : DATE_TIME), ...(timeZone ? { timeZone } : {}) });
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/** "Dec 5, 2025". An unparseable value is shown as given rather than hidden. */
export function formatCreatedDate(iso: string, timeZone?: string): string {
  const date = parseDate(iso);
  if (!date) return iso;
  return dateFormat('date', timeZone).format(date);
}

/** "Dec 5, 2025, 3:04 PM": full timestamp for tooltips. */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = parseDate(iso);
  if (!date) return iso;
  return dateFormat('dateTime', timeZone).format(date);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

/**
 * "just now", "5 minutes ago", "1 hour ago", "3 days ago", "2 months ago", "1 year ago".
 * Times in the future (clock skew between us and the server) count as "just now".
 */
export function formatRelative(iso: string, now: number): string | null {
  const date = parseDate(iso);
  if (!date) return null;
  const elapsed = now - date.getTime();
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return plural(Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return plural(Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < MONTH) return plural(Math.floor(elapsed / DAY), 'day');
  if (elapsed < YEAR) return plural(Math.min(11, Math.max(1, Math.floor(elapsed / MONTH))), 'month');
  return plural(Math.floor(elapsed / YEAR), 'year');
}

/** "Never used", "Used just now", "Used 3 days ago". */
export function formatLastUsed(lastUsedAt: string | null | undefined, now: number): string {
  if (!lastUsedAt) return 'Never used';
  const relative = formatRelative(lastUsedAt, now);
  return relative ? `Used ${relative}` : 'Used (unknown date)';
}

/** Seconds for a countdown / clipboard note, rounded up so we never promise too little. */
export function secondsFromMs(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}
