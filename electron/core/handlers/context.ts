/** What every group of channel handlers may use. Built once in app-core.ts. */
import type { EventName, EventPayloads } from '../../ipc/contract';
import type { ChannelHandlers } from '../../ipc/router';
import type { AccountService } from '../accounts/accounts';
import type { SignInService } from '../accounts/sign-in';
import type { ActivityLog } from '../activity/activity-log';
import type { Logger } from '../logging/log';
import type { KeyCheck } from '../key-check/key-check';
import type { McpKeyService } from '../keys/mcp-keys';
import type { OmiKeyService } from '../keys/omi-keys';
import type { KeyRotation } from '../keys/rotation';
import type { OneTimeSecrets, SecretClipboard } from '../secrets/one-time-secrets';
import type { DevKeysStore } from '../storage/store';
import type { CredentialVault } from '../storage/vault';

export interface CoreContext {
  accounts: AccountService;
  store: DevKeysStore;
  vault: CredentialVault;
  secrets: OneTimeSecrets;
  clipboard: SecretClipboard;
  log: Logger;
  now: () => Date;
  version: string;
  notices: string[];
  /** AppInfo.testHooks (see CoreOptions.testHooks). */
  testHooks: boolean;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  activity: ActivityLog;
  signIn: SignInService;
  omiKeys: OmiKeyService;
  rotation: KeyRotation;
  mcpKeys: McpKeyService;
  keyCheck: KeyCheck;
}

/** A feature's handlers: a slice of the contract's channels. */
export type HandlerGroup<C extends keyof ChannelHandlers> = Pick<ChannelHandlers, C>;
