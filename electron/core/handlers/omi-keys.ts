/** Omi Developer API key channels and the one-time secret they hand out. */
import type { CoreContext, HandlerGroup } from './context';

export function omiKeyHandlers(ctx: CoreContext): HandlerGroup<'listKeys' | 'createKey' | 'revokeKey' | 'copySecret' | 'forgetSecret'> {
  const { accounts, secrets, clipboard, log } = ctx;
  return {
    async listKeys({ accountId }) {
      return (await accounts.omiClient(accountId)).listKeys();
    },
    async createKey({ accountId, name, scopes }) {
      const client = await accounts.omiClient(accountId);
      const { key, secret } = await client.createKey({ name, ...(scopes ? { scopes } : {}) });
      log.info('key.created', { accountId, keyId: key.id, keyPrefix: key.key_prefix });
      return { key, secret, secretHandle: secrets.hold(secret) };
    },
    async revokeKey({ accountId, keyId }) {
      const outcome = await (await accounts.omiClient(accountId)).revokeKey(keyId);
      log.info('key.revoked', { accountId, keyId, outcome });
      return { outcome };
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
