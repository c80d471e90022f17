/**
 * Shows a newly created key's secret exactly once — a Developer API key or an MCP key, in
 * Omi's wording for each (features/keys/families.ts). It closes only through Done (no Escape,
 * no backdrop, no X). The secret sits in a wipeable holder in the opener's state while this
 * dialog is open; Done tells main to forget its copy handle, wipes the holder, and the opener
 * drops it. Never logged, never stored, never in the query cache. An MCP key's dialog also
 * copies the Claude Code config with the key filled in: main builds it from the handle and
 * copies it like the secret itself (concealed, cleared after the delay).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { asBridgeError, call } from '../../api/bridge';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon, ClockIcon, CopyIcon, WarningIcon } from '../../ui/icons';
import { useToast } from '../../ui/Toast';
import { familyUi } from './families';
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
  /** What was copied last (for the "Copied!" labels). */
  const [copied, setCopied] = useState<'key' | 'config' | null>(null);
  const [copying, setCopying] = useState(false);
  const [clearAfterMs, setClearAfterMs] = useState<number | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);
  const copiedTimer = useRef<number | undefined>(undefined);
  const forgetTimer = useRef<number | undefined>(undefined);
  const { secretHandle, family } = secret;
  const ui = familyUi[family].secretDialog;

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

  const copy = async (what: 'key' | 'config') => {
    if (copying) return;
    setCopying(true);
    setCopyError(null);
    try {
      const result = what === 'key' ? await call('copySecret', { secretHandle }) : await call('copyMcpConfigWithKey', { secretHandle });
      setClearAfterMs(result.clearAfterMs);
      setCopied(what);
      toast(what === 'key' ? ui.copiedToast : 'Claude Code config copied to clipboard');
      window.clearTimeout(copiedTimer.current);
      copiedTimer.current = window.setTimeout(() => setCopied(null), COPIED_MS);
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
          {ui.title}
        </h2>
        <p className="secret-name" title={secret.key.name}>
          {secret.key.name}
        </p>
      </div>

      {ui.text ? (
        <p className="dialog__text secret-text" id={warningId}>
          {ui.text}
        </p>
      ) : (
        <div className="banner banner--amber">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body banner__title" id={warningId}>
            Save this key now! You won&apos;t be able to see it again.
          </p>
        </div>
      )}

      <div className="secret-box" role="group" aria-labelledby={`${titleId}-label`}>
        <div className="secret-box__head">
          <span className="field__label" id={`${titleId}-label`}>
            {family === 'dev' ? 'YOUR API KEY' : 'YOUR MCP KEY'}
          </span>
          <button type="button" className={copied === 'key' ? 'copy-chip copy-chip--done' : 'copy-chip'} onClick={() => void copy('key')}>
            {copied === 'key' ? <CheckIcon size={12} /> : <CopyIcon size={12} />}
            {copied === 'key' ? 'Copied!' : 'Tap to copy'}
          </button>
        </div>
        <code className="secret-value" data-testid="secret-value">
          {secret.value}
        </code>
      </div>

      {family === 'mcp' ? (
        <div className="secret-config">
          <Button
            variant="secondary"
            size="md"
            block
            className={copied === 'config' ? 'btn--copied' : undefined}
            icon={copied === 'config' ? <CheckIcon size={15} /> : <CopyIcon size={15} />}
            onClick={() => void copy('config')}
            aria-describedby={`${titleId}-config-note`}
          >
            {copied === 'config' ? 'Copied!' : 'Copy Claude Code config'}
          </Button>
          <p className="secret-config__note" id={`${titleId}-config-note`}>
            The Claude Code config with this key filled in, ready for <span className="mono">~/.claude.json</span>.
          </p>
        </div>
      ) : null}

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
          className={copied === 'key' ? 'btn--copied' : undefined}
          icon={copied === 'key' ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
          onClick={() => void copy('key')}
        >
          {copied === 'key' ? 'Copied!' : ui.copyLabel}
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
