/** Omni API token channels: one page of the list, disable/enable, revoke. */
import { OMNI_PAGE_SIZE_MAX } from '../../ipc/contract';
import type { CoreContext, HandlerGroup } from './context';

export function omniTokenHandlers(ctx: CoreContext): HandlerGroup<'listOmniTokens' | 'setOmniTokenEnabled' | 'revokeOmniToken'> {
  const { accounts, log } = ctx;
  return {
    async listOmniTokens({ accountId, ...query }) {
      return (await accounts.omniClient(accountId)).listTokens({ ...query, pageSize: OMNI_PAGE_SIZE_MAX });
    },
    async setOmniTokenEnabled({ accountId, tokenId, enabled }) {
      const token = await (await accounts.omniClient(accountId)).setEnabled(tokenId, enabled);
      log.info(enabled ? 'omni_token.enabled' : 'omni_token.disabled', { accountId, tokenId });
      return token;
    },
    async revokeOmniToken({ accountId, tokenId }) {
      const outcome = await (await accounts.omniClient(accountId)).revokeToken(tokenId);
      log.info('omni_token.revoked', { accountId, tokenId, outcome });
      return { outcome };
    },
  };
}
