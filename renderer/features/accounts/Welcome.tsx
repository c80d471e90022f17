import { useId } from 'react';
import { useAddSandboxAccount } from '../../api/hooks';
import { useEncryptionConsent } from '../../api/storageHooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { FlaskIcon, KeyIcon, UserIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import type { OmiAddMode } from './AddAccountForm';
import { AboutButton } from '../updates/AboutButton';
import { WeakEncryptionConsent } from './WeakEncryptionConsent';
import './account-bar.css';
import './welcome.css';

export function Welcome({ onAddAccount }: { onAddAccount: (mode: OmiAddMode) => void }) {
  const sandboxTitle = useId();
  const sandboxText = useId();
  const omiTitle = useId();
  const omiText = useId();
  const addSandbox = useAddSandboxAccount();
  const addOmniSandbox = useAddSandboxAccount();
  // Even a sandbox account stores a credential: under a weak keychain, only after consent.
  const { encryption, blocked } = useEncryptionConsent();

  return (
    <main className="center-fill">
      <div className="welcome" data-testid="welcome">
        <span className="brand__logo brand__logo--lg" aria-hidden="true">
          <KeyIcon size={32} strokeWidth={2.25} />
        </span>
        <h1 className="welcome__title">DevKeys</h1>
        <p className="welcome__pitch">Manage your Omi Developer API and MCP keys from your desktop</p>

        <WeakEncryptionConsent className="welcome__consent" />

        <div className="choices">
          <button type="button" className="choice choice--primary" aria-labelledby={omiTitle} aria-describedby={omiText} onClick={() => onAddAccount('sign-in')}>
            <span className="choice__icon choice__icon--purple">
              <UserIcon size={22} />
            </span>
            <span className="choice__title" id={omiTitle}>
              Sign in to Omi
            </span>
            <span className="choice__text" id={omiText}>
              With the Google or Apple account you use in the Omi app, through your web browser. Works with api.omi.me.
            </span>
            <span className="choice__cta" aria-hidden="true">
              Continue with Google or Apple →
            </span>
          </button>

          <button
            type="button"
            className="choice"
            aria-labelledby={sandboxTitle}
            aria-describedby={sandboxText}
            aria-busy={addSandbox.isPending || undefined}
            disabled={addSandbox.isPending || blocked}
            onClick={() => addSandbox.mutate()}
          >
            <span className="choice__icon choice__icon--green">
              <FlaskIcon size={22} />
            </span>
            <span className="choice__title" id={sandboxTitle}>
              Try the sandbox
            </span>
            <span className="choice__text" id={sandboxText}>
              A local Omi-compatible server with demo keys, signed in the same way. Nothing leaves this computer.
            </span>
            <span className="choice__cta" aria-hidden="true">
              {addSandbox.isPending ? (
                <>
                  <Spinner size="sm" /> Signing in to the sandbox…
                </>
              ) : (
                'No account needed →'
              )}
            </span>
          </button>
        </div>

        <div className="welcome__omni">
          <span className="welcome__omni-text">Self-hosted backend?</span>
          <Button variant="secondary" size="sm" icon={<KeyIcon size={14} />} onClick={() => onAddAccount('credential')}>
            Use an API credential
          </Button>
        </div>
        <div className="welcome__omni welcome__omni--second">
          <span className="welcome__omni-text">Managing Omni API tokens?</span>
          <Button
            variant="secondary"
            size="sm"
            icon={addOmniSandbox.isPending ? <Spinner size="sm" /> : <FlaskIcon size={14} />}
            disabled={addOmniSandbox.isPending || addSandbox.isPending || blocked}
            onClick={() => addOmniSandbox.mutate({ provider: 'omni' })}
          >
            Try the Omni sandbox
          </Button>
        </div>

        <ErrorBanner error={addOmniSandbox.error} prefix="Couldn't start the Omni sandbox. " className="welcome__error" />

        <ErrorBanner error={addSandbox.error} prefix="Couldn't start the sandbox. " className="welcome__error" />

        <p className="welcome__foot">
          {encryption?.available && !encryption.weak
            ? 'Credentials stay on this computer, encrypted with your system keychain.'
            : 'Credentials stay on this computer.'}
        </p>
        <AboutButton className="about-link" />
      </div>
    </main>
  );
}
