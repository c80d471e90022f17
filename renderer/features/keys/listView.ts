/**
 * The key list's search, sort and filters, and the "Unused" / "Stale" rules. Pure, so they
 * are unit-tested with a fixed clock.
 */
import type { OmiKey } from '../../../electron/ipc/contract';

export const KEY_SORTS = ['newest', 'oldest', 'name', 'last_used'] as const;
export type KeySort = (typeof KEY_SORTS)[number];
export const KEY_FILTERS = ['all', 'unused', 'stale'] as const;
export type KeyFilter = (typeof KEY_FILTERS)[number];

export interface KeyView {
  query: string;
  sort: KeySort;
  filter: KeyFilter;
}
export const DEFAULT_KEY_VIEW: KeyView = { query: '', sort: 'newest', filter: 'all' };

const DAY_MS = 24 * 60 * 60 * 1000;
export const UNUSED_AFTER_DAYS = 7;
export const STALE_AFTER_DAYS = 90;

type Dated = Pick<OmiKey, 'created_at' | 'last_used_at'>;

function time(iso: string | null): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Never used, and created more than 7 days ago: probably forgotten. */
export function isUnused(key: Dated, now: number): boolean {
  const created = time(key.created_at);
  return key.last_used_at === null && created !== null && now - created > UNUSED_AFTER_DAYS * DAY_MS;
}

/** Used once, but not in the last 90 days. (A never-used key is "Unused" instead.) */
export function isStale(key: Dated, now: number): boolean {
  const lastUsed = time(key.last_used_at);
  return lastUsed !== null && now - lastUsed > STALE_AFTER_DAYS * DAY_MS;
}

export function keyCounts(keys: readonly Dated[], now: number): { total: number; unused: number; stale: number } {
  return {
    total: keys.length,
    unused: keys.filter((k) => isUnused(k, now)).length,
    stale: keys.filter((k) => isStale(k, now)).length,
  };
}

/** The header line: "12 keys · 3 unused · 2 stale" (zero counts are left out). */
export function describeKeyCounts({ total, unused, stale }: ReturnType<typeof keyCounts>): string {
  const parts = [`${total} ${total === 1 ? 'key' : 'keys'}`];
  if (unused > 0) parts.push(`${unused} unused`);
  if (stale > 0) parts.push(`${stale} stale`);
  return parts.join(' · ');
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function newestFirst(a: Dated, b: Dated): number {
  return (time(b.created_at) ?? 0) - (time(a.created_at) ?? 0);
}

const COMPARATORS: Record<KeySort, (a: OmiKey, b: OmiKey) => number> = {
  newest: newestFirst,
  oldest: (a, b) => -newestFirst(a, b),
  name: (a, b) => byName.compare(a.name, b.name) || newestFirst(a, b),
  // Most recently used first; never-used keys last.
  last_used: (a, b) => (time(b.last_used_at) ?? -Infinity) - (time(a.last_used_at) ?? -Infinity) || newestFirst(a, b),
};

/** Search matches the name or the prefix (`omi_dev_3fa1...9c0e`, or just `3fa1`), ignoring case. */
export function matchesQuery(key: Pick<OmiKey, 'name' | 'key_prefix'>, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === '' || key.name.toLowerCase().includes(needle) || key.key_prefix.toLowerCase().includes(needle);
}

export function applyKeyView<K extends OmiKey>(keys: readonly K[], view: KeyView, now: number): K[] {
  const keep = (key: K) =>
    matchesQuery(key, view.query) &&
    (view.filter === 'all' || (view.filter === 'unused' ? isUnused(key, now) : isStale(key, now)));
  // A stable sort keeps the server's order (newest first) for ties.
  return keys.filter(keep).sort(COMPARATORS[view.sort]);
}
