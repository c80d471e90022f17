/**
 * One automatic retry for idempotent list requests (GET). A dropped connection, a timeout or
 * a 5xx is often gone a moment later; a 4xx or 429 is an answer, not a glitch. Requests that
 * change something (create, revoke, enable) are never repeated here: see create-outcome.ts.
 */
import { AppError } from '../errors';

export const DEFAULT_RETRY_DELAY_MS = 300;

export function isRetryableFailure(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'network' || error.code === 'timeout') return true;
  return error.code === 'server_error' && error.status !== undefined && error.status >= 500;
}

/** Runs `request`; after a retryable failure waits `delayMs` and runs it once more. */
export async function retryIdempotentOnce<T>(request: () => Promise<T>, delayMs: number = DEFAULT_RETRY_DELAY_MS): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!isRetryableFailure(error)) throw error;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return request();
  }
}
