/**
 * Creating a key is never repeated automatically: when its response is lost (dropped
 * connection, timeout, garbled body, 5xx) the server may still have created the key, and
 * DevKeys never received its secret. Instead DevKeys looks at the key list and reports the
 * keys that appeared with that name, so the user can revoke what they cannot use.
 */
import type { OrphanKey } from '../../ipc/contract';
import { AppError } from '../errors';
import type { Logger } from '../logging/log';

/** What a lost create needs of a key list: Developer API keys and MCP keys alike. */
export interface KeyCreator<I extends { name: string }, K extends OrphanKey> {
  listKeys(): Promise<K[]>;
  createKey(input: I): Promise<{ key: K; secret: string }>;
}

/** Server clocks drift from ours: a key stamped this much before the request may still be ours. */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;

/** Failures after which the server may have acted on the request. A 4xx or 429 means it did not. */
function mayHaveCreated(error: unknown): error is AppError {
  if (!(error instanceof AppError)) return false;
  if (error.code === 'network' || error.code === 'timeout' || error.code === 'bad_response') return true;
  return error.code === 'server_error' && error.status !== undefined && error.status >= 500;
}

export interface CreateOutcomeOptions {
  /** Clock for telling a lost create's key from older ones; default: the system clock. */
  now?: (() => Date) | undefined;
  log: Logger;
  /** What the `key.create_outcome_unknown` log line says about the create (account, source…); never a secret. */
  logFields: Record<string, unknown>;
}

/**
 * `client.createKey`, with a snapshot of the list taken first (one extra GET) so that a lost
 * response can be told apart from keys that already had this name. Every create of a key
 * (plain, quick create, rotation) goes through here.
 */
export async function createKeyReportingOrphans<I extends { name: string }, K extends OrphanKey>(
  client: KeyCreator<I, K>,
  input: I,
  options: CreateOutcomeOptions,
): Promise<{ key: K; secret: string }> {
  try {
    return await createOrExplain(client, input, options.now ?? (() => new Date()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'create_outcome_unknown') {
      options.log.warn('key.create_outcome_unknown', { ...options.logFields, orphanKeyIds: error.orphanKeys?.map((k) => k.id) ?? null });
    }
    throw error;
  }
}

/** The created key, or a `create_outcome_unknown` error naming the keys the create may have made. */
async function createOrExplain<I extends { name: string }, K extends OrphanKey>(
  client: KeyCreator<I, K>,
  input: I,
  now: () => Date,
): Promise<{ key: K; secret: string }> {
  const before = new Set((await client.listKeys()).map((key) => key.id));
  const startedAt = now().getTime();
  try {
    return await client.createKey(input);
  } catch (error) {
    if (!mayHaveCreated(error)) throw error;
    let after: K[];
    try {
      after = await client.listKeys();
    } catch {
      throw new AppError(
        'create_outcome_unknown',
        `${error.message.replace(/\.$/, '')}. The key “${input.name}” may have been created anyway, and DevKeys could not check. ` +
          'Look for it in the key list before trying again.',
        { ...(error.status === undefined ? {} : { status: error.status }), cause: error },
      );
    }
    const orphanKeys = after.filter(
      (key) => !before.has(key.id) && key.name === input.name && Date.parse(key.created_at) >= startedAt - CLOCK_SKEW_ALLOWANCE_MS,
    );
    throw new AppError('create_outcome_unknown', describe(input.name, orphanKeys, error), {
      ...(error.status === undefined ? {} : { status: error.status }),
      orphanKeys,
      cause: error,
    });
  }
}

function describe(name: string, orphans: OrphanKey[], error: AppError): string {
  if (orphans.length === 0) {
    return `${error.message.replace(/\.$/, '')}. No key named “${name}” appeared, so the key was most likely not created.`;
  }
  const found = orphans.map((key) => `${key.key_prefix}, created ${key.created_at}`).join('; ');
  return (
    `The server may have created the key “${name}”, but its response was lost, so DevKeys never received the secret ` +
    `(${found}). It can't be used without its secret: revoke it.`
  );
}
