import { describe, expect, it } from 'vitest';
import type { OmniToken, OmniTokenPage } from '../../../electron/ipc/contract';
import {
  countSummary,
  loadedTokens,
  matchesSearch,
  naturalDirection,
  searchIndex,
  searchSummary,
  searchTokens,
  TYPE_TABS,
} from './tokenFormat';

const token = (id: string, name: string): OmniToken => ({
  id,
  name,
  type: 'personal',
  enabled: true,
  createdAt: '2026-01-15T10:00:00.000Z',
  membershipId: 'b2c3d4e5-f6a7-8901-bcde-f12345678901',
});
const page = (records: OmniToken[], hasNextPage: boolean): OmniTokenPage => ({
  records,
  pageInfo: { hasNextPage, nextCursor: hasNextPage ? (records.at(-1)?.id ?? null) : null, pageSize: 100, totalRecords: 250 },
});

describe('Omni token view helpers', () => {
  it('flattens pages in order and keeps each token once', () => {
    const pages = [page([token('a', 'A'), token('b', 'B')], true), page([token('b', 'B'), token('c', 'C')], false)];
    expect(loadedTokens(pages).map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(loadedTokens(undefined)).toEqual([]);
  });

  it('searches names case-insensitively; blank matches all', () => {
    expect(matchesSearch(token('a', 'CI deploy (prod)'), '  deploy ')).toBe(true);
    expect(matchesSearch(token('a', 'CI deploy (prod)'), 'PROD')).toBe(true);
    expect(matchesSearch(token('a', 'CI deploy'), 'staging')).toBe(false);
    expect(matchesSearch(token('a', 'anything'), '   ')).toBe(true);
  });

  it('searches a loaded list through its index exactly as matchesSearch does', () => {
    const tokens = [token('a', 'CI deploy (prod)'), token('b', 'Staging deploy'), token('c', "Jane's laptop")];
    const index = searchIndex(tokens);
    for (const query of ['deploy', '  PROD ', 'laptop', 'nothing', '']) {
      expect(searchTokens(tokens, index, query)).toEqual(tokens.filter((t) => matchesSearch(t, query)));
    }
    expect(searchTokens(tokens, index, '  ')).toBe(tokens);
  });

  it('says how much is loaded and what a search covers', () => {
    expect(countSummary(250, 100)).toBe('250 tokens · 100 loaded');
    expect(countSummary(1, 1)).toBe('1 token · 1 loaded');
    expect(countSummary(10_000, 300)).toBe('10,000 tokens · 300 loaded');
    expect(searchSummary(3, 100, 250, false)).toBe('3 matches · Searching 100 of 250 loaded tokens — scroll to load more');
    expect(searchSummary(1, 250, 250, true)).toBe('1 match');
  });

  it('offers All first and sorts each field in its natural direction by default', () => {
    expect(TYPE_TABS.map((tab) => tab.label)).toEqual(['All', 'Organization', 'Personal', 'MCP']);
    expect(TYPE_TABS[0]?.type).toBeNull();
    expect(naturalDirection('createdAt')).toBe('desc');
    expect(naturalDirection('name')).toBe('asc');
  });
});
