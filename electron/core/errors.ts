import type { ErrorCode, IpcError, OrphanKey } from '../ipc/contract';
import { redactSecrets } from './logging/redact';

/** The one error type the core throws; the router turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly fields: { path: string; message: string }[] | undefined;
  readonly orphanKeys: OrphanKey[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      status?: number;
      retryAfterSeconds?: number;
      fields?: { path: string; message: string }[];
      orphanKeys?: OrphanKey[];
      cause?: unknown;
    } = {},
  ) {
    // Messages can quote server text: scrub anything credential-shaped before it travels.
    super(redactSecrets(message), extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = extra.status;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.fields = extra.fields?.map((f) => ({ path: f.path, message: redactSecrets(f.message) }));
    this.orphanKeys = extra.orphanKeys?.map(({ id, name, key_prefix, created_at }) => ({ id, name, key_prefix, created_at }));
  }

  toIpcError(): IpcError {
    const error: IpcError = { code: this.code, message: this.message };
    if (this.status !== undefined) error.status = this.status;
    if (this.retryAfterSeconds !== undefined) error.retryAfterSeconds = this.retryAfterSeconds;
    if (this.fields !== undefined) error.fields = this.fields;
    if (this.orphanKeys !== undefined) error.orphanKeys = this.orphanKeys;
    return error;
  }
}

/** Anything thrown becomes an IpcError; unexpected errors never leak their text or stack. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return error.toIpcError();
  return { code: 'internal', message: 'Something went wrong inside DevKeys. Please try again.' };
}
