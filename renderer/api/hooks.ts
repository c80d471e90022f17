import { useEffect } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionSource, ChannelArgs, ChannelResult, EventName, EventPayloads, KeyFamily, OmiScope, ProviderKind } from '../../electron/ipc/contract';
import { call, getApi, type BridgeError } from './bridge';
import { queryKeys } from './queryKeys';

// Every query and mutation fails with a BridgeError (see `call`).
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: BridgeError;
  }
}

// Query options shared by the hooks and the start-up prefetch (./startup.ts).
export const accountsQuery = () => queryOptions({ queryKey: queryKeys.accounts(), queryFn: () => call('listAccounts', {}) });
export const appInfoQuery = () =>
  queryOptions({ queryKey: queryKeys.appInfo(), queryFn: () => call('getAppInfo', {}), staleTime: Infinity, refetchOnWindowFocus: false });
export const keysQuery = (accountId: string) =>
  queryOptions({ queryKey: queryKeys.account(accountId).keys(), queryFn: () => call('listKeys', { accountId }) });
export const mcpKeysQuery = (accountId: string) =>
  queryOptions({ queryKey: queryKeys.account(accountId).mcpKeys(), queryFn: () => call('listMcpKeys', { accountId }) });
/** The setup blocks change only with the account's server (the sandbox's port at a restart). */
export const mcpSetupQuery = (accountId: string) =>
  queryOptions({ queryKey: queryKeys.account(accountId).mcpSetup(), queryFn: () => call('getMcpSetup', { accountId }), staleTime: Infinity });

export function useAccounts() {
  return useQuery(accountsQuery());
}

export function useAppInfo() {
  return useQuery(appInfoQuery());
}

export function useKeys(accountId: string) {
  return useQuery(keysQuery(accountId));
}

export interface CreateKeyInput {
  accountId: string;
  name: string;
  scopes?: OmiScope[];
  /** The quick-create window says 'tray'. */
  source?: ActionSource;
}

/**
 * The result holds the full secret. It must never reach the query cache: we only invalidate
 * the list, and `gcTime: 0` plus the caller's `reset()` right after handing the result to the
 * secret dialog drop it from the mutation cache as well.
 */
export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'createKey'>, BridgeError, CreateKeyInput>({
    mutationFn: (input) => call('createKey', { source: 'window', ...input }),
    gcTime: 0,
    // Also after a failure: a create whose response was lost may still have added a key.
    onSettled: (_created, _error, input) => queryClient.invalidateQueries({ queryKey: queryKeys.account(input.accountId).keys() }),
  });
}

export interface RevokeKeyInput {
  accountId: string;
  keyId: string;
  /** Which list the key is in; default: Developer API keys. */
  family?: KeyFamily;
  /** Developer API keys only: DevKeys' own key needs its name typed. */
  confirmName?: string;
}

/** Revokes a Developer API key or an MCP key (the same dialog and rules for both). */
export function useRevokeKey() {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'revokeKey'>, BridgeError, RevokeKeyInput>({
    mutationFn: ({ family = 'dev', accountId, keyId, confirmName }) =>
      family === 'mcp' ? call('revokeMcpKey', { accountId, keyId }) : call('revokeKey', { accountId, keyId, ...(confirmName === undefined ? {} : { confirmName }) }),
    onSettled: (_result, _error, { accountId, family = 'dev' }) =>
      queryClient.invalidateQueries({ queryKey: family === 'mcp' ? queryKeys.account(accountId).mcpKeys() : queryKeys.account(accountId).keys() }),
  });
}

/** An Omi or an Omni account. Variables hold the credential: `gcTime: 0`, and the form resets after success. */
export function useAddAccount() {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'addAccount'>, BridgeError, ChannelArgs<'addAccount'>>({
    mutationFn: (input) => call('addAccount', input),
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts() }),
  });
}

export function useAddSandboxAccount() {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'addSandboxAccount'>, BridgeError, { label?: string; provider?: ProviderKind } | void>({
    mutationFn: (input) =>
      call('addSandboxAccount', { provider: input?.provider ?? 'omi', ...(input?.label ? { label: input.label } : {}) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts() }),
  });
}

export function useRemoveAccount() {
  const queryClient = useQueryClient();
  return useMutation<{ removed: true }, BridgeError, { accountId: string }>({
    mutationFn: (input) => call('removeAccount', input),
    onSuccess: (_result, input) => {
      queryClient.removeQueries({ queryKey: queryKeys.account(input.accountId).all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

/** Shows `accountId` as the active account in this window's cache (the view follows at once). */
function showActiveAccount(queryClient: ReturnType<typeof useQueryClient>, accountId: string) {
  queryClient.setQueryData<ChannelResult<'listAccounts'>>(queryKeys.accounts(), (previous) =>
    previous ? { ...previous, activeAccountId: accountId } : previous,
  );
}

/**
 * Switching is optimistic: the view changes before main answers, and a refetch started
 * earlier is cancelled so an older answer cannot switch the view back. Each account's data
 * lives under its own query keys, so the new view never shows the previous account's data.
 */
export function useSetActiveAccount() {
  const queryClient = useQueryClient();
  return useMutation<{ activeAccountId: string }, BridgeError, { accountId: string }, { previousId: string | null }>({
    mutationFn: (input) => call('setActiveAccount', input),
    onMutate: async ({ accountId }) => {
      // Cancel first: cancelling reverts the query to its state before that fetch.
      await queryClient.cancelQueries({ queryKey: queryKeys.accounts() });
      const previousId = queryClient.getQueryData<ChannelResult<'listAccounts'>>(queryKeys.accounts())?.activeAccountId ?? null;
      showActiveAccount(queryClient, accountId);
      return { previousId };
    },
    onError: (_error, { accountId }, context) => {
      const current = queryClient.getQueryData<ChannelResult<'listAccounts'>>(queryKeys.accounts())?.activeAccountId;
      // Undo only our own switch: a later one may have happened meanwhile.
      if (context?.previousId && current === accountId) showActiveAccount(queryClient, context.previousId);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts() }),
  });
}

/**
 * Main's one-way events: accounts added/removed/switched elsewhere (another window, the tray),
 * and keys created outside the list that shows them (quick create from the tray).
 */
export function useMainEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let api: ReturnType<typeof getApi>;
    try {
      api = getApi();
    } catch {
      return; // No bridge: the accounts query shows the error.
    }
    const subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): (() => void) => {
      try {
        return api.on(event, listener);
      } catch {
        return () => {}; // an older preload without this event
      }
    };
    const refreshAccounts = () => void queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    const unsubscribers = [
      subscribe('accountsChanged', refreshAccounts),
      subscribe('activeAccountChanged', ({ accountId }) => {
        showActiveAccount(queryClient, accountId);
        refreshAccounts();
      }),
      subscribe('keyCreated', ({ accountId, family }) => {
        const list = family === 'mcp' ? queryKeys.account(accountId).mcpKeys() : queryKeys.account(accountId).keys();
        void queryClient.invalidateQueries({ queryKey: list });
        void queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).activity() });
      }),
    ];
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }, [queryClient]);
}
