/** Pure helpers for the Omni tokens view: labels, sort options, client-side search, counts. */
import type { OmniSortDirection, OmniSortField, OmniToken, OmniTokenPage, OmniTokenType } from '../../../electron/ipc/contract';
import type { Tint } from '../../ui/Chip';

export const TYPE_LABELS: Record<OmniTokenType, string> = {
  organization: 'Organization',
  personal: 'Personal',
  mcp: 'MCP',
};

export const TYPE_CHIP_TONES: Record<OmniTokenType, Tint> = {
  organization: 'purple',
  personal: 'blue',
  mcp: 'green',
};

/** The type tabs, "All" first (no `type` parameter). */
export const TYPE_TABS: readonly { type: OmniTokenType | null; label: string }[] = [
  { type: null, label: 'All' },
  { type: 'organization', label: TYPE_LABELS.organization },
  { type: 'personal', label: TYPE_LABELS.personal },
  { type: 'mcp', label: TYPE_LABELS.mcp },
];

export const SORT_FIELD_LABELS: Record<OmniSortField, string> = { createdAt: 'Created', name: 'Name' };

/** Direction choices worded for the field, the field's natural order first. */
export const SORT_DIRECTION_OPTIONS: Record<OmniSortField, readonly { value: OmniSortDirection; label: string }[]> = {
  createdAt: [
    { value: 'desc', label: 'Newest first' },
    { value: 'asc', label: 'Oldest first' },
  ],
  name: [
    { value: 'asc', label: 'A → Z' },
    { value: 'desc', label: 'Z → A' },
  ],
};

export function naturalDirection(field: OmniSortField): OmniSortDirection {
  return SORT_DIRECTION_OPTIONS[field][0]?.value ?? 'desc';
}

/** Loaded tokens in page order, each once even if a token moved between two page loads. */
export function loadedTokens(pages: readonly OmniTokenPage[] | undefined): OmniToken[] {
  if (!pages) return [];
  const seen = new Set<string>();
  const tokens: OmniToken[] = [];
  for (const page of pages) {
    for (const token of page.records) {
      if (seen.has(token.id)) continue;
      seen.add(token.id);
      tokens.push(token);
    }
  }
  return tokens;
}

const searchNeedle = (query: string) => query.trim().toLocaleLowerCase();

/** Case-insensitive name search; blank matches everything. Omni has no search parameter. */
export function matchesSearch(token: OmniToken, query: string): boolean {
  const needle = searchNeedle(query);
  return needle === '' || token.name.toLocaleLowerCase().includes(needle);
}

/** The lower-cased names `searchTokens` looks in: computed once per loaded list, not per keystroke. */
export function searchIndex(tokens: readonly OmniToken[]): string[] {
  return tokens.map((token) => token.name.toLocaleLowerCase());
}

/** The tokens `matchesSearch` keeps (`index` from `searchIndex(tokens)`); blank returns `tokens` itself. */
export function searchTokens(tokens: readonly OmniToken[], index: readonly string[], query: string): readonly OmniToken[] {
  const needle = searchNeedle(query);
  if (needle === '') return tokens;
  return tokens.filter((_token, i) => index[i]?.includes(needle));
}

// One formatter, reused: Number#toLocaleString builds a new one on every call, and these
// counts render on every scroll frame of the tokens view.
const numberFormat = new Intl.NumberFormat('en-US');
const count = (value: number) => numberFormat.format(value);
const plural = (value: number, one: string, many: string) => `${count(value)} ${value === 1 ? one : many}`;

/** "250 tokens · 100 loaded". */
export function countSummary(total: number, loaded: number): string {
  return `${plural(total, 'token', 'tokens')} · ${count(loaded)} loaded`;
}

/** What a search covers: only loaded pages, which the user should know while more exist. */
export function searchSummary(matches: number, loaded: number, total: number, allLoaded: boolean): string {
  const found = plural(matches, 'match', 'matches');
  if (allLoaded) return found;
  return `${found} · Searching ${count(loaded)} of ${count(total)} loaded tokens — scroll to load more`;
}
