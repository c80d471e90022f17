/**
 * Per-account activity log: what DevKeys did (account added, keys created, rotated, revoked),
 * with key names and prefixes — never a secret. Kept in the store, newest first, capped.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KEY_FAMILIES, type ActionSource, type ActivityEntry, type ActivityKind } from '../../ipc/contract';
import { redactSecrets } from '../logging/redact';
import type { DevKeysStore } from '../storage/store';

export const ACTIVITY_CAP = 500;

const entrySchema: z.ZodType<ActivityEntry> = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(['account_added', 'key_created', 'key_rotated', 'key_revoked', 'signed_in', 'signed_out'] as const satisfies readonly ActivityKind[]),
  keyName: z.string().optional(),
  keyPrefix: z.string().optional(),
  replacedKeyPrefix: z.string().optional(),
  source: z.enum(['window', 'tray'] as const satisfies readonly ActionSource[]).optional(),
  keyFamily: z.enum(KEY_FAMILIES).optional(),
  detail: z.string().max(300).optional(),
});

export type ActivityInput = Omit<ActivityEntry, 'id' | 'at'>;

export class ActivityLog {
  constructor(
    private readonly store: DevKeysStore,
    private readonly now: () => Date,
  ) {}

  record(accountId: string, input: ActivityInput): ActivityEntry {
    const entry: ActivityEntry = { id: randomUUID(), at: this.now().toISOString(), ...scrub(input) };
    this.store.setAccountData('activity', accountId, [entry, ...this.list(accountId)].slice(0, ACTIVITY_CAP));
    return entry;
  }

  /** Newest first. Entries that do not parse (a hand-edited file) are skipped, not fatal. */
  list(accountId: string): ActivityEntry[] {
    const raw = this.store.accountData('activity', accountId);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item) => {
      const parsed = entrySchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  clear(accountId: string): number {
    const count = this.list(accountId).length;
    this.store.setAccountData('activity', accountId, undefined);
    return count;
  }
}

/** Names and prefixes come from the server: a pasted secret in a name must not reach disk. */
function scrub(input: ActivityInput): ActivityInput {
  const out: ActivityInput = { kind: input.kind };
  if (input.keyName !== undefined) out.keyName = redactSecrets(input.keyName);
  if (input.keyPrefix !== undefined) out.keyPrefix = redactSecrets(input.keyPrefix);
  if (input.replacedKeyPrefix !== undefined) out.replacedKeyPrefix = redactSecrets(input.replacedKeyPrefix);
  if (input.source !== undefined) out.source = input.source;
  if (input.keyFamily !== undefined) out.keyFamily = input.keyFamily;
  if (input.detail !== undefined) out.detail = redactSecrets(input.detail).slice(0, 300);
  return out;
}
