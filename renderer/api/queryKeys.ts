/**
 * Query keys. Everything that belongs to one account starts with `['account', id]`, so
 * `invalidateQueries({ queryKey: queryKeys.account(id).all })` refreshes all of it and
 * removing an account drops its cache in one call.
 */
import type { OmniSortDirection, OmniSortField, OmniTokenType } from '../../electron/ipc/contract';

/** What selects one Omni token list; `type: null` is "All". */
export interface OmniTokenFilters {
  type: OmniTokenType | null;
  sortField: OmniSortField;
  sortDirection: OmniSortDirection;
}

export const queryKeys = {
  accounts: () => ['accounts'] as const,
  appInfo: () => ['appInfo'] as const,
  account: (id: string) => ({
    all: ['account', id] as const,
    keys: () => ['account', id, 'keys'] as const,
    mcpKeys: () => ['account', id, 'mcpKeys'] as const,
    mcpSetup: () => ['account', id, 'mcpSetup'] as const,
    activity: () => ['account', id, 'activity'] as const,
    /** Every Omni token list of the account (for cache updates after a change). */
    omniTokens: () => ['account', id, 'omniTokens'] as const,
    omniTokenList: (filters: OmniTokenFilters) => ['account', id, 'omniTokens', filters] as const,
  }),
};
