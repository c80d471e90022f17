/**
 * The first screen's data in ONE request to main (`loadFirstScreen`), sent by public/first-request.js
 * before the app's bundle has even loaded: the account list, app info, the update status, and the
 * active Omi account's Developer API keys, MCP keys and MCP setup. Its parts go into the same queries the hooks use, so the screens find
 * them answered; a list that failed is left to its own query, which shows and retries it.
 * main.tsx renders once this resolves (or after a short cap). Measured by `npm run bench`.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { FirstScreen, IpcResult } from '../../electron/ipc/contract';
import { call } from './bridge';
import { accountsQuery, appInfoQuery, keysQuery, mcpKeysQuery, mcpSetupQuery } from './hooks';
import { updateStatusQuery } from './updateHooks';

/**
 * Resolves when the first screen's data has arrived (or failed: the screens show errors
 * themselves). The request is the account list's fetch, so a screen that renders before the
 * answer (main.tsx caps the wait) joins it instead of asking again; the lists are in the cache
 * before the account list resolves, so the key screen never asks for them either.
 */
export async function prefetchFirstScreen(queryClient: QueryClient): Promise<void> {
  const seed = <T>(queryKey: readonly unknown[], result: IpcResult<T>) => {
    if (result.ok) queryClient.setQueryData(queryKey, result.data);
  };
  await queryClient.prefetchQuery({
    ...accountsQuery(),
    queryFn: async () => {
      const first = await takeEarlyAnswer() ?? (await call('loadFirstScreen', {}));
      queryClient.setQueryData(appInfoQuery().queryKey, first.appInfo);
      queryClient.setQueryData(updateStatusQuery().queryKey, first.updateStatus);
      if (first.omi) {
        const { accountId } = first.omi;
        seed(keysQuery(accountId).queryKey, first.omi.keys);
        seed(mcpKeysQuery(accountId).queryKey, first.omi.mcpKeys);
        seed(mcpSetupQuery(accountId).queryKey, first.omi.mcpSetup);
      }
      return { accounts: first.accounts, activeAccountId: first.activeAccountId };
    },
  });
}

/**
 * The answer to the request public/first-request.js sent before this bundle loaded, once; null when
 * there was none or it failed (then the caller asks through the bridge, which explains errors).
 */
async function takeEarlyAnswer(): Promise<FirstScreen | null> {
  const page = window as unknown as { __devkeysFirstScreen?: Promise<IpcResult<FirstScreen>>; __devkeysFirstScreenAsked?: boolean };
  const early = page.__devkeysFirstScreen;
  delete page.__devkeysFirstScreen;
  // first-request.js is async and may not have run yet: from now on it must not ask as well.
  page.__devkeysFirstScreenAsked = true;
  if (!early) return null;
  try {
    const result = await early;
    return result && typeof result === 'object' && result.ok ? result.data : null;
  } catch {
    return null;
  }
}
