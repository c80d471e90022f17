/**
 * MCP key operations with the same bookkeeping as Developer API keys: the "replaced" marks of
 * a rotation, the activity log, the `keyCreated` event and the report of a lost create. There
 * is no self-revocation guard: DevKeys never signs in with an MCP key.
 */
import type { ActionSource, EventName, EventPayloads, ListedMcpKey, OmiMcpKey } from '../../ipc/contract';
import type { ActivityLog } from '../activity/activity-log';
import { AppError } from '../errors';
import { bestEffort, type Logger } from '../logging/log';
import type { OmiMcpClient } from '../providers/omi-mcp';
import { createKeyReportingOrphans } from './create-outcome';
import { withReplacements, type ReplacementMarks } from './key-marks';

export interface McpKeyDeps {
  /** The account's MCP key client; it authenticates with the account's session on every request. */
  client(accountId: string): Promise<OmiMcpClient>;
  marks: ReplacementMarks;
  activity: ActivityLog;
  log: Logger;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Clock for telling a lost create's key from older ones; default: the system clock. */
  now?: () => Date;
}

export class McpKeyService {
  constructor(private readonly deps: McpKeyDeps) {}

  async list(accountId: string): Promise<ListedMcpKey[]> {
    return this.withMarks(accountId, await (await this.deps.client(accountId)).listKeys());
  }

  /** A list the account's backend just answered (fresh from the response check), with the rotation marks added in place. */
  withMarks(accountId: string, keys: OmiMcpKey[]): ListedMcpKey[] {
    return withReplacements(keys, this.deps.marks.pruneTo(accountId, keys));
  }

  async create(accountId: string, name: string, source: ActionSource): Promise<{ key: OmiMcpKey; secret: string }> {
    const created = await this.createReportingOrphans(accountId, await this.deps.client(accountId), name, { accountId, source });
    const { key } = created;
    this.deps.log.info('mcp_key.created', { accountId, keyId: key.id, keyPrefix: key.key_prefix, source });
    // A failed log write must not cost the user the one-time secret.
    bestEffort(this.deps.log, 'activity.record', () =>
      this.deps.activity.record(accountId, { kind: 'key_created', keyFamily: 'mcp', keyName: key.name, keyPrefix: key.key_prefix, source }),
    );
    this.deps.emit('keyCreated', { accountId, keyId: key.id, source, family: 'mcp' });
    return created;
  }

  /**
   * Revokes a key. The server answers 204 for an unknown id too, so the list says whether the
   * key was there (and gives its name for the activity log).
   */
  async revoke(accountId: string, keyId: string): Promise<'revoked' | 'already_gone'> {
    const client = await this.deps.client(accountId);
    const key = (await client.listKeys()).find((k) => k.id === keyId);
    const answer = await client.revokeKey(keyId);
    const outcome = key ? answer : 'already_gone';
    this.deps.log.info('mcp_key.revoked', { accountId, keyId, outcome });
    bestEffort(this.deps.log, 'revoke.bookkeeping', () => {
      this.deps.marks.forgetKey(accountId, keyId);
      if (key && outcome === 'revoked') {
        this.deps.activity.record(accountId, { kind: 'key_revoked', keyFamily: 'mcp', keyName: key.name, keyPrefix: key.key_prefix });
      }
    });
    return outcome;
  }

  /** A replacement with the same name (MCP keys all get every MCP scope); the old key stays until `finishRotation`. */
  async rotate(accountId: string, keyId: string): Promise<{ key: OmiMcpKey; secret: string; replaced: OmiMcpKey }> {
    const client = await this.deps.client(accountId);
    const old = (await client.listKeys()).find((k) => k.id === keyId);
    if (!old) throw new AppError('not_found', 'That key is no longer on the server, so there is nothing to rotate.');
    const { key, secret } = await this.createReportingOrphans(accountId, client, old.name, {
      accountId,
      source: 'window',
      rotatingKeyId: old.id,
    });
    // The new key exists: from here on nothing may throw, or its one-time secret would be lost.
    bestEffort(this.deps.log, 'rotation.bookkeeping', () => {
      this.deps.marks.mark(accountId, old.id, key.id);
      this.deps.activity.record(accountId, {
        kind: 'key_rotated',
        keyFamily: 'mcp',
        keyName: key.name,
        keyPrefix: key.key_prefix,
        replacedKeyPrefix: old.key_prefix,
        source: 'window',
      });
    });
    this.deps.log.info('mcp_key.rotated', { accountId, oldKeyId: old.id, newKeyId: key.id, keyPrefix: key.key_prefix });
    this.deps.emit('keyCreated', { accountId, keyId: key.id, source: 'window', family: 'mcp' });
    return { key, secret, replaced: old };
  }

  async finishRotation(accountId: string, oldKeyId: string, action: 'revoke_old' | 'keep_both'): Promise<'revoked' | 'already_gone' | 'kept'> {
    return action === 'keep_both' ? 'kept' : this.revoke(accountId, oldKeyId);
  }

  private createReportingOrphans(accountId: string, client: OmiMcpClient, name: string, logFields: Record<string, unknown>) {
    return createKeyReportingOrphans(client, { name }, { now: this.deps.now, log: this.deps.log, logFields: { family: 'mcp', ...logFields, accountId } });
  }
}
