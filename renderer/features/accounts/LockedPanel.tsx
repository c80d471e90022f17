import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useEncryptionConsent, useResetSandboxAccount, useUpdateCredential } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { LockIcon, RefreshIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { CredentialInput, FieldMessage } from './AccountFormParts';
import { RemoveAccountConfirm } from './RemoveAccountConfirm';
import { WeakEncryptionConsent } from './WeakEncryptionConsent';
import { SignInAgain } from '../sign-in/SignedOutPanel';
import './credentials.css';

/** The quieter button beside a repair action: "Remove account", "Cancel", "Retry". */
interface SecondaryAction {
  label: string;
  onClick: () => void;
}

/** Shown instead of the key list when an account's stored credential no longer decrypts. */
export function LockedPanel({ account }: { account: AccountSummary }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  const removeAction = { label: 'Remove account', onClick: () => setConfirmRemove(true) };

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
          keychain changed.{' '}
          {account.isSandbox
            ? 'Reset the sandbox account to get a new sandbox user with fresh demo keys.'
            : 'Enter the credential again to keep managing its keys.'}{' '}
          Keys on the server are not affected.
        </p>
        {confirmRemove ? (
          <RemoveAccountConfirm account={account} onCancel={() => setConfirmRemove(false)} />
        ) : account.isSandbox ? (
          <ResetSandbox account={account} secondary={removeAction} />
        ) : (
          <ReenterCredential account={account} secondary={removeAction} />
        )}
      </div>
    </section>
  );
}

/**
 * Under a key list the server refused (401/403): the stored credential was revoked or expired.
 * Offers the same repair as a locked account: re-enter a credential, or reset a sandbox account.
 */
export function RejectedCredentialRepair({ account, onRetry }: { account: AccountSummary; onRetry: () => void }) {
  const [reentering, setReentering] = useState(false);
  const retry = { label: 'Retry', onClick: onRetry };
  if (account.auth === 'session') {
    return (
      <>
        <p className="state__text">Omi refused your signed-in session even after refreshing it. Sign in again to get a new one.</p>
        <SignInAgain account={account} secondary={retry} />
      </>
    );
  }
  if (account.isSandbox) {
    return (
      <>
        <p className="state__text">If DevKeys&apos; sandbox key was revoked, reset the sandbox account to get a new sandbox user with fresh demo keys.</p>
        <ResetSandbox account={account} secondary={retry} />
      </>
    );
  }
  return (
    <>
      <p className="state__text">If the credential was revoked or expired, re-enter a working one.</p>
      {reentering ? (
        <ReenterCredential account={account} secondary={{ label: 'Cancel', onClick: () => setReentering(false) }} focusOnOpen />
      ) : (
        <div className="state__actions">
          <Button variant="primary" onClick={() => setReentering(true)}>
            Re-enter credential
          </Button>
          <Button variant="secondary" icon={<RefreshIcon size={14} />} onClick={onRetry}>
            Retry
          </Button>
        </div>
      )}
    </>
  );
}

function ReenterCredential({
  account,
  secondary,
  focusOnOpen = false,
}: {
  account: AccountSummary;
  secondary: SecondaryAction;
  /** Opened by a button that is now gone: take the focus. */
  focusOnOpen?: boolean;
}) {
  const id = useId();
  const [credential, setCredential] = useState('');
  const [missing, setMissing] = useState(false);
  const update = useUpdateCredential();
  const needsConsent = useEncryptionConsent().blocked;
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const what = account.provider === 'omni' ? 'API token' : 'Bootstrap credential';
  const locked = account.status === 'locked';
  useEffect(() => {
    if (focusOnOpen) inputRef.current?.focus();
  }, [focusOnOpen]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending || needsConsent) return;
    if (!credential.trim()) {
      setMissing(true);
      inputRef.current?.focus();
      return;
    }
    try {
      await update.mutateAsync({ accountId: account.id, credential: credential.trim() });
      setCredential('');
      update.reset(); // the mutation's variables hold the credential
      toast(locked ? `Unlocked “${account.label}”` : `Saved the new credential for “${account.label}”`);
    } catch {
      // Shown below from update.error.
    }
  };

  const fieldId = `${id}-credential`;
  return (
    <form className="form locked-form" onSubmit={submit} noValidate data-testid="reenter-credential-form">
      <WeakEncryptionConsent />
      <div className="field">
        <label className="field__label field__label--plain" htmlFor={fieldId}>
          {what}
        </label>
        <CredentialInput
          id={fieldId}
          inputRef={inputRef}
          noun="credential"
          value={credential}
          error={missing ? 'Enter the credential.' : null}
          disabled={update.isPending}
          placeholder={`Stored one: ${account.credentialHint}`}
          onChange={(value) => {
            setCredential(value);
            setMissing(false);
          }}
        />
        <FieldMessage
          fieldId={fieldId}
          error={missing ? 'Enter the credential.' : null}
          hint={`DevKeys checks it with ${account.baseUrl} before saving it.`}
        />
      </div>

      <ErrorBanner error={update.error} />

      <div className="form-actions">
        <Button variant="ghost" onClick={secondary.onClick} disabled={update.isPending}>
          {secondary.label}
        </Button>
        <Button
          type="submit"
          variant="primary"
          disabled={update.isPending || needsConsent}
          icon={update.isPending ? <Spinner size="sm" /> : undefined}
        >
          {update.isPending ? 'Verifying…' : locked ? 'Unlock' : 'Save credential'}
        </Button>
      </div>
    </form>
  );
}

function ResetSandbox({ account, secondary }: { account: AccountSummary; secondary: SecondaryAction }) {
  const reset = useResetSandboxAccount();
  const needsConsent = useEncryptionConsent().blocked;
  const toast = useToast();
  return (
    <>
      <WeakEncryptionConsent className="mt-12" />
      <ErrorBanner error={reset.error} prefix="Couldn't reset the sandbox account. " className="mt-12" />
      <div className="state__actions">
        <Button
          variant="primary"
          disabled={reset.isPending || needsConsent}
          icon={reset.isPending ? <Spinner size="sm" /> : undefined}
          onClick={() => reset.mutate({ accountId: account.id }, { onSuccess: () => toast(`Reset “${account.label}”`) })}
        >
          Reset sandbox account
        </Button>
        <Button variant="ghost" onClick={secondary.onClick} disabled={reset.isPending}>
          {secondary.label}
        </Button>
      </div>
    </>
  );
}
