/** MCP keys and their setup blocks (revoking and rotating: useRevokeKey / useRotateKey with `family: 'mcp'`). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionSource, ChannelResult, McpSetupValue } from '../../electron/ipc/contract';
import { call, type BridgeError } from './bridge';
import { mcpKeysQuery, mcpSetupQuery } from './hooks';
import { queryKeys } from './queryKeys';

export function useMcpKeys(accountId: string) {
  return useQuery(mcpKeysQuery(accountId));
}

export function useMcpSetup(accountId: string) {
  return useQuery(mcpSetupQuery(accountId));
}

/**
 * Like useCreateKey: the result holds the secret, so `gcTime: 0`, and the caller moves it
 * into a OneTimeSecret and calls `reset()` at once.
 */
export function useCreateMcpKey() {
  const queryClient = useQueryClient();
  return useMutation<ChannelResult<'createMcpKey'>, BridgeError, { accountId: string; name: string; source?: ActionSource }>({
    mutationFn: (input) => call('createMcpKey', { source: 'window', ...input }),
    gcTime: 0,
    // Also after a failure: a create whose response was lost may still have added a key.
    onSettled: (_created, _error, input) => queryClient.invalidateQueries({ queryKey: queryKeys.account(input.accountId).mcpKeys() }),
  });
}

export function useCopyMcpSetupValue(accountId: string) {
  return useMutation<{ copied: true }, BridgeError, McpSetupValue>({
    mutationFn: (value) => call('copyMcpSetupValue', { accountId, value }),
  });
}
