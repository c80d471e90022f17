/** The active account's activity log: what DevKeys did there, newest first, clearable. */
import { useId, useState, type ReactNode } from 'react';
import type { AccountSummary, ActivityEntry, ActivityKind } from '../../../electron/ipc/contract';
import { useActivity, useClearActivity } from '../../api/accountHooks';
import { Button } from '../../ui/Button';
import type { Tint } from '../../ui/Chip';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CloseIcon, KeyIcon, PlusIcon, RefreshIcon, UserIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime } from '../keys/format';
import './activity.css';

const KINDS: Record<ActivityKind, { title: string; icon: ReactNode; tone: Tint }> = {
  account_added: { title: 'Account added', icon: <UserIcon size={14} />, tone: 'green' },
  key_created: { title: 'Key created', icon: <PlusIcon size={14} />, tone: 'purple' },
  key_rotated: { title: 'Key rotated', icon: <RefreshIcon size={14} />, tone: 'blue' },
  key_revoked: { title: 'Key revoked', icon: <CloseIcon size={14} />, tone: 'red' },
  signed_in: { title: 'Signed in', icon: <UserIcon size={14} />, tone: 'green' },
  signed_out: { title: 'Signed out', icon: <UserIcon size={14} />, tone: 'amber' },
};

function EntryRow({ entry }: { entry: ActivityEntry }) {
  const kind = KINDS[entry.kind];
  // "MCP key created": entries without a family are Developer API keys.
  const title = entry.keyFamily === 'mcp' ? kind.title.replace(/^Key /, 'MCP key ') : kind.title;
  return (
    <li className="activity-row" data-testid="activity-entry" data-kind={entry.kind} data-family={entry.keyFamily ?? 'dev'}>
      <span className={`activity-row__icon tint--${kind.tone}`}>{kind.icon}</span>
      <div className="activity-row__main">
        <span className="activity-row__title">
          {title}
          {entry.keyName ? <span className="activity-row__name"> “{entry.keyName}”</span> : null}
          {entry.source === 'tray' ? <span className="activity-row__source"> from the tray</span> : null}
        </span>
        {entry.detail ? <span className="activity-row__detail">{entry.detail}</span> : null}
        {entry.keyPrefix ? (
          <span className="activity-row__detail">
            {entry.replacedKeyPrefix ? (
              <>
                <span className="mono">{entry.replacedKeyPrefix}</span> → <span className="mono">{entry.keyPrefix}</span>
              </>
            ) : (
              <span className="mono">{entry.keyPrefix}</span>
            )}
          </span>
        ) : null}
      </div>
      <time className="activity-row__time" dateTime={entry.at}>
        {formatDateTime(entry.at)}
      </time>
    </li>
  );
}

export function ActivityPanel({ account, onClose }: { account: AccountSummary; onClose: () => void }) {
  const titleId = useId();
  const activity = useActivity(account.id);
  const clear = useClearActivity();
  const [confirmingClear, setConfirmingClear] = useState(false);
  const entries = activity.data ?? [];

  return (
    <Dialog onClose={onClose} labelledBy={titleId} testId="activity-panel">
      <button type="button" className="dialog__close" aria-label="Close" onClick={onClose}>
        <CloseIcon size={16} />
      </button>
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Activity
        </h2>
        <p className="dialog__subtitle">
          What DevKeys did in “{account.label}”. Key names and prefixes only; secrets are never recorded.
        </p>
      </div>

      {activity.isPending ? (
        <Spinner size="md" label="Loading activity" />
      ) : activity.isError ? (
        <ErrorBanner error={activity.error} prefix="Couldn't load the activity log: " />
      ) : entries.length === 0 ? (
        <div className="activity-empty">
          <KeyIcon size={20} />
          <p>Nothing yet. Creating, rotating and revoking keys shows up here.</p>
        </div>
      ) : (
        <ol className="activity-list" aria-label="Activity, newest first">
          {entries.map((entry) => (
            <EntryRow key={entry.id} entry={entry} />
          ))}
        </ol>
      )}

      <ErrorBanner error={clear.error} prefix="Couldn't clear the log: " className="mt-12" />

      {confirmingClear ? (
        <div className="confirm" role="group" aria-labelledby={`${titleId}-clear`}>
          <p className="confirm__title" id={`${titleId}-clear`}>
            Clear the activity log of “{account.label}”?
          </p>
          <p className="confirm__text">Its {entries.length} entries are deleted. Keys are not affected.</p>
          <div className="confirm__actions">
            <Button size="sm" onClick={() => setConfirmingClear(false)}>
              Cancel
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={clear.isPending}
              onClick={() => clear.mutate({ accountId: account.id }, { onSuccess: () => setConfirmingClear(false) })}
            >
              {clear.isPending ? 'Clearing…' : 'Clear log'}
            </Button>
          </div>
        </div>
      ) : (
        <div className="dialog__footer">
          <Button variant="ghost" size="lg" disabled={entries.length === 0} onClick={() => setConfirmingClear(true)}>
            Clear log
          </Button>
          <Button variant="secondary" size="lg" onClick={onClose}>
            Close
          </Button>
        </div>
      )}
    </Dialog>
  );
}
