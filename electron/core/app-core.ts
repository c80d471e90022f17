/**
 * Composition root of the main-process core: plain TypeScript, no `electron` import.
 * Electron's main.ts passes the safeStorage cipher, the Electron clipboard and
 * electron-store; tests and the browser harness pass AES-GCM, a memory clipboard and conf.
 */
import { join } from 'node:path';
import type { EventName, EventPayloads } from '../ipc/contract';
import { createRouter, type ChannelHandlers, type IpcSender, type Router } from '../ipc/router';
import { AccountService } from './accounts/accounts';
import { ActivityLog } from './activity/activity-log';
import { accountHandlers } from './handlers/accounts';
import { activityHandlers } from './handlers/activity';
import type { CoreContext } from './handlers/context';
import { credentialHandlers } from './handlers/credentials';
import { omiKeyHandlers } from './handlers/omi-keys';
import { rotationHandlers } from './handlers/rotation';
import { ReplacementMarks } from './keys/key-marks';
import { omniTokenHandlers } from './handlers/omni-tokens';
import { firstScreenBuilder, firstScreenHandlers, type FirstScreenBuilder } from './handlers/first-screen';
import { keyCheckHandlers } from './handlers/key-check';
import { mcpKeyHandlers } from './handlers/mcp-keys';
import { KeyCheck } from './key-check/key-check';
import { McpKeyService } from './keys/mcp-keys';
import { createOmiKeyProbe } from './providers/omi-key-probe';
import { createSandboxHost, type SandboxHost } from './accounts/local-sandbox';
import { SignInService } from './accounts/sign-in';
import { signInHandlers } from './handlers/sign-in';
import type { Fetch } from './session/auth-http';
import { OmiSessions } from './session/sessions';
import { SignInFlows, type Timers } from './session/sign-in-flow';
import { bestEffort, createLogger, fileSink, type Logger } from './logging/log';
import { OmiKeyService, type OmiKeyDeps } from './keys/omi-keys';
import type { HttpSettings } from './providers/http';
import { KeyRotation } from './keys/rotation';
import { OneTimeSecrets, SecretClipboard, type ClearTimers, type ClipboardPort } from './secrets/one-time-secrets';
import { DevKeysStore, type BackendFactory } from './storage/store';
import { createTrayCore, type TrayCore } from './tray/tray-menu';
import { CredentialVault, type SecretCipher } from './storage/vault';
import { updateHandlers } from './handlers/updates';
import { UpdateController, type Clock, type UpdateSource } from './updates/update-controller';

export interface CoreOptions {
  /** Where the store file and log live (Electron: app.getPath('userData')). */
  dataDir: string;
  cipher: SecretCipher;
  clipboard: ClipboardPort;
  /** When a copied secret is cleared from the clipboard: real timers unless a test brings a manual clock. */
  clipboardTimers?: ClearTimers;
  storeBackend: BackendFactory;
  /** Decides whether an IPC sender may call DevKeys (webContents allow-list + origin). */
  isAllowedSender: (sender: IpcSender) => boolean;
  version: string;
  http?: Omit<HttpSettings, 'baseUrl'>;
  /** Client-side pacing of each Omni account (default 60); 0 = none, for benchmarks against an unlimited sandbox. */
  omniRequestsPerMinute?: number;
  sandbox?: SandboxHost;
  /** How the embedded sandbox's sign-in passes its consent page: at once (default), or in the browser `openBrowser` opens. */
  sandboxSignIn?: 'auto-approve' | 'browser';
  /**
   * Opens the system browser at a sign-in page: main passes the platform sign-in opener (for the account's
   * own authorize URL only), the harness a second browser page. Absent: signing in to a real backend is off.
   */
  openBrowser?: (url: string, apiBase: string) => Promise<void>;
  /** Sign-in and session plumbing for tests: fetch for the auth endpoints, timers, the 5-minute timeout, backoff sleeps. */
  auth?: { fetch?: Fetch; timers?: Timers; timeoutMs?: number; sleep?: (ms: number) => Promise<void> };
  logger?: Logger;
  now?: () => Date;
  /** Updates and About (packaging): electron-updater in packaged builds; default off ('development'). */
  updates?: UpdateSource;
  /** Timers of the update checks (a fake clock in tests). */
  clock?: Clock;
  /** Opens a folder in the file manager (About → Open log folder). */
  openFolder?: (path: string) => Promise<void>;
  /** Allow test-only renderer hooks (AppInfo.testHooks); main passes !app.isPackaged. */
  testHooks?: boolean;
}

export interface DevKeysCore {
  router: Router;
  accounts: AccountService;
  /** Signed-in Omi sessions (ID tokens in memory). */
  sessions: OmiSessions;
  /** The embedded sandbox (started on first use). */
  sandbox: SandboxHost;
  log: Logger;
  storePath: string;
  /** What the tray menu shows and the actions its items run (platform/tray.ts renders it). */
  tray: TrayCore;
  /** DevKeys' own updates; main calls `updates.start()` once the window is up. */
  updates: UpdateController;
  /** Main forwards these to every window as one-way events. */
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
  /** Clears a copied secret from the clipboard, forgets held secrets, stops the sandbox. */
  shutdown(): Promise<void>;
}

export const LOG_FILE_NAME = 'devkeys.log';

function sessionEndDetail(reason: string): string {
  return reason === 'account_deletion_in_progress' ? 'Omi says the account is being deleted' : `Session ended by Omi (${reason})`;
}

