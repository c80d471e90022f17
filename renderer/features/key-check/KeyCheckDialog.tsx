/**
 * "Check a key" (which key is this?): paste a secret found in a config file or a repository;
 * main says what it is (family, prefix), which listed key of which account it is, and whether
 * it still works — and the key can be revoked from here. The pasted text leaves the field as
 * soon as the check starts; it is sent to main once, never kept in the query cache.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { KeyCheckMatch, KeyCheckResult } from '../../../electron/ipc/contract';
import { asBridgeError, call, type BridgeError } from '../../api/bridge';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CloseIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { formatCreatedDate, formatLastUsed } from '../keys/format';
import { RevokeDialog } from '../keys/RevokeDialog';
import { familyUi } from '../keys/families';
import { useNow } from '../keys/KeyList';
import { RetryAfterNote } from './RetryAfterNote';
import './key-check.css';

const FAMILY_LABELS: Record<KeyCheckResult['family'], string> = {
  dev: 'Developer API key',
  mcp: 'MCP key',
  other: 'Not an Omi key',
};

export function KeyCheckDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const [result, setResult] = useState<KeyCheckResult | null>(null);
  /** Keys revoked from this result (account id + key id). */
  const [revoked, setRevoked] = useState<ReadonlySet<string>>(() => new Set());
  const [revoking, setRevoking] = useState<KeyCheckMatch | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = value.trim();
    if (!secret || pending) return;
    // The field lets go of the secret at once; only this call holds it until main answers.
    setValue('');
    setPending(true);
    setError(null);
    setResult(null);
    setRevoked(new Set());
    try {
      setResult(await call('checkKey', { secret }));
    } catch (caught) {
      setError(asBridgeError(caught));
    } finally {
      setPending(false);
      inputRef.current?.focus();
    }
  };

  return (
    <Dialog onClose={() => (revoking ? undefined : onClose())} labelledBy={titleId} className="key-check-dialog" testId="key-check-dialog" initialFocus={inputRef}>
      <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
        <CloseIcon size={16} />
      </button>
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Check a key
        </h2>
        <p className="dialog__subtitle">
          Found a key in a config file or a repository? Paste it: DevKeys says what it is, whose it is and whether it still works.
        </p>
      </div>

      <form className="form key-check__form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${titleId}-secret`}>
            KEY
          </label>
          <div className="key-check__row">
            <input
              ref={inputRef}
              id={`${titleId}-secret`}
              className="input input--mono"
              type="text"
              placeholder="omi_dev_… or omi_mcp_…"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              maxLength={4096}
              value={value}
              disabled={pending}
              aria-describedby={`${titleId}-note`}
              onChange={(event) => setValue(event.target.value)}
            />
            <Button type="submit" variant="primary" size="md" disabled={pending || value.trim() === ''} icon={pending ? <Spinner size="sm" /> : undefined}>
              {pending ? 'Checking…' : 'Check'}
            </Button>
          </div>
          <p className="field__hint" id={`${titleId}-note`}>
            The key goes to DevKeys&apos; main process for this check only, and only to the servers of your Omi accounts; it is
            not stored or logged. Anything not shaped like an Omi key is sent nowhere.
          </p>
        </div>
      </form>

      <ErrorBanner error={error} prefix="Couldn't check the key: " className="mt-12" />
      {result ? (
        <CheckResult
          result={result}
          revoked={revoked}
          onRevoke={(match) => setRevoking(match)}
        />
      ) : null}

      {revoking ? (
        <RevokeDialog
          family={revoking.family}
          accountId={revoking.accountId}
          apiKey={{ id: revoking.keyId, name: revoking.keyName, key_prefix: revoking.keyPrefix, usedByDevKeys: revoking.usedByDevKeys }}
          onClose={() => setRevoking(null)}
          onRevoked={() => setRevoked((set) => new Set(set).add(`${revoking.accountId} ${revoking.keyId}`))}
        />
      ) : null}
    </Dialog>
  );
}

