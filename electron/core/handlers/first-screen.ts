/**
 * The first screen in one request: what the renderer would otherwise ask for in a waterfall
 * (the accounts, then the active account's lists). Built from the same handlers as the single
 * channels, so each part is exactly what its own channel answers; a failed list is passed on
 * as that list's error, for its own query to show and retry.
 */
import type { ChannelHandlers } from '../../ipc/router';
import type { IpcResult } from '../../ipc/contract';
import { toIpcError } from '../errors';
import type { Logger } from '../logging/log';
import type { HandlerGroup } from './context';

type Parts = Pick<ChannelHandlers, 'getAppInfo' | 'getUpdateStatus' | 'listAccounts' | 'listKeys' | 'listMcpKeys' | 'getMcpSetup'>;

export function firstScreenHandlers(parts: Parts, log: Logger): HandlerGroup<'loadFirstScreen'> {
  const settle = async <T>(part: string, run: () => Promise<T>): Promise<IpcResult<T>> => {
    try {
      return { ok: true, data: await run() };
    } catch (error) {
      const ipcError = toIpcError(error);
      (ipcError.code === 'internal' ? log.error : log.info)('ipc.error', { channel: `loadFirstScreen.${part}`, code: ipcError.code, error });
      return { ok: false, error: ipcError };
    }
  };
  return {
    async loadFirstScreen() {
      const [{ accounts, activeAccountId }, appInfo, updateStatus] = await Promise.all([
        parts.listAccounts({}),
        parts.getAppInfo({}),
        parts.getUpdateStatus({}),
      ]);
      // The account the window shows (the same rule as the renderer's App).
      const active = accounts.find((account) => account.id === activeAccountId) ?? accounts[0];
      if (active?.provider !== 'omi' || active.status !== 'ok') return { accounts, activeAccountId, appInfo, updateStatus, omi: null };
      const accountId = active.id;
      const [keys, mcpKeys, mcpSetup] = await Promise.all([
        settle('listKeys', () => parts.listKeys({ accountId })),
        settle('listMcpKeys', () => parts.listMcpKeys({ accountId })),
        settle('getMcpSetup', () => parts.getMcpSetup({ accountId })),
      ]);
      return { accounts, activeAccountId, appInfo, updateStatus, omi: { accountId, keys, mcpKeys, mcpSetup } };
    },
  };
}
