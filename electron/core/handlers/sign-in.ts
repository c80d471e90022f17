/** Sign in with Omi: sign in (a new account or a signed-out one again), cancel, reopen the page, sign out. */
import { AppError } from '../errors';
import { bestEffort } from '../logging/log';
import type { CoreContext, HandlerGroup } from './context';
import type { FirstScreenBuilder } from './first-screen';

/**
 * How long the sign-in's answer waits for the MCP keys once the confirming key list is in (both
 * left together). A slow or hung MCP endpoint must not hold the signed-in screen back: without
 * them the screen's MCP list asks for itself.
 */
export const SIGN_IN_MCP_WAIT_MS = 2_000;

export function signInHandlers(ctx: CoreContext, firstScreen: FirstScreenBuilder): HandlerGroup<'signIn' | 'cancelSignIn' | 'reopenSignInPage' | 'signOut'> {
  const { signIn, log, emit, activity, omiKeys, mcpKeys } = ctx;
  return {
    async signIn(args) {
      const { account, kind, firstLists } = await signIn.signIn(args);
      try {
        // The screen it leads to, with the lists the sign-in already has: no second round of requests.
        const screen = await firstScreen({
          accountId: account.id,
          keys: async () => omiKeys.withMarks(account.id, firstLists.keys),
          mcpKeys: async () => {
            const answered = await within(firstLists.mcpKeys, SIGN_IN_MCP_WAIT_MS);
            if (answered.status === 'rejected') throw answered.reason;
            return mcpKeys.withMarks(account.id, answered.value);
          },
        });
        return { account, firstScreen: screen };
      } finally {
        // Recorded (and announced to every window) once the answer is ready, so the window signing
        // in asks nothing of main while it renders its screen; recorded whatever happens, as the account is saved.
        recordSignIn(ctx, account.id, kind, account.person?.email ?? account.person?.name ?? null);
      }
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

/** `promise`'s value, or a timeout error after `ms` (the promise itself is left to settle unheard). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError('timeout', 'The MCP keys did not arrive with the sign-in; the list asks again.')), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
