/** One key of either list (Developer API or MCP): the same row, with scope chips only where Omi shows them. */
import { useId, type CSSProperties, type Ref } from 'react';
import type { KeyFamily } from '../../../electron/ipc/contract';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { describeScopes, formatCreatedDate, formatDateTime, formatLastUsed, scopeChips } from './format';
import { isStale, isUnused } from './listView';
import { familyUi, type ListedKey } from './families';
import './key-list.css';

export function KeyRow<K extends ListedKey>({
  family,
  apiKey,
  now,
  onRevoke,
  onRotate,
  virtual,
}: {
  family: KeyFamily;
  apiKey: K;
  now: number;
  onRevoke: (key: K) => void;
  onRotate: (key: K) => void;
  /** In a virtualized list (VirtualKeyList): position, measuring ref and spacing. */
  virtual?: { index: number; setSize: number; ref: Ref<HTMLLIElement>; style: CSSProperties };
}) {
  const nameId = useId();
  const lastUsed = formatLastUsed(apiKey.last_used_at, now);
  return (
    <li
      className="key-row"
      data-testid={familyUi[family].testIds.row}
      data-key-id={apiKey.id}
      {...(virtual
        ? { ref: virtual.ref, style: virtual.style, 'data-index': virtual.index, 'aria-posinset': virtual.index + 1, 'aria-setsize': virtual.setSize }
        : {})}
    >
      {/* The key glyph is drawn by key-list.css: one element per row instead of five. */}
      <span className="key-tile key-tile--glyph" />
      <div className="key-row__main">
        <span className="key-row__name" id={nameId} title={apiKey.name}>
          {apiKey.name}
        </span>
        {/* The "•" between the parts is key-list.css's (two elements fewer per row). */}
        <span className="key-row__sub">
          <span className="key-row__prefix">{apiKey.key_prefix}</span>
          <time dateTime={apiKey.created_at} title={`Created ${formatDateTime(apiKey.created_at)}`}>
            {formatCreatedDate(apiKey.created_at)}
          </time>
          {apiKey.last_used_at ? (
            <time dateTime={apiKey.last_used_at} title={`Last used ${formatDateTime(apiKey.last_used_at)}`}>
              {lastUsed}
            </time>
          ) : (
            <span className="key-row__used--never">{lastUsed}</span>
          )}
        </span>
        <span className="key-row__chips" title={family === 'dev' ? describeScopes(apiKey.scopes) : undefined}>
          {/* Omi shows scope chips for Developer API keys only (every MCP key has all MCP scopes). */}
          {family === 'dev'
            ? scopeChips(apiKey.scopes).map((chip) => (
                <Chip key={chip.label} tone={chip.tone}>
                  {chip.label}
                </Chip>
              ))
            : null}
          {'usedByDevKeys' in apiKey && apiKey.usedByDevKeys ? (
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
