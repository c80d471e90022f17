/** App info and account channels. */
import { resolveActiveAccountId, selectActiveAccount } from '../accounts/active-account';
import { bestEffort } from '../logging/log';
import type { CoreContext, HandlerGroup } from './context';
import { recordSignIn } from './sign-in';

export function accountHandlers(
  ctx: CoreContext,
): HandlerGroup<'getAppInfo' | 'listAccounts' | 'setActiveAccount' | 'addAccount' | 'addSandboxAccount' | 'removeAccount' | 'renameAccount'> {
  const { accounts, store, log, emit } = ctx;
  return {
    async getAppInfo() {
      return {
        version: ctx.version,
        encryption: await ctx.vault.encryptionStatus(),
        clipboardClearAfterMs: ctx.clipboard.clearAfterMs,
        notices: ctx.notices,
        testHooks: ctx.testHooks,
      };
    },
    async listAccounts() {
      return { accounts: await accounts.list(), activeAccountId: resolveActiveAccountId(store) };
    },
    async setActiveAccount({ accountId }) {
      return selectActiveAccount(ctx, accountId, 'window');
    },
    async addAccount(args) {
      const account = await accounts.add(args);
      log.info('account.added', { accountId: account.id, provider: account.provider });
      bestEffort(log, 'activity.record', () => ctx.activity.record(account.id, { kind: 'account_added' }));
      emit('accountsChanged', { reason: 'added' });
      return account;
    },
    async addSandboxAccount(args) {
      // An Omi sandbox account signs in through the real flow (auto-approved): the path real users take.
      if ((args.provider ?? 'omi') === 'omi') {
        const { account, kind } = await ctx.signIn.signInSandbox(args.label ? { label: args.label } : {});
        recordSignIn(ctx, account.id, kind, account.person?.email ?? null);
        return account;
      }
      const account = await accounts.addSandbox(args.label, args.provider);
      log.info('account.added', { accountId: account.id, provider: account.provider, sandbox: true });
      bestEffort(log, 'activity.record', () => ctx.activity.record(account.id, { kind: 'account_added' }));
      emit('accountsChanged', { reason: 'added' });
      return account;
    },
    async removeAccount({ accountId }) {
      accounts.remove(accountId);
      log.info('account.removed', { accountId });
      emit('accountsChanged', { reason: 'removed' });
      return { removed: true };
    },
    async renameAccount({ accountId, label }) {
      const account = await accounts.rename(accountId, label);
      emit('accountsChanged', { reason: 'renamed' });
      return account;
    },
  };
}
