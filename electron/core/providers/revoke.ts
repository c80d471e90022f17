/** What a failed revoke means, the same for Developer API and MCP keys. */
import { AppError } from '../errors';

/**
 * A 404 (the contract's answer for an unknown id) means the key is gone. A 503 means the
 * server could not invalidate its auth cache: the key may still work, and trying again is
 * right. Anything else is rethrown as it is.
 */
export function explainRevokeFailure(error: unknown): 'already_gone' {
  if (error instanceof AppError && error.code === 'not_found') return 'already_gone';
  if (error instanceof AppError && error.code === 'server_error' && error.status === 503) {
    throw new AppError(
      'server_error',
      `${error.message.replace(/ Try again shortly\.$/, '')} The key may still work until a revoke goes through: try again.`,
      { status: 503, cause: error },
    );
  }
  throw error;
}
