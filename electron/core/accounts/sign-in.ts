/**
 * Signed-in Omi accounts: signing in (a new account, or a signed-out one again), signing out,
 * and the store behind the sessions (the refresh token in the vault; "signed out" on the
 * record, which keeps the account, its activity log and its place in the switcher).
 * The embedded sandbox is signed in to through the same flow, auto-approved.
 */
import type { AccountSummary, ChannelParsedArgs, OmiKey, OmiMcpKey } from '../../ipc/contract';
import { AppError } from '../errors';
import type { Logger } from '../logging/log';
import { createOmiClient } from '../providers/omi';
import { createOmiMcpClient } from '../providers/omi-mcp';
import type { HttpSettings } from '../providers/http';
import { fixedCredential } from '../session/auth-session';
import { isAuthorizeUrlOf, OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY, trimBase, type OmiBackend } from '../session/backend';
import type { SessionEndReason, SessionStorePort, OmiSessions } from '../session/sessions';
import type { SignedIn, SignInFlows, SignInPhase } from '../session/sign-in-flow';
import type { AccountRecord, DevKeysStore, SessionAuth } from '../storage/store';
import type { CredentialVault } from '../storage/vault';
import { SANDBOX_BASE_URL, sessionAuthOf, type AccountService } from './accounts';
import type { SandboxHost } from './local-sandbox';

export interface SignInServiceDeps {
  accounts: AccountService;
  store: DevKeysStore;
  vault: CredentialVault;
  sessions: OmiSessions;
  flows: SignInFlows;
  sandbox: SandboxHost;
  http: Omit<HttpSettings, 'baseUrl'>;
  /** Opens the system browser (main: shell.openExternal; harness: a second page). Absent: no browser here. */
  openBrowser?: (url: string, apiBase: string) => Promise<void>;
  log: Logger;
  now: () => Date;
  onPhase(phase: SignInPhase): void;
  /** A session ended by itself (refresh refused): windows and the tray show the account signed out. */
  onSessionEnded(accountId: string, reason: SessionEndReason): void;
}

/**
 * The lists of the new session's first screen, asked while confirming it: the Developer API keys
 * (the confirming list) and the MCP keys, asked alongside (its failure is that list's, not the
 * sign-in's). Raw, as the backend answered: the caller adds DevKeys' marks.
 */
export interface FirstLists {
  keys: OmiKey[];
  mcpKeys: Promise<PromiseSettledResult<OmiMcpKey[]>>;
}

export type SignInOutcome = { account: AccountSummary; kind: 'added' | 'signed_in_again'; firstLists: FirstLists };

export class SignInService {
  constructor(private readonly deps: SignInServiceDeps) {}

  /** Signs in to an Omi backend (default api.omi.me): a new account, or `accountId` again. */
  async signIn(input: ChannelParsedArgs<'signIn'>): Promise<SignInOutcome> {
    const existing = input.accountId ? this.sessionRecord(input.accountId) : null;
    if (existing?.isSandbox) return this.signInSandbox({ accountId: existing.id });
    await this.deps.vault.assertMayStore();
    const auth = existing ? sessionAuthOf(existing) : null;
    const backend: OmiBackend = {
      apiBase: trimBase(input.apiBase ?? existing?.baseUrl ?? OMI_API_BASE),
      firebaseApiKey: input.firebaseApiKey ?? auth?.firebaseApiKey ?? OMI_FIREBASE_WEB_API_KEY,
      authEmulatorHost: input.authEmulatorHost ?? auth?.authEmulatorHost ?? null,
    };
    const { openBrowser } = this.deps;
    if (!openBrowser) throw new AppError('sign_in_failed', 'This copy of DevKeys cannot open a web browser, so it cannot sign you in.');
    const signedIn = await this.deps.flows.signIn({
      provider: input.provider,
      backend,
      openBrowser: async (url) => {
        // Only the authorize page of this backend ever goes to the browser.
        if (!isAuthorizeUrlOf(url, backend.apiBase)) throw new AppError('internal', 'Refusing to open an unexpected sign-in page.');
        await openBrowser(url, backend.apiBase);
      },
      onPhase: this.deps.onPhase,
    });
    return this.complete(signedIn, { baseUrl: backend.apiBase, requestBase: backend.apiBase, isSandbox: false, label: input.label, accountId: input.accountId });
  }

  /** "Try the sandbox": a new sandbox user with demo keys (or `accountId`'s again), signed in through the real flow. */
  async signInSandbox(options: { label?: string; accountId?: string } = {}): Promise<SignInOutcome> {
    await this.deps.vault.assertMayStore();
    const existing = options.accountId ? sessionAuthOf(this.deps.accounts.get(options.accountId)) : null;
    const attempt = await this.deps.sandbox.prepareSignIn(existing ? { uid: existing.uid, email: existing.email, name: existing.name } : undefined);
    const openBrowser = attempt.openBrowser ?? this.deps.openBrowser;
    if (!openBrowser) throw new AppError('sign_in_failed', 'This copy of DevKeys cannot open a web browser, so it cannot sign you in.');
    const signedIn = await this.deps.flows.signIn({
      provider: existing?.provider ?? 'google',
      backend: attempt.backend,
      openBrowser: (url) => openBrowser(url, attempt.backend.apiBase),
      onPhase: this.deps.onPhase,
    });
    return this.complete(signedIn, {
      baseUrl: SANDBOX_BASE_URL,
      requestBase: attempt.backend.apiBase,
      isSandbox: true,
      label: options.label ?? this.sandboxLabel(),
      accountId: options.accountId,
    });
  }

  cancel(): boolean {
    return this.deps.flows.cancel();
  }

  reopen(): Promise<boolean> {
    return this.deps.flows.reopen();
  }

