/**
 * The account switcher in the header: the active account's label, provider, credential hint
 * and health dot; a menu of every account (Ctrl/Cmd+1…9 switch directly), rename and remove.
 */
import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useAuthFailedAccounts } from '../../api/accountHooks';
import { useSetActiveAccount } from '../../api/hooks';
import { Chip } from '../../ui/Chip';
import { CheckIcon } from '../../ui/icons';
import { useToast } from '../../ui/Toast';
import { lazyPart } from '../../ui/lazyPart';
import './switcher.css';

const RenameAccountDialog = lazyPart(() => import('./AccountDialogs').then((m) => m.RenameAccountDialog));
const RemoveAccountDialog = lazyPart(() => import('./AccountDialogs').then((m) => m.RemoveAccountDialog));
const SignOutDialog = lazyPart(() => import('./AccountDialogs').then((m) => m.SignOutDialog));

const SHORTCUT_MODIFIER = typeof navigator !== 'undefined' && /Mac/.test(navigator.userAgent) ? '⌘' : 'Ctrl+';
const PROVIDER_NAMES: Record<AccountSummary['provider'], string> = { omi: 'Omi', omni: 'Omni' };

type Health = { failed: boolean; text: string };

function health(account: AccountSummary, authFailed: ReadonlySet<string>): Health {
  if (account.status === 'locked') return { failed: true, text: 'Locked: the stored credential can no longer be decrypted' };
  if (account.status === 'signed_out') return { failed: true, text: 'Signed out: sign in again' };
  if (authFailed.has(account.id)) {
    return { failed: true, text: account.auth === 'session' ? 'Omi refused the session on the last request' : 'The server rejected the credential on the last request' };
  }
  return { failed: false, text: account.auth === 'session' ? 'Signed in' : 'Credential OK' };
}

/** Under the label: who is signed in, or which credential DevKeys uses. */
function AccountHint({ account, className }: { account: AccountSummary; className: string }) {
  if (account.auth === 'session') {
    // The label defaults to the email: then say the rest (name, provider) instead of repeating it.
    const email = account.person?.email ?? null;
    const provider = account.person?.provider === 'apple' ? 'Apple' : 'Google';
    const who = email && email !== account.label ? email : (account.person?.name ?? `Signed in with ${provider}`);
    return (
      <span className={`${className} ${className}--person`} title={account.status === 'signed_out' ? 'Signed out' : 'Signed in as'}>
        {account.status === 'signed_out' ? `Signed out · ${who}` : who}
      </span>
    );
  }
  return (
    <span className={className} title="Bootstrap credential">
      {account.credentialHint}
    </span>
  );
}

function StatusDot({ health: h }: { health: Health }) {
  return (
    <span
      className={h.failed ? 'status-dot status-dot--failed' : 'status-dot'}
      role="img"
      aria-label={h.text}
      title={h.text}
      data-testid="account-status"
      data-failed={h.failed || undefined}
    />
  );
}

function ProviderBadges({ account }: { account: AccountSummary }) {
  return (
    <>
      <Chip tone={account.provider === 'omi' ? 'purple' : 'blue'}>{PROVIDER_NAMES[account.provider]}</Chip>
      {account.isSandbox ? <Chip tone="amber">Sandbox</Chip> : null}
    </>
  );
}

export function AccountSwitcher({ accounts, active, onAddAccount }: { accounts: readonly AccountSummary[]; active: AccountSummary; onAddAccount: () => void }) {
  const menuId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'rename' | 'remove' | 'sign-out' | null>(null);
  const setActive = useSetActiveAccount();
  const authFailed = useAuthFailedAccounts();
  const toast = useToast();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  };

  const select = (account: AccountSummary) => {
    if (account.id === active.id) return;
    setActive.mutate({ accountId: account.id }, { onError: (error) => toast(`Couldn't switch account: ${error.message}`, 'error') });
  };

  // Ctrl/Cmd+1…9 pick the n-th account. Not while a dialog is open: switching would close it,
  // and it may be showing a one-time secret.
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const index = '123456789'.indexOf(event.key);
    const target = event.key.length === 1 ? accounts[index] : undefined;
    if (!target || document.querySelector('[aria-modal="true"]')) return;
    event.preventDefault();
    setOpen(false);
    select(target);
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // Focus the checked item when the menu opens; a click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    const items = menuItems(menuRef.current);
    (items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !triggerRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: ReactKeyboardEvent) => {
    const items = menuItems(menuRef.current);
    const current = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(current + 1);
    else if (event.key === 'ArrowUp') move(current - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') setOpen(false);
  };

  const activeHealth = health(active, authFailed);
  return (
    <div className="switcher">
      <button
        ref={triggerRef}
        type="button"
        className="switcher__trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        data-testid="account-switcher"
        data-account-id={active.id}
      >
        <StatusDot health={activeHealth} />
        <span className="switcher__text">
          <span className="switcher__line">
            <span className="switcher__label" data-testid="active-account-label">
              {active.label}
            </span>
            <ProviderBadges account={active} />
          </span>
          <AccountHint account={active} className="switcher__hint" />
        </span>
        <span className="switcher__chevron" aria-hidden="true" />
      </button>

      {open ? (
        <div ref={menuRef} id={menuId} className="switcher__menu" role="menu" aria-label="Accounts" onKeyDown={onMenuKeyDown}>
          {accounts.map((account, index) => {
            const itemHealth = health(account, authFailed);
            return (
              <button
                key={account.id}
                type="button"
                role="menuitemradio"
                aria-checked={account.id === active.id}
                className="switcher__item"
                tabIndex={-1}
                data-testid="account-option"
                onClick={() => {
                  close(true);
                  select(account);
                }}
              >
                <StatusDot health={itemHealth} />
                <span className="switcher__text">
                  <span className="switcher__line">
                    <span className="switcher__label">{account.label}</span>
                    <ProviderBadges account={account} />
                  </span>
                  <AccountHint account={account} className="switcher__hint" />
                </span>
                <span className="switcher__end">
                  {account.id === active.id ? <CheckIcon size={14} /> : null}
                  {index < 9 ? <kbd className="switcher__kbd">{`${SHORTCUT_MODIFIER}${index + 1}`}</kbd> : null}
                </span>
              </button>
            );
          })}
          <div className="switcher__separator" role="separator" />
          <button type="button" role="menuitem" tabIndex={-1} className="switcher__action" onClick={() => {
              close(false);
              setDialog('rename');
            }}>
            Rename “{active.label}”…
          </button>
          {active.auth === 'session' && active.status === 'ok' ? (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="switcher__action"
              onClick={() => {
                close(false);
                setDialog('sign-out');
              }}
            >
              Sign out of “{active.label}”…
            </button>
          ) : null}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="switcher__action switcher__action--danger"
            onClick={() => {
              close(false);
              setDialog('remove');
            }}
          >
            Remove “{active.label}”…
          </button>
          <div className="switcher__separator" role="separator" />
          <button type="button" role="menuitem" tabIndex={-1} className="switcher__action" onClick={() => {
              close(false);
              onAddAccount();
            }}>
            Add account…
          </button>
        </div>
      ) : null}

      {dialog === 'rename' ? <RenameAccountDialog account={active} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? <RemoveAccountDialog account={active} onClose={() => setDialog(null)} /> : null}
      {dialog === 'sign-out' ? <SignOutDialog account={active} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')) : [];
}
