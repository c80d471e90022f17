/**
 * Accounts: the records the user sees (label, provider, base URL, who or which credential)
 * and the provider client for each. An Omi account reaches Omi either through a signed-in
 * session (sign-in.ts; the refresh token in the vault, the ID token in memory) or a pasted
 * bearer credential; provider clients see only an AuthSession either way.
 */
import { randomUUID } from 'node:crypto';
import type { AccountSummary, ChannelParsedArgs, ProviderKind } from '../../ipc/contract';
import { AppError } from '../errors';
import type { SandboxHost } from './local-sandbox';
import { createOmiClient, type OmiClient } from '../providers/omi';
import { createOmiMcpClient, type OmiMcpClient } from '../providers/omi-mcp';
import { fixedCredential, type AuthSession } from '../session/auth-session';
import type { OmiBackend } from '../session/backend';
import type { OmiSessions } from '../session/sessions';
import { createOmniClient, OMNI_REQUESTS_PER_MINUTE, type OmniClient } from '../providers/omni';
import { SlidingWindowLimiter } from '../providers/rate-limiter';
import type { HttpSettings } from '../providers/http';
import { credentialHint } from '../logging/redact';
import type { AccountRecord, DevKeysStore, SessionAuth } from '../storage/store';
import type { CredentialVault } from '../storage/vault';

export const SANDBOX_BASE_URL = 'sandbox:';

export interface AccountServiceDeps {
  store: DevKeysStore;
  vault: CredentialVault;
  sandbox: SandboxHost;
  http: Omit<HttpSettings, 'baseUrl'>;
  now: () => Date;
  /** Client-side pacing of each Omni account; default OMNI_REQUESTS_PER_MINUTE, 0 = none (benchmarks). */
  omniRequestsPerMinute?: number;
  sessions: OmiSessions;
}

/** What an Omi provider client needs: where to send requests and how to authenticate them. */
export interface OmiAccess {
  baseUrl: string;
  session: AuthSession;
}

export class AccountService {
  /** Omni's budget is per token, so each Omni account gets its own limiter (kept for the session). */
  private readonly omniLimiters = new Map<string, SlidingWindowLimiter>();
  /**
   * Per Omi account, how it authenticates and its clients. Neither holds state of its own (the
   * session's tokens live in OmiSessions, credentials in the vault), so they are built once per
   * account — again only when its kind of auth, server or session changes — not per request.
   */
  private readonly authSessions = new Map<string, { signedIn: boolean; session: AuthSession }>();
  private readonly omiClients = new Map<string, { baseUrl: string; session: AuthSession; dev?: OmiClient; mcp?: OmiMcpClient }>();

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
  async add(input: ChannelParsedArgs<'addAccount'>): Promise<AccountSummary> {
    if (input.provider === 'omni') return this.addOmni(input);
    const baseUrl = input.baseUrl.replace(/\/+$/, '');
    await this.verifyCredential('omi', baseUrl, input.credential);
    return this.save({ label: input.label, provider: input.provider, baseUrl, isSandbox: false }, input.credential);
  }

  /** `instance` is already the instance's base URL: the contract normalizes what was typed. */
  private async addOmni(input: { label?: string | undefined; instance: string; credential: string }): Promise<AccountSummary> {
    await this.verifyCredential('omni', input.instance, input.credential);
    const label = input.label ?? omniDefaultLabel(input.instance);
    return this.save({ label, provider: 'omni', baseUrl: input.instance, isSandbox: false }, input.credential);
  }

  async addSandbox(label?: string, provider: ProviderKind = 'omi'): Promise<AccountSummary> {
    const credential = provider === 'omni' ? await this.deps.sandbox.ensureOmniOrg() : await this.deps.sandbox.ensureOmiUser();
    const sandboxCount = this.deps.store.accounts().filter((a) => a.isSandbox && a.provider === provider).length;
    const name = provider === 'omni' ? 'Omni sandbox' : 'Sandbox';
    const defaultLabel = sandboxCount === 0 ? name : `${name} ${sandboxCount + 1}`;
    return this.save({ label: label ?? defaultLabel, provider, baseUrl: SANDBOX_BASE_URL, isSandbox: true }, credential);
  }

