/**
 * The renderer's only way to reach the main process: `window.devkeys`, exposed by the preload.
 * Every channel resolves to `IpcResult<T>`; `call` unwraps it and throws `BridgeError` on failure.
 * Types only from the contract: zod must never enter the renderer bundle.
 */
import type { ChannelArgs, ChannelName, ChannelResult, DevKeysApi, ErrorCode, IpcError, IpcResult, OrphanKey } from '../../electron/ipc/contract';

declare global {
  interface Window {
    devkeys: DevKeysApi;
  }
}

type FieldProblem = { path: string; message: string };

export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: FieldProblem[] | undefined;
  /** create_outcome_unknown only: see IpcError.orphanKeys. */
  readonly orphanKeys: OrphanKey[] | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
    this.status = error.status;
    this.retryAfterSeconds = error.retryAfterSeconds;
    this.fields = error.fields;
    this.orphanKeys = error.orphanKeys;
  }
}

/** Error codes worth retrying automatically: the same request may succeed a moment later. */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['network', 'timeout', 'server_error', 'rate_limited']);

export function isTransientError(error: unknown): boolean {
  return error instanceof BridgeError && TRANSIENT_CODES.has(error.code);
}

/** A BridgeError for anything thrown; non-bridge errors never show their raw text. */
export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError({ code: 'internal', message: 'Something went wrong inside DevKeys. Please try again.' });
}

export function getApi(): DevKeysApi {
  const api = (window as Partial<Window>).devkeys;
  if (!api) {
    throw new BridgeError({
      code: 'internal',
      message: 'DevKeys could not connect to its main process (window.devkeys is missing). Restart DevKeys.',
    });
  }
  return api;
}

/** Invokes one contract channel and returns its data, or throws a BridgeError. */
export async function call<C extends ChannelName>(name: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
  const api = getApi();
  const invoke = api[name] as unknown as (args: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
  if (typeof invoke !== 'function') {
    throw new BridgeError({ code: 'unknown_channel', message: `DevKeys' main process does not offer "${name}". Restart DevKeys.` });
  }
  let result: IpcResult<ChannelResult<C>>;
  try {
    result = await invoke(args);
  } catch {
    // A rejected invoke carries Electron's raw text; keep it out of the UI.
    throw new BridgeError({ code: 'internal', message: 'DevKeys could not reach its main process. Please try again.' });
  }
  if (!result || typeof result !== 'object') {
    throw new BridgeError({ code: 'bad_response', message: 'DevKeys received an unexpected reply from its main process.' });
  }
  if (result.ok) return result.data;
  throw new BridgeError(result.error);
}
