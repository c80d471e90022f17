/**
 * The one IPC contract between the renderer and the main process.
 *
 * Every channel is declared here once, with the zod schema of its argument (validated in
 * main) and the type of its result. The main-process router, the preload bridge and the
 * renderer client are all derived from `invokeChannels` / `eventChannels`, so adding a
 * channel is one edit here plus its handler.
 *
 * The renderer imports this file with `import type` only (enforced by lint), so zod never
 * reaches the renderer bundle.
 */
import { z } from 'zod';
import type { components as OmiComponents } from '../generated/omi-api';
import type { components as McpComponents } from '../generated/omi-mcp-api';
import { OMI_SCOPES, type OmiScope } from './omi-scopes';
import type { components as OmniComponents, operations as OmniOperations } from '../generated/omni-api';

// ---------------------------------------------------------------------------------------
// Domain types, derived from the generated OpenAPI types.

export { OMI_SCOPES, type OmiScope };

type OmiApiKey = OmiComponents['schemas']['ApiKey'];
/** An Omi developer key as the API lists it; main validates that every field is present. */
export type OmiKey = Required<Pick<OmiApiKey, 'id' | 'name' | 'key_prefix' | 'created_at'>> & {
  last_used_at: NonNullable<OmiApiKey['last_used_at']> | null;
  scopes: NonNullable<OmiApiKey['scopes']> | null;
};

/** An Omni API token as the API lists it (no secret is ever returned by Omni). */
export type OmniToken = OmniComponents['schemas']['ApiKey'];
export type OmniTokenType = OmniToken['type'];
/** One page of Omni's cursor-paged token list. */
export type OmniTokenPage = OmniComponents['schemas']['ApiKeyListResponse'];
type OmniListParams = NonNullable<OmniOperations['apiKeysList']['parameters']['query']>;
export type OmniSortField = NonNullable<OmniListParams['sortField']>;
export type OmniSortDirection = NonNullable<OmniListParams['sortDirection']>;

export const OMNI_TOKEN_TYPES = ['organization', 'personal', 'mcp'] as const satisfies readonly OmniTokenType[];
export const OMNI_SORT_FIELDS = ['createdAt', 'name'] as const satisfies readonly OmniSortField[];
export const OMNI_SORT_DIRECTIONS = ['asc', 'desc'] as const satisfies readonly OmniSortDirection[];
/** Omni's largest page: fewest requests against its 60-per-minute budget. */
export const OMNI_PAGE_SIZE_MAX = 100;

export type ProviderKind = 'omi' | 'omni';

export type SignInProvider = 'google' | 'apple';

export interface AccountSummary {
  id: string;
  label: string;
  provider: ProviderKind;
  baseUrl: string;
  /** How DevKeys reaches this account: a signed-in Omi session, or a pasted bearer credential. */
  auth: 'session' | 'credential';
  /** Credential accounts: enough of it to recognise it (`omi_dev_3fa1...9c0e`); never the secret. Empty for sessions. */
  credentialHint: string;
  /** Signed-in accounts: who signed in (from the provider's ID token, display only) and with which provider. */
  person: { name: string | null; email: string | null; provider: SignInProvider } | null;
  isSandbox: boolean;
  /**
   * `locked`: the stored credential no longer decrypts (e.g. the OS keychain changed).
   * `signed_out`: the Omi session ended (or the user signed out); the account, its activity log and
   * its place stay, and signing in again restores it.
   */
  status: 'ok' | 'locked' | 'signed_out';
  /** signed_out: why, in a sentence. */
  statusDetail?: string;
}

export interface CreatedKey {
  key: OmiKey;
  /** The full secret, shown once. The renderer keeps it only in the secret dialog's state. */
  secret: string;
  /** Opaque handle main uses to copy this secret; valid until `forgetSecret`. */
  secretHandle: string;
}

/** A listed Omi key with what DevKeys itself knows about it. */
export interface ListedOmiKey extends OmiKey {
  /** Its prefix matches the account's bootstrap credential: DevKeys signs in with this key. */
  usedByDevKeys: boolean;
  /** Id of the key that replaced this one in a rotation; cleared when this one is revoked. */
  replacedBy: string | null;
}

