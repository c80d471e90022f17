/**
 * Accounts: the records the user sees (label, provider, base URL, credential hint) and
 * the provider client for each, built on demand with the decrypted bootstrap credential.
 */
import { randomUUID } from 'node:crypto';
import type { AccountSummary, ProviderKind } from '../ipc/contract';
import { AppError } from './errors';
import type { SandboxHost } from './local-sandbox';
import { createOmiClient, type OmiClient } from './providers/omi';
import type { HttpSettings } from './providers/http';
import { credentialHint } from './redact';
import type { AccountRecord, DevKeysStore } from './store';
import type { CredentialVault } from './vault';

export const SANDBOX_BASE_URL = 'sandbox:';

export interface AccountServiceDeps {
  store: DevKeysStore;
  vault: CredentialVault;
  sandbox: SandboxHost;
  http: Omit<HttpSettings, 'baseUrl'>;
  now: () => Date;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async list(): Promise<AccountSummary[]> {
    const records = this.deps.store.accounts();
    return Promise.all(records.map(async (record) => this.summarize(record)));
  }

  get(accountId: string): AccountRecord {
    const record = this.deps.store.accounts().find((a) => a.id === accountId);
    if (!record) throw new AppError('account_not_found', 'That account no longer exists in DevKeys.');
    return record;
  }

  /** Adds an account after proving the credential works with a list call. */
  async add(input: { provider: ProviderKind; label: string; baseUrl: string; credential: string }): Promise<AccountSummary> {
    const baseUrl = input.baseUrl.replace(/\/+$/, '');
    const client = createOmiClient({ ...this.deps.http, baseUrl }, async () => input.credential);
    try {
      await client.listKeys();
    } catch (error) {
      throw explainVerificationFailure(error);
    }
    return this.save({ label: input.label, provider: input.provider, baseUrl, isSandbox: false }, input.credential);
  }

  async addSandbox(label?: string): Promise<AccountSummary> {
    const credential = await this.deps.sandbox.ensureOmiUser();
    const sandboxCount = this.deps.store.accounts().filter((a) => a.isSandbox).length;
    const defaultLabel = sandboxCount === 0 ? 'Sandbox' : `Sandbox ${sandboxCount + 1}`;
    return this.save({ label: label ?? defaultLabel, provider: 'omi', baseUrl: SANDBOX_BASE_URL, isSandbox: true }, credential);
  }

  remove(accountId: string): void {
    this.get(accountId);
    this.deps.store.saveAccounts(this.deps.store.accounts().filter((a) => a.id !== accountId));
    this.deps.vault.remove(accountId);
    if (this.deps.store.activeAccountId() === accountId) this.deps.store.setActiveAccountId(null);
  }

  /** The Omi client for an account, with its credential read from the vault per request. */
  async omiClient(accountId: string): Promise<OmiClient> {
    const record = this.get(accountId);
    const credential = () => this.deps.vault.get(accountId);
    if (!record.isSandbox) return createOmiClient({ ...this.deps.http, baseUrl: record.baseUrl }, credential);
    await this.deps.sandbox.ensureOmiUser(await credential());
    return createOmiClient({ ...this.deps.http, baseUrl: await this.deps.sandbox.baseUrl() }, credential);
  }

  private async save(
    fields: Pick<AccountRecord, 'label' | 'provider' | 'baseUrl' | 'isSandbox'>,
    credential: string,
  ): Promise<AccountSummary> {
    const record: AccountRecord = {
      id: randomUUID(),
      ...fields,
      credentialHint: credentialHint(credential),
      createdAt: this.deps.now().toISOString(),
    };
    // Credential first: an account record without its credential would show as locked.
    await this.deps.vault.put(record.id, credential);
    try {
      this.deps.store.saveAccounts([...this.deps.store.accounts(), record]);
    } catch (error) {
      this.deps.vault.remove(record.id);
      throw error;
    }
    this.deps.store.setActiveAccountId(record.id);
    return this.summarize(record);
  }

  private async summarize(record: AccountRecord): Promise<AccountSummary> {
    const locked = await this.deps.vault.isLocked(record.id);
    return {
      id: record.id,
      label: record.label,
      provider: record.provider,
      baseUrl: record.isSandbox ? 'Built-in sandbox' : record.baseUrl,
      credentialHint: record.credentialHint,
      isSandbox: record.isSandbox,
      status: locked ? 'locked' : 'ok',
    };
  }
}

/** A 401 while adding an Omi account usually means the server wants a session token. */
function explainVerificationFailure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'unauthorized' || error.code === 'forbidden') {
    return new AppError(
      error.code,
      `${error.message} The credential was not saved. Some Omi servers accept only a signed-in session token ` +
        '(a Firebase ID token from the Omi app) on /v1/dev/keys, not an omi_dev_ key: paste a session token, ' +
        'or use a self-hosted backend that accepts developer keys.',
      { ...(error.status === undefined ? {} : { status: error.status }) },
    );
  }
  if (error.code === 'not_found') {
    return new AppError('not_found', `${error.message} Is the base URL right? It should be the API root, e.g. https://api.omi.me.`, {
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  }
  return error;
}
