/**
 * What DevKeys knows about an account's keys that the server does not: which key is its own
 * bootstrap credential, and which keys a rotation replaced (persisted per account).
 */
import { z } from 'zod';
import type { ListedOmiKey, OmiKey } from '../../ipc/contract';
import type { DevKeysStore, PerAccountSection } from '../storage/store';

/**
 * Hints and key prefixes share the `omi_dev_xxxx...yyyy` format, so equality finds DevKeys' own
 * key. A signed-in account (hint null) has none: DevKeys holds a session, not a key of it.
 */
export function isBootstrapKey(key: Pick<OmiKey, 'key_prefix'>, credentialHint: string | null): boolean {
  return credentialHint !== null && key.key_prefix === credentialHint;
}

const marksSchema = z.record(z.string(), z.string());

/** Old key id → id of the key that replaced it, until the old key is revoked. One list per key family. */
export class ReplacementMarks {
  constructor(
    private readonly store: DevKeysStore,
    private readonly section: Extract<PerAccountSection, 'replacedBy' | 'mcpReplacedBy'> = 'replacedBy',
  ) {}

  all(accountId: string): Record<string, string> {
    const stored = this.store.accountData(this.section, accountId);
    // Most accounts have no marks: no need to validate (and fail on) nothing, on every list.
    if (stored === undefined) return {};
    const parsed = marksSchema.safeParse(stored);
    return parsed.success ? parsed.data : {};
  }

  mark(accountId: string, oldKeyId: string, newKeyId: string): void {
    this.save(accountId, { ...this.all(accountId), [oldKeyId]: newKeyId });
  }

  /** A revoked key no longer replaces nor is replaced. */
  forgetKey(accountId: string, keyId: string): void {
    this.keepOnly(accountId, this.all(accountId), (oldId, newId) => oldId !== keyId && newId !== keyId);
  }

  /**
   * Drops marks whose old or new key is gone from the server (revoked elsewhere) and returns the
   * marks that remain: a key list reads them once.
   */
  pruneTo(accountId: string, liveKeys: readonly { id: string }[]): Record<string, string> {
    const marks = this.all(accountId);
    if (Object.keys(marks).length === 0) return marks;
    const liveKeyIds = new Set(liveKeys.map((key) => key.id));
    return this.keepOnly(accountId, marks, (oldId, newId) => liveKeyIds.has(oldId) && liveKeyIds.has(newId));
  }

  private keepOnly(accountId: string, marks: Record<string, string>, keep: (oldId: string, newId: string) => boolean): Record<string, string> {
    const kept = Object.fromEntries(Object.entries(marks).filter(([oldId, newId]) => keep(oldId, newId)));
    if (Object.keys(kept).length !== Object.keys(marks).length) this.save(accountId, kept);
    return kept;
  }

  private save(accountId: string, marks: Record<string, string>): void {
    this.store.setAccountData(this.section, accountId, Object.keys(marks).length > 0 ? marks : undefined);
  }
}

/**
 * The id of the key that replaced `keyId`, or null. A Map, and none at all without marks: ids
 * fresh from JSON.parse are slow object keys (a lookup per row cost more than building the row).
 */
function replacementOf(replacedBy: Record<string, string>): (keyId: string) => string | null {
  if (Object.keys(replacedBy).length === 0) return () => null;
  const replaced = new Map(Object.entries(replacedBy));
  return (keyId) => replaced.get(keyId) ?? null;
}

/**
 * The listed keys with the key that replaced each (or null). `keys` must be the caller's own,
 * fresh from the response check (which builds them field by field, dropping unknown fields):
 * they are completed in place, one allocation fewer per row on every list (`npm run bench`, IPC).
 */
export function withReplacements<K extends { id: string }>(keys: K[], replacedBy: Record<string, string>): (K & { replacedBy: string | null })[] {
  const replacement = replacementOf(replacedBy);
  const listed = keys as (K & { replacedBy: string | null })[];
  for (const key of listed) key.replacedBy = replacement(key.id);
  return listed;
}

/** The listed Developer API keys with DevKeys' marks: which is its own key, and what replaced each (in place, as withReplacements). */
export function annotateKeys(keys: OmiKey[], credentialHint: string | null, replacedBy: Record<string, string>): ListedOmiKey[] {
  for (const key of keys as ListedOmiKey[]) key.usedByDevKeys = isBootstrapKey(key, credentialHint);
  return withReplacements(keys as ListedOmiKey[], replacedBy);
}
