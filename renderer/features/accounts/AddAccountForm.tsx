import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountSummary, ProviderKind } from '../../../electron/ipc/contract';
import { useAddAccount } from '../../api/hooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { ErrorDetails } from '../keys/ErrorDetails';
import { OmniAccountForm, ProviderSwitch } from '../omni/OmniAccountForm';
import { Button } from '../../ui/Button';
import { ChevronLeftIcon, EyeIcon, EyeOffIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { DEFAULT_BASE_URL, LABEL_MAX, validateAccountForm, type FieldErrors, type FieldName } from './validation';
import { WeakEncryptionConsent } from './WeakEncryptionConsent';


function hostOf(value: string): string {
  try {
    return new URL(value.trim()).host;
  } catch {
    return 'the server';
  }
}

export function AddAccountForm({ onCancel, onAdded }: { onCancel: () => void; onAdded: (account: AccountSummary) => void }) {
  const id = useId();
  const titleId = `${id}-title`;
  const [provider, setProvider] = useState<ProviderKind>('omi');
  const [label, setLabel] = useState('Omi');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [credential, setCredential] = useState('');
  const [showCredential, setShowCredential] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const addAccount = useAddAccount();
  // Main would refuse to store the credential: say why, and ask first.
  const needsConsent = useEncryptionConsent().blocked;
  const labelRef = useRef<HTMLInputElement>(null);
  const baseUrlRef = useRef<HTMLInputElement>(null);
  const credentialRef = useRef<HTMLInputElement>(null);

  // The credential lives only in this component's state and, while a request runs, in the
  // add-account mutation (gcTime 0, reset after success): both go when the form unmounts.
  // Also blank the DOM input on unmount so no detached node keeps the text.
  useEffect(() => {
    const input = credentialRef.current;
    return () => {
      if (input) input.value = '';
    };
  }, [credentialRef]);

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
      const account = await addAccount.mutateAsync({ label: label.trim(), baseUrl: baseUrl.trim(), credential: credential.trim() });
      setCredential('');
      addAccount.reset(); // the mutation's variables hold the credential
      onAdded(account);
    } catch {
      // Shown below from addAccount.error.
    }
  };

  const fieldProps = (name: FieldName) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : `${id}-${name}-hint`,
    disabled: pending,
  });

  const fieldError = (name: FieldName) =>
    errors[name] ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

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
              : 'DevKeys checks the credential by listing your keys before it saves anything.'}
          </p>
        </div>
        <ProviderSwitch value={provider} onChange={setProvider} disabled={pending} />

        {provider === 'omni' ? (
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
            {fieldError('label') ?? (
              <p className="field__hint" id={`${id}-label-hint`}>
                Shown in the account bar, e.g. &quot;Omi&quot; or &quot;Work backend&quot;.
              </p>
            )}
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
            {fieldError('baseUrl') ?? (
              <p className="field__hint" id={`${id}-baseUrl-hint`}>
                The API root. Self-hosted Omi backends work too.
              </p>
            )}
          </div>

          <div className="field">
            <label className="field__label field__label--plain" htmlFor={`${id}-credential`}>
              Bootstrap credential
            </label>
            <div className="input-group">
              <input
                {...fieldProps('credential')}
                ref={credentialRef}
                className="input input--mono"
                type={showCredential ? 'text' : 'password'}
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                placeholder="omi_dev_… or a session token"
                value={credential}
                onChange={(e) => setCredential(e.target.value)}
              />
              <button
                type="button"
                className="input-group__toggle"
                aria-pressed={showCredential}
                aria-label={showCredential ? 'Hide credential' : 'Show credential'}
                onClick={() => setShowCredential((v) => !v)}
              >
                {showCredential ? <EyeOffIcon size={14} /> : <EyeIcon size={14} />}
                {showCredential ? 'Hide' : 'Show'}
              </button>
            </div>
            {fieldError('credential') ?? (
              <p className="field__hint" id={`${id}-credential-hint`}>
                A token that may list and create keys on this server. DevKeys saves it only after the server accepts it.
              </p>
            )}
          </div>

          {addAccount.error ? (
            <div className="banner banner--error" role="alert" ref={serverErrorRef}>
              <span className="banner__icon">
                <WarningIcon />
              </span>
              <div className="banner__body">
                <ErrorDetails error={addAccount.error} />
              </div>
            </div>
          ) : null}

          <div className="form-actions">
            {pending ? (
              <span className="verifying" role="status">
                <Spinner size="sm" />
                Checking the credential with {hostOf(baseUrl)}
              </span>
            ) : null}
            <Button variant="secondary" size="lg" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" size="lg" disabled={pending || needsConsent}>
              {pending ? 'Verifying…' : 'Add account'}
            </Button>
          </div>
        </form>
        )}
      </div>
    </section>
  );
}
