/**
 * The IPC router: the single entry point for every renderer request. It checks the sender,
 * validates the payload against the contract's schema, runs the handler, and always answers
 * `{ ok: true, data } | { ok: false, error }` — it never throws and never rejects.
 */
import {
  invokeChannels,
  type ChannelName,
  type ChannelParsedArgs,
  type ChannelResult,
  type IpcResult,
} from './contract';
import { toIpcError } from '../core/errors';
import type { Logger } from '../core/logging/log';

export type ChannelHandlers = {
  [C in ChannelName]: (args: ChannelParsedArgs<C>) => Promise<ChannelResult<C>>;
};

/** Who sent a request: the webContents id and the URL of the frame that sent it. */
export interface IpcSender {
  id: number;
  url: string;
}

export interface Router {
  handle(channel: string, payload: unknown, sender: IpcSender): Promise<IpcResult<unknown>>;
}

export function createRouter(options: {
  handlers: ChannelHandlers;
  isAllowedSender: (sender: IpcSender) => boolean;
  log: Logger;
}): Router {
  const { handlers, isAllowedSender, log } = options;
  return {
    async handle(channel, payload, sender) {
      if (!isAllowedSender(sender)) {
        log.warn('ipc.forbidden_sender', { channel: String(channel).slice(0, 80), senderId: sender.id });
        return fail('forbidden_sender', 'This window is not allowed to talk to DevKeys.');
      }
      if (typeof channel !== 'string' || !Object.hasOwn(invokeChannels, channel)) {
        return fail('unknown_channel', 'DevKeys does not know that request.');
      }
      const name = channel as ChannelName;
      const parsed = invokeChannels[name].args.safeParse(payload ?? {});
      if (!parsed.success) {
        const fields = parsed.error.issues.slice(0, 10).map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        }));
        const first = fields[0];
        return {
          ok: false,
          error: {
            code: 'invalid_payload',
            message: first ? `Invalid request${first.path ? ` (${first.path})` : ''}: ${first.message}` : 'Invalid request.',
            fields,
          },
        };
      }
      try {
        const handler = handlers[name] as (args: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data) };
      } catch (error) {
        const ipcError = toIpcError(error);
        const log_ = ipcError.code === 'internal' ? log.error : log.info;
        log_('ipc.error', { channel: name, code: ipcError.code, error });
        return { ok: false, error: ipcError };
      }
    },
  };
}

function fail(code: 'forbidden_sender' | 'unknown_channel', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}
