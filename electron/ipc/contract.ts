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
import type { components as OmniComponents } from '../generated/omni-api';

// ---------------------------------------------------------------------------------------
// Domain types, derived from the generated OpenAPI types.

export const OMI_SCOPES = [
  'conversations:read',
  'conversations:write',
  'memories:read',
  'memories:write',
  'action_items:read',
  'action_items:write',
  'goals:read',
  'goals:write',
] as const satisfies readonly NonNullable<OmiComponents['schemas']['CreateApiKey']['scopes']>[number][];
export type OmiScope = (typeof OMI_SCOPES)[number];

type OmiApiKey = OmiComponents['schemas']['ApiKey'];
/** An Omi developer key as the API lists it; main validates that every field is present. */
export type OmiKey = Required<Pick<OmiApiKey, 'id' | 'name' | 'key_prefix' | 'created_at'>> & {
  last_used_at: NonNullable<OmiApiKey['last_used_at']> | null;
  scopes: NonNullable<OmiApiKey['scopes']> | null;
};

/** An Omni API token as the API lists it (no secret is ever returned by Omni). */
export type OmniToken = OmniComponents['schemas']['ApiKey'];
export type OmniTokenType = OmniToken['type'];

export type ProviderKind = 'omi' | 'omni';

export interface AccountSummary {
  id: string;
  label: string;
  provider: ProviderKind;
  baseUrl: string;
  /** Enough of the bootstrap credential to recognise it (`omi_dev_3fa1...9c0e`); never the secret. */
  credentialHint: string;
  isSandbox: boolean;
  /** `locked`: the stored credential no longer decrypts (e.g. the OS keychain changed). */
  status: 'ok' | 'locked';
}

export interface CreatedKey {
  key: OmiKey;
  /** The full secret, shown once. The renderer keeps it only in the secret dialog's state. */
  secret: string;
  /** Opaque handle main uses to copy this secret; valid until `forgetSecret`. */
  secretHandle: string;
}

export interface AppInfo {
  version: string;
  /** How bootstrap credentials are protected on this machine. */
  encryption: { available: boolean; backend: string; weak: boolean };
  clipboardClearAfterMs: number;
  /** Problems met at start-up that the user should know about (e.g. a settings file moved aside). */
  notices: string[];
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
}

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

const httpUrl = z
  .string({ error: 'Base URL must be text' })
  .trim()
  .max(2048)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: 'Base URL must be an http(s) URL without credentials, e.g. https://api.omi.me' },
  );

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

const secretHandle = z.string().regex(/^[a-f0-9]{32}$/, { error: 'Unknown secret handle' });

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
    z
      .object({
        provider: z.literal('omi'),
        label,
        baseUrl: httpUrl,
        credential,
      })
      .strict(),
  ).returns<AccountSummary>(),
  addSandboxAccount: channel(z.object({ label: label.optional() }).strict()).returns<AccountSummary>(),
  removeAccount: channel(z.object({ accountId }).strict()).returns<{ removed: true }>(),

  listKeys: channel(z.object({ accountId }).strict()).returns<OmiKey[]>(),
  createKey: channel(
    z
      .object({
        accountId,
        name: keyName,
        scopes: z.array(z.enum(OMI_SCOPES)).max(OMI_SCOPES.length).optional(),
      })
      .strict(),
  ).returns<CreatedKey>(),
  revokeKey: channel(z.object({ accountId, keyId: z.string().min(1).max(200) }).strict()).returns<{
    outcome: 'revoked' | 'already_gone';
  }>(),

  copySecret: channel(z.object({ secretHandle }).strict()).returns<{ clearAfterMs: number }>(),
  forgetSecret: channel(z.object({ secretHandle }).strict()).returns<{ forgotten: boolean }>(),
} as const;

export type InvokeChannels = typeof invokeChannels;
export type ChannelName = keyof InvokeChannels;
export type ChannelArgs<C extends ChannelName> = z.input<InvokeChannels[C]['args']>;
export type ChannelParsedArgs<C extends ChannelName> = z.output<InvokeChannels[C]['args']>;
export type ChannelResult<C extends ChannelName> = NonNullable<InvokeChannels[C]['result']>;
export const CHANNEL_NAMES = Object.keys(invokeChannels) as ChannelName[];

/** The IPC channel string for a contract entry. */
export const ipcChannel = (name: string): string => `devkeys:${name}`;

/** One-way events main pushes to every window. */
export interface EventPayloads {
  accountsChanged: { reason: string };
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: EventName[] = ['accountsChanged'];
export const ipcEvent = (name: EventName): string => `devkeys:event:${name}`;

/** What the preload exposes as `window.devkeys`: one function per channel, nothing else. */
export type DevKeysApi = {
  [C in ChannelName]: (args: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
} & {
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};
