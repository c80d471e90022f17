/**
 * The first screen's requests, started before React's first render: the account list (and app
 * info) while React boots, then the active Omi account's keys as soon as the list arrives,
 * instead of after the render that mounts the key screen. The hooks then find these queries
 * done (or in flight) and use them. main.tsx renders once this resolves (or after a short cap).
 * Measured by `npm run bench` (navigation → 50-key list painted).
 */
import type { QueryClient } from '@tanstack/react-query';
import { accountsQuery, appInfoQuery, keysQuery } from './hooks';

/** Resolves when the first screen's data has arrived (or failed: the screens show errors themselves). */
export async function prefetchFirstScreen(queryClient: QueryClient): Promise<void> {
  // The account list first: the keys request waits for it.
  const accounts = queryClient.prefetchQuery(accountsQuery());
  void queryClient.prefetchQuery(appInfoQuery());
  await accounts;
  const data = queryClient.getQueryData(accountsQuery().queryKey);
  if (!data) return;
  // The account App shows (the same rule as App.tsx).
  const active = data.accounts.find((account) => account.id === data.activeAccountId) ?? data.accounts[0];
  if (active?.provider === 'omi' && active.status === 'ok') await queryClient.prefetchQuery(keysQuery(active.id));
}