/** Where a user action came from: the main window or the tray (quick create, account radio). */
export type ActionSource = 'window' | 'tray';

export interface RotationResult extends CreatedKey {
  /** The key that was rotated (it stays valid until revoked). */
  replaced: OmiKey;
  /**
   * Only when the rotated key was DevKeys' own credential: `adopted` means DevKeys now signs in
   * with the new key (verified by a list call); `kept_old` means that check failed, DevKeys still
   * uses the old key and will not revoke it.
   */
  credential: { status: 'not_bootstrap' } | { status: 'adopted' } | { status: 'kept_old'; message: string };
}

export type ActivityKind = 'account_added' | 'key_created' | 'key_rotated' | 'key_revoked' | 'signed_in' | 'signed_out';
/** One line of an account's activity log. Names and prefixes only: never a secret. */
export interface ActivityEntry {
  id: string;
  at: string;
  kind: ActivityKind;
  keyName?: string;
  keyPrefix?: string;
  /** key_rotated: the prefix of the key that was replaced. */
  replacedKeyPrefix?: string;
  source?: ActionSource;
  /** Which list the key is in; absent: a Developer API key (entries from before MCP keys). */
  keyFamily?: KeyFamily;
  /** signed_in / signed_out: who, or why the session ended, in a few words. */
  detail?: string;
}

export interface AppInfo {
  version: string;
  /**
   * How bootstrap credentials are protected on this machine. When the backend is weak or
   * unavailable, main stores no credential until `consented` (see setWeakEncryptionConsent).
   */
  encryption: { available: boolean; backend: string; weak: boolean; consented: boolean };
  clipboardClearAfterMs: number;
  /** Problems met at start-up that the user should know about (e.g. a settings file moved aside). */
  notices: string[];
  /** Test-only renderer hooks (the e2e query-cache dump) are allowed: false in packaged builds. */
  testHooks: boolean;
}

// Updates and About (packaging).
/** Why this build does not update itself. */
export type UpdatesOffReason = 'development' | 'no_feed' | 'unsigned_mac';
/** Where DevKeys' own updates stand (packaged builds check GitHub Releases at start and every 6 hours). */
export type UpdateStatus =
  | { state: 'off'; reason: UpdatesOffReason; message: string }
  | { state: 'idle'; lastCheckedAt: null }
  | { state: 'checking'; lastCheckedAt: string | null }
  | { state: 'up_to_date'; lastCheckedAt: string }
  | { state: 'downloading'; version: string; percent: number; lastCheckedAt: string }
  /** Downloaded: "Restart to update" installs it (it also installs when DevKeys quits). */
  | { state: 'ready'; version: string; lastCheckedAt: string }
  | { state: 'error'; message: string; lastCheckedAt: string | null };

// ---------------------------------------------------------------------------------------
// MCP keys, MCP setup, "Check a key" and the start-up bundle (issue 10).

/** The two key lists of an Omi account: Developer API keys (`omi_dev_…`) and MCP keys (`omi_mcp_…`). */
export type KeyFamily = 'dev' | 'mcp';
export const KEY_FAMILIES = ['dev', 'mcp'] as const satisfies readonly KeyFamily[];

type McpApiKey = McpComponents['schemas']['McpApiKey'];
/** An Omi MCP key as `/v1/mcp/keys` lists it (main validates every field). */
export type OmiMcpKey = Pick<McpApiKey, 'id' | 'name' | 'key_prefix' | 'created_at'> & {
  last_used_at: NonNullable<McpApiKey['last_used_at']> | null;
  /** `mcp-api` for keys made in the Omi app or here. */
  app_id: NonNullable<McpApiKey['app_id']> | null;
  /** The MCP scopes (`memories.read`, …) as the server sends them; Omi shows none of them, and neither do we. */
  scopes: string[] | null;
};

/** A listed MCP key with what DevKeys itself knows about it (DevKeys never signs in with one). */
export interface ListedMcpKey extends OmiMcpKey {
  /** Id of the key that replaced this one in a rotation; cleared when this one is revoked. */
  replacedBy: string | null;
}

