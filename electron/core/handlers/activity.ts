/** The per-account activity log channels. */
import type { CoreContext, HandlerGroup } from './context';

export function activityHandlers(ctx: CoreContext): HandlerGroup<'listActivity' | 'clearActivity'> {
  const { accounts, activity } = ctx;
  return {
    async listActivity({ accountId }) {
      accounts.get(accountId);
      return activity.list(accountId);
    },
    async clearActivity({ accountId }) {
      accounts.get(accountId);
      return { cleared: activity.clear(accountId) };
    },
  };
}
