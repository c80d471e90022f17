/**
 * The warning and explicit opt-in shown wherever a credential could be stored while the
 * system keychain only obfuscates (Linux `basic_text`) or is unavailable. Main refuses to
 * store a credential until this consent is given (`weak_encryption_consent_required`).
 */
import { useId, useState } from 'react';
import { useEncryptionConsent, useSetWeakEncryptionConsent } from '../../api/storageHooks';
import { WarningIcon } from '../../ui/icons';
import './credentials.css';

export function WeakEncryptionConsent({ className }: { className?: string }) {
  const id = useId();
  const { encryption, required, consented } = useEncryptionConsent();
  const setConsent = useSetWeakEncryptionConsent();
  // The choice being saved, set in the same event as the click: a controlled checkbox whose
  // value changed only once the mutation reports "pending" would flip back for a moment.
  const [saving, setSaving] = useState<boolean | null>(null);
  if (!required || !encryption) return null;

  return (
    <div
      className={['banner banner--amber consent', className].filter(Boolean).join(' ')}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      data-testid="weak-encryption-consent"
    >
      <span className="banner__icon">
        <WarningIcon />
      </span>
      <div className="banner__body">
        <p className="banner__title" id={`${id}-title`}>
          Your system keychain is not available
        </p>
        <p id={`${id}-text`}>
          DevKeys can only obfuscate credentials on disk (backend: {encryption.backend}), not encrypt them: anyone who
          can read your files could recover them. For real encryption, set up a keyring such as GNOME Keyring or KWallet
          and restart DevKeys.
        </p>
        <label className="consent__check">
          <input
            type="checkbox"
            // While main saves the choice, show the one being saved.
            checked={saving ?? consented}
            disabled={saving !== null}
            onChange={(event) => {
              const consent = event.target.checked;
              setSaving(consent);
              setConsent.mutate({ consent }, { onSettled: () => setSaving(null) });
            }}
          />
          <span>I understand. Store my credentials obfuscated anyway.</span>
        </label>
        {setConsent.error ? (
          <p className="consent__error" role="alert">
            Couldn&apos;t save your choice. {setConsent.error.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