  /** Re-entering a credential (e.g. of a locked account): verified like a new account's, then stored. */
  async updateCredential(accountId: string, credential: string): Promise<AccountSummary> {
    const record = this.get(accountId);
    if (record.auth) {
      throw new AppError('validation', 'This account is signed in with Omi: it has no credential to enter. Sign in again instead.');
    }
    if (record.isSandbox) {
      throw new AppError('validation', 'A sandbox account has no credential to enter. Reset the sandbox account instead.');
    }
    await this.verifyCredential(record.provider, record.baseUrl, credential);
    await this.replaceCredential(accountId, credential);
    return this.summarize(this.get(accountId));
  }

  /** A sandbox account whose credential is unreadable gets a new sandbox user or org (fresh demo data). */
  async resetSandbox(accountId: string): Promise<AccountSummary> {
    const record = this.get(accountId);
    if (record.auth) throw new AppError('validation', 'This sandbox account is signed in: sign in again instead of resetting it.');
    if (!record.isSandbox) throw new AppError('validation', 'Only a sandbox account can be reset. Re-enter the credential instead.');
    await this.deps.vault.assertMayStore();
    const credential = record.provider === 'omni' ? await this.deps.sandbox.ensureOmniOrg() : await this.deps.sandbox.ensureOmiUser();
    await this.replaceCredential(accountId, credential);
    return this.summarize(this.get(accountId));
  }

  remove(accountId: string): void {
    this.get(accountId);
    this.deps.store.saveAccounts(this.deps.store.accounts().filter((a) => a.id !== accountId));
    this.deps.vault.remove(accountId);
    this.deps.sessions.forget(accountId);
    this.omniLimiters.delete(accountId);
    this.authSessions.delete(accountId);
    this.omiClients.delete(accountId);
    this.deps.store.forgetAccountData(accountId);
    if (this.deps.store.activeAccountId() === accountId) this.deps.store.setActiveAccountId(null);
  }

  rename(accountId: string, label: string): Promise<AccountSummary> {
    return this.summarize(this.update(accountId, { label }));
  }

  /** Stores a new bootstrap credential (encrypted) and its hint; callers verify it works. */
  async replaceCredential(accountId: string, credential: string): Promise<void> {
    this.get(accountId);
    await this.deps.vault.put(accountId, credential);
    this.update(accountId, { credentialHint: credentialHint(credential) });
  }

  /**
   * Where an Omi account's requests go and how they authenticate: its signed-in session, or its
   * stored credential. Every Omi client (Developer API keys, MCP keys) is built from this.
   */
  async omiAccess(accountId: string): Promise<OmiAccess> {
    const record = this.getOfProvider(accountId, 'omi');
    if (record.auth) {
      if (record.auth.signedOut) throw signedOutError(record);
      const baseUrl = record.isSandbox ? await this.deps.sandbox.baseUrl() : record.baseUrl;
      return { baseUrl, session: this.authSession(record) };
    }
    const session = this.authSession(record);
    if (!record.isSandbox) return { baseUrl: record.baseUrl, session };
    await this.deps.sandbox.ensureOmiUser(await session.bearer());
    return { baseUrl: await this.deps.sandbox.baseUrl(), session };
  }

  async omiClient(accountId: string): Promise<OmiClient> {
    const { baseUrl, session } = await this.omiAccess(accountId);
    const clients = this.omiClientsOf(accountId, baseUrl, session);
    return (clients.dev ??= createOmiClient({ ...this.deps.http, baseUrl }, session));
  }

  /** The account's MCP key client: the same server and the same session as its Developer API client. */
  async omiMcpClient(accountId: string): Promise<OmiMcpClient> {
    const { baseUrl, session } = await this.omiAccess(accountId);
    const clients = this.omiClientsOf(accountId, baseUrl, session);
    return (clients.mcp ??= createOmiMcpClient({ ...this.deps.http, baseUrl }, session));
  }

  /** A signed-in account's session, or a credential account's stored credential (read from the vault per request). */
  private authSession(record: AccountRecord): AuthSession {
    const signedIn = Boolean(record.auth);
    const known = this.authSessions.get(record.id);
    if (known?.signedIn === signedIn) return known.session;
    const accountId = record.id;
    const session = signedIn
      ? this.deps.sessions.session(accountId, () => this.sessionBackend(accountId))
      : fixedCredential(() => this.deps.vault.get(accountId));
    this.authSessions.set(accountId, { signedIn, session });
    return session;
  }

