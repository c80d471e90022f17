import { useState } from 'react';
import type { AccountSummary, ListedOmiKey } from '../../../electron/ipc/contract';
import type { BridgeError } from '../../api/bridge';
import { useKeys } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { ExternalLinkIcon, KeyIcon, PlusIcon, RefreshIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { CreateKeyDialog } from './CreateKeyDialog';
import { useNow } from './KeyList';
import { KeyListView } from './KeyListView';
import { describeKeyCounts, keyCounts } from './listView';
import { OneTimeSecret } from './oneTimeSecret';
import { RateLimitCountdown } from './RateLimitCountdown';
import { RevokeDialog } from './RevokeDialog';
import { SecretOnceDialog } from './SecretOnceDialog';
import { RotateFlow } from '../rotation/RotateFlow';
import { RejectedCredentialRepair } from '../accounts/LockedPanel';

export const DOCS_URL = 'https://docs.omi.me/doc/developer/api';
/** When a 429 carries no Retry-After, wait this long before trying again by ourselves. */
const DEFAULT_RATE_LIMIT_WAIT_S = 10;

function isRateLimited(error: BridgeError | null | undefined): boolean {
  return error?.code === 'rate_limited';
}

export function DeveloperApiScreen({ account }: { account: AccountSummary }) {
  const keys = useKeys(account.id);
  const [creating, setCreating] = useState(false);
  // The one-time secret: held here (in a wipeable holder) only while SecretOnceDialog is open.
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);
  const [revoking, setRevoking] = useState<ListedOmiKey | null>(null);
  const [rotating, setRotating] = useState<ListedOmiKey | null>(null);
  const now = useNow(30_000);

  const retrying = keys.isFetching && isRateLimited(keys.failureReason);
  // A rejected credential makes the cached list meaningless (e.g. DevKeys' own key was revoked).
  const authFailed = keys.error?.code === 'unauthorized' || keys.error?.code === 'forbidden';
  const data = authFailed ? undefined : keys.data;

  return (
    <section className="dev-api" aria-labelledby="developer-api-title">
      <div className="section-header">
        <div>
          <div className="section-header__titles">
            <h2 className="section-title" id="developer-api-title">
              Developer API
            </h2>
            {keys.isFetching && keys.data ? <Spinner size="sm" label="Refreshing API keys" inline /> : null}
          </div>
          <p className="section-sub">
            {data === undefined ? 'Omi developer API keys' : describeKeyCounts(keyCounts(data, now))}
            {' · '}
            {account.baseUrl}
          </p>
        </div>
        <div className="section-actions">
          <a className="btn btn--secondary btn--md btn--pill" href={DOCS_URL} target="_blank" rel="noreferrer">
            Docs
            <ExternalLinkIcon size={13} />
          </a>
          <Button
            variant="primary"
            pill
            icon={<PlusIcon size={15} strokeWidth={2.5} />}
            onClick={() => setCreating(true)}
            data-testid="create-key-button"
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
              {isRateLimited(keys.error) ? 'Rate limited while refreshing.' : `Couldn't refresh API keys. ${keys.error.message}`}
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
              <p className="state__title">No API keys yet</p>
              <p className="state__text">Create a key to get started</p>
            </div>
          ) : (
            <KeyListView keys={data} now={now} onRevoke={setRevoking} onRotate={setRotating} />
          )
        ) : keys.isError ? (
          <div className="state" role="alert">
            <span className={isRateLimited(keys.error) ? 'state__icon state__icon--amber' : 'state__icon state__icon--error'}>
              <WarningIcon size={26} />
            </span>
            <p className="state__title">Couldn&apos;t load API keys.</p>
            <p className="state__text">{keys.error.message}</p>
            {isRateLimited(keys.error) ? (
              <RateLimitCountdown
                key={keys.errorUpdatedAt}
                seconds={keys.error.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_S}
                onElapsed={() => void keys.refetch()}
              />
            ) : null}
            {authFailed ? (
              <RejectedCredentialRepair account={account} onRetry={() => void keys.refetch()} />
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
            <p className="state__title">Loading API keys…</p>
            <RateLimitCountdown
              key={`rl-${keys.failureCount}`}
              seconds={keys.failureReason?.retryAfterSeconds ?? 2 ** Math.max(0, keys.failureCount - 1)}
            />
          </div>
        ) : (
          <div className="state">
            <Spinner size="lg" label="Loading API keys" />
          </div>
        )}
      </div>

      {creating ? (
        <CreateKeyDialog
          accountId={account.id}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setSecret(new OneTimeSecret(result));
          }}
        />
      ) : null}
      {secret ? <SecretOnceDialog secret={secret} accountId={account.id} onDone={() => setSecret(null)} /> : null}
      {revoking ? (
        <RevokeDialog accountId={account.id} apiKey={revoking} onClose={() => setRevoking(null)} />
      ) : null}
      {rotating ? <RotateFlow accountId={account.id} apiKey={rotating} onClose={() => setRotating(null)} /> : null}
    </section>
  );
}
