/**
 * Updates and About (packaging). The update status lives in one query, kept current by main's
 * `updateStatusChanged` events; checking, installing and the log folder are mutations.
 */
import { useEffect } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateStatus } from '../../electron/ipc/contract';
import { call, getApi } from './bridge';

const updateStatusKey = ['updateStatus'] as const;

export const updateStatusQuery = () =>
  queryOptions({ queryKey: updateStatusKey, queryFn: () => call('getUpdateStatus', {}), staleTime: Infinity, refetchOnWindowFocus: false });

/** The status, following main's events while mounted. */
export function useUpdateStatus() {
  const queryClient = useQueryClient();
  useEffect(() => {
    try {
      return getApi().on('updateStatusChanged', (status) => queryClient.setQueryData<UpdateStatus>(updateStatusKey, status));
    } catch {
      return undefined; // no bridge, or an older preload without the event: the query still answers
    }
  }, [queryClient]);
  return useQuery(updateStatusQuery());
}

export function useCheckForUpdates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('checkForUpdates', {}),
    onSuccess: (status) => queryClient.setQueryData(updateStatusKey, status),
  });
}

export function useInstallUpdate() {
  return useMutation({ mutationFn: () => call('installUpdate', {}) });
}

export function useOpenLogFolder() {
  return useMutation({ mutationFn: () => call('openLogFolder', {}) });
}