export function createDevKeysCore(options: CoreOptions): DevKeysCore {
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? createLogger(fileSink(join(options.dataDir, LOG_FILE_NAME)), now);
  const { store, notice } = DevKeysStore.open(options.dataDir, options.storeBackend, now);
  if (notice) log.warn('store.moved_aside', { movedTo: notice.movedTo });
  const vault = new CredentialVault(store, options.cipher);
  const sandbox = options.sandbox ?? createSandboxHost({ signIn: options.sandboxSignIn ?? 'auto-approve' });
  const { omniRequestsPerMinute } = options;
  const auth = options.auth ?? {};
  // The sessions read and write through the sign-in service (created below, once emit exists).
  const sessionStore = () => signIn.storePort();
  const sessions = new OmiSessions({
    store: {
      readRefreshToken: (id) => sessionStore().readRefreshToken(id),
      saveRefreshToken: (id, token) => sessionStore().saveRefreshToken(id, token),
      endSession: (id, reason) => sessionStore().endSession(id, reason),
    },
    log,
    ...(auth.fetch ? { fetch: auth.fetch } : {}),
    ...(auth.sleep ? { sleep: auth.sleep } : {}),
    now: () => now().getTime(),
  });
  const accounts = new AccountService({ store, vault, sandbox, http: options.http ?? {}, now, omniRequestsPerMinute, sessions });
  const secrets = new OneTimeSecrets(() => now().getTime());
  const clipboard = new SecretClipboard(options.clipboard, undefined, options.clipboardTimers);

  const listeners = new Set<<E extends EventName>(event: E, payload: EventPayloads[E]) => void>();
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const listener of listeners) listener(event, payload);
  };

  const activity = new ActivityLog(store, now);
  const signIn: SignInService = new SignInService({
    accounts,
    store,
    vault,
    sessions,
    flows: new SignInFlows({ log, ...(auth.fetch ? { fetch: auth.fetch } : {}), ...(auth.timers ? { timers: auth.timers } : {}), ...(auth.timeoutMs ? { timeoutMs: auth.timeoutMs } : {}) }),
    sandbox,
    http: options.http ?? {},
    ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
    log,
    now,
    onPhase: (phase) => emit('signInProgress', { phase }),
    onSessionEnded: (accountId, reason) => {
      bestEffort(log, 'activity.record', () => activity.record(accountId, { kind: 'signed_out', detail: sessionEndDetail(reason) }));
      emit('accountsChanged', { reason: 'signed_out' });
    },
  });
  const keyDeps: OmiKeyDeps = {
    client: (accountId) => accounts.omiClient(accountId),
    credentialHint: (accountId) => accounts.ownKeyHint(accountId),
    marks: new ReplacementMarks(store),
    activity,
    log,
    emit,
    now,
  };
  const omiKeys = new OmiKeyService(keyDeps);
  const mcpKeys = new McpKeyService({
    client: (accountId) => accounts.omiMcpClient(accountId),
    marks: new ReplacementMarks(store, 'mcpReplacedBy'),
    activity,
    log,
    emit,
    now,
  });
  const keyCheck = new KeyCheck({
    accounts: () => accounts.list(),
    listKeys: (accountId, family) => (family === 'dev' ? omiKeys.list(accountId) : mcpKeys.list(accountId)),
    endpoint: (accountId) => accounts.omiEndpoint(accountId),
    probe: (settings) => createOmiKeyProbe(settings, { name: 'DevKeys', version: options.version }),
    log,
  });

  const ctx: CoreContext = {
    accounts,
    store,
    vault,
    secrets,
    clipboard,
    log,
    now,
    version: options.version,
    notices: notice ? [notice.message] : [],
    testHooks: options.testHooks ?? false,
    emit,
    activity,
    signIn,
    omiKeys,
    rotation: new KeyRotation({
      ...keyDeps,
      keys: omiKeys,
      credentials: { current: (id) => vault.get(id), replace: (id, credential) => accounts.replaceCredential(id, credential) },
    }),
    mcpKeys,
    keyCheck,
  };
  const updates = new UpdateController({
    source: options.updates ?? { off: 'development' },
    clock: options.clock,
    log,
    onStatus: (status) => emit('updateStatusChanged', status),
  });

  // The first screen is built from the channels' own handlers (a sign-in answers with one too).
  const firstScreen: FirstScreenBuilder = firstScreenBuilder(() => channelHandlers, log);
  // Each feature contributes its slice of the contract; together they must cover every channel.
  const channelHandlers = {
    ...accountHandlers(ctx),
    ...credentialHandlers(ctx),
    ...omiKeyHandlers(ctx),
    ...rotationHandlers(ctx),
    ...activityHandlers(ctx),
    ...omniTokenHandlers(ctx),
    ...mcpKeyHandlers(ctx),
    ...keyCheckHandlers(ctx),
    ...signInHandlers(ctx, firstScreen),
    ...updateHandlers({ updates, logFolder: options.dataDir, openFolder: options.openFolder }),
  };
  // The start-up bundle answers with the same handlers as the single channels.
  const handlers: ChannelHandlers = { ...channelHandlers, ...firstScreenHandlers(firstScreen) };

  return {
    router: createRouter({ handlers, isAllowedSender: options.isAllowedSender, log }),
    accounts,
    sessions,
    sandbox,
    log,
    storePath: store.path,
    tray: createTrayCore({ accounts, store, emit }),
    updates,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async shutdown() {
      updates.stop();
      secrets.clear();
      await clipboard.clearIfStillOurs().catch(() => false);
      await sandbox.close();
    },
  };
}
