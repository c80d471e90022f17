/** MCP key channels, the MCP setup blocks' values, and the Claude Code config of a new key. */
import { AppError } from '../errors';
import { claudeCodeConfig, mcpSetupOf } from '../keys/mcp-setup';
import type { CoreContext, HandlerGroup } from './context';

export function mcpKeyHandlers(
  ctx: CoreContext,
): HandlerGroup<
  'listMcpKeys' | 'createMcpKey' | 'revokeMcpKey' | 'rotateMcpKey' | 'finishMcpRotation' | 'getMcpSetup' | 'copyMcpSetupValue' | 'copyMcpConfigWithKey'
> {
  const { mcpKeys, secrets, clipboard, accounts, log } = ctx;
  const setupOf = async (accountId: string) => mcpSetupOf((await accounts.omiEndpoint(accountId)).baseUrl);
  return {
    async listMcpKeys({ accountId }) {
      return mcpKeys.list(accountId);
    },
    async createMcpKey({ accountId, name, source }) {
      const { key, secret } = await mcpKeys.create(accountId, name, source ?? 'window');
      return { key, secret, secretHandle: secrets.hold(secret, { mcpAccountId: accountId }) };
    },
    async revokeMcpKey({ accountId, keyId }) {
      return { outcome: await mcpKeys.revoke(accountId, keyId) };
    },
    async rotateMcpKey({ accountId, keyId }) {
      const outcome = await mcpKeys.rotate(accountId, keyId);
      return { ...outcome, secretHandle: secrets.hold(outcome.secret, { mcpAccountId: accountId }) };
    },
    async finishMcpRotation({ accountId, oldKeyId, action }) {
      return { outcome: await mcpKeys.finishRotation(accountId, oldKeyId, action) };
    },
    async getMcpSetup({ accountId }) {
      return setupOf(accountId);
    },
    async copyMcpSetupValue({ accountId, value }) {
      const setup = await setupOf(accountId);
      const text = value === 'claude_code_config' ? setup.claudeCodeConfig : value === 'server_url' ? setup.mcpUrl : setup.oauthClientId;
      await clipboard.copyPlain(text);
      return { copied: true };
    },
    async copyMcpConfigWithKey({ secretHandle }) {
      const { secret, context } = secrets.takeWithContext(secretHandle);
      if (!context.mcpAccountId) throw new AppError('validation', 'Only a new MCP key goes into the Claude Code config.');
      const { mcpUrl } = await setupOf(context.mcpAccountId);
      // The config holds the key: copied as a secret (concealed, cleared after the usual delay).
      await clipboard.copy(claudeCodeConfig(mcpUrl, secret));
      log.info('mcp_key.config_copied', { accountId: context.mcpAccountId });
      return { clearAfterMs: clipboard.clearAfterMs };
    },
  };
}