  /** Deletes the stored session (there is no server-side sign-out); the account stays, signed out. */
  async signOut(accountId: string): Promise<AccountSummary> {
    this.sessionRecord(accountId);
    await this.endSession(accountId, 'signed_out');
    return this.deps.accounts.summarize(this.deps.accounts.get(accountId));
  }

  /** What OmiSessions reads and writes. */
  storePort(): SessionStorePort {
    return {
      readRefreshToken: async (accountId) => {
        const record = this.sessionRecord(accountId);
        if (record.auth?.signedOut) throw new AppError('signed_out', `You are signed out of “${record.label}”. Sign in again.`);
        return this.deps.vault.get(accountId).catch((error: unknown) => {
          throw error instanceof AppError && error.code === 'account_locked'
            ? new AppError('signed_out', `DevKeys can no longer read the stored session of “${record.label}”. Sign in again.`)
            : error;
        });
      },
      saveRefreshToken: (accountId, refreshToken) => this.deps.vault.put(accountId, refreshToken),
      endSession: async (accountId, reason) => {
        await this.endSession(accountId, reason);
        this.deps.onSessionEnded(accountId, reason);
      },
    };
  }

  private async endSession(accountId: string, reason: SessionEndReason): Promise<void> {
    const record = this.sessionRecord(accountId);
    this.deps.sessions.forget(accountId);
    this.deps.vault.remove(accountId);
    this.deps.accounts.update(accountId, { auth: { ...sessionAuthOf(record), signedOut: { at: this.deps.now().toISOString(), reason } } });
    this.deps.log.info('account.signed_out', { accountId, reason });
  }

  /**
   * Confirms the new session with a first key list, then saves it: a new account, the account
   * being signed in again (same person only), or — when this person is already here — that one.
   */
  private async complete(
    signedIn: SignedIn,
    target: { baseUrl: string; requestBase: string; isSandbox: boolean; label: string | undefined; accountId: string | undefined },
  ): Promise<SignInOutcome> {
    const firstLists = await this.confirm(target.requestBase, signedIn.tokens.idToken);
    const auth: SessionAuth = {
      kind: 'session',
      provider: signedIn.provider,
      uid: signedIn.uid,
      email: signedIn.email,
      name: signedIn.name,
      firebaseApiKey: signedIn.backend.firebaseApiKey,
      authEmulatorHost: target.isSandbox ? null : signedIn.backend.authEmulatorHost,
      signedOut: null,
    };
    const same = (record: AccountRecord) => record.auth?.uid === auth.uid && record.baseUrl === target.baseUrl && record.isSandbox === target.isSandbox;
    if (target.accountId) {
      const record = this.deps.accounts.get(target.accountId);
      if (!same(record)) {
        throw new AppError(
          'validation',
          `You signed in as ${who(auth)}, but “${record.label}” belongs to ${who(sessionAuthOf(record))}. ` +
            `Sign in as that person, or add ${who(auth)} as a new account. Nothing was changed.`,
        );
      }
      return { account: await this.restore(record.id, auth, signedIn), kind: 'signed_in_again', firstLists };
    }
    const twin = this.deps.store.accounts().find(same);
    if (twin) {
      this.deps.store.setActiveAccountId(twin.id);
      return { account: await this.restore(twin.id, auth, signedIn), kind: 'signed_in_again', firstLists };
    }
    const account = await this.deps.accounts.save(
      { label: (target.label ?? auth.email ?? auth.name ?? 'Omi').slice(0, 60), provider: 'omi', baseUrl: target.baseUrl, isSandbox: target.isSandbox, auth },
      signedIn.tokens.refreshToken,
    );
    this.deps.sessions.adopt(account.id, signedIn.tokens);
    return { account, kind: 'added', firstLists };
  }

  private async restore(accountId: string, auth: SessionAuth, signedIn: SignedIn): Promise<AccountSummary> {
    await this.deps.vault.put(accountId, signedIn.tokens.refreshToken);
    const record = this.deps.accounts.update(accountId, { auth });
    this.deps.sessions.adopt(accountId, signedIn.tokens);
    return this.deps.accounts.summarize(record);
  }

  /**
   * The backend must accept the new session before anything is saved: it lists the keys. The MCP
   * keys are asked at the same time, so the screen the sign-in leads to has both lists one round
   * trip after the token instead of two (a round trip to api.omi.me is the slow part).
   */
  private async confirm(apiBase: string, idToken: string): Promise<FirstLists> {
    const settings = { ...this.deps.http, baseUrl: apiBase };
    const session = fixedCredential(async () => idToken);
    const mcpKeys = createOmiMcpClient(settings, session)
      .listKeys()
      .then(
        (value): PromiseSettledResult<OmiMcpKey[]> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseSettledResult<OmiMcpKey[]> => ({ status: 'rejected', reason }),
      );
    try {
      return { keys: await createOmiClient(settings, session).listKeys(), mcpKeys };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const status = error.status === undefined ? {} : { status: error.status };
      throw new AppError(
        error.code === 'unauthorized' || error.code === 'forbidden' ? 'sign_in_failed' : error.code,
        `You signed in, but listing your keys with the new session failed: ${error.message.replace(/\.$/, '')}. Nothing was saved.`,
        status,
      );
    }
  }

  private sessionRecord(accountId: string): AccountRecord {
    const record = this.deps.accounts.get(accountId);
    sessionAuthOf(record);
    return record;
  }

  private sandboxLabel(): string {
    const count = this.deps.store.accounts().filter((a) => a.isSandbox && a.provider === 'omi').length;
    return count === 0 ? 'Sandbox' : `Sandbox ${count + 1}`;
  }
}

function who(auth: Pick<SessionAuth, 'email' | 'name'>): string {
  return auth.email ?? auth.name ?? 'another person';
}

