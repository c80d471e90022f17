/** Pieces the credential forms share: add Omi account, add Omni instance, re-enter a credential. */
import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { Button } from '../../ui/Button';
import { EyeIcon, EyeOffIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import './account-forms.css';

/** A field's aria state; its FieldMessage carries the ids it points to. */
export function fieldAria(fieldId: string, error: string | null | undefined) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${fieldId}-error` : `${fieldId}-hint`,
  } as const;
}

/** Under a field: its error if there is one, else its hint. */
export function FieldMessage({ fieldId, error, hint }: { fieldId: string; error: string | null | undefined; hint: ReactNode }) {
  return error ? (
    <p className="field__error" id={`${fieldId}-error`}>
      {error}
    </p>
  ) : (
    <p className="field__hint" id={`${fieldId}-hint`}>
      {hint}
    </p>
  );
}

/**
 * A masked credential input with a Show/Hide toggle. The text lives only in the parent's state;
 * on unmount the DOM input is blanked too, so no detached node keeps it.
 */
export function CredentialInput({
  id,
  inputRef,
  noun,
  value,
  error,
  disabled,
  placeholder,
  onChange,
}: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  /** What the toggle names: "Show credential" / "Show token". */
  noun: 'credential' | 'token';
  value: string;
  error: string | null | undefined;
  disabled: boolean;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const input = inputRef.current;
    return () => {
      if (input) input.value = '';
    };
  }, [inputRef]);

  return (
    <div className="input-group">
      <input
        ref={inputRef}
        id={id}
        className="input input--mono"
        type={shown ? 'text' : 'password'}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        {...fieldAria(id, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <button
        type="button"
        className="input-group__toggle"
        aria-pressed={shown}
        aria-label={shown ? `Hide ${noun}` : `Show ${noun}`}
        onClick={() => setShown((on) => !on)}
      >
        {shown ? <EyeOffIcon size={14} /> : <EyeIcon size={14} />}
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  );
}

/** Cancel and submit of an add-account form; while the server checks the credential, says where. */
export function AddAccountActions({
  checking,
  busy,
  blocked,
  submitLabel,
  onCancel,
}: {
  /** While verifying: what is being checked with whom, e.g. "Checking the token with Omi…". */
  checking: string | null;
  /** Any request of the form is running: nothing else may start. */
  busy: boolean;
  /** Main would refuse to store a credential (weak-keychain consent missing). */
  blocked: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="form-actions">
      {checking ? (
        <span className="verifying" role="status">
          <Spinner size="sm" />
          {checking}
        </span>
      ) : null}
      <Button variant="secondary" size="lg" onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" size="lg" disabled={busy || blocked}>
        {checking ? 'Verifying…' : submitLabel}
      </Button>
    </div>
  );
}