export interface CreatedMcpKey {
  key: OmiMcpKey;
  /** The full secret, shown once. The renderer keeps it only in the secret dialog's state. */
  secret: string;
  /** Opaque handle main uses to copy this secret (or the config with it); valid until `forgetSecret`. */
  secretHandle: string;
}

export interface McpRotationResult extends CreatedMcpKey {
  /** The key that was rotated (it stays valid until revoked). */
  replaced: OmiMcpKey;
}

/** What an Omi account's MCP setup blocks show, as the Omi app builds them. */
export interface McpSetup {
  /** The API base without trailing slashes + `/v1/mcp`. */
  mcpUrl: string;
  /** The Claude Code config with `<key>` where the key goes. */
  claudeCodeConfig: string;
  /** `Authorization: Bearer <key>`. */
  authorizationHeader: string;
  oauthClientId: string;
}
export const MCP_SETUP_VALUES = ['claude_code_config', 'server_url', 'oauth_client_id'] as const;
export type McpSetupValue = (typeof MCP_SETUP_VALUES)[number];

/** A listed key of one of the user's Omi accounts that has the checked key's prefix. */
export interface KeyCheckMatch {
  accountId: string;
  accountLabel: string;
  family: KeyFamily;
  keyId: string;
  keyName: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** DevKeys signs in to that account with this key (revoking it needs the typed name). */
  usedByDevKeys: boolean;
  /** The server itself said it is this key (introspection returned this id), not only the prefix. */
  confirmed: boolean;
}

export type KeyCheckLiveness =
  | { status: 'works'; host: string; message: string; dev?: { name: string; scopes: string[] }; mcp?: { serverName: string; serverVersion: string; protocolVersion: string } }
  | { status: 'rejected'; host: string; message: string }
  | { status: 'rate_limited'; host: string; message: string; retryAfterSeconds?: number }
  | { status: 'unknown'; message: string };

/** What "Check a key" found out about a pasted secret. The secret itself is never part of it. */
export interface KeyCheckResult {
  /** From the secret's shape: `omi_dev_…`, `omi_mcp_…`, or something else. */
  family: KeyFamily | 'other';
  /** Exactly the Omi format (the family's prefix + 32 lowercase hex characters). */
  wellFormed: boolean;
  /** Its prefix as the key lists show it (`omi_dev_3fa1...9c0e`); null when it is not an Omi key. */
  prefix: string | null;
  matches: KeyCheckMatch[];
  /** Omi accounts whose list could not be searched (locked, unreachable, rate limited…). */
  unsearched: { accountId: string; accountLabel: string; message: string }[];
  liveness: KeyCheckLiveness;
}

/** The first screen in one answer: accounts, the active one, and that account's first lists. */
export interface FirstScreen {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  appInfo: AppInfo;
  /** For the update bar (packaging): shown with the first screen, so it needs no request of its own. */
  updateStatus: UpdateStatus;
  /** For an active Omi account that is not locked: each list as it answered (errors are shown by that list). */
  omi: {
    accountId: string;
    keys: IpcResult<ListedOmiKey[]>;
    mcpKeys: IpcResult<ListedMcpKey[]>;
    mcpSetup: IpcResult<McpSetup>;
  } | null;
}

/**
 * A finished sign-in: the account, and the first screen it leads to (as `loadFirstScreen` would
 * answer now). Its Developer API keys are the list that confirmed the session and its MCP keys
 * were asked alongside, so the screen needs no second round of requests to the backend.
 */
export interface SignInResult {
  account: AccountSummary;
  firstScreen: FirstScreen;
}

// ---------------------------------------------------------------------------------------
// Results and errors.

