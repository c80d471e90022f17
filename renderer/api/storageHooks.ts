/** Credential repair for locked accounts, and the consent to store credentials under a weak keychain. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AccountSummary, AppInfo } from '../../electron/ipc/contract';
import { call, type BridgeError } from './bridge';
import { useAppInfo } from './hooks';
import { queryKeys } from './queryKeys';

/** Variables hold the credential: `gcTime: 0`, and the form resets the mutation after success. */
export function useUpdateCredential() {
  const queryClient = useQueryClient();
  return useMutation<AccountSummary, BridgeError, { accountId: string; credential: string }>({
    mutationFn: (input) => call('updateCredential', input),
    gcTime: 0,
    onSuccess: (_account, { accountId }) => {
      // Whatever failed under the unreadable credential is worth asking again.
      void queryClient.invalidateQueries({ queryKey: queryKeys.account(accountId).all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

export function useResetSandboxAccount() {
  const queryClient = useQueryClient();
  return useMutation<AccountSummary, BridgeError, { accountId: string }>({
    mutationFn: (input) => call('resetSandboxAccount', input),
    onSuccess: (_account, { accountId }) => {
      queryClient.removeQueries({ queryKey: queryKeys.account(accountId).all });
      return queryClient.invalidateQueries({ queryKey: queryKeys.accounts() });
    },
  });
}

export function useSetWeakEncryptionConsent() {
  const queryClient = useQueryClient();
  return useMutation<{ consented: boolean }, BridgeError, { consent: boolean }>({
    mutationFn: (input) => call('setWeakEncryptionConsent', input),
    // App info is never refetched by itself (staleTime: Infinity): write main's answer into it.
    onSuccess: ({ consented }) =>
      queryClient.setQueryData<AppInfo>(queryKeys.appInfo(), (info) => (info ? { ...info, encryption: { ...info.encryption, consented } } : info)),
  });
}

/**
 * Whether this machine's keychain only obfuscates credentials (`required`) and, if so, whether
 * the user agreed to store them anyway. `blocked`: forms must not offer to store a credential.
 */
export function useEncryptionConsent() {
  const encryption = useAppInfo().data?.encryption;
  const required = encryption !== undefined && (!encryption.available || encryption.weak);
  const consented = encryption?.consented ?? false;
  return { encryption, required, consented, blocked: required && !consented };
}
