/** Sign in with Omi: the sign-in itself (pending while the browser is out), cancel, reopen, sign out. */
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountSummary, ChannelArgs, EventPayloads } from '../../electron/ipc/contract';
import { call, getApi, type BridgeError } from './bridge';
import { queryKeys } from './queryKeys';
import { showFirstScreen } from './startup';

/** Pending for as long as the user is in the browser (up to 5 minutes). Variables and result hold no token. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation<AccountSummary, BridgeError, ChannelArgs<'signIn'>>({
    mutationFn: async (input) => {
      const { account, firstScreen } = await call('signIn', input);
      // Whatever failed while signed out is stale (nothing shows it right now: asked again when shown)…
      void queryClient.invalidateQueries({ queryKey: queryKeys.account(account.id).all, refetchType: 'none' });
      // …and the screen the sign-in leads to came with the answer, its lists included.
      showFirstScreen(queryClient, firstScreen);
      return account;
    },
  });
}

export function useCancelSignIn() {
  return useMutation<{ cancelled: boolean }, BridgeError, void>({ mutationFn: () => call('cancelSignIn', {}) });
}

export function useReopenSignInPage() {
  return useMutation<{ reopened: boolean }, BridgeError, void>({ mutationFn: () => call('reopenSignInPage', {}) });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation<AccountSummary, BridgeError, { accountId: string }>({
    mutationFn: (input) => call('signOut', input),
    onSuccess: (_account, { accountId }) => {
      queryClient.removeQueries({ queryKey: queryKeys.account(accountId).all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

/** Where the pending sign-in is, from main's `signInProgress` events (the waiting panel mounts per attempt). */
export function useSignInPhase(): EventPayloads['signInProgress']['phase'] {
  const [phase, setPhase] = useState<EventPayloads['signInProgress']['phase']>('waiting_for_browser');
  useEffect(() => {
    try {
      return getApi().on('signInProgress', ({ phase: next }) => setPhase(next));
    } catch {
      return undefined;
    }
  }, []);
  return phase;
}

/** Cancelled or replaced attempts are the user's own doing: no error banner for them. */
export function isQuietSignInError(error: BridgeError | null): boolean {
  return error?.code === 'sign_in_cancelled' || error?.code === 'sign_in_superseded';
}
