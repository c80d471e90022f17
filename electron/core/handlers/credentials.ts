/** Credential repair (locked accounts) and the consent to store credentials under a weak keychain. */
import type { CoreContext, HandlerGroup } from './context';

export function credentialHandlers(ctx: CoreContext): HandlerGroup<'updateCredential' | 'resetSandboxAccount' | 'setWeakEncryptionConsent'> {
  const { accounts, store, log, emit } = ctx;
  return {
    async updateCredential({ accountId, credential }) {
      const account = await accounts.updateCredential(accountId, credential);
      log.info('account.credential_updated', { accountId });
      emit('accountsChanged', { reason: 'credential_updated' });
      return account;
    },
    async resetSandboxAccount({ accountId }) {
      // A signed-in sandbox account is reset by signing in to it again (a new session; same user if it still exists).
      if (accounts.get(accountId).auth) {
        const { account } = await ctx.signIn.signInSandbox({ accountId });
        emit('accountsChanged', { reason: 'sandbox_reset' });
        return account;
      }
      const account = await accounts.resetSandbox(accountId);
      log.info('account.sandbox_reset', { accountId });
      emit('accountsChanged', { reason: 'sandbox_reset' });
      return account;
    },
    async setWeakEncryptionConsent({ consent }) {
      store.setWeakEncryptionConsent(consent);
      log.info('encryption.weak_consent', { consent });
      return { consented: consent };
    },
  };
}
