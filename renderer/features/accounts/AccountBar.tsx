/** The header: app name, the account switcher, the activity log and "+ Add account". */
import { useState } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { Button } from '../../ui/Button';
import { ClockIcon, KeyIcon } from '../../ui/icons';
import { AboutButton } from '../updates/AboutButton';
import { AccountSwitcher } from './AccountSwitcher';
import { lazyPart } from '../../ui/lazyPart';
import './account-bar.css';

const ActivityPanel = lazyPart(() => import('../activity/ActivityPanel').then((m) => m.ActivityPanel));

export function Brand() {
  return (
    <h1 className="brand">
      <span className="brand__logo" aria-hidden="true">
        <KeyIcon size={16} strokeWidth={2.25} />
      </span>
      DevKeys
    </h1>
  );
}

export function AccountBar({
  accounts,
  active,
  onAddAccount,
}: {
  accounts: readonly AccountSummary[];
  active: AccountSummary;
  onAddAccount: () => void;
}) {
  const [showingActivity, setShowingActivity] = useState(false);

  return (
    <header className="app-header" data-testid="account-bar">
      <div className="container app-header__inner">
        <Brand />
        <div className="account-info">
          <AccountSwitcher accounts={accounts} active={active} onAddAccount={onAddAccount} />
          <Button variant="ghost" size="sm" icon={<ClockIcon size={14} />} onClick={() => setShowingActivity(true)} data-testid="activity-button">
            Activity
          </Button>
          <Button variant="secondary" size="sm" onClick={onAddAccount}>
            + Add account
          </Button>
          <AboutButton />
        </div>
      </div>
      {showingActivity ? <ActivityPanel account={active} onClose={() => setShowingActivity(false)} /> : null}
    </header>
  );
}
