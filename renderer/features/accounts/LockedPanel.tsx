import { useState } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useRemoveAccount } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { LockIcon, WarningIcon } from '../../ui/icons';

/** Shown instead of the key list when an account's stored credential no longer decrypts. */
export function LockedPanel({ account, onReenter }: { account: AccountSummary; onReenter: () => void }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  const remove = useRemoveAccount();

  return (
    <section className="card" aria-labelledby="locked-title" data-testid="locked-panel">
      <div className="state">
        <span className="state__icon state__icon--amber">
          <LockIcon size={26} />
        </span>
        <h2 className="state__title" id="locked-title">
          Locked — re-enter credential
        </h2>
        <p className="state__text">
          DevKeys can no longer decrypt the stored credential for “{account.label}”, for example because the system
          keychain changed. {account.isSandbox ? 'Recreate the sandbox account' : 'Enter the bootstrap credential again'}{' '}
          to keep managing its keys. Keys on the server are not affected.
        </p>
        {remove.error ? (
          <div className="banner banner--error mt-12" role="alert">
            <span className="banner__icon">
              <WarningIcon />
            </span>
            <p className="banner__body">Couldn&apos;t remove the account. {remove.error.message}</p>
          </div>
        ) : null}
        {confirmRemove ? (
          <div className="confirm" role="group" aria-labelledby="locked-remove-title">
            <p className="confirm__title" id="locked-remove-title">
              Remove “{account.label}” from DevKeys?
            </p>
            <p className="confirm__text">Its keys stay on the server; only this app forgets the account.</p>
            <div className="confirm__actions">
              <Button size="sm" onClick={() => setConfirmRemove(false)} disabled={remove.isPending}>
                Cancel
              </Button>
              <Button
                size="sm"
                variant="danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ accountId: account.id })}
              >
                {remove.isPending ? 'Removing…' : 'Remove account'}
              </Button>
            </div>
          </div>
        ) : (
          <div className="state__actions">
            <Button variant="primary" onClick={onReenter}>
              {account.isSandbox ? 'Recreate sandbox account' : 'Re-enter credential'}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmRemove(true)}>
              Remove account
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