export const ERROR_CODES = [
  'invalid_payload',
  'unknown_channel',
  'forbidden_sender',
  'unauthorized',
  'forbidden',
  'not_found',
  'validation',
  'rate_limited',
  'server_error',
  'network',
  'timeout',
  'bad_response',
  'account_not_found',
  'account_locked',
  'secret_expired',
  'storage',
  /** A guarded action (revoking DevKeys' own key) needs the user to type the key's name. */
  'confirmation_required',
  /** A create failed in a way that may have created the key anyway; see IpcError.orphanKeys. */
  'create_outcome_unknown',
  /** The keychain only obfuscates (or is unavailable) and the user has not agreed to store credentials anyway. */
  'weak_encryption_consent_required',
  // Sign in with Omi.
  'sign_in_cancelled',
  'sign_in_timed_out',
  'sign_in_superseded',
  /** The backend or Firebase refused this sign-in attempt: start again. */
  'sign_in_failed',
  /** The session is over (revoked, expired, user disabled or gone): sign in again. */
  'signed_out',
  /** Firebase refused the backend's Web API key: a configuration problem, the session is kept. */
  'session_config',
  /** Omi answered 403 account_deletion_in_progress: DevKeys signed the account out. */
  'account_deletion_in_progress',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  /** A sentence for the user. Never contains a credential or secret. */
  message: string;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  /** Seconds the provider asked us to wait (429). */
  retryAfterSeconds?: number;
  /** Per-field problems (payload validation or a provider's 422 list). */
  fields?: { path: string; message: string }[];
  /**
   * create_outcome_unknown: keys with the requested name that appeared during the failed
   * create (their secret is lost). Empty: none appeared. Absent: DevKeys could not check.
   */
  orphanKeys?: OrphanKey[];
}

/** A key the server may have created for a create whose response never arrived. */
export type OrphanKey = Pick<OmiKey, 'id' | 'name' | 'key_prefix' | 'created_at'>;

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------
// Argument schemas (validated in main before any handler runs).

const accountId = z.uuid({ error: 'accountId must be a UUID' });
const noArgs = z.object({}).strict();

export const KEY_NAME_MAX = 100;
export const keyName = z
  .string({ error: 'Key name must be text' })
  .trim()
  .min(1, { error: 'Please enter a name.' })
  .max(KEY_NAME_MAX, { error: `Key name must be at most ${KEY_NAME_MAX} characters.` });

/**
 * Plain http only to this machine (the sandbox, a local self-hosted server): anywhere else a
 * credential would cross the network in clear text. The renderer's forms mirror this rule.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
export const PLAIN_HTTP_MESSAGE = 'Use https:// — plain http is allowed only for localhost';
const isPlainHttpToRemote = (url: URL) => url.protocol === 'http:' && !isLoopbackHost(url.hostname);

const httpUrl = z
  .string({ error: 'Base URL must be text' })
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Base URL must be an http(s) URL without credentials, e.g. https://api.omi.me' });
    } else if (isPlainHttpToRemote(url)) {
      ctx.addIssue({ code: 'custom', message: PLAIN_HTTP_MESSAGE });
    }
  });

const credential = z
  .string({ error: 'Credential must be text' })
  .trim()
  .min(1, { error: 'Enter the bootstrap credential.' })
  .max(8192, { error: 'That credential is too long.' })
  .refine((value) => !/\s/.test(value), { error: 'The credential must not contain spaces.' });

const label = z
  .string({ error: 'Label must be text' })
  .trim()
  .min(1, { error: 'Enter a label.' })
  .max(60, { error: 'Label must be at most 60 characters.' });

/** A Firebase Web API key: a public project identifier (api.omi.me's starts with AIza). */
const firebaseApiKey = z
  .string({ error: 'Firebase Web API key must be text' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{10,100}$/, { error: 'A Firebase Web API key is 10–100 letters, digits, - or _ (e.g. AIzaSy…).' });

/** A Firebase Auth emulator on this machine: tokens would otherwise cross the network in clear text. */
const emulatorHost = z
  .string({ error: 'Emulator host must be text' })
  .trim()
  .regex(/^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]):([1-9]\d{0,4})$/, {
    error: 'The Firebase Auth emulator host must be host:port on this machine, e.g. 127.0.0.1:9099.',
  })
  .refine((value) => Number(value.slice(value.lastIndexOf(':') + 1)) <= 65535, { error: 'Port must be 1–65535.' });

