/**
 * The first screen's data in ONE request to main (`loadFirstScreen`), which the preload sent as
 * the page started, before the app's bundle had even loaded (the first call of the channel gets
 * that answer): the account list, app info, the update status, and the active Omi account's
 * Developer API keys, MCP keys and MCP setup. Its parts go into the same queries the hooks use,
 * so the screens find them answered; a list that failed is left to its own query, which shows and
 * retries it. main.tsx renders once this resolves (or after a short cap). Measured by `npm run bench`.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ChannelResult, FirstScreen, IpcResult } from '../../electron/ipc/contract';
import { call } from './bridge';
import { accountsQuery, appInfoQuery, keysQuery, mcpKeysQuery, mcpSetupQuery } from './hooks';
import { updateStatusQuery } from './updateHooks';

/** Puts the answer's parts into the queries the screens use and returns the account list (the caller's to put). */
function seed(queryClient: QueryClient, first: FirstScreen): ChannelResult<'listAccounts'> {
  const put = <T>(queryKey: readonly unknown[], result: IpcResult<T>) => {
    if (result.ok) queryClient.setQueryData(queryKey, result.data);
  };
  queryClient.setQueryData(appInfoQuery().queryKey, first.appInfo);
  queryClient.setQueryData(updateStatusQuery().queryKey, first.updateStatus);
  if (first.omi) {
    const { accountId } = first.omi;
    put(keysQuery(accountId).queryKey, first.omi.keys);
    put(mcpKeysQuery(accountId).queryKey, first.omi.mcpKeys);
    put(mcpSetupQuery(accountId).queryKey, first.omi.mcpSetup);
  }
  return { accounts: first.accounts, activeAccountId: first.activeAccountId };
}

/**
 * Resolves when the first screen's data has arrived (or failed: the screens show errors
 * themselves). The request is the account list's
 * fetch, so a screen that renders before the answer (main.tsx caps the wait) joins it instead of
 * asking again; the lists are in the cache before the account list resolves, so the key screen
 * never asks for them either.
 */
export async function prefetchFirstScreen(queryClient: QueryClient): Promise<void> {
  await queryClient.prefetchQuery({ ...accountsQuery(), queryFn: async () => seed(queryClient, await call('loadFirstScreen', {})) });
}

/** After a sign-in (main made the account active): the screen it leads to, which came with main's answer. */
export function showFirstScreen(queryClient: QueryClient, first: FirstScreen): void {
  queryClient.setQueryData(accountsQuery().queryKey, seed(queryClient, first));
}
