/** The Omni half of the add-account page: instance + API token, or the built-in Omni sandbox. */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AccountSummary, ProviderKind } from '../../../electron/ipc/contract';
import { useAddSandboxAccount } from '../../api/hooks';
import { useAddOmniAccount } from '../../api/omniHooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { EyeIcon, EyeOffIcon, FlaskIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { ErrorDetails } from '../keys/ErrorDetails';
import './omni.css';

const PROVIDERS: readonly { value: ProviderKind; label: string }[] = [
  { value: 'omi', label: 'Omi' },
  { value: 'omni', label: 'Omni' },
];

export function ProviderSwitch({
  value,
  onChange,
  disabled,
}: {
  value: ProviderKind;
  onChange: (provider: ProviderKind) => void;
  disabled?: boolean;
}) {
  return (
    <div className="provider-switch" role="group" aria-label="Account type" data-testid="provider-switch">
      {PROVIDERS.map((provider) => (
        <button
          key={provider.value}
          type="button"
          className="provider-switch__option"
          aria-pressed={value === provider.value}
          disabled={disabled}
          onClick={() => onChange(provider.value)}
        >
          {provider.label}
        </button>
      ))}
    </div>
  );
}

type OmniField = 'instance' | 'credential';

export function OmniAccountForm({
  onCancel,
  onAdded,
  labelledBy,
  notice,
}: {
  onCancel: () => void;
  onAdded: (account: AccountSummary) => void;
  labelledBy: string;
  /** Shown above the fields, e.g. the weak-keychain consent. */
  notice?: ReactNode;
}) {
  const id = useId();
  const [instance, setInstance] = useState('');
  const [credential, setCredential] = useState('');
  const [showCredential, setShowCredential] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<OmniField, string>>>({});
  const addAccount = useAddOmniAccount();
  const addSandbox = useAddSandboxAccount();
  const instanceRef = useRef<HTMLInputElement>(null);
  const credentialRef = useRef<HTMLInputElement>(null);
  const pending = addAccount.isPending || addSandbox.isPending;
  // Main would refuse to store the token (or the sandbox's) until the weak-keychain consent.
  const needsConsent = useEncryptionConsent().blocked;

  // The token lives only in this state and the add mutation (gcTime 0, reset after success);
  // blank the DOM input on unmount so no detached node keeps it.
  useEffect(() => {
    const input = credentialRef.current;
    return () => {
      if (input) input.value = '';
    };
  }, []);

  // Main normalizes the instance; its per-field answer belongs under the field.
  const serverFieldError = (name: OmniField) => addAccount.error?.fields?.find((field) => field.path === name)?.message;
  const fieldErrorText = (name: OmniField) => errors[name] ?? serverFieldError(name);
  const generalError = addAccount.error && !serverFieldError('instance') && !serverFieldError('credential') ? addAccount.error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || needsConsent) return;
    const found: Partial<Record<OmniField, string>> = {};
    if (!instance.trim()) found.instance = 'Enter your Omni instance name or URL.';
    if (!credential.trim()) found.credential = 'Enter an Omni API token.';
    else if (/\s/.test(credential.trim())) found.credential = 'The token must not contain spaces.';
    setErrors(found);
    if (found.instance || found.credential) {
      (found.instance ? instanceRef : credentialRef).current?.focus();
      return;
    }
    try {
      const account = await addAccount.mutateAsync({ instance: instance.trim(), credential: credential.trim() });
      setCredential('');
      addAccount.reset(); // the mutation's variables hold the token
      onAdded(account);
    } catch {
      // Shown below from addAccount.error.
    }
  };

  const describedBy = (name: OmniField) => (fieldErrorText(name) ? `${id}-${name}-error` : `${id}-${name}-hint`);
  const fieldMessage = (name: OmniField, hint: ReactNode) => {
    const error = fieldErrorText(name);
    return error ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        {error}
      </p>
    ) : (
      <p className="field__hint" id={`${id}-${name}-hint`}>
        {hint}
      </p>
    );
  };

  return (
    <>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={labelledBy} data-testid="omni-account-form">
        {notice}

        <div className="field">
          <label className="field__label field__label--plain" htmlFor={`${id}-instance`}>
            Instance (name or URL)
          </label>
          <input
            id={`${id}-instance`}
            ref={instanceRef}
            className="input"
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="myorg or https://myorg.omniapp.co"
            aria-invalid={fieldErrorText('instance') ? true : undefined}
            aria-describedby={describedBy('instance')}
            disabled={pending}
            value={instance}
            onChange={(event) => setInstance(event.target.value)}
          />
          {fieldMessage('instance', 'Your instance name, its host, or the full URL of a self-hosted Omni.')}
        </div>

        <div className="field">
          <label className="field__label field__label--plain" htmlFor={`${id}-credential`}>
            API token
          </label>
          <div className="input-group">
            <input
              id={`${id}-credential`}
              ref={credentialRef}
              className="input input--mono"
              type={showCredential ? 'text' : 'password'}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={fieldErrorText('credential') ? true : undefined}
              aria-describedby={describedBy('credential')}
              disabled={pending}
              value={credential}
              onChange={(event) => setCredential(event.target.value)}
            />
            <button
              type="button"
              className="input-group__toggle"
              aria-pressed={showCredential}
              aria-label={showCredential ? 'Hide token' : 'Show token'}
              onClick={() => setShowCredential((shown) => !shown)}
            >
              {showCredential ? <EyeOffIcon size={14} /> : <EyeIcon size={14} />}
              {showCredential ? 'Hide' : 'Show'}
            </button>
          </div>
          {fieldMessage(
            'credential',
            'An organization API key or a personal access token of an Organization Admin. It is stored encrypted.',
          )}
        </div>

        {generalError ? (
          <div className="banner banner--error" role="alert">
            <span className="banner__icon">
              <WarningIcon />
            </span>
            <div className="banner__body">
              <ErrorDetails error={generalError} />
            </div>
          </div>
        ) : null}

        <div className="form-actions">
          {addAccount.isPending ? (
            <span className="verifying" role="status">
              <Spinner size="sm" />
              Checking the token with Omni…
            </span>
          ) : null}
          <Button variant="secondary" size="lg" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" size="lg" disabled={pending || needsConsent}>
            {addAccount.isPending ? 'Verifying…' : 'Add instance'}
          </Button>
        </div>
      </form>

      <div className="omni-sandbox-offer">
        <span className="omni-sandbox-offer__icon">
          <FlaskIcon size={18} />
        </span>
        <p className="omni-sandbox-offer__text">No Omni instance at hand? A local sandbox has about 250 demo tokens.</p>
        <Button
          variant="secondary"
          size="sm"
          disabled={pending || needsConsent}
          icon={addSandbox.isPending ? <Spinner size="sm" /> : undefined}
          onClick={() => addSandbox.mutate({ provider: 'omni' }, { onSuccess: onAdded })}
        >
          Try the Omni sandbox
        </Button>
      </div>
      {addSandbox.error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">Couldn&apos;t start the Omni sandbox. {addSandbox.error.message}</p>
        </div>
      ) : null}
    </>
  );
}
