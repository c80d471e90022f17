import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary, ProviderKind } from '../../../electron/ipc/contract';
import { useAddAccount } from '../../api/hooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { OmniAccountForm, ProviderSwitch } from '../omni/OmniAccountForm';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { SegmentedSwitch } from '../../ui/SegmentedSwitch';
import { ChevronLeftIcon } from '../../ui/icons';
import { AddAccountActions, CredentialInput, fieldAria, FieldMessage } from './AccountFormParts';
import { DEFAULT_BASE_URL, LABEL_MAX, validateAccountForm, type FieldErrors, type FieldName } from './validation';
import { WeakEncryptionConsent } from './WeakEncryptionConsent';
import './account-forms.css';
import { SignInForm } from '../sign-in/SignInForm';

/** How an Omi account is added: signing in (the default, what api.omi.me needs) or a pasted credential. */
export type OmiAddMode = 'sign-in' | 'credential';

const OMI_MODES: readonly { value: OmiAddMode; label: string }[] = [
  { value: 'sign-in', label: 'Sign in to Omi' },
  { value: 'credential', label: 'Use an API credential' },
];

function OmiModeSwitch({ value, onChange, disabled }: { value: OmiAddMode; onChange: (mode: OmiAddMode) => void; disabled: boolean }) {
  return <SegmentedSwitch options={OMI_MODES} value={value} onChange={onChange} disabled={disabled} label="How to connect" testId="omi-mode-switch" />;
}

function hostOf(value: string): string {
  try {
    return new URL(value.trim()).host;
  } catch {
    return 'the server';
  }
}

export function AddAccountForm({
  onCancel,
  onAdded,
  initialMode = 'sign-in',
}: {
  onCancel: () => void;
  onAdded: (account: AccountSummary) => void;
  initialMode?: OmiAddMode;
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const [provider, setProvider] = useState<ProviderKind>('omi');
  const [mode, setMode] = useState<OmiAddMode>(initialMode);
  const [label, setLabel] = useState('Omi');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [credential, setCredential] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const addAccount = useAddAccount();
  // Main would refuse to store the credential: say why, and ask first.
  const needsConsent = useEncryptionConsent().blocked;
  const labelRef = useRef<HTMLInputElement>(null);
  const baseUrlRef = useRef<HTMLInputElement>(null);
  // The credential lives only in this component's state and, while a request runs, in the
  // add-account mutation (gcTime 0, reset after success): both go when the form unmounts.
  const credentialRef = useRef<HTMLInputElement>(null);

  const pending = addAccount.isPending;
  const serverErrorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (addAccount.error) serverErrorRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [addAccount.error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || needsConsent) return;
    const found = validateAccountForm({ label, baseUrl, credential });
    setErrors(found);
    const firstInvalid = (['label', 'baseUrl', 'credential'] as const).find((name) => found[name]);
    if (firstInvalid) {
      ({ label: labelRef, baseUrl: baseUrlRef, credential: credentialRef })[firstInvalid].current?.focus();
      return;
    }
    try {
      const account = await addAccount.mutateAsync({
        provider: 'omi',
        label: label.trim(),
        baseUrl: baseUrl.trim(),
        credential: credential.trim(),
      });
      setCredential('');
      addAccount.reset(); // the mutation's variables hold the credential
      onAdded(account);
    } catch {
      // Shown below from addAccount.error.
    }
  };

  const fieldProps = (name: FieldName) => ({ id: `${id}-${name}`, ...fieldAria(`${id}-${name}`, errors[name]), disabled: pending });

  return (
    <section className="page-card" aria-labelledby={titleId} data-testid="add-account-form">
      <button type="button" className="back-link" onClick={onCancel} disabled={pending}>
        <ChevronLeftIcon size={16} />
        Back
      </button>
      <div className="card card--padded">
        <div className="page-card__header">
          <h2 className="dialog__title" id={titleId}>
            {provider === 'omni' ? 'Add Omni instance' : 'Add Omi account'}
          </h2>
          <p className="dialog__subtitle">
            {provider === 'omni'
              ? 'DevKeys checks the token by listing your API tokens before it saves anything.'
              : mode === 'sign-in'
                ? 'Sign in with the Google or Apple account you use in the Omi app. DevKeys lists your keys to check the session before it saves anything.'
                : 'For self-hosted backends and the sandbox: a bearer credential that may manage keys. DevKeys checks it by listing your keys before it saves anything.'}
          </p>
        </div>
        <ProviderSwitch value={provider} onChange={setProvider} disabled={pending} />

        {provider === 'omi' ? <OmiModeSwitch value={mode} onChange={setMode} disabled={pending} /> : null}

        {provider === 'omi' && mode === 'sign-in' ? (
          <SignInForm onSignedIn={onAdded} />
        ) : provider === 'omni' ? (
          <OmniAccountForm
            onCancel={onCancel}
            onAdded={onAdded}
            labelledBy={titleId}
            notice={<WeakEncryptionConsent />}
          />
        ) : (
        <form className="form" onSubmit={submit} noValidate aria-labelledby={titleId}>
          {/* First, so the warning is read before a credential is typed. */}
          <WeakEncryptionConsent />

          <div className="field">
            <label className="field__label field__label--plain" htmlFor={`${id}-label`}>
              Label
            </label>
            <input
              {...fieldProps('label')}
              ref={labelRef}
              className="input"
              type="text"
              maxLength={LABEL_MAX}
              autoComplete="off"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
            />
            <FieldMessage
              fieldId={`${id}-label`}
              error={errors.label}
              hint={<>Shown in the account bar, e.g. &quot;Omi&quot; or &quot;Work backend&quot;.</>}
            />
          </div>

          <div className="field">
            <label className="field__label field__label--plain" htmlFor={`${id}-baseUrl`}>
              Base URL
            </label>
            <input
              {...fieldProps('baseUrl')}
              ref={baseUrlRef}
              className="input"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
            <FieldMessage fieldId={`${id}-baseUrl`} error={errors.baseUrl} hint="The API root. Self-hosted Omi backends work too." />
          </div>

          <div className="field">
            <label className="field__label field__label--plain" htmlFor={`${id}-credential`}>
              Bootstrap credential
            </label>
            <CredentialInput
              id={`${id}-credential`}
              inputRef={credentialRef}
              noun="credential"
              value={credential}
              error={errors.credential}
              disabled={pending}
              placeholder="omi_dev_… or a session token"
              onChange={setCredential}
            />
            <FieldMessage
              fieldId={`${id}-credential`}
              error={errors.credential}
              hint="A token that may list and create keys on this server. DevKeys saves it only after the server accepts it."
            />
          </div>

          <ErrorBanner error={addAccount.error} ref={serverErrorRef} />

          <AddAccountActions
            checking={pending ? `Checking the credential with ${hostOf(baseUrl)}` : null}
            busy={pending}
            blocked={needsConsent}
            submitLabel="Add account"
            onCancel={onCancel}
          />
        </form>
        )}
      </div>
    </section>
  );
}
