import { useId, type CSSProperties, type Ref } from 'react';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { KeyIcon } from '../../ui/icons';
import { describeScopes, formatCreatedDate, formatDateTime, formatLastUsed, scopeChips } from './format';
import { isStale, isUnused } from './listView';
import './key-list.css';

export function KeyRow({
  apiKey,
  now,
  onRevoke,
  onRotate,
  virtual,
}: {
  apiKey: ListedOmiKey;
  now: number;
  onRevoke: (key: ListedOmiKey) => void;
  onRotate: (key: ListedOmiKey) => void;
  /** In a virtualized list (VirtualKeyList): position, measuring ref and spacing. */
  virtual?: { index: number; setSize: number; ref: Ref<HTMLLIElement>; style: CSSProperties };
}) {
  const nameId = useId();
  const lastUsed = formatLastUsed(apiKey.last_used_at, now);
  return (
    <li
      className="key-row"
      data-testid="key-row"
      data-key-id={apiKey.id}
      {...(virtual
        ? { ref: virtual.ref, style: virtual.style, 'data-index': virtual.index, 'aria-posinset': virtual.index + 1, 'aria-setsize': virtual.setSize }
        : {})}
    >
      <span className="key-tile">
        <KeyIcon size={18} />
      </span>
      <div className="key-row__main">
        <span className="key-row__name" id={nameId} title={apiKey.name}>
          {apiKey.name}
        </span>
        <span className="key-row__sub">
          <span className="key-row__prefix">{apiKey.key_prefix}</span>
          <span aria-hidden="true">•</span>
          <time dateTime={apiKey.created_at} title={`Created ${formatDateTime(apiKey.created_at)}`}>
            {formatCreatedDate(apiKey.created_at)}
          </time>
          <span aria-hidden="true">•</span>
          {apiKey.last_used_at ? (
            <time dateTime={apiKey.last_used_at} title={`Last used ${formatDateTime(apiKey.last_used_at)}`}>
              {lastUsed}
            </time>
          ) : (
            <span className="key-row__used--never">{lastUsed}</span>
          )}
        </span>
        <span className="key-row__chips" title={describeScopes(apiKey.scopes)}>
          {scopeChips(apiKey.scopes).map((chip) => (
            <Chip key={chip.label} tone={chip.tone}>
              {chip.label}
            </Chip>
          ))}
          {apiKey.usedByDevKeys ? (
            <Chip tone="grey" title="DevKeys signs in to this account with this key">
              Used by DevKeys
            </Chip>
          ) : null}
          {isUnused(apiKey, now) ? (
            <Chip tone="grey" title="Never used, created more than 7 days ago">
              Unused
            </Chip>
          ) : null}
          {isStale(apiKey, now) ? (
            <Chip tone="grey" title="Not used in the last 90 days">
              Stale
            </Chip>
          ) : null}
          {apiKey.replacedBy ? (
            <Chip tone="amber" title="A rotation created a replacement for this key; revoke it once nothing uses it">
              Replaced
            </Chip>
          ) : null}
        </span>
      </div>
      <div className="key-row__actions">
        <Button variant="ghost" size="sm" aria-describedby={nameId} onClick={() => onRotate(apiKey)}>
          Rotate
        </Button>
        <Button variant="danger-soft" size="sm" aria-describedby={nameId} onClick={() => onRevoke(apiKey)}>
          Revoke
        </Button>
      </div>
    </li>
  );
}
