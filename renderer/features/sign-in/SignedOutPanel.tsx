/** Instead of the key lists when a signed-in account's session ended: one button signs in again. */
import { useState } from 'react';
import type { AccountSummary } from '../../../electron/ipc/contract';
import { isQuietSignInError, useSignIn } from '../../api/signInHooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { UserIcon } from '../../ui/icons';
import { useToast } from '../../ui/Toast';
import { RemoveAccountConfirm } from '../accounts/RemoveAccountConfirm';
import { WeakEncryptionConsent } from '../accounts/WeakEncryptionConsent';
import { PROVIDER_NAMES, SignInWaiting } from './SignInParts';

export function SignedOutPanel({ account }: { account: AccountSummary }) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  return (
    <section className="card" aria-labelledby="signed-out-title" data-testid="signed-out-panel">
      <div className="state">
        <span className="state__icon state__icon--amber">
          <UserIcon size={26} />
        </span>
        <h2 className="state__title" id="signed-out-title">
          Signed out — sign in again
        </h2>
        <p className="state__text">
          {account.statusDetail ?? 'Your Omi session ended.'} Sign in again to manage the keys of “{account.label}”
          {account.person?.email && account.person.email !== account.label ? ` (${account.person.email})` : ''}. Keys on the server keep working; the account and its activity log stay here.
        </p>
        {confirmRemove ? (
          <RemoveAccountConfirm account={account} onCancel={() => setConfirmRemove(false)} />
        ) : (
          <SignInAgain account={account} secondary={{ label: 'Remove account', onClick: () => setConfirmRemove(true) }} />
        )}
      </div>
    </section>
  );
}

/** "Sign in again" for a signed-in account (signed out, or a session Omi keeps refusing), with the browser wait. */
export function SignInAgain({ account, secondary }: { account: AccountSummary; secondary?: { label: string; onClick: () => void } }) {
  const signIn = useSignIn();
  const blocked = useEncryptionConsent().blocked;
  const toast = useToast();
  const provider = account.person?.provider ?? 'google';
  const host = account.isSandbox ? 'the sandbox' : new URL(account.baseUrl).host;
  return (
    <>
      <WeakEncryptionConsent className="mt-12" />
      {signIn.isPending && !account.isSandbox ? <SignInWaiting host={host} provider={provider} /> : null}
      {isQuietSignInError(signIn.error) ? null : <ErrorBanner error={signIn.error} prefix="Couldn't sign in. " className="mt-12" />}
      {signIn.isPending && !account.isSandbox ? null : (
        <div className="state__actions">
          <Button
            variant="primary"
            disabled={signIn.isPending || blocked}
            onClick={() => signIn.mutate({ provider, accountId: account.id }, { onSuccess: () => toast(`Signed in to “${account.label}” again`) })}
          >
            {signIn.isPending ? 'Signing in…' : account.isSandbox ? 'Sign in again' : `Sign in again with ${PROVIDER_NAMES[provider]}`}
          </Button>
          {secondary ? (
            <Button variant="ghost" onClick={secondary.onClick} disabled={signIn.isPending}>
              {secondary.label}
            </Button>
          ) : null}
        </div>
      )}
    </>
  );
}
