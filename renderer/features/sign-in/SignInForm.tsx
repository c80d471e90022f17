/**
 * "Sign in to Omi": Continue with Google or Apple, through Omi's backend in the system browser.
 * Advanced (collapsed) points it at another backend: API base, Firebase Web API key, emulator.
 */
import { useId, useState } from 'react';
import type { AccountSummary, SignInProvider } from '../../../electron/ipc/contract';
import { isQuietSignInError, useSignIn } from '../../api/signInHooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { fieldAria, FieldMessage } from '../accounts/AccountFormParts';
import { WeakEncryptionConsent } from '../accounts/WeakEncryptionConsent';
import { ProviderButtons, SignInWaiting } from './SignInParts';
import { advancedArgs, hostOf, OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY, validateAdvanced, type AdvancedErrors, type AdvancedField, type AdvancedValues } from './validation';

export function SignInForm({ onSignedIn }: { onSignedIn: (account: AccountSummary) => void }) {
  const id = useId();
  const signIn = useSignIn();
  const blocked = useEncryptionConsent().blocked;
  const [values, setValues] = useState<AdvancedValues>({ apiBase: OMI_API_BASE, firebaseApiKey: OMI_FIREBASE_WEB_API_KEY, authEmulatorHost: '' });
  const [errors, setErrors] = useState<AdvancedErrors>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);

  const start = (provider: SignInProvider) => {
    const found = validateAdvanced(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAdvancedOpen(true);
      return;
    }
    // Through the promise, not mutate's callback: a first account changes the layout this form is
    // in (it remounts), and a callback of an unmounted form is never called. Errors show below.
    signIn.mutateAsync({ provider, ...advancedArgs(values) }).then(onSignedIn, () => undefined);
  };

  const field = (name: AdvancedField, label: string, hint: string, placeholder?: string) => (
    <div className="field">
      <label className="field__label field__label--plain" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        className={name === 'apiBase' ? 'input' : 'input input--mono'}
        type={name === 'apiBase' ? 'url' : 'text'}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={values[name]}
        disabled={signIn.isPending}
        {...fieldAria(`${id}-${name}`, errors[name])}
        onChange={(event) => setValues((v) => ({ ...v, [name]: event.target.value }))}
      />
      <FieldMessage fieldId={`${id}-${name}`} error={errors[name]} hint={hint} />
    </div>
  );

  return (
    <div className="sign-in-form" data-testid="sign-in-form">
      <WeakEncryptionConsent />
      {signIn.isPending ? (
        <SignInWaiting host={hostOf(signIn.variables.apiBase ?? OMI_API_BASE)} provider={signIn.variables.provider} />
      ) : (
        <>
          <ProviderButtons onChoose={start} disabled={blocked} />
          <p className="sign-in-form__note">
            DevKeys opens Omi&apos;s sign-in page in your web browser, as Omi&apos;s own desktop apps do. It keeps the session encrypted on this
            computer and never sees your Google or Apple password.
          </p>
        </>
      )}
      {isQuietSignInError(signIn.error) ? null : <ErrorBanner error={signIn.error} prefix="Couldn't sign in. " className="mt-12" />}

      <details className="advanced" open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary className="advanced__summary">Advanced</summary>
        <div className="advanced__body">
          {field('apiBase', 'API base URL', 'The Omi backend to sign in to. Self-hosted backends work too.')}
          {field('firebaseApiKey', 'Firebase Web API key', "The public key of the backend's Firebase project (api.omi.me's is filled in).")}
          {field('authEmulatorHost', 'Firebase Auth emulator host (optional)', 'For self-hosted and test backends: host:port on this machine.', '127.0.0.1:9099')}
        </div>
      </details>
    </div>
  );
}