const secretHandle = z.string().regex(/^[a-f0-9]{32}$/, { error: 'Unknown secret handle' });
/** A secret pasted into "Check a key". Messages never quote it. */
const pastedSecret = z
  .string({ error: 'The key must be text' })
  .trim()
  .min(1, { error: 'Paste a key to check.' })
  .max(4096, { error: 'That is too long to be an API key.' });
const keyId = z.string().min(1).max(200);
const actionSource = z.enum(['window', 'tray'] as const satisfies readonly ActionSource[]);

/**
 * An Omni instance as people write it, `myorg`, `myorg.omniapp.co` or a full http(s) URL
 * (self-hosted, the sandbox), as the instance's base URL; null when it is none of these.
 * Only normalizes: the `addAccount` schema also applies the plain-http rule.
 * A pasted API URL (`…/api/v1/api-keys`) is cut back to the instance root.
 */
export function omniBaseUrl(input: string): string | null {
  const value = input.trim();
  if (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value)) return `https://${value.toLowerCase()}.omniapp.co`;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  // A single-label host is a typo, except localhost; IPv6 literals ([::1]) have no dots either.
  if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('[')) return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(?:\/v1(?:\/api-keys)?)?$/, '');
  return `${url.origin}${path}`;
}

const omniInstance = z
  .string({ error: 'Instance must be text' })
  .trim()
  .min(1, { error: 'Enter your Omni instance name or URL.' })
  .max(2048, { error: 'That instance URL is too long.' })
  .transform((value, ctx) => {
    const baseUrl = omniBaseUrl(value);
    if (baseUrl !== null && !isPlainHttpToRemote(new URL(baseUrl))) return baseUrl;
    ctx.addIssue({
      code: 'custom',
      message:
        baseUrl === null
          ? 'Enter an Omni instance name (myorg), its host (myorg.omniapp.co) or a URL (https://…), without credentials.'
          : PLAIN_HTTP_MESSAGE,
    });
    return z.NEVER;
  });

// Omni ids are UUIDs; `guid` accepts any 8-4-4-4-12 hex id, whatever its version bits.
const omniTokenId = z.guid({ error: 'tokenId must be an Omni token id (UUID)' });

/** Omni's list filters and paging cursor (main picks the page size). Also checked by the Omni client. */
export const omniListQuery = z.object({
  cursor: z.guid({ error: 'cursor must be an Omni token id (UUID)' }).optional(),
  type: z.enum(OMNI_TOKEN_TYPES).optional(),
  sortField: z.enum(OMNI_SORT_FIELDS).optional(),
  sortDirection: z.enum(OMNI_SORT_DIRECTIONS).optional(),
});

// ---------------------------------------------------------------------------------------
// Channels.

interface ChannelSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type only. */
  result?: R;
}
function channel<A extends z.ZodType>(args: A) {
  return { returns: <R>(): ChannelSpec<A, R> => ({ args }) };
}

