/**
 * Updates and About (packaging). The update status lives in one query, kept current by main's
 * `updateStatusChanged` events; checking, installing and the log folder are mutations.
 */
import { useEffect } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UpdateStatus } from '../../electron/ipc/contract';
import { call, getApi } from './bridge';

const updateStatusKey = ['updateStatus'] as const;
/** How long after the first screen the update status is asked for again (see useUpdateStatus). */
const RECHECK_AFTER_MS = 1000;

export const updateStatusQuery = () =>
  queryOptions({ queryKey: updateStatusKey, queryFn: () => call('getUpdateStatus', {}), staleTime: Infinity, refetchOnWindowFocus: false });

/** The status, following main's events while mounted. */
export function useUpdateStatus() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    try {
      unsubscribe = getApi().on('updateStatusChanged', (status) => queryClient.setQueryData<UpdateStatus>(updateStatusKey, status));
    } catch {
      return undefined; // no bridge, or an older preload without the event: the query still answers
    }
    // The first screen's status (startup.ts) was taken before this listener existed: an event in
    // between would be lost, so ask once more now that every later change is heard — after the
    // first screen is up, which needs no request but its own.
    const recheck =
      queryClient.getQueryState(updateStatusKey)?.status === 'success'
        ? window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: updateStatusKey }), RECHECK_AFTER_MS)
        : undefined;
    return () => {
      window.clearTimeout(recheck);
      unsubscribe?.();
    };
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
