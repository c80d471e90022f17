/**
 * DevKeys' persisted state: account records, credential ciphertexts, the active account.
 * Persisted through electron-store in the app and its base library `conf` in Node; both
 * satisfy `KeyValueBackend`. A file that does not parse or match the schema is moved aside
 * (never silently cleared) and the app starts with an empty store and a notice.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import type { ProviderKind } from '../../ipc/contract';
import { AppError } from '../errors';
import { cachedBackend } from './store-cache';

export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly path: string;
}
export type BackendFactory = (options: { cwd: string; name: string }) => KeyValueBackend;

export const STORE_NAME = 'devkeys';

/** How a signed-in account reaches Omi; its refresh token is in `credentials` like any credential. */
const sessionAuthSchema = z.object({
  kind: z.literal('session'),
  provider: z.enum(['google', 'apple']),
  uid: z.string().min(1).max(128),
  email: z.string().max(320).nullable(),
  name: z.string().max(200).nullable(),
  firebaseApiKey: z.string().min(1).max(100),
  authEmulatorHost: z.string().max(300).nullable(),
  /** Set when the session ended (the stored token is then gone); signing in again clears it. */
  signedOut: z.object({ at: z.string(), reason: z.string().max(100) }).nullable(),
});
export type SessionAuth = z.infer<typeof sessionAuthSchema>;

const accountRecordSchema = z.object({
  id: z.uuid(),
  label: z.string().min(1).max(200),
  provider: z.enum(['omi', 'omni']),
  /** For sandbox accounts the URL is resolved at run time (the sandbox port changes). */
  baseUrl: z.string(),
  credentialHint: z.string(),
  isSandbox: z.boolean(),
  createdAt: z.string(),
  /** Absent: a pasted bearer credential (every account before sign-in existed). */
  auth: sessionAuthSchema.optional(),
});
export type AccountRecord = z.infer<typeof accountRecordSchema> & { provider: ProviderKind };

const storeFileSchema = z.looseObject({
  accounts: z.array(accountRecordSchema).optional(),
  credentials: z.record(z.string(), z.string()).optional(),
  activeAccountId: z.string().nullable().optional(),
});

/**
 * Feature data kept per account beside the records (activity log, rotation marks). Each
 * feature validates its own slice when reading, so a bad slice never costs the accounts.
 */
export const PER_ACCOUNT_SECTIONS = ['activity', 'replacedBy', 'mcpReplacedBy'] as const;
export type PerAccountSection = (typeof PER_ACCOUNT_SECTIONS)[number];

export interface StorageNotice {
  kind: 'store_moved_aside';
  message: string;
  movedTo: string;
}

export class DevKeysStore {
  private constructor(private readonly backend: KeyValueBackend) {}

  /** Opens the store in `dir`, moving a corrupt file aside first. */
  static open(dir: string, factory: BackendFactory, now: () => Date = () => new Date()): {
    store: DevKeysStore;
    notice: StorageNotice | null;
  } {
    const file = join(dir, `${STORE_NAME}.json`);
    let notice: StorageNotice | null = null;
    const problem = existsSync(file) ? checkStoreFile(file) : null;
    if (problem !== null) {
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const movedTo = join(dir, `${STORE_NAME}.corrupt-${stamp}.json`);
      renameSync(file, movedTo);
      notice = {
        kind: 'store_moved_aside',
        movedTo,
        message: `DevKeys could not read its settings file (${problem}). It was moved to ${movedTo} and DevKeys started with no accounts.`,
      };
    }
    return { store: new DevKeysStore(cachedBackend(factory({ cwd: dir, name: STORE_NAME }))), notice };
  }

  get path(): string {
    return this.backend.path;
  }

  accounts(): AccountRecord[] {
    return (this.backend.get('accounts') as AccountRecord[] | undefined) ?? [];
  }
  saveAccounts(accounts: AccountRecord[]): void {
    this.write('accounts', accounts);
  }

  getCredential(accountId: string): string | undefined {
    return this.credentials()[accountId];
  }
  setCredential(accountId: string, ciphertext: string): void {
    this.write('credentials', { ...this.credentials(), [accountId]: ciphertext });
  }
  deleteCredential(accountId: string): void {
    const { [accountId]: _removed, ...rest } = this.credentials();
    this.write('credentials', rest);
  }

  activeAccountId(): string | null {
    return (this.backend.get('activeAccountId') as string | null | undefined) ?? null;
  }
  setActiveAccountId(accountId: string | null): void {
    this.write('activeAccountId', accountId);
  }

  /** The user agreed to store credentials although the keychain only obfuscates them. */
  weakEncryptionConsent(): boolean {
    return this.backend.get('weakEncryptionConsent') === true;
  }
  setWeakEncryptionConsent(consent: boolean): void {
    this.write('weakEncryptionConsent', consent);
  }

  accountData(section: PerAccountSection, accountId: string): unknown {
    return this.section(section)[accountId];
  }
  /** `undefined` deletes the account's slice. */
  setAccountData(section: PerAccountSection, accountId: string, value: unknown): void {
    const { [accountId]: _previous, ...rest } = this.section(section);
    this.write(section, value === undefined ? rest : { ...rest, [accountId]: value });
  }
  /** Drops the account's slice of every section (the account is being removed). */
  forgetAccountData(accountId: string): void {
    for (const section of PER_ACCOUNT_SECTIONS) {
      if (accountId in this.section(section)) this.setAccountData(section, accountId, undefined);
    }
  }

  private section(section: PerAccountSection): Record<string, unknown> {
    const value = this.backend.get(section);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  private credentials(): Record<string, string> {
    return (this.backend.get('credentials') as Record<string, string> | undefined) ?? {};
  }

  private write(key: string, value: unknown): void {
    try {
      this.backend.set(key, value);
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? ` (${String((error as { code: unknown }).code)})` : '';
      throw new AppError('storage', `DevKeys could not save its settings${reason}. Nothing was changed.`, { cause: error });
    }
  }
}

/** null when the file is usable, else a short reason. */
function checkStoreFile(file: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return 'it is not valid JSON';
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'it is not a JSON object';
  const parsed = storeFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `unexpected data at ${issue?.path.join('.') || 'the top level'}`;
  }
  return null;
}

/** `conf` (electron-store's base library) as the backend in Node: tests, harness, benchmarks. */
export const confBackend: BackendFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, projectName: 'devkeys', clearInvalidConfig: false });
