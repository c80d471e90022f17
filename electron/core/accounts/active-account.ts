/** The active account: one selection path for the window's switcher and the tray's radio items. */
import type { ActionSource, EventName, EventPayloads } from '../../ipc/contract';
import type { AccountService } from './accounts';
import type { DevKeysStore } from '../storage/store';

export interface ActiveAccountDeps {
  accounts: AccountService;
  store: DevKeysStore;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

export function selectActiveAccount(deps: ActiveAccountDeps, accountId: string, source: ActionSource): { activeAccountId: string } {
  deps.accounts.get(accountId);
  deps.store.setActiveAccountId(accountId);
  deps.emit('activeAccountChanged', { accountId, source });
  return { activeAccountId: accountId };
}

/** The stored choice, or the first account when it is unset or gone (e.g. after removing it). */
export function resolveActiveAccountId(store: DevKeysStore): string | null {
  const accounts = store.accounts();
  const stored = store.activeAccountId();
  return accounts.find((a) => a.id === stored)?.id ?? accounts[0]?.id ?? null;
}
