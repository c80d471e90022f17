/**
 * An Omni instance's API tokens: type tabs and sort (both server-side), cursor pages loaded
 * as the user scrolls, a name search over what is loaded, disable/enable and revoke.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AccountSummary, OmniToken } from '../../../electron/ipc/contract';
import { useOmniTokens } from '../../api/omniHooks';
import type { OmniTokenFilters } from '../../api/queryKeys';
import { Button } from '../../ui/Button';
import { KeyIcon, RefreshIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { RateLimitCountdown } from '../keys/RateLimitCountdown';
import { RevokeTokenDialog } from './RevokeTokenDialog';
import { TokenRow } from './TokenRow';
import { TokenToolbar } from './TokenToolbar';
import { countSummary, loadedTokens, searchIndex, searchSummary, searchTokens, TYPE_LABELS } from './tokenFormat';
import './omni.css';

const ROW_HEIGHT = 72;
/** Start loading the next page this many rows before the end, so scrolling rarely waits. */
const LOAD_AHEAD_ROWS = 20;

const INITIAL_FILTERS: OmniTokenFilters = { type: null, sortField: 'createdAt', sortDirection: 'desc' };

export function TokensView({ account }: { account: AccountSummary }) {
  const titleId = useId();
  const listId = useId();
  const [filters, setFilters] = useState<OmniTokenFilters>(INITIAL_FILTERS);
  const [search, setSearch] = useState('');
  const [revoking, setRevoking] = useState<OmniToken | null>(null);
  const tokens = useOmniTokens(account.id, filters);
  const { hasNextPage, isFetching, isError, fetchNextPage } = tokens;

  const pages = tokens.data?.pages;
  const loaded = useMemo(() => loadedTokens(pages), [pages]);
  const total = pages?.at(-1)?.pageInfo.totalRecords ?? 0;
  const searching = search.trim() !== '';
  // Built on the first search keystroke, then reused by the next ones (until more pages load).
  const index = useMemo(() => (searching ? searchIndex(loaded) : []), [loaded, searching]);
  const visible = useMemo(() => (searching ? searchTokens(loaded, index, search) : loaded), [loaded, index, search, searching]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // The extra last row is the "loading more" footer while pages remain.
  const rowCount = visible.length + (hasNextPage ? 1 : 0);
  // TanStack Virtual keeps internal mutable state; this component does not memoize its results.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRenderedIndex = virtualRows.at(-1)?.index ?? -1;

  // One page request at a time: nothing starts while any fetch (or its retry wait) runs, and
  // `cancelRefetch: false` makes a repeated call join the running request instead of replacing it.
  useEffect(() => {
    if (!hasNextPage || isFetching || isError) return;
    if (lastRenderedIndex < visible.length - LOAD_AHEAD_ROWS) return;
    // A short search result does not scroll: load more on request there, not every page at once.
    if (searching && (scrollRef.current?.scrollTop ?? 0) === 0) return;
    void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetching, isError, lastRenderedIndex, visible.length, searching, fetchNextPage]);

  // A new filter or sort starts at the top of its own list.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filters]);

  const failure = tokens.failureReason;
  const retryingRateLimit = isFetching && failure?.code === 'rate_limited';
  const retryIn = failure?.retryAfterSeconds ?? 2 ** Math.max(0, tokens.failureCount - 1);
  const retryFailed = () => void (tokens.isFetchNextPageError ? fetchNextPage({ cancelRefetch: false }) : tokens.refetch());

  const typeLabel = filters.type ? `${TYPE_LABELS[filters.type].toLowerCase()} ` : '';

  return (
    <section className="omni" aria-labelledby={titleId} data-testid="omni-tokens-view">
      <div className="section-header">
        <div>
          <div className="section-header__titles">
            <h2 className="section-title" id={titleId}>
              API tokens
            </h2>
            {isFetching && tokens.data ? <Spinner size="sm" label="Loading API tokens" inline /> : null}
          </div>
          <p className="section-sub">
            Omni · {account.baseUrl}
          </p>
        </div>
        <p className="omni-count" data-testid="omni-count" aria-live="polite">
          {tokens.data ? countSummary(total, loaded.length) : null}
        </p>
      </div>

      <p className="banner banner--info omni-note">Omni tokens are created in Omni itself (Settings → API access), not here.</p>

      <div className="card omni-card">
        <TokenToolbar
          filters={filters}
          onFiltersChange={setFilters}
          search={search}
          onSearchChange={setSearch}
          listId={listId}
        />

        {retryingRateLimit ? (
          <div className="inline-notice omni-notice" data-testid="omni-rate-limited">
            <RateLimitCountdown key={`rl-${tokens.failureCount}`} seconds={retryIn} />
            <span className="inline-notice__text">Omni allows 60 requests per minute per token.</span>
          </div>
        ) : null}

        {tokens.data && isError && !isFetching ? (
          <div className="inline-notice omni-notice" role="alert">
            <span className="banner__icon omni-notice__icon">
              <WarningIcon />
            </span>
            <span className="inline-notice__text">
              {tokens.isFetchNextPageError ? "Couldn't load more tokens." : "Couldn't refresh the tokens."} {tokens.error?.message}
            </span>
            {tokens.error?.code === 'rate_limited' ? (
              <RateLimitCountdown key={tokens.errorUpdatedAt} seconds={tokens.error.retryAfterSeconds ?? 10} onElapsed={retryFailed} />
            ) : null}
            <Button size="sm" variant="ghost" icon={<RefreshIcon size={13} />} onClick={retryFailed}>
              Retry
            </Button>
          </div>
        ) : null}

        {searching && tokens.data ? (
          <p className="omni-search-status" role="status" data-testid="omni-search-status">
            {searchSummary(visible.length, loaded.length, total, !hasNextPage)}
          </p>
        ) : null}

        {tokens.data ? (
          visible.length === 0 ? (
            <div className="state">
              <span className="state__icon">
                <KeyIcon size={26} />
              </span>
              <p className="state__title">
                {searching ? `No loaded ${typeLabel}token matches “${search.trim()}”` : `No ${typeLabel}API tokens`}
              </p>
              <p className="state__text">
                {searching
                  ? hasNextPage
                    ? 'Load more tokens to search them too.'
                    : 'Try another name.'
                  : 'Tokens created in Omni (Settings → API access) show up here.'}
              </p>
              {hasNextPage ? (
                <div className="state__actions">
                  <Button
                    variant="secondary"
                    disabled={isFetching}
                    icon={tokens.isFetchingNextPage ? <Spinner size="sm" /> : undefined}
                    onClick={() => void fetchNextPage({ cancelRefetch: false })}
                  >
                    Load more tokens
                  </Button>
                </div>
              ) : null}
            </div>
          ) : (
            <div ref={scrollRef} className="omni-scroll" data-testid="omni-token-scroll">
              <ul id={listId} className="omni-list" aria-label="API tokens" style={{ height: virtualizer.getTotalSize() }}>
                {virtualRows.map((row) => {
                  const token = visible[row.index];
                  const placement = { height: row.size, transform: `translateY(${row.start}px)` };
                  if (!token) {
                    return (
                      <li key="more" className="omni-more" style={placement} data-testid="omni-load-more">
                        {tokens.isFetchingNextPage ? (
                          <Spinner size="sm" label="Loading more tokens" inline />
                        ) : isError ? null : (
                          <Button size="sm" variant="ghost" onClick={() => void fetchNextPage({ cancelRefetch: false })} disabled={isFetching}>
                            Load more tokens
                          </Button>
                        )}
                      </li>
                    );
                  }
                  return (
                    <TokenRow
                      key={token.id}
                      accountId={account.id}
                      token={token}
                      top={row.start}
                      height={row.size}
                      position={row.index + 1}
                      setSize={searching ? visible.length : total}
                      onRevoke={setRevoking}
                    />
                  );
                })}
              </ul>
            </div>
          )
        ) : tokens.isError ? (
          <div className="state" role="alert">
            <span className={tokens.error.code === 'rate_limited' ? 'state__icon state__icon--amber' : 'state__icon state__icon--error'}>
              <WarningIcon size={26} />
            </span>
            <p className="state__title">Couldn&apos;t load API tokens.</p>
            <p className="state__text">{tokens.error.message}</p>
            {tokens.error.code === 'rate_limited' ? (
              <RateLimitCountdown key={tokens.errorUpdatedAt} seconds={tokens.error.retryAfterSeconds ?? 10} onElapsed={retryFailed} />
            ) : null}
            <div className="state__actions">
              <Button variant="secondary" icon={<RefreshIcon size={14} />} onClick={retryFailed}>
                Retry
              </Button>
            </div>
          </div>
        ) : (
          <div className="state">
            <Spinner size="lg" label="Loading API tokens" />
          </div>
        )}
      </div>

      {revoking ? <RevokeTokenDialog accountId={account.id} token={revoking} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}
