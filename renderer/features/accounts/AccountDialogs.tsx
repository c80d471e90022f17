/** Rename, remove and sign out of an account: small dialogs opened from the account switcher. */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useRenameAccount } from '../../api/accountHooks';
import { useRemoveAccount } from '../../api/hooks';
import { useSignOut } from '../../api/signInHooks';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { useToast } from '../../ui/Toast';
import { LABEL_MAX } from './validation';

export function RenameAccountDialog({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [label, setLabel] = useState(account.label);
  const [empty, setEmpty] = useState(false);
  const rename = useRenameAccount();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rename.isPending) return;
    if (!label.trim()) {
      setEmpty(true);
      inputRef.current?.focus();
      return;
    }
    rename.mutate({ accountId: account.id, label: label.trim() }, { onSuccess: onClose });
  };

  return (
    <Dialog onClose={onClose} labelledBy={titleId} initialFocus={inputRef} size="sm" testId="rename-account-dialog">
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Rename account
        </h2>
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label field__label--plain" htmlFor={`${titleId}-label`}>
            Label
          </label>
          <input
            ref={inputRef}
            id={`${titleId}-label`}
            className="input"
            type="text"
            maxLength={LABEL_MAX}
            autoComplete="off"
            value={label}
            aria-invalid={empty || undefined}
            onChange={(event) => {
              setLabel(event.target.value);
              setEmpty(false);
            }}
          />
          {empty ? <p className="field__error">Enter a label.</p> : null}
        </div>
        <ErrorBanner error={rename.error} />
        <div className="dialog__footer">
          <Button variant="secondary" size="lg" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" size="lg" disabled={rename.isPending}>
            {rename.isPending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function RemoveAccountDialog({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  const remove = useRemoveAccount();
  const toast = useToast();

  const confirm = () => {
    if (remove.isPending) return;
    remove.mutate(
      { accountId: account.id },
      {
        onSuccess: () => {
          toast(`Removed “${account.label}”`);
          onClose();
        },
      },
    );
  };

  return (
    <ConfirmDialog
      title="Remove account?"
      text={
        <>
          DevKeys forgets “{account.label}”, its stored credential and its activity log. Its keys stay on the server and keep
          working.
        </>
      }
      confirmLabel="Remove account"
      pendingLabel="Removing…"
      confirmVariant="danger"
      pending={remove.isPending}
      confirmDisabled={remove.isPending}
      error={remove.error}
      errorPrefix="Couldn't remove the account: "
      onConfirm={confirm}
      onClose={onClose}
      testId="remove-account-dialog"
    />
  );
}

/** Sign out deletes the stored session; the account stays (signed out) and signing in again restores it. */
export function SignOutDialog({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  const signOut = useSignOut();
  const toast = useToast();
  return (
    <ConfirmDialog
      title="Sign out?"
      text={
        <>
          DevKeys deletes its stored session for “{account.label}”
          {account.person?.email && account.person.email !== account.label ? ` (${account.person.email})` : ''}. The account and
          its activity log stay here, and your keys keep working on the server. Sign in again at any time.
        </>
      }
      confirmLabel="Sign out"
      pendingLabel="Signing out…"
      confirmVariant="primary"
      pending={signOut.isPending}
      confirmDisabled={signOut.isPending}
      error={signOut.error}
      errorPrefix="Couldn't sign out: "
      onConfirm={() =>
        signOut.mutate(
          { accountId: account.id },
          {
            onSuccess: () => {
              toast(`Signed out of “${account.label}”`);
              onClose();
            },
          },
        )
      }
      onClose={onClose}
      testId="sign-out-dialog"
    />
  );
}