  private omiClientsOf(accountId: string, baseUrl: string, session: AuthSession) {
    let clients = this.omiClients.get(accountId);
    if (clients?.baseUrl !== baseUrl || clients.session !== session) {
      clients = { baseUrl, session };
      this.omiClients.set(accountId, clients);
    }
    return clients;
  }

  /** Where an Omi account's API lives (the running sandbox's URL for a sandbox account), with DevKeys' HTTP settings. */
  async omiEndpoint(accountId: string): Promise<HttpSettings> {
    return { ...this.deps.http, baseUrl: (await this.omiAccess(accountId)).baseUrl };
  }

  /** The backend a signed-in account's session belongs to (the embedded sandbox's moves with its port). */
  async sessionBackend(accountId: string): Promise<OmiBackend> {
    const record = this.get(accountId);
    const auth = sessionAuthOf(record);
    if (record.isSandbox) {
      return this.deps.sandbox.ensureSessionUser({ uid: auth.uid, email: auth.email, name: auth.name }, () => this.deps.vault.get(accountId));
    }
    return { apiBase: record.baseUrl, firebaseApiKey: auth.firebaseApiKey, authEmulatorHost: auth.authEmulatorHost };
  }

  /** The account's stored credential hint, or null when DevKeys holds no key of it (signed-in accounts). */
  ownKeyHint(accountId: string): string | null {
    const record = this.get(accountId);
    return record.auth ? null : record.credentialHint;
  }

  /** The Omni client for an account, paced by the account's limiter. */
  async omniClient(accountId: string): Promise<OmniClient> {
    const record = this.getOfProvider(accountId, 'omni');
    const credential = fixedCredential(() => this.deps.vault.get(accountId));
    let limiter = this.omniLimiters.get(accountId);
    const perMinute = this.deps.omniRequestsPerMinute ?? OMNI_REQUESTS_PER_MINUTE;
    if (!limiter && perMinute > 0) {
      limiter = new SlidingWindowLimiter({ limit: perMinute, windowMs: 60_000 });
      this.omniLimiters.set(accountId, limiter);
    }
    if (!record.isSandbox) return createOmniClient({ ...this.deps.http, baseUrl: record.baseUrl }, credential, limiter);
    await this.deps.sandbox.ensureOmniOrg(await credential.bearer());
    return createOmniClient({ ...this.deps.http, baseUrl: await this.deps.sandbox.baseUrl() }, credential, limiter);
  }

  /**
   * Proves a credential works with one list call before it is stored. The consent check comes
   * first: a credential that may not be stored is not sent anywhere either.
   */
  private async verifyCredential(provider: ProviderKind, baseUrl: string, credential: string): Promise<void> {
    await this.deps.vault.assertMayStore();
    const settings = { ...this.deps.http, baseUrl };
    try {
      if (provider === 'omni') await createOmniClient(settings, fixedCredential(async () => credential)).listTokens({ pageSize: 1 });
      else await createOmiClient(settings, fixedCredential(async () => credential)).listKeys();
    } catch (error) {
      throw provider === 'omni' ? explainOmniVerificationFailure(error) : explainVerificationFailure(error);
    }
  }

  /** The account, if it is of `provider`: an Omi screen must never act on an Omni account or back. */
  private getOfProvider(accountId: string, provider: ProviderKind): AccountRecord {
    const record = this.get(accountId);
    if (record.provider !== provider) throw new AppError('validation', WRONG_PROVIDER_MESSAGES[record.provider]);
    return record;
  }

