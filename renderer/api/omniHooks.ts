/** Queries and mutations for Omni API tokens (adding an Omni account: useAddAccount in hooks.ts). */
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { ChannelResult, OmniToken, OmniTokenPage } from '../../electron/ipc/contract';
import { call, type BridgeError } from './bridge';
import { queryKeys, type OmniTokenFilters } from './queryKeys';

type TokenPages = InfiniteData<OmniTokenPage, string | null>;

/**
 * The token list as cursor pages. `fetchNextPage` must be called with `cancelRefetch: false`
 * (see TokensView) so a burst of scroll events never starts a second page request.
 */
export function useOmniTokens(accountId: string, filters: OmniTokenFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.account(accountId).omniTokenList(filters),
    queryFn: ({ pageParam }) =>
      call('listOmniTokens', {
        accountId,
        sortField: filters.sortField,
        sortDirection: filters.sortDirection,
        ...(filters.type ? { type: filters.type } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.nextCursor : null),
    // A refetch reloads every loaded page: on each focus that could spend Omni's 60-per-minute budget.
    refetchOnWindowFocus: false,
  });
}

/** Replaces (or, for null, removes) a token in every cached list of the account that holds it. */
function updateCachedTokens(queryClient: QueryClient, accountId: string, tokenId: string, replacement: OmniToken | null) {
  queryClient.setQueriesData<TokenPages>({ queryKey: queryKeys.account(accountId).omniTokens() }, (data) => {
    if (!data?.pages.some((page) => page.records.some((token) => token.id === tokenId))) return data;
    const pages = data.pages.map((page) => ({
      // Pages keep their cursors: Omni continues after a deleted cursor token.
      pageInfo:
        replacement === null ? { ...page.pageInfo, totalRecords: Math.max(0, page.pageInfo.totalRecords - 1) } : page.pageInfo,
      records: page.records.flatMap((token) => (token.id !== tokenId ? [token] : replacement ? [replacement] : [])),
    }));
    return { ...data, pages };
  });
}

/** Lists that never loaded the token may now be wrong: refetch them when next shown, not now. */
function markTokenListsStale(queryClient: QueryClient, accountId: string) {
  return queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).omniTokens(), refetchType: 'none' });
}

export function useSetOmniTokenEnabled(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<OmniToken, BridgeError, { tokenId: string; enabled: boolean }>({
    mutationFn: (input) => call('setOmniTokenEnabled', { accountId, ...input }),
    onSuccess: (updated) => {
      updateCachedTokens(queryClient, accountId, updated.id, updated);
      return markTokenListsStale(queryClient, accountId);
    },
  });
}

export function useRevokeOmniToken(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'revokeOmniToken'>, BridgeError, { tokenId: string }>({
    mutationFn: (input) => call('revokeOmniToken', { accountId, ...input }),
    // Revoked or already gone: either way it is no longer in Omni.
    onSuccess: (_result, { tokenId }) => {
      updateCachedTokens(queryClient, accountId, tokenId, null);
      return markTokenListsStale(queryClient, accountId);
    },
  });
}
