/** The Omni half of the add-account page: instance + API token, or the built-in Omni sandbox. */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AccountSummary, ProviderKind } from '../../../electron/ipc/contract';
import { useAddAccount, useAddSandboxAccount } from '../../api/hooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { SegmentedSwitch } from '../../ui/SegmentedSwitch';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { FlaskIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { AddAccountActions, CredentialInput, fieldAria, FieldMessage } from '../accounts/AccountFormParts';
import { validateOmniAccountForm, type OmniFieldErrors, type OmniFieldName } from '../accounts/validation';
import './omni.css';

const PROVIDERS: readonly { value: ProviderKind; label: string }[] = [
  { value: 'omi', label: 'Omi' },
  { value: 'omni', label: 'Omni' },
];

export function ProviderSwitch({ value, onChange, disabled }: { value: ProviderKind; onChange: (provider: ProviderKind) => void; disabled?: boolean }) {
  return <SegmentedSwitch options={PROVIDERS} value={value} onChange={onChange} disabled={disabled} label="Account type" testId="provider-switch" />;
}

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
  // The token lives only in this state and the add mutation (gcTime 0, reset after success).
  const [credential, setCredential] = useState('');
  const [errors, setErrors] = useState<OmniFieldErrors>({});
  const addAccount = useAddAccount();
  const addSandbox = useAddSandboxAccount();
  const instanceRef = useRef<HTMLInputElement>(null);
  const credentialRef = useRef<HTMLInputElement>(null);
  const pending = addAccount.isPending || addSandbox.isPending;
  // Main would refuse to store the token (or the sandbox's) until the weak-keychain consent.
  const needsConsent = useEncryptionConsent().blocked;

  // Main normalizes the instance; its per-field answer belongs under the field.
  const serverFieldError = (name: OmniFieldName) => addAccount.error?.fields?.find((field) => field.path === name)?.message;
  const fieldErrorText = (name: OmniFieldName) => errors[name] ?? serverFieldError(name);
  const generalError = addAccount.error && !serverFieldError('instance') && !serverFieldError('credential') ? addAccount.error : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || needsConsent) return;
    const found = validateOmniAccountForm({ instance, credential });
    setErrors(found);
    if (found.instance || found.credential) {
      (found.instance ? instanceRef : credentialRef).current?.focus();
      return;
    }
    try {
      const account = await addAccount.mutateAsync({ provider: 'omni', instance: instance.trim(), credential: credential.trim() });
      setCredential('');
      addAccount.reset(); // the mutation's variables hold the token
      onAdded(account);
    } catch {
      // Shown below from addAccount.error.
    }
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
            {...fieldAria(`${id}-instance`, fieldErrorText('instance'))}
            disabled={pending}
            value={instance}
            onChange={(event) => setInstance(event.target.value)}
          />
          <FieldMessage
            fieldId={`${id}-instance`}
            error={fieldErrorText('instance')}
            hint="Your instance name, its host, or the full URL of a self-hosted Omni."
          />
        </div>

        <div className="field">
          <label className="field__label field__label--plain" htmlFor={`${id}-credential`}>
            API token
          </label>
          <CredentialInput
            id={`${id}-credential`}
            inputRef={credentialRef}
            noun="token"
            value={credential}
            error={fieldErrorText('credential')}
            disabled={pending}
            onChange={setCredential}
          />
          <FieldMessage
            fieldId={`${id}-credential`}
            error={fieldErrorText('credential')}
            hint="An organization API key or a personal access token of an Organization Admin. It is stored encrypted."
          />
        </div>

        <ErrorBanner error={generalError} />

        <AddAccountActions
          checking={addAccount.isPending ? 'Checking the token with Omni…' : null}
          busy={pending}
          blocked={needsConsent}
          submitLabel="Add instance"
          onCancel={onCancel}
        />
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
      <ErrorBanner error={addSandbox.error} prefix="Couldn't start the Omni sandbox. " className="mt-12" />
    </>
  );
}
