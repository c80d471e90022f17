/**
 * Key rotation: create a replacement with the same name and scopes, mark the old key as
 * replaced, and let the user revoke the old key now or later. When the rotated key is
 * DevKeys' own bootstrap credential, DevKeys first switches to the new secret and proves it
 * works with a list call; only then may the old key be revoked, so it never locks itself out.
 */
import { OMI_SCOPES, type OmiKey, type OmiScope, type RotationResult } from '../../ipc/contract';
import { createKeyReportingOrphans } from './create-outcome';
import { AppError } from '../errors';
import { isBootstrapKey } from './key-marks';
import { bestEffort } from '../logging/log';
import type { OmiKeyDeps, OmiKeyService } from './omi-keys';

export interface CredentialPort {
  /** The account's stored credential (plaintext, held in memory only during the rotation). */
  current(accountId: string): Promise<string>;
  /** Stores `credential` (encrypted) as the account's bootstrap credential and updates its hint. */
  replace(accountId: string, credential: string): Promise<void>;
}

export interface RotationDeps extends OmiKeyDeps {
  keys: OmiKeyService;
  credentials: CredentialPort;
}

export type RotationOutcome = Omit<RotationResult, 'secretHandle'>;

export class KeyRotation {
  constructor(private readonly deps: RotationDeps) {}

  async rotate(accountId: string, keyId: string): Promise<RotationOutcome> {
    const { deps } = this;
    const client = await deps.client(accountId);
    const old = (await client.listKeys()).find((k) => k.id === keyId);
    if (!old) throw new AppError('not_found', 'That key is no longer on the server, so there is nothing to rotate.');
    const bootstrap = isBootstrapKey(old, deps.credentialHint(accountId));
    const scopes = old.scopes?.filter(isOmiScope);
    // A lost create response is reported with the keys it may have made, as for a plain create.
    const { key, secret } = await createKeyReportingOrphans(
      client,
      { name: old.name, ...(scopes ? { scopes } : {}) },
      { now: deps.now, log: deps.log, logFields: { accountId, source: 'window', rotatingKeyId: old.id } },
    );

    // The new key exists: from here on nothing may throw, or its one-time secret would be lost.
    bestEffort(deps.log, 'rotation.bookkeeping', () => {
      deps.marks.mark(accountId, old.id, key.id);
      deps.activity.record(accountId, {
        kind: 'key_rotated',
        keyName: key.name,
        keyPrefix: key.key_prefix,
        replacedKeyPrefix: old.key_prefix,
        source: 'window',
      });
    });
    deps.log.info('key.rotated', { accountId, oldKeyId: old.id, newKeyId: key.id, keyPrefix: key.key_prefix, bootstrap });
    deps.emit('keyCreated', { accountId, keyId: key.id, source: 'window', family: 'dev' });
    const credential = bootstrap ? await this.adopt(accountId, key, secret) : { status: 'not_bootstrap' as const };
    return { key, secret, replaced: old, credential };
  }

  /** After the new secret was shown. Revoking goes through the self-revocation guard. */
  async finish(accountId: string, oldKeyId: string, action: 'revoke_old' | 'keep_both'): Promise<'revoked' | 'already_gone' | 'kept'> {
    if (action === 'keep_both') return 'kept';
    // No confirmName: if adopting the new key failed, the old key is still DevKeys' own and the guard refuses.
    return this.deps.keys.revoke(accountId, oldKeyId);
  }

  /**
   * Makes the new secret the account's credential, then lists keys through the stored
   * credential: the list must succeed and contain the new key. Otherwise the old credential
   * is put back. Either way the caller still gets the secret to show.
   */
  private async adopt(accountId: string, key: OmiKey, secret: string): Promise<RotationResult['credential']> {
    const { credentials, log } = this.deps;
    let previous: string;
    try {
      previous = await credentials.current(accountId);
      await credentials.replace(accountId, secret);
    } catch (error) {
      log.warn('credential.rotation_failed', { accountId, step: 'store', error });
      return keptOld(notStoredReason(error));
    }
    try {
      const seen = await (await this.deps.client(accountId)).listKeys();
      if (!seen.some((k) => k.id === key.id)) {
        throw new AppError('unauthorized', 'the new key signs in to a different account');
      }
      log.info('credential.rotated', { accountId, keyPrefix: key.key_prefix });
      // The account's credential hint changed: windows and the tray show it.
      this.deps.emit('accountsChanged', { reason: 'credential_rotated' });
      return { status: 'adopted' };
    } catch (error) {
      log.warn('credential.rotation_failed', { accountId, step: 'verify', error });
      try {
        await credentials.replace(accountId, previous);
      } catch (restoreError) {
        log.error('credential.restore_failed', { accountId, error: restoreError });
      }
      return keptOld(`DevKeys could not sign in with the new key (${reasonOf(error)})`);
    }
  }
}

function keptOld(why: string): RotationResult['credential'] {
  return { status: 'kept_old', message: `${why}. It keeps using the old key and did not revoke it.` };
}

/** Why the new key could not be stored as the credential; the consent case is not a sign-in problem. */
function notStoredReason(error: unknown): string {
  if (error instanceof AppError && error.code === 'weak_encryption_consent_required') {
    return (
      'DevKeys did not save the new key as its credential: your system keychain is not available, and you have not ' +
      'agreed to store credentials only obfuscated on disk'
    );
  }
  return `DevKeys could not switch to the new key (${reasonOf(error)})`;
}

function reasonOf(error: unknown): string {
  return error instanceof AppError ? error.message.replace(/\.$/, '') : 'an unexpected error';
}

function isOmiScope(scope: string): scope is OmiScope {
  return (OMI_SCOPES as readonly string[]).includes(scope);
}
