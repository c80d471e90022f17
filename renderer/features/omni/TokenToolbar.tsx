import { memo, useId, useRef, type KeyboardEvent } from 'react';
import type { OmniSortDirection, OmniSortField } from '../../../electron/ipc/contract';
import type { OmniTokenFilters } from '../../api/queryKeys';
import { naturalDirection, SORT_DIRECTION_OPTIONS, SORT_FIELD_LABELS, TYPE_TABS } from './tokenFormat';

const SORT_FIELDS = Object.keys(SORT_FIELD_LABELS) as OmniSortField[];

/**
 * Type tabs (server-side `type`), sort (server-side), and a name search over loaded pages.
 * Memoized: the tokens view re-renders on every scroll frame; the toolbar's props do not change.
 */
export const TokenToolbar = memo(function TokenToolbar({
  filters,
  onFiltersChange,
  search,
  onSearchChange,
  listId,
}: {
  filters: OmniTokenFilters;
  onFiltersChange: (filters: OmniTokenFilters) => void;
  search: string;
  onSearchChange: (search: string) => void;
  /** The list the tabs control. */
  listId: string;
}) {
  const id = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = Math.max(
    0,
    TYPE_TABS.findIndex((tab) => tab.type === filters.type),
  );

  // Arrow keys move between tabs and select them, as in any tab list.
  const onTabKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target =
      event.key === 'Home' ? 0 : event.key === 'End' ? TYPE_TABS.length - 1 : step ? (selected + step + TYPE_TABS.length) % TYPE_TABS.length : -1;
    const tab = TYPE_TABS[target];
    if (!tab) return;
    event.preventDefault();
    onFiltersChange({ ...filters, type: tab.type });
    tabRefs.current[target]?.focus();
  };

  return (
    <div className="omni-toolbar">
      <div className="omni-tabs" role="tablist" aria-label="Token type" onKeyDown={onTabKeyDown}>
        {TYPE_TABS.map((tab, index) => (
          <button
            key={tab.label}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            className="omni-tab"
            aria-selected={index === selected}
            aria-controls={listId}
            tabIndex={index === selected ? 0 : -1}
            onClick={() => onFiltersChange({ ...filters, type: tab.type })}
          >
            {tab.label}
          </button>
        ))}
      </div>

      <div className="omni-sort">
        <label className="omni-sort__label" htmlFor={`${id}-field`}>
          Sort by
        </label>
          <select
            id={`${id}-field`}
            className="select"
            value={filters.sortField}
            onChange={(event) => {
              const sortField = event.target.value as OmniSortField;
              onFiltersChange({ ...filters, sortField, sortDirection: naturalDirection(sortField) });
            }}
          >
            {SORT_FIELDS.map((field) => (
              <option key={field} value={field}>
                {SORT_FIELD_LABELS[field]}
              </option>
            ))}
          </select>
        <label className="sr-only" htmlFor={`${id}-direction`}>
          Order
        </label>
        <select
          id={`${id}-direction`}
          className="select"
          value={filters.sortDirection}
          onChange={(event) => onFiltersChange({ ...filters, sortDirection: event.target.value as OmniSortDirection })}
        >
          {SORT_DIRECTION_OPTIONS[filters.sortField].map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>

      <label className="sr-only" htmlFor={`${id}-search`}>
        Search tokens by name
      </label>
      <input
        id={`${id}-search`}
        className="input omni-search"
        type="search"
        placeholder="Search loaded tokens by name"
        autoComplete="off"
        spellCheck={false}
        value={search}
        onChange={(event) => onSearchChange(event.target.value)}
      />
    </div>
  );
});
