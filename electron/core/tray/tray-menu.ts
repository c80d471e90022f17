/**
 * The tray menu as data. Playwright cannot open a tray menu, so the menu is a pure function
 * of state (unit-tested) and platform/tray.ts only renders it; each item carries the action
 * the platform runs when it is clicked, through the same core functions the window uses.
 */
import type { AccountSummary } from '../../ipc/contract';
import { resolveActiveAccountId, selectActiveAccount, type ActiveAccountDeps } from '../accounts/active-account';

export type TrayAction =
  | { type: 'select-account'; accountId: string }
  | { type: 'quick-create' }
  | { type: 'open-main' }
  | { type: 'quit' };

export type MenuItemModel =
  | { type: 'radio'; id: string; label: string; checked: boolean; enabled: boolean; action: TrayAction }
  | { type: 'normal'; id: string; label: string; enabled: boolean; action: TrayAction }
  | { type: 'separator'; id: string };

export type TrayAccount = Pick<AccountSummary, 'id' | 'label' | 'provider' | 'isSandbox' | 'status'>;
export interface TrayMenuState {
  accounts: readonly TrayAccount[];
  activeAccountId: string | null;
}

const PROVIDER_NAMES: Record<TrayAccount['provider'], string> = { omi: 'Omi', omni: 'Omni' };

export function buildTrayMenu(state: TrayMenuState): MenuItemModel[] {
  const active = state.accounts.find((a) => a.id === state.activeAccountId);
  const accountItems: MenuItemModel[] = state.accounts.map((account) => ({
    type: 'radio',
    id: `account:${account.id}`,
    label: accountLabel(account),
    checked: account.id === active?.id,
    enabled: true,
    action: { type: 'select-account', accountId: account.id },
  }));
  return [
    ...accountItems,
    ...(accountItems.length > 0 ? [{ type: 'separator' as const, id: 'accounts-end' }] : []),
    {
      type: 'normal',
      id: 'quick-create',
      label: 'Quick create key…',
      // Only Omi keys can be created (Omni tokens are made in Omni); a locked or signed-out account cannot reach Omi.
      enabled: active !== undefined && active.provider === 'omi' && active.status === 'ok',
      action: { type: 'quick-create' },
    },
    { type: 'separator', id: 'actions-end' },
    { type: 'normal', id: 'open-main', label: 'Open DevKeys', enabled: true, action: { type: 'open-main' } },
    { type: 'normal', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } },
  ];
}

function accountLabel(account: TrayAccount): string {
  const status = account.status === 'locked' ? 'locked' : account.status === 'signed_out' ? 'signed out' : null;
  const details = [PROVIDER_NAMES[account.provider], account.isSandbox ? 'sandbox' : null, status];
  return `${account.label} (${details.filter(Boolean).join(', ')})`;
}

/** The core's side of the tray: its state, its menu, and the account radio items' action. */
export interface TrayCore {
  state(): Promise<TrayMenuState>;
  menu(): Promise<MenuItemModel[]>;
  selectAccount(accountId: string): { activeAccountId: string };
}

export function createTrayCore(deps: ActiveAccountDeps): TrayCore {
  const state = async (): Promise<TrayMenuState> => ({
    accounts: await deps.accounts.list(),
    activeAccountId: resolveActiveAccountId(deps.store),
  });
  return {
    state,
    menu: async () => buildTrayMenu(await state()),
    selectAccount: (accountId) => selectActiveAccount(deps, accountId, 'tray'),
  };
}
