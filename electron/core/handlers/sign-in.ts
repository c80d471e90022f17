/** Sign in with Omi: sign in (a new account or a signed-out one again), cancel, reopen the page, sign out. */
import { bestEffort } from '../logging/log';
import type { CoreContext, HandlerGroup } from './context';

export function signInHandlers(ctx: CoreContext): HandlerGroup<'signIn' | 'cancelSignIn' | 'reopenSignInPage' | 'signOut'> {
  const { signIn, log, emit, activity } = ctx;
  return {
    async signIn(args) {
      const { account, kind } = await signIn.signIn(args);
      recordSignIn(ctx, account.id, kind, account.person?.email ?? account.person?.name ?? null);
      return account;
    },
    async cancelSignIn() {
      return { cancelled: signIn.cancel() };
    },
    async reopenSignInPage() {
      return { reopened: await signIn.reopen() };
    },
    async signOut({ accountId }) {
      const account = await signIn.signOut(accountId);
      bestEffort(log, 'activity.record', () => activity.record(accountId, { kind: 'signed_out', detail: 'You signed out' }));
      emit('accountsChanged', { reason: 'signed_out' });
      return account;
    },
  };
}

/** A new signed-in account is "added"; signing in again is its own entry. */
export function recordSignIn(ctx: CoreContext, accountId: string, kind: 'added' | 'signed_in_again', who: string | null): void {
  ctx.log.info(kind === 'added' ? 'account.added' : 'account.signed_in_again', { accountId, provider: 'omi', auth: 'session' });
  bestEffort(ctx.log, 'activity.record', () =>
    ctx.activity.record(accountId, kind === 'added' ? { kind: 'account_added', ...(who ? { detail: `Signed in as ${who}` } : {}) } : { kind: 'signed_in', ...(who ? { detail: `as ${who}` } : {}) }),
  );
  ctx.emit('accountsChanged', { reason: kind === 'added' ? 'added' : 'signed_in' });
}
