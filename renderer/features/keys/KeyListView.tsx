/** The key list with search (name or prefix), sort, and the Unused / Stale filters. Logic: listView.ts. */
import { useId, useState } from 'react';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { Button } from '../../ui/Button';
import { KeyList } from './KeyList';
import { applyKeyView, DEFAULT_KEY_VIEW, keyCounts, type KeyFilter, type KeySort, type KeyView } from './listView';
import './list-tools.css';
import './permissions.css';

const SORT_LABELS: Record<KeySort, string> = { newest: 'Newest first', oldest: 'Oldest first', name: 'Name', last_used: 'Last used' };
const FILTER_LABELS: Record<KeyFilter, string> = { all: 'All', unused: 'Unused', stale: 'Stale' };
const FILTER_HINTS: Record<KeyFilter, string> = {
  all: 'Every key',
  unused: 'Never used, created more than 7 days ago',
  stale: 'Not used in the last 90 days',
};

export function KeyListView({
  keys,
  now,
  onRevoke,
  onRotate,
}: {
  keys: readonly ListedOmiKey[];
  /** The clock the Unused / Stale rules read (the screen's, so header and filters agree). */
  now: number;
  onRevoke: (key: ListedOmiKey) => void;
  onRotate: (key: ListedOmiKey) => void;
}) {
  const id = useId();
  const [view, setView] = useState<KeyView>(DEFAULT_KEY_VIEW);
  const counts = keyCounts(keys, now);
  const shown = applyKeyView(keys, view, now);
  const countOf: Record<KeyFilter, number> = { all: counts.total, unused: counts.unused, stale: counts.stale };

  return (
    <>
      <div className="list-tools" role="search">
        <label className="sr-only" htmlFor={`${id}-search`}>
          Search keys by name or prefix
        </label>
        <input
          id={`${id}-search`}
          className="input list-tools__search"
          type="search"
          placeholder="Search by name or prefix"
          autoComplete="off"
          spellCheck={false}
          value={view.query}
          onChange={(event) => setView({ ...view, query: event.target.value })}
        />
        <label className="sr-only" htmlFor={`${id}-sort`}>
          Sort keys
        </label>
        <select
          id={`${id}-sort`}
          className="select"
          value={view.sort}
          onChange={(event) => setView({ ...view, sort: event.target.value as KeySort })}
        >
          {(Object.keys(SORT_LABELS) as KeySort[]).map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
        <div className="list-tools__filters" role="group" aria-label="Show">
          {(Object.keys(FILTER_LABELS) as KeyFilter[]).map((filter) => (
            <button
              key={filter}
              type="button"
              className="preset list-tools__filter"
              aria-pressed={view.filter === filter}
              title={FILTER_HINTS[filter]}
              onClick={() => setView({ ...view, filter })}
              data-testid={`filter-${filter}`}
            >
              {FILTER_LABELS[filter]} <span className="list-tools__count">{countOf[filter]}</span>
            </button>
          ))}
        </div>
      </div>
      {shown.length > 0 ? (
        <KeyList keys={shown} onRevoke={onRevoke} onRotate={onRotate} />
      ) : (
        <div className="state" role="status">
          <p className="state__title">No keys match</p>
          <p className="state__text">
            {view.query.trim() ? `Nothing named or prefixed “${view.query.trim()}”` : 'No key fits this filter'}
            {view.filter === 'all' ? '.' : ` (${FILTER_HINTS[view.filter].toLowerCase()}).`}
          </p>
          <div className="state__actions">
            <Button size="sm" onClick={() => setView({ ...DEFAULT_KEY_VIEW, sort: view.sort })}>
              Show all keys
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
