/**
 * How provider clients authenticate, whatever kind of account they serve: a pasted bearer
 * credential, or a signed-in Omi session whose ID token expires within the hour. The clients
 * only ask for the bearer to send and, after a 401, whether a fresh one is worth one retry.
 */
import { AppError } from '../errors';

export interface AuthSession {
  /** The bearer for the next request (a signed-in session refreshes first when it is about to expire). */
  bearer(): Promise<string>;
  /**
   * The server answered 401 to a request sent with `rejected`. Resolves true when a fresh
   * bearer is available and the request is worth one retry; false when there is nothing
   * to renew (a pasted credential). May throw a clearer error (e.g. "signed out").
   */
  renewAfterRejection(rejected: string): Promise<boolean>;
  /** Signed-in sessions only: the server says the session can no longer be used (account being deleted). */
  end?(reason: 'account_deletion_in_progress'): Promise<void>;
}

/** A pasted credential: read when needed, nothing to renew. */
export function fixedCredential(read: () => Promise<string>): AuthSession {
  return { bearer: read, renewAfterRejection: async () => false };
}

/**
 * Runs one authenticated request; on a 401 asks the session to renew and, if it did, runs the
 * request once more with the new bearer. A 401 means the server did nothing, so even a create
 * may be sent again.
 */
export async function withSession<T>(session: AuthSession, run: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  const first = await session.bearer();
  try {
    return await run(bearerHeader(first));
  } catch (error) {
    if (error instanceof AppError && error.code === 'account_deletion_in_progress' && session.end) {
      await session.end('account_deletion_in_progress');
      throw error;
    }
    if (!(error instanceof AppError) || error.code !== 'unauthorized') throw error;
    if (!(await session.renewAfterRejection(first))) throw error;
    return run(bearerHeader(await session.bearer()));
  }
}

export function bearerHeader(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