export const invokeChannels = {
  getAppInfo: channel(noArgs).returns<AppInfo>(),

  listAccounts: channel(noArgs).returns<{ accounts: AccountSummary[]; activeAccountId: string | null }>(),
  setActiveAccount: channel(z.object({ accountId }).strict()).returns<{ activeAccountId: string }>(),
  addAccount: channel(
    z.discriminatedUnion('provider', [
      z
        .object({
          provider: z.literal('omi'),
          label,
          baseUrl: httpUrl,
          credential,
        })
        .strict(),
      // `instance` arrives as typed and leaves validation as the instance's base URL.
      z
        .object({
          provider: z.literal('omni'),
          label: label.optional(),
          instance: omniInstance,
          credential,
        })
        .strict(),
    ]),
  ).returns<AccountSummary>(),
  addSandboxAccount: channel(
    z.object({ label: label.optional(), provider: z.enum(['omi', 'omni'] as const satisfies readonly ProviderKind[]).optional() }).strict(),
  ).returns<AccountSummary>(),
  removeAccount: channel(z.object({ accountId }).strict()).returns<{ removed: true }>(),
  renameAccount: channel(z.object({ accountId, label }).strict()).returns<AccountSummary>(),
  /** Replaces a (locked) account's credential after verifying it with a list call. Not for sandbox accounts. */
  updateCredential: channel(z.object({ accountId, credential }).strict()).returns<AccountSummary>(),
  /** A sandbox account whose credential is unreadable gets a new sandbox user (fresh demo data). */
  resetSandboxAccount: channel(z.object({ accountId }).strict()).returns<AccountSummary>(),
  /** Persisted agreement to store credentials although the keychain only obfuscates them. */
  setWeakEncryptionConsent: channel(z.object({ consent: z.boolean() }).strict()).returns<{ consented: boolean }>(),

  // Sign in with Omi (a Firebase session through the backend's PKCE loopback flow).
  /**
   * Runs the whole sign-in: opens the system browser and resolves once the session is confirmed
   * (a first key list) and saved, with the new account — or, with `accountId`, the signed-out
   * account it signs in again — and the screen it leads to. Superseded by a newer call;
   * `cancelSignIn` ends it.
   */
  signIn: channel(
    z
      .object({
        provider: z.enum(['google', 'apple'] as const satisfies readonly SignInProvider[]),
        apiBase: httpUrl.optional(),
        firebaseApiKey: firebaseApiKey.optional(),
        authEmulatorHost: emulatorHost.optional(),
        label: label.optional(),
        accountId: accountId.optional(),
      })
      .strict(),
  ).returns<SignInResult>(),
  cancelSignIn: channel(noArgs).returns<{ cancelled: boolean }>(),
  /** Opens the pending sign-in's page in the browser again. */
  reopenSignInPage: channel(noArgs).returns<{ reopened: boolean }>(),
  /** Deletes the stored session; the account stays, signed out. */
  signOut: channel(z.object({ accountId }).strict()).returns<AccountSummary>(),

  listKeys: channel(z.object({ accountId }).strict()).returns<ListedOmiKey[]>(),
  createKey: channel(
    z
      .object({
        accountId,
        name: keyName,
        scopes: z.array(z.enum(OMI_SCOPES)).max(OMI_SCOPES.length).optional(),
        source: actionSource.optional(),
      })
      .strict(),
  ).returns<CreatedKey>(),
  /** Revoking DevKeys' own key (`usedByDevKeys`) also needs `confirmName` equal to the key's name. */
  revokeKey: channel(z.object({ accountId, keyId, confirmName: z.string().max(KEY_NAME_MAX * 2).optional() }).strict()).returns<{
    outcome: 'revoked' | 'already_gone';
  }>(),
  /** Creates a replacement with the same name and scopes; the old key stays until `finishRotation`. */
  rotateKey: channel(z.object({ accountId, keyId }).strict()).returns<RotationResult>(),
  /** After the new secret was shown: revoke the replaced key now, or keep both (it stays marked replaced). */
  finishRotation: channel(z.object({ accountId, oldKeyId: keyId, action: z.enum(['revoke_old', 'keep_both']) }).strict()).returns<{
    outcome: 'revoked' | 'already_gone' | 'kept';
  }>(),

  listActivity: channel(z.object({ accountId }).strict()).returns<ActivityEntry[]>(),
  clearActivity: channel(z.object({ accountId }).strict()).returns<{ cleared: number }>(),

  copySecret: channel(z.object({ secretHandle }).strict()).returns<{ clearAfterMs: number }>(),
  forgetSecret: channel(z.object({ secretHandle }).strict()).returns<{ forgotten: boolean }>(),

  // Omni: tokens are created in Omni itself; DevKeys lists, disables/enables and revokes them.
  /** One page of up to OMNI_PAGE_SIZE_MAX tokens; pass `pageInfo.nextCursor` for the next. */
  listOmniTokens: channel(omniListQuery.extend({ accountId }).strict()).returns<OmniTokenPage>(),
  /** Organization tokens only; Omni refuses personal and MCP tokens (400 → `validation`). */
  setOmniTokenEnabled: channel(z.object({ accountId, tokenId: omniTokenId, enabled: z.boolean() }).strict()).returns<OmniToken>(),
  revokeOmniToken: channel(z.object({ accountId, tokenId: omniTokenId }).strict()).returns<{
    outcome: 'revoked' | 'already_gone';
  }>(),

  // MCP keys, MCP setup, "Check a key" and the start-up bundle (issue 10).
  /** Accounts, the active account, app info and the active Omi account's lists: the first screen in one request. */
  loadFirstScreen: channel(noArgs).returns<FirstScreen>(),
  listMcpKeys: channel(z.object({ accountId }).strict()).returns<ListedMcpKey[]>(),
  /** Name only: MCP keys get every MCP scope. */
  createMcpKey: channel(z.object({ accountId, name: keyName, source: actionSource.optional() }).strict()).returns<CreatedMcpKey>(),
  revokeMcpKey: channel(z.object({ accountId, keyId }).strict()).returns<{ outcome: 'revoked' | 'already_gone' }>(),
  /** Creates a replacement with the same name; the old key stays until `finishMcpRotation`. */
  rotateMcpKey: channel(z.object({ accountId, keyId }).strict()).returns<McpRotationResult>(),
  finishMcpRotation: channel(z.object({ accountId, oldKeyId: keyId, action: z.enum(['revoke_old', 'keep_both']) }).strict()).returns<{
    outcome: 'revoked' | 'already_gone' | 'kept';
  }>(),
  getMcpSetup: channel(z.object({ accountId }).strict()).returns<McpSetup>(),
  /** Copies one of the setup blocks' values (no secret in them: plain copy, not cleared). */
  copyMcpSetupValue: channel(z.object({ accountId, value: z.enum(MCP_SETUP_VALUES) }).strict()).returns<{ copied: true }>(),
  /** A new MCP key's secret dialog: the Claude Code config with that key filled in, copied like a secret. */
  copyMcpConfigWithKey: channel(z.object({ secretHandle }).strict()).returns<{ clearAfterMs: number }>(),
  /** "Which key is this?": the pasted secret is held in main only for this check. */
  checkKey: channel(z.object({ secret: pastedSecret }).strict()).returns<KeyCheckResult>(),
  // Updates and About (packaging)
  getUpdateStatus: channel(noArgs).returns<UpdateStatus>(),
  /** Checks now (About → Check for updates); answers the status once the check is done. */
  checkForUpdates: channel(noArgs).returns<UpdateStatus>(),
  /** Only when the status is `ready`: quits, installs and restarts DevKeys. */
  installUpdate: channel(noArgs).returns<{ restarting: true }>(),
  /** Opens the folder holding devkeys.log in the file manager; `opened: false` where there is none (the harness). */
  openLogFolder: channel(noArgs).returns<{ path: string; opened: boolean }>(),
} as const;