  /** Stores a new account: its credential (or refresh token) first, encrypted, then the record; makes it active. */
  async save(
    fields: Pick<AccountRecord, 'label' | 'provider' | 'baseUrl' | 'isSandbox'> & { auth?: SessionAuth },
    credential: string,
  ): Promise<AccountSummary> {
    const record: AccountRecord = {
      id: randomUUID(),
      ...fields,
      // A refresh token is not a key the user knows: signed-in accounts show who, not a hint.
      credentialHint: fields.auth ? '' : credentialHint(credential),
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

  update(accountId: string, patch: Partial<Pick<AccountRecord, 'label' | 'credentialHint' | 'auth'>>): AccountRecord {
    const updated = { ...this.get(accountId), ...patch };
    this.deps.store.saveAccounts(this.deps.store.accounts().map((a) => (a.id === accountId ? updated : a)));
    return updated;
  }

  async summarize(record: AccountRecord): Promise<AccountSummary> {
    const locked = await this.deps.vault.isLocked(record.id);
    const common = {
      id: record.id,
      label: record.label,
      provider: record.provider,
      baseUrl: record.isSandbox ? 'Built-in sandbox' : record.baseUrl,
      isSandbox: record.isSandbox,
    };
    if (!record.auth) {
      return { ...common, auth: 'credential', credentialHint: record.credentialHint, person: null, status: locked ? 'locked' : 'ok' };
    }
    const { auth } = record;
    // A session whose stored token no longer decrypts can only be restored by signing in again.
    const signedOutReason = auth.signedOut?.reason ?? (locked ? 'unreadable' : null);
    return {
      ...common,
      auth: 'session',
      credentialHint: '',
      person: { name: auth.name, email: auth.email, provider: auth.provider },
      status: signedOutReason ? 'signed_out' : 'ok',
      ...(signedOutReason ? { statusDetail: signedOutText(signedOutReason) } : {}),
    };
  }
}

export function sessionAuthOf(record: AccountRecord): SessionAuth {
  if (!record.auth) throw new AppError('validation', 'This account uses a pasted credential, not a signed-in Omi session.');
  return record.auth;
}

const SIGNED_OUT_TEXTS: Record<string, string> = {
  signed_out: 'You signed out of this account.',
  INVALID_REFRESH_TOKEN: 'Your Omi session ended: it was revoked or replaced.',
  TOKEN_EXPIRED: 'Your Omi session expired.',
  USER_DISABLED: 'Your Omi account has been disabled.',
  USER_NOT_FOUND: 'Your Omi account no longer exists.',
  account_deletion_in_progress: 'Omi says this account is being deleted.',
  unreadable: "DevKeys can no longer decrypt this account's stored session (the system keychain may have changed).",
};

export function signedOutText(reason: string): string {
  return SIGNED_OUT_TEXTS[reason] ?? 'Your Omi session ended.';
}

function signedOutError(record: AccountRecord): AppError {
  return new AppError('signed_out', `${signedOutText(record.auth?.signedOut?.reason ?? '')} Sign in again to manage “${record.label}”.`);
}

/** A 401 while adding an Omi account usually means the server wants a session token. */
function explainVerificationFailure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.code === 'unauthorized' || error.code === 'forbidden') {
    return new AppError(
      error.code,
      `${error.message} The credential was not saved. The public Omi backend manages keys only for a signed-in ` +
        'session, not an omi_dev_ key: choose “Sign in to Omi” instead. A self-hosted backend may accept other credentials.',
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

const WRONG_PROVIDER_MESSAGES: Record<ProviderKind, string> = {
  omi: 'This is an Omi account: it has Omi developer keys, not Omni API tokens. Switch to an Omni account to manage Omni tokens.',
  omni: 'This is an Omni account: it has Omni API tokens, not Omi developer keys. Switch to an Omi account to manage Omi keys.',
};

/** `myorg` for https://myorg.omniapp.co, else the host (self-hosted, sandbox). */
function omniDefaultLabel(baseUrl: string): string {
  const host = new URL(baseUrl).host;
  return (host.endsWith('.omniapp.co') ? host.slice(0, -'.omniapp.co'.length) : host).slice(0, 60);
}

/** A 401/403 while adding an Omni instance: say which token Omni expects. */
function explainOmniVerificationFailure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const status = error.status === undefined ? {} : { status: error.status };
  if (error.code === 'unauthorized' || error.code === 'forbidden') {
    return new AppError(
      error.code,
      `Omni refused this token. ${error.message} Use an organization API key or a personal access token of this ` +
        'instance; Organization Admin permission is required to manage API tokens. The token was not saved.',
      status,
    );
  }
  if (error.code === 'not_found') {
    return new AppError(
      'not_found',
      `${error.message} Is the instance right? Enter its name (myorg), host (myorg.omniapp.co) or URL.`,
      status,
    );
  }
  return error;
}
