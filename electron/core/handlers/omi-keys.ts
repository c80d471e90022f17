/** Omi Developer API key channels and the one-time secret they hand out. */
import type { CoreContext, HandlerGroup } from './context';

export function omiKeyHandlers(ctx: CoreContext): HandlerGroup<'listKeys' | 'createKey' | 'revokeKey' | 'copySecret' | 'forgetSecret'> {
  const { omiKeys, secrets, clipboard } = ctx;
  return {
    async listKeys({ accountId }) {
      return omiKeys.list(accountId);
    },
    async createKey({ accountId, name, scopes, source }) {
      const { key, secret } = await omiKeys.create(accountId, { name, ...(scopes ? { scopes } : {}) }, source ?? 'window');
      return { key, secret, secretHandle: secrets.hold(secret) };
    },
    async revokeKey({ accountId, keyId, confirmName }) {
      return { outcome: await omiKeys.revoke(accountId, keyId, confirmName) };
    },
    async copySecret({ secretHandle }) {
      await clipboard.copy(secrets.take(secretHandle));
      return { clearAfterMs: clipboard.clearAfterMs };
    },
    async forgetSecret({ secretHandle }) {
      return { forgotten: secrets.forget(secretHandle) };
    },
  };
}
