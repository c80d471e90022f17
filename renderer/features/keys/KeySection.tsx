/**
 * One key section of the Developer screen — Developer API or MCP — as the Omi app lays it out:
 * a header with Docs and Create Key, then the list's states (spinner; error with retry and the
 * rate-limit countdown; empty; the list with search, sort and filters), and the section's
 * dialogs: create (the caller's), the one-time secret, revoke and rotate (shared components).
 */
import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { AccountSummary, KeyFamily } from '../../../electron/ipc/contract';
import type { BridgeError } from '../../api/bridge';
import { Button } from '../../ui/Button';
import { ExternalLinkIcon, KeyIcon, PlusIcon, RefreshIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { RejectedCredentialRepair } from '../accounts/LockedPanel';
import { familyUi, type ListedKey } from './families';
import { KeyListView } from './KeyListView';
import { describeKeyCounts, keyCounts } from './listView';
import type { OneTimeSecret } from './oneTimeSecret';
import { RateLimitCountdown } from './RateLimitCountdown';
import { lazyPart } from '../../ui/lazyPart';

// The section's dialogs: loaded when first opened (ui/lazyPart.tsx).
const SecretOnceDialog = lazyPart(() => import('./SecretOnceDialog').then((m) => m.SecretOnceDialog));
const RevokeDialog = lazyPart(() => import('./RevokeDialog').then((m) => m.RevokeDialog));
const RotateFlow = lazyPart(() => import('../rotation/RotateFlow').then((m) => m.RotateFlow));

/** When a 429 carries no Retry-After, wait this long before trying again by ourselves. */
const DEFAULT_RATE_LIMIT_WAIT_S = 10;

function isRateLimited(error: BridgeError | null | undefined): boolean {
  return error?.code === 'rate_limited';
}

export interface CreateDialogProps {
  accountId: string;
  onClose: () => void;
  /** Receives the one-time secret; the section shows it and keeps it nowhere else. */
  onCreated: (secret: OneTimeSecret) => void;
}

export function KeySection<K extends ListedKey>({
  family,
  account,
  keys,
  now,
  headingId,
  createDialog,
  children,
}: {
  family: KeyFamily;
  account: AccountSummary;
  keys: UseQueryResult<K[], BridgeError>;
  /** The screen's clock, so counts in the header, the navigation and the filters agree. */
  now: number;
  headingId: string;
  createDialog: (props: CreateDialogProps) => ReactNode;
  /** Below the list (the MCP setup blocks). */
  children?: ReactNode;
}) {
  const ui = familyUi[family];
  const [creating, setCreating] = useState(false);
  // The one-time secret: held here (in a wipeable holder) only while SecretOnceDialog is open.
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);
  const [revoking, setRevoking] = useState<K | null>(null);
  const [rotating, setRotating] = useState<K | null>(null);

  const retrying = keys.isFetching && isRateLimited(keys.failureReason);
  // A rejected credential makes the cached list meaningless (e.g. DevKeys' own key was revoked).
  const authFailed = keys.error?.code === 'unauthorized' || keys.error?.code === 'forbidden';
  const data = authFailed ? undefined : keys.data;

  return (
    <section className="key-section" aria-labelledby={headingId} data-testid={ui.testIds.section}>
      <div className="section-header">
        <div>
          <div className="section-header__titles">
            <h2 className="section-title" id={headingId} tabIndex={-1}>
              {ui.title}
            </h2>
            {keys.isFetching && keys.data ? <Spinner size="sm" label={`Refreshing ${ui.plural}`} inline /> : null}
          </div>
          <p className="section-sub">
            {data === undefined ? (family === 'dev' ? 'Omi developer API keys' : 'Keys for AI assistants') : describeKeyCounts(keyCounts(data, now))}
            {' · '}
            {account.baseUrl}
          </p>
        </div>
        <div className="section-actions">
          <a
            className="btn btn--secondary btn--md btn--pill"
            href={ui.docsUrl}
            target="_blank"
            rel="noreferrer"
            aria-describedby={headingId}
          >
            Docs
            <ExternalLinkIcon size={13} />
          </a>
          <Button
            variant="primary"
            pill
            icon={<PlusIcon size={15} strokeWidth={2.5} />}
            onClick={() => setCreating(true)}
            data-testid={ui.testIds.createButton}
            aria-describedby={headingId}
          >
            Create Key
          </Button>
        </div>
      </div>

      <div className="card">
        {data && keys.isError ? (
          <div className="inline-notice" role="alert">
            <span className="banner__icon">
              <WarningIcon />
            </span>
            <span className="inline-notice__text">
              {isRateLimited(keys.error) ? 'Rate limited while refreshing.' : `Couldn't refresh ${ui.plural}. ${keys.error.message}`}
            </span>
            <Button size="sm" variant="ghost" onClick={() => void keys.refetch()} icon={<RefreshIcon size={13} />}>
              Retry
            </Button>
          </div>
        ) : null}
        {data && retrying ? (
          <div className="inline-notice" key={`rl-${keys.failureCount}`}>
            <RateLimitCountdown seconds={keys.failureReason?.retryAfterSeconds ?? 2 ** Math.max(0, keys.failureCount - 1)} />
          </div>
        ) : null}

        {data ? (
          data.length === 0 ? (
            <div className="state">
              <span className="state__icon">
                <KeyIcon size={26} />
              </span>
              {/* Omi's wording, in both sections. */}
              <p className="state__title">No API keys yet</p>
              <p className="state__text">Create a key to get started</p>
            </div>
          ) : (
            <KeyListView family={family} keys={data} now={now} onRevoke={setRevoking} onRotate={setRotating} />
          )
        ) : keys.isError ? (
          <div className="state" role="alert">
            <span className={isRateLimited(keys.error) ? 'state__icon state__icon--amber' : 'state__icon state__icon--error'}>
              <WarningIcon size={26} />
            </span>
            <p className="state__title">Couldn&apos;t load {ui.plural}.</p>
            <p className="state__text">{keys.error.message}</p>
            {isRateLimited(keys.error) ? (
              <RateLimitCountdown
                key={keys.errorUpdatedAt}
                seconds={keys.error.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_S}
                onElapsed={() => void keys.refetch()}
              />
            ) : null}
            {authFailed && family === 'dev' ? (
              <RejectedCredentialRepair account={account} onRetry={() => void keys.refetch()} />
            ) : authFailed ? (
              // One repair form per screen: the Developer API section has it, for the account's one credential.
              <>
                <p className="state__text">Both lists use the same credential: re-enter it in the Developer API section above.</p>
                <div className="state__actions">
                  <Button variant="secondary" icon={<RefreshIcon size={14} />} onClick={() => void keys.refetch()}>
                    Retry
                  </Button>
                </div>
              </>
            ) : (
              <div className="state__actions">
                <Button variant="secondary" icon={<RefreshIcon size={14} />} onClick={() => void keys.refetch()}>
                  Retry
                </Button>
              </div>
            )}
          </div>
        ) : retrying ? (
          <div className="state">
            <span className="state__icon state__icon--amber">
              <Spinner size="md" />
            </span>
            <p className="state__title">Loading {ui.plural}…</p>
            <RateLimitCountdown
              key={`rl-${keys.failureCount}`}
              seconds={keys.failureReason?.retryAfterSeconds ?? 2 ** Math.max(0, keys.failureCount - 1)}
            />
          </div>
        ) : (
          <div className="state">
            <Spinner size="lg" label={`Loading ${ui.plural}`} />
          </div>
        )}
      </div>

      {children}

      {creating
        ? createDialog({
            accountId: account.id,
            onClose: () => setCreating(false),
            onCreated: (created) => {
              setCreating(false);
              setSecret(created);
            },
          })
        : null}
      {secret ? <SecretOnceDialog secret={secret} accountId={account.id} onDone={() => setSecret(null)} /> : null}
      {revoking ? <RevokeDialog family={family} accountId={account.id} apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
      {rotating ? <RotateFlow family={family} accountId={account.id} apiKey={rotating} onClose={() => setRotating(null)} /> : null}
    </section>
  );
}
