/** App info and account channels. */
import type { CoreContext, HandlerGroup } from './context';

export function accountHandlers(
  ctx: CoreContext,
): HandlerGroup<'getAppInfo' | 'listAccounts' | 'setActiveAccount' | 'addAccount' | 'addSandboxAccount' | 'removeAccount'> {
  const { accounts, store, log, emit } = ctx;
  return {
    async getAppInfo() {
      return {
        version: ctx.version,
        encryption: await ctx.cipher.info(),
        clipboardClearAfterMs: ctx.clipboard.clearAfterMs,
        notices: ctx.notices,
      };
    },
    async listAccounts() {
      return { accounts: await accounts.list(), activeAccountId: store.activeAccountId() };
    },
    async setActiveAccount({ accountId }) {
      accounts.get(accountId);
      store.setActiveAccountId(accountId);
      return { activeAccountId: accountId };
    },
    async addAccount(args) {
      const account = await accounts.add(args);
      log.info('account.added', { accountId: account.id, provider: account.provider });
      emit('accountsChanged', { reason: 'added' });
      return account;
    },
    async addSandboxAccount(args) {
      const account = await accounts.addSandbox(args.label);
      log.info('account.added', { accountId: account.id, provider: account.provider, sandbox: true });
      emit('accountsChanged', { reason: 'added' });
      return account;
    },
    async removeAccount({ accountId }) {
      accounts.remove(accountId);
      log.info('account.removed', { accountId });
      emit('accountsChanged', { reason: 'removed' });
      return { removed: true };
    },
  };
}
