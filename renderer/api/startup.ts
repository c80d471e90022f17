/**
 * The first screen's requests, started before React's first render: the account list (and app
 * info) while React boots, then the active Omi account's keys as soon as the list arrives,
 * instead of after the render that mounts the key screen. The hooks then find these queries
 * in flight (or done) and use them. Measured by `npm run bench` (navigation → list painted).
 */
import type { QueryClient } from '@tanstack/react-query';
import { accountsQuery, appInfoQuery, keysQuery } from './hooks';

export function prefetchFirstScreen(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(appInfoQuery());
  void queryClient.prefetchQuery(accountsQuery()).then(() => {
    const data = queryClient.getQueryData(accountsQuery().queryKey);
    if (!data) return;
    // The account App shows (the same rule as App.tsx).
    const active = data.accounts.find((account) => account.id === data.activeAccountId) ?? data.accounts[0];
    if (active?.provider === 'omi' && active.status === 'ok') void queryClient.prefetchQuery(keysQuery(active.id));
  });
}