export type InvokeChannels = typeof invokeChannels;
export type ChannelName = keyof InvokeChannels;
export type ChannelArgs<C extends ChannelName> = z.input<InvokeChannels[C]['args']>;
export type ChannelParsedArgs<C extends ChannelName> = z.output<InvokeChannels[C]['args']>;
export type ChannelResult<C extends ChannelName> = NonNullable<InvokeChannels[C]['result']>;
export const CHANNEL_NAMES = Object.keys(invokeChannels) as ChannelName[];

export { ipcChannel, ipcEvent } from './wire';

/** One-way events main pushes to every window. */
export interface EventPayloads {
  accountsChanged: { reason: string };
  /** The active account changed (the tray's radio items or the window's switcher). */
  activeAccountChanged: { accountId: string; source: ActionSource };
  /** A key was created outside the list that shows it (quick create from the tray, a rotation). */
  keyCreated: { accountId: string; keyId: string; source: ActionSource; family?: KeyFamily };
  /** The pending sign-in moved on: the browser came back and DevKeys is finishing. */
  signInProgress: { phase: 'waiting_for_browser' | 'finishing' };
  /** Updates and About (packaging): every change of the update status. */
  updateStatusChanged: UpdateStatus;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = ['accountsChanged', 'activeAccountChanged', 'keyCreated', 'signInProgress', 'updateStatusChanged'];

/** What the preload exposes as `window.devkeys`: one function per channel, nothing else. */
export type DevKeysApi = {
  [C in ChannelName]: (args: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
} & {
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
