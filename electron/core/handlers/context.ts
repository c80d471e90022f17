/** What every group of channel handlers may use. Built once in app-core.ts. */
import type { EventName, EventPayloads } from '../../ipc/contract';
import type { ChannelHandlers } from '../../ipc/router';
import type { AccountService } from '../accounts';
import type { ActivityLog } from '../activity-log';
import type { Logger } from '../log';
import type { OmiKeyService } from '../omi-keys';
import type { KeyRotation } from '../rotation';
import type { OneTimeSecrets, SecretClipboard } from '../secrets';
import type { DevKeysStore } from '../store';
import type { CredentialVault } from '../vault';

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
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  activity: ActivityLog;
  omiKeys: OmiKeyService;
  rotation: KeyRotation;
}

/** A feature's handlers: a slice of the contract's channels. */
export type HandlerGroup<C extends keyof ChannelHandlers> = Pick<ChannelHandlers, C>;