function CheckResult({
  result,
  revoked,
  onRevoke,
}: {
  result: KeyCheckResult;
  revoked: ReadonlySet<string>;
  onRevoke: (match: KeyCheckMatch) => void;
}) {
  const now = useNow(30_000);
  const { liveness } = result;
  const anyRevoked = result.matches.some((match) => revoked.has(`${match.accountId} ${match.keyId}`));
  return (
    <section className="key-check__result card" aria-label="Check result" data-testid="key-check-result" aria-live="polite">
      <dl className="key-check__facts">
        <dt>What it is</dt>
        <dd data-testid="key-check-family">
          {FAMILY_LABELS[result.family]}
          {result.family !== 'other' && !result.wellFormed ? ' (malformed)' : null}
        </dd>
        {result.prefix ? (
          <>
            <dt>Prefix</dt>
            <dd className="mono" data-testid="key-check-prefix">
              {result.prefix}
            </dd>
          </>
        ) : null}
        {result.prefix ? (
          <>
            <dt>Listed as</dt>
            <dd data-testid="key-check-matches">
              {result.matches.length === 0 ? (
                <span className="key-check__muted">Not in the key lists of your Omi accounts.</span>
              ) : (
                <ul className="key-check__matches">
                  {result.matches.map((match) => {
                    const gone = revoked.has(`${match.accountId} ${match.keyId}`);
                    return (
                      <li key={`${match.accountId} ${match.keyId}`} className="key-check__match" data-testid="key-check-match">
                        <span className="key-check__match-main">
                          <span className="key-check__match-name">“{match.keyName}”</span>{' '}
                          <span className="key-check__muted">
                            in {match.accountLabel} · {familyUi[match.family].title} · created {formatCreatedDate(match.createdAt)} ·{' '}
                            {formatLastUsed(match.lastUsedAt, now)}
                          </span>
                          {match.usedByDevKeys ? (
                            <Chip tone="grey" title="DevKeys signs in to this account with this key">
                              Used by DevKeys
                            </Chip>
                          ) : null}
                        </span>
                        {gone ? (
                          <Chip tone="red">Revoked</Chip>
                        ) : (
                          <Button variant="danger-soft" size="sm" onClick={() => onRevoke(match)}>
                            Revoke
                          </Button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </>
        ) : null}
        <dt>Still works?</dt>
        <dd data-testid="key-check-liveness" data-status={anyRevoked ? 'revoked' : liveness.status}>
          {anyRevoked ? (
            <>
              <Chip tone="red">Revoked</Chip> <span>You revoked it just now: it no longer works.</span>
            </>
          ) : (
            <Liveness liveness={liveness} />
          )}
        </dd>
      </dl>
      {result.unsearched.length > 0 ? (
        <ul className="key-check__unsearched" aria-label="Accounts not searched">
          {result.unsearched.map((entry) => (
            <li key={entry.accountId}>
              Couldn&apos;t search “{entry.accountLabel}”: {entry.message}
            </li>
          ))}
        </ul>
      ) : null}
      {liveness.status === 'works' && result.matches.length === 0 ? (
        <p className="key-check__note" role="note">
          It works, but none of your accounts lists it, so DevKeys cannot revoke it. Whoever owns it can, in the Omi app.
        </p>
      ) : null}
    </section>
  );
}

function Liveness({ liveness }: { liveness: KeyCheckResult['liveness'] }) {
  switch (liveness.status) {
    case 'works':
      return (
        <>
          <Chip tone="green">Works</Chip> <span>{liveness.message}</span>
          {liveness.dev ? (
            <span className="key-check__scopes mono" title="Its effective scopes, as the server reports them">
              {liveness.dev.scopes.length > 0 ? liveness.dev.scopes.join(', ') : 'no scopes'}
            </span>
          ) : null}
          {liveness.mcp ? (
            <span className="key-check__scopes">
              MCP server {liveness.mcp.serverName}
              {liveness.mcp.serverVersion ? ` ${liveness.mcp.serverVersion}` : ''} (protocol {liveness.mcp.protocolVersion})
            </span>
          ) : null}
        </>
      );
    case 'rejected':
      return (
        <>
          <Chip tone="red">Doesn&apos;t work</Chip> <span>{liveness.message}</span>
        </>
      );
    case 'rate_limited':
      return (
        <>
          <Chip tone="amber">Rate limited</Chip> <span>{liveness.message}</span>
          {liveness.retryAfterSeconds ? <RetryAfterNote seconds={liveness.retryAfterSeconds} /> : null}
        </>
      );
    case 'unknown':
      return (
        <>
          <Chip tone="grey">Unknown</Chip> <span>{liveness.message}</span>
        </>
      );
  }
}
