/**
 * Omi key operations with DevKeys' bookkeeping around the provider calls: the "used by
 * DevKeys" and "replaced" marks on listed keys, the activity log, the `keyCreated` event,
 * and the guard that stops DevKeys revoking its own credential by accident.
 */
import type { ActionSource, EventName, EventPayloads, ListedOmiKey, OmiKey, OmiScope } from '../../ipc/contract';
import type { ActivityLog } from '../activity/activity-log';
import { createKeyReportingOrphans } from './create-outcome';
import { AppError } from '../errors';
import { annotateKeys, isBootstrapKey, type ReplacementMarks } from './key-marks';
import { bestEffort, type Logger } from '../logging/log';
import type { OmiClient } from '../providers/omi';

export interface OmiKeyDeps {
  /** The account's Omi client; it reads the stored credential on every request. */
  client(accountId: string): Promise<OmiClient>;
  /** The account's bootstrap credential hint (`omi_dev_xxxx...yyyy`); null for signed-in accounts (no key of DevKeys'). */
  credentialHint(accountId: string): string | null;
  marks: ReplacementMarks;
  activity: ActivityLog;
  log: Logger;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Clock for telling a lost create's key from older ones; default: the system clock. */
  now?: () => Date;
}

export class OmiKeyService {
  constructor(private readonly deps: OmiKeyDeps) {}

  async list(accountId: string): Promise<ListedOmiKey[]> {
    return this.withMarks(accountId, await (await this.deps.client(accountId)).listKeys());
  }

  /** A list the account's backend just answered (fresh from the response check), with DevKeys' marks added in place. */
  withMarks(accountId: string, keys: OmiKey[]): ListedOmiKey[] {
    return annotateKeys(keys, this.deps.credentialHint(accountId), this.deps.marks.pruneTo(accountId, keys));
  }

  async create(accountId: string, input: { name: string; scopes?: OmiScope[] }, source: ActionSource): Promise<{ key: OmiKey; secret: string }> {
    const created = await createKeyReportingOrphans(await this.deps.client(accountId), input, {
      now: this.deps.now,
      log: this.deps.log,
      logFields: { accountId, source },
    });
    const { key } = created;
    this.deps.log.info('key.created', { accountId, keyId: key.id, keyPrefix: key.key_prefix, source });
    // A failed log write must not cost the user the one-time secret.
    bestEffort(this.deps.log, 'activity.record', () =>
      this.deps.activity.record(accountId, { kind: 'key_created', keyName: key.name, keyPrefix: key.key_prefix, source }),
    );
    this.deps.emit('keyCreated', { accountId, keyId: key.id, source, family: 'dev' });
    return created;
  }

  /**
   * Revokes a key. DevKeys' own credential is revoked only when `confirmName` repeats the
   * key's name: afterwards DevKeys can no longer reach this account.
   */
  async revoke(accountId: string, keyId: string, confirmName?: string): Promise<'revoked' | 'already_gone'> {
    const client = await this.deps.client(accountId);
    // Listing first is the only way to learn the key's prefix (for the guard) and name (for the log).
    const key = (await client.listKeys()).find((k) => k.id === keyId);
    if (key && isBootstrapKey(key, this.deps.credentialHint(accountId)) && confirmName?.trim() !== key.name.trim()) {
      throw new AppError(
        'confirmation_required',
        `“${key.name}” is the key DevKeys signs in with for this account. Type its name to revoke it: DevKeys will then lose access to this account.`,
      );
    }
    const answered = await client.revokeKey(keyId);
    // The real server answers 204 for an id it does not know, so the list just read is what tells a
    // key revoked elsewhere meanwhile from one revoked now (a server that follows the contract 404s).
    const outcome = key ? answered : 'already_gone';
    this.deps.log.info('key.revoked', { accountId, keyId, outcome });
    bestEffort(this.deps.log, 'revoke.bookkeeping', () => {
      this.deps.marks.forgetKey(accountId, keyId);
      if (key && outcome === 'revoked') {
        this.deps.activity.record(accountId, { kind: 'key_revoked', keyName: key.name, keyPrefix: key.key_prefix });
      }
    });
    return outcome;
  }
}
