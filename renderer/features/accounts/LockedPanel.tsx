import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { useRemoveAccount } from '../../api/hooks';
import { useEncryptionConsent, useResetSandboxAccount, useUpdateCredential } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { EyeIcon, EyeOffIcon, LockIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { ErrorDetails } from '../keys/ErrorDetails';
import { WeakEncryptionConsent } from './WeakEncryptionConsent';
import './credentials.css';

/** Shown instead of the key list when an account's stored credential no longer decrypts. */
export function LockedPanel({ account }: { account: AccountSummary }) {
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
          keychain changed.{' '}
          {account.isSandbox
            ? 'Reset the sandbox account to get a new sandbox user with fresh demo keys.'
            : 'Enter the credential again to keep managing its keys.'}{' '}
          Keys on the server are not affected.
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
        ) : account.isSandbox ? (
          <ResetSandbox account={account} onRemove={() => setConfirmRemove(true)} />
        ) : (
          <ReenterCredential account={account} onRemove={() => setConfirmRemove(true)} />
        )}
      </div>
    </section>
  );
}

function ReenterCredential({ account, onRemove }: { account: AccountSummary; onRemove: () => void }) {
  const id = useId();
  const [credential, setCredential] = useState('');
  const [show, setShow] = useState(false);
  const [missing, setMissing] = useState(false);
  const update = useUpdateCredential();
  const needsConsent = useEncryptionConsent().blocked;
  const toast = useToast();
  const inputRef = useRef<HTMLInputElement>(null);
  const what = account.provider === 'omni' ? 'API token' : 'Bootstrap credential';

  // As in AddAccountForm: blank the DOM input on unmount so no detached node keeps the text.
  useEffect(() => {
    const input = inputRef.current;
    return () => {
      if (input) input.value = '';
    };
  }, []);

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
      toast(`Unlocked “${account.label}”`);
    } catch {
      // Shown below from update.error.
    }
  };

  const errorId = `${id}-error`;
  return (
    <form className="form locked-form" onSubmit={submit} noValidate data-testid="reenter-credential-form">
      <WeakEncryptionConsent />
      <div className="field">
        <label className="field__label field__label--plain" htmlFor={`${id}-credential`}>
          {what}
        </label>
        <div className="input-group">
          <input
            ref={inputRef}
            id={`${id}-credential`}
            className="input input--mono"
            type={show ? 'text' : 'password'}
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            placeholder={`Stored one: ${account.credentialHint}`}
            value={credential}
            disabled={update.isPending}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? errorId : `${id}-hint`}
            onChange={(event) => {
              setCredential(event.target.value);
              setMissing(false);
            }}
          />
          <button
            type="button"
            className="input-group__toggle"
            aria-pressed={show}
            aria-label={show ? 'Hide credential' : 'Show credential'}
            onClick={() => setShow((shown) => !shown)}
          >
            {show ? <EyeOffIcon size={14} /> : <EyeIcon size={14} />}
            {show ? 'Hide' : 'Show'}
          </button>
        </div>
        {missing ? (
          <p className="field__error" id={errorId}>
            Enter the credential.
          </p>
        ) : (
          <p className="field__hint" id={`${id}-hint`}>
            DevKeys checks it with {account.baseUrl} before saving it.
          </p>
        )}
      </div>

      {update.error ? (
        <div className="banner banner--error" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <div className="banner__body">
            <ErrorDetails error={update.error} />
          </div>
        </div>
      ) : null}

      <div className="form-actions">
        <Button variant="ghost" onClick={onRemove} disabled={update.isPending}>
          Remove account
        </Button>
        <Button
          type="submit"
          variant="primary"
          disabled={update.isPending || needsConsent}
          icon={update.isPending ? <Spinner size="sm" /> : undefined}
        >
          {update.isPending ? 'Verifying…' : 'Unlock'}
        </Button>
      </div>
    </form>
  );
}

function ResetSandbox({ account, onRemove }: { account: AccountSummary; onRemove: () => void }) {
  const reset = useResetSandboxAccount();
  const needsConsent = useEncryptionConsent().blocked;
  const toast = useToast();
  return (
    <>
      <WeakEncryptionConsent className="mt-12" />
      {reset.error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">Couldn&apos;t reset the sandbox account. {reset.error.message}</p>
        </div>
      ) : null}
      <div className="state__actions">
        <Button
          variant="primary"
          disabled={reset.isPending || needsConsent}
          icon={reset.isPending ? <Spinner size="sm" /> : undefined}
          onClick={() => reset.mutate({ accountId: account.id }, { onSuccess: () => toast(`Reset “${account.label}”`) })}
        >
          Reset sandbox account
        </Button>
        <Button variant="ghost" onClick={onRemove} disabled={reset.isPending}>
          Remove account
        </Button>
      </div>
    </>
  );
}
