import { describe, expect, it } from 'vitest';
import type { OmiKey } from '../../../electron/ipc/contract';
import { applyKeyView, DEFAULT_KEY_VIEW, describeKeyCounts, isStale, isUnused, keyCounts, matchesQuery } from './listView';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 24 * 60 * 60 * 1000).toISOString();

const key = (name: string, createdDaysAgo: number, usedDaysAgo: number | null, prefix = 'omi_dev_0000...0000'): OmiKey => ({
  id: name,
  name,
  key_prefix: prefix,
  created_at: daysAgo(createdDaysAgo),
  last_used_at: usedDaysAgo === null ? null : daysAgo(usedDaysAgo),
  scopes: null,
});

describe('Unused and Stale (fixed clock)', () => {
  it('Unused: never used and created more than 7 days ago', () => {
    expect(isUnused(key('a', 8, null), NOW)).toBe(true);
    expect(isUnused(key('b', 7, null), NOW)).toBe(false); // exactly 7 days: not yet
    expect(isUnused(key('c', 2, null), NOW)).toBe(false);
    expect(isUnused(key('d', 300, 1), NOW)).toBe(false);
    expect(isUnused({ created_at: 'not a date', last_used_at: null }, NOW)).toBe(false);
  });

  it('Stale: last used more than 90 days ago; never-used keys are Unused instead', () => {
    expect(isStale(key('a', 400, 91), NOW)).toBe(true);
    expect(isStale(key('b', 400, 90), NOW)).toBe(false);
    expect(isStale(key('c', 400, 3), NOW)).toBe(false);
    expect(isStale(key('d', 400, null), NOW)).toBe(false);
  });

  it('counts both for the header', () => {
    const keys = [key('a', 8, null), key('b', 400, 120), key('c', 400, 200), key('d', 1, null), key('e', 30, 2)];
    expect(keyCounts(keys, NOW)).toEqual({ total: 5, unused: 1, stale: 2 });
    expect(describeKeyCounts(keyCounts(keys, NOW))).toBe('5 keys · 1 unused · 2 stale');
    expect(describeKeyCounts({ total: 1, unused: 0, stale: 0 })).toBe('1 key');
  });
});

describe('applyKeyView', () => {
  const keys = [
    key('Zapier sync', 1, null, 'omi_dev_3fa1...9c0e'),
    key('backup 10', 40, 100, 'omi_dev_aaaa...bbbb'),
    key('Backup 2', 20, 5, 'omi_dev_cccc...dddd'),
    key('ci bot', 60, null, 'omi_dev_eeee...ffff'),
  ];
  const names = (list: OmiKey[]) => list.map((k) => k.name);

  it('searches names and prefixes, ignoring case and spaces', () => {
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, query: '  BACKUP ' }, NOW))).toEqual(['Backup 2', 'backup 10']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, query: '3FA1' }, NOW))).toEqual(['Zapier sync']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, query: 'omi_dev_eeee...ffff' }, NOW))).toEqual(['ci bot']);
    expect(matchesQuery(keys[0]!, '')).toBe(true);
    expect(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, query: 'nothing' }, NOW)).toEqual([]);
  });

  it('sorts newest, oldest, by name (natural, case-insensitive) and by last use (never used last)', () => {
    expect(names(applyKeyView(keys, DEFAULT_KEY_VIEW, NOW))).toEqual(['Zapier sync', 'Backup 2', 'backup 10', 'ci bot']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, sort: 'oldest' }, NOW))).toEqual(['ci bot', 'backup 10', 'Backup 2', 'Zapier sync']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, sort: 'name' }, NOW))).toEqual(['Backup 2', 'backup 10', 'ci bot', 'Zapier sync']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, sort: 'last_used' }, NOW))).toEqual(['Backup 2', 'backup 10', 'Zapier sync', 'ci bot']);
  });

  it('filters Unused and Stale, combined with search', () => {
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, filter: 'unused' }, NOW))).toEqual(['ci bot']);
    expect(names(applyKeyView(keys, { ...DEFAULT_KEY_VIEW, filter: 'stale' }, NOW))).toEqual(['backup 10']);
    expect(applyKeyView(keys, { query: 'zapier', sort: 'newest', filter: 'stale' }, NOW)).toEqual([]);
  });

  it('does not reorder the input', () => {
    const copy = [...keys];
    applyKeyView(keys, { ...DEFAULT_KEY_VIEW, sort: 'name' }, NOW);
    expect(keys).toEqual(copy);
  });
});
