/**
 * Shows a newly created key's secret exactly once. It closes only through Done (no Escape,
 * no backdrop, no X). The secret sits in a wipeable holder in the opener's state while this
 * dialog is open; Done tells main to forget its copy handle, wipes the holder, and the opener
 * drops it. Never logged, never stored, never in the query cache.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { asBridgeError, call } from '../../api/bridge';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon, ClockIcon, CopyIcon, WarningIcon } from '../../ui/icons';
import { useToast } from '../../ui/Toast';
import { secondsFromMs } from './format';
import type { OneTimeSecret } from './oneTimeSecret';
import { pinAccountView } from './secretPin';
import './secret-dialog.css';

const COPIED_MS = 2500;

function forget(secretHandle: string) {
  call('forgetSecret', { secretHandle }).catch(() => {
    // Main forgets held secrets on its own timer and at quit; nothing to tell the user.
  });
}

export function SecretOnceDialog({
  secret,
  onDone,
  accountId,
}: {
  secret: OneTimeSecret;
  onDone: () => void;
  /** The account the key belongs to: the main window stays on it until Done. */
  accountId?: string;
}) {
  const titleId = useId();
  const warningId = useId();
  const copyButtonRef = useRef<HTMLButtonElement>(null);
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  const [copying, setCopying] = useState(false);
  const [clearAfterMs, setClearAfterMs] = useState<number | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);
  const copiedTimer = useRef<number | undefined>(undefined);
  const forgetTimer = useRef<number | undefined>(undefined);
  const { secretHandle } = secret;

  // If the dialog goes away without Done (e.g. the account view is replaced), still forget the
  // handle and wipe the secret. Deferred so React's StrictMode unmount/remount rehearsal does
  // not trigger it (the remount cancels the timer).
  useEffect(() => {
    window.clearTimeout(forgetTimer.current);
    return () => {
      forgetTimer.current = window.setTimeout(() => {
        forget(secret.secretHandle);
        secret.wipe();
      }, 0);
    };
  }, [secret]);

  useEffect(() => () => window.clearTimeout(copiedTimer.current), []);
  useEffect(() => (accountId ? pinAccountView(accountId) : undefined), [accountId]);

  const copy = async () => {
    if (copying) return;
    setCopying(true);
    setCopyError(null);
    try {
      const result = await call('copySecret', { secretHandle });
      setClearAfterMs(result.clearAfterMs);
      setCopied(true);
      toast('API key copied to clipboard');
      window.clearTimeout(copiedTimer.current);
      copiedTimer.current = window.setTimeout(() => setCopied(false), COPIED_MS);
    } catch (error) {
      setCopyError(asBridgeError(error).message);
    } finally {
      setCopying(false);
    }
  };

  const done = () => {
    window.clearTimeout(forgetTimer.current);
    forget(secretHandle);
    secret.wipe();
    onDone();
  };

  return (
    <Dialog
      onClose={() => {}}
      dismissible={false}
      labelledBy={titleId}
      describedBy={warningId}
      initialFocus={copyButtonRef}
      testId="secret-dialog"
    >
      <div className="dialog__header dialog__header--center">
        <span className="success-badge">
          <CheckIcon size={30} strokeWidth={2.5} />
        </span>
        <h2 className="dialog__title" id={titleId}>
          API Key Created!
        </h2>
        <p className="secret-name" title={secret.key.name}>
          {secret.key.name}
        </p>
      </div>

      <div className="banner banner--amber">
        <span className="banner__icon">
          <WarningIcon />
        </span>
        <p className="banner__body banner__title" id={warningId}>
          Save this key now! You won&apos;t be able to see it again.
        </p>
      </div>

      <div className="secret-box" role="group" aria-labelledby={`${titleId}-label`}>
        <div className="secret-box__head">
          <span className="field__label" id={`${titleId}-label`}>
            YOUR API KEY
          </span>
          <button
            type="button"
            className={copied ? 'copy-chip copy-chip--done' : 'copy-chip'}
            onClick={() => void copy()}
          >
            {copied ? <CheckIcon size={12} /> : <CopyIcon size={12} />}
            {copied ? 'Copied!' : 'Tap to copy'}
          </button>
        </div>
        <code className="secret-value" data-testid="secret-value">
          {secret.value}
        </code>
      </div>

      {copyError ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">{copyError} You can still select the key above and copy it yourself.</p>
        </div>
      ) : null}

      <div className="dialog__footer">
        <Button
          ref={copyButtonRef}
          variant="primary"
          size="lg"
          className={copied ? 'btn--copied' : undefined}
          icon={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
          onClick={() => void copy()}
        >
          {copied ? 'Copied!' : 'Copy Key'}
        </Button>
        <Button variant="secondary" size="lg" onClick={done}>
          Done
        </Button>
      </div>

      {clearAfterMs !== null ? (
        <p className="clipboard-note" role="note">
          <ClockIcon size={13} />
          Clipboard clears in {secondsFromMs(clearAfterMs)} s
        </p>
      ) : null}
    </Dialog>
  );
}
