/** The inline "Remove … from DevKeys?" question of a panel that replaces an account's key lists (locked, signed out). */
import { useId } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useRemoveAccount } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';

export function RemoveAccountConfirm({ account, onCancel }: { account: AccountSummary; onCancel: () => void }) {
  const titleId = useId();
  const remove = useRemoveAccount();
  return (
    <>
      <ErrorBanner error={remove.error} prefix="Couldn't remove the account. " className="mt-12" />
      <div className="confirm" role="group" aria-labelledby={titleId}>
        <p className="confirm__title" id={titleId}>
          Remove “{account.label}” from DevKeys?
        </p>
        <p className="confirm__text">Its keys stay on the server; only this app forgets the account.</p>
        <div className="confirm__actions">
          <Button size="sm" onClick={onCancel} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button size="sm" variant="danger" disabled={remove.isPending} onClick={() => remove.mutate({ accountId: account.id })}>
            {remove.isPending ? 'Removing…' : 'Remove account'}
          </Button>
        </div>
      </div>
    </>
  );
}
