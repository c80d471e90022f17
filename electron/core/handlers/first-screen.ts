/**
 * The first screen in one request: what the renderer would otherwise ask for in a waterfall
 * (the accounts, then the active account's lists). Built from the same handlers as the single
 * channels, so each part is exactly what its own channel answers; a failed list is passed on
 * as that list's error, for its own query to show and retry.
 */
import type { ChannelHandlers } from '../../ipc/router';
import type { FirstScreen, IpcResult, ListedMcpKey, ListedOmiKey } from '../../ipc/contract';
import { toIpcError } from '../errors';
import type { Logger } from '../logging/log';
import type { HandlerGroup } from './context';

export type FirstScreenParts = Pick<ChannelHandlers, 'getAppInfo' | 'getUpdateStatus' | 'listAccounts' | 'listKeys' | 'listMcpKeys' | 'getMcpSetup'>;

/** Lists one account's first screen already has in hand (a sign-in's, see SignInResult), used instead of asking again. */
export interface KnownLists {
  accountId: string;
  keys(): Promise<ListedOmiKey[]>;
  mcpKeys(): Promise<ListedMcpKey[]>;
}

export type FirstScreenBuilder = (known?: KnownLists) => Promise<FirstScreen>;

/** `parts` is read when a screen is built (the handlers that use the builder are among them). */
export function firstScreenBuilder(parts: () => FirstScreenParts, log: Logger): FirstScreenBuilder {
  const settle = async <T>(part: string, run: () => Promise<T>): Promise<IpcResult<T>> => {
    try {
      return { ok: true, data: await run() };
    } catch (error) {
      const ipcError = toIpcError(error);
      (ipcError.code === 'internal' ? log.error : log.info)('ipc.error', { channel: `loadFirstScreen.${part}`, code: ipcError.code, error });
      return { ok: false, error: ipcError };
    }
  };
  return async (known) => {
    const handlers = parts();
    const [{ accounts, activeAccountId }, appInfo, updateStatus] = await Promise.all([
      handlers.listAccounts({}),
      handlers.getAppInfo({}),
      handlers.getUpdateStatus({}),
    ]);
    // The account the window shows (the same rule as the renderer's App).
    const active = accounts.find((account) => account.id === activeAccountId) ?? accounts[0];
    if (active?.provider !== 'omi' || active.status !== 'ok') return { accounts, activeAccountId, appInfo, updateStatus, omi: null };
    const accountId = active.id;
    const lists = known?.accountId === accountId ? known : null;
    const [keys, mcpKeys, mcpSetup] = await Promise.all([
      settle('listKeys', () => (lists ? lists.keys() : handlers.listKeys({ accountId }))),
      settle('listMcpKeys', () => (lists ? lists.mcpKeys() : handlers.listMcpKeys({ accountId }))),
      settle('getMcpSetup', () => handlers.getMcpSetup({ accountId })),
    ]);
    return { accounts, activeAccountId, appInfo, updateStatus, omi: { accountId, keys, mcpKeys, mcpSetup } };
  };
}

export function firstScreenHandlers(build: FirstScreenBuilder): HandlerGroup<'loadFirstScreen'> {
  return {
    async loadFirstScreen() {
      return build();
    },
  };
}
