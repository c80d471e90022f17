import { useLayoutEffect, useState } from 'react';
import type { AccountSummary } from '../electron/ipc/contract';
import { useAccounts, useMainEvents, useAppInfo } from './api/hooks';
import { AccountBar } from './features/accounts/AccountBar';
import type { OmiAddMode } from './features/accounts/AddAccountForm';
import { LockedPanel } from './features/accounts/LockedPanel';
import { Welcome } from './features/accounts/Welcome';
import { DeveloperScreen } from './features/keys/DeveloperScreen';
import { usePinnedAccountId } from './features/keys/secretPin';
import { SignedOutPanel } from './features/sign-in/SignedOutPanel';
import { UpdateBanner } from './features/updates/UpdateBanner';
import { Button } from './ui/Button';
import { CloseIcon, RefreshIcon, WarningIcon } from './ui/icons';
import { lazyPart } from './ui/lazyPart';
import { Spinner } from './ui/Spinner';
import { useToast } from './ui/Toast';

// Not part of the Omi Developer screen, the usual first screen: loaded when shown (ui/lazyPart.tsx).
const AddAccountForm = lazyPart(() => import('./features/accounts/AddAccountForm').then((m) => m.AddAccountForm), <PartLoading />);
const TokensView = lazyPart(() => import('./features/omni/TokensView').then((m) => m.TokensView), <PartLoading />);

function PartLoading() {
  return (
    <div className="state">
      <Spinner size="lg" label="Loading" />
    </div>
  );
}

type View = { kind: 'main' } | { kind: 'add'; mode: OmiAddMode };

/** Start-up problems main wants the user to know about (e.g. a settings file moved aside). */
function Notices() {
  const notices = useAppInfo().data?.notices ?? [];
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(() => new Set());
  const visible = notices.map((text, index) => ({ text, index })).filter(({ index }) => !dismissed.has(index));
  if (visible.length === 0) return null;
  return (
    <div className="notices">
      {visible.map(({ text, index }) => (
        <div key={index} className="banner banner--amber" role="alert" data-testid="notice-banner">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">{text}</p>
          <button
            type="button"
            className="banner__close"
            aria-label="Dismiss notice"
            onClick={() => setDismissed((set) => new Set(set).add(index))}
          >
            <CloseIcon size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

export function App() {
  useMainEvents();
  const accounts = useAccounts();
  const pinnedAccountId = usePinnedAccountId();
  const [view, setView] = useState<View>({ kind: 'main' });
  const toast = useToast();
  // Each screen (another account, the add form, back from it) starts at its top: the window keeps
  // its scroll otherwise, and a sign-in from a scrolled form opened the key list half-way down.
  const shownScreen = `${view.kind}:${pinnedAccountId ?? accounts.data?.activeAccountId ?? ''}`;
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [shownScreen]);

  if (accounts.isPending) {
    return (
      <main className="center-fill">
        <Spinner size="lg" label="Loading DevKeys" />
      </main>
    );
  }

  if (accounts.isError) {
    return (
      <main className="center-fill">
        <div className="state" role="alert">
          <span className="state__icon state__icon--error">
            <WarningIcon size={26} />
          </span>
          <h1 className="state__title">Couldn&apos;t load your accounts.</h1>
          <p className="state__text">{accounts.error.message}</p>
          <div className="state__actions">
            <Button icon={<RefreshIcon size={14} />} onClick={() => void accounts.refetch()}>
              Retry
            </Button>
          </div>
        </div>
      </main>
    );
  }

  const { accounts: list, activeAccountId } = accounts.data;
  const shownAccountId = pinnedAccountId ?? activeAccountId;
  const active = list.find((account) => account.id === shownAccountId) ?? list[0];

  const onAdded = (account: AccountSummary) => {
    setView({ kind: 'main' });
    toast(`Added “${account.label}”`);
  };

  const addForm =
    view.kind === 'add' ? <AddAccountForm initialMode={view.mode} onCancel={() => setView({ kind: 'main' })} onAdded={onAdded} /> : null;

  if (!active) {
    return (
      <>
        <UpdateBanner />
        <div className="container notices-top">
          <Notices />
        </div>
        {addForm ? <main className="container app-main">{addForm}</main> : <Welcome onAddAccount={(mode) => setView({ kind: 'add', mode })} />}
      </>
    );
  }

  return (
    <>
      <UpdateBanner />
      <AccountBar accounts={list} active={active} onAddAccount={() => setView({ kind: 'add', mode: 'sign-in' })} />
      <main className="container app-main">
        <Notices />
        {addForm ??
          (active.status === 'locked' ? (
            <LockedPanel key={active.id} account={active} />
          ) : active.status === 'signed_out' ? (
            <SignedOutPanel key={active.id} account={active} />
          ) : active.provider === 'omi' ? (
            <DeveloperScreen key={active.id} account={active} />
          ) : (
            <TokensView key={active.id} account={active} />
          ))}
      </main>
    </>
  );
}
