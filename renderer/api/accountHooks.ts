/** Account management (rename, credential health), the activity log, and key rotation. */
import { useMemo, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryCache } from '@tanstack/react-query';
import type { AccountSummary, ChannelResult, KeyFamily } from '../../electron/ipc/contract';
import { call, type BridgeError } from './bridge';
import { queryKeys } from './queryKeys';

export function useRenameAccount() {
  const queryClient = useQueryClient();
  return useMutation<AccountSummary, BridgeError, { accountId: string; label: string }>({
    mutationFn: (input) => call('renameAccount', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accounts() }),
  });
}

/** Always refetched when shown (`staleTime: 0`): every key action appends to it in main. */
export function useActivity(accountId: string) {
  return useQuery({
    queryKey: queryKeys.account(accountId).activity(),
    queryFn: () => call('listActivity', { accountId }),
    staleTime: 0,
  });
}

export function useClearActivity() {
  const queryClient = useQueryClient();
  return useMutation<{ cleared: number }, BridgeError, { accountId: string }>({
    mutationFn: (input) => call('clearActivity', input),
    onSuccess: (_result, { accountId }) => queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).activity() }),
  });
}

/**
 * Like creating a key, the result holds the new secret: `gcTime: 0`, and the caller moves it
 * into a OneTimeSecret and calls `reset()` at once, so it never stays in the mutation cache.
 */
/** A rotation's answer for either list; MCP keys never are DevKeys' credential. */
export type RotationOutcome = Omit<ChannelResult<'rotateKey'>, 'key' | 'replaced'> & {
  key: ChannelResult<'rotateKey'>['key'] | ChannelResult<'rotateMcpKey'>['key'];
};

export function useRotateKey() {
  const queryClient = useQueryClient();
  return useMutation<RotationOutcome, BridgeError, { accountId: string; keyId: string; family?: KeyFamily }>({
    mutationFn: async ({ accountId, keyId, family = 'dev' }) => {
      if (family === 'dev') return call('rotateKey', { accountId, keyId });
      const { key, secret, secretHandle } = await call('rotateMcpKey', { accountId, keyId });
      return { key, secret, secretHandle, credential: { status: 'not_bootstrap' } };
    },
    gcTime: 0,
    onSettled: (_result, _error, { accountId }) => queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).all }),
  });
}

export function useFinishRotation() {
  const queryClient = useQueryClient();
  return useMutation<
    ChannelResult<'finishRotation'>,
    BridgeError,
    { accountId: string; oldKeyId: string; action: 'revoke_old' | 'keep_both'; family?: KeyFamily }
  >({
    mutationFn: ({ family = 'dev', ...input }) => (family === 'mcp' ? call('finishMcpRotation', input) : call('finishRotation', input)),
    onSettled: (_result, _error, { accountId }) => queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).all }),
  });
}

const AUTH_FAILURES: ReadonlySet<string> = new Set(['unauthorized', 'forbidden', 'account_locked']);

/** Space-separated ids of accounts whose latest request under their query keys failed authentication. */
function authFailureSnapshot(cache: QueryCache): string {
  const ids = new Set<string>();
  for (const query of cache.getAll()) {
    const [root, accountId] = query.queryKey;
    const error = query.state.error as BridgeError | null;
    if (root === 'account' && typeof accountId === 'string' && query.state.status === 'error' && error && AUTH_FAILURES.has(error.code)) {
      ids.add(accountId);
    }
  }
  return [...ids].sort().join(' ');
}

/** Accounts whose credential failed on its last use (e.g. the key DevKeys signs in with was revoked). */
export function useAuthFailedAccounts(): ReadonlySet<string> {
  const cache = useQueryClient().getQueryCache();
  const snapshot = useSyncExternalStore(
    (onChange) => cache.subscribe(onChange),
    () => authFailureSnapshot(cache),
  );
  return useMemo(() => new Set(snapshot ? snapshot.split(' ') : []), [snapshot]);
}
