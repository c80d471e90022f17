import { memo, useId } from 'react';
import type { OmniToken } from '../../../electron/ipc/contract';
import { useSetOmniTokenEnabled } from '../../api/omniHooks';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { KeyIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../keys/format';
import { TYPE_CHIP_TONES, TYPE_LABELS } from './tokenFormat';

/**
 * Memoized, with only primitive or stable props: the virtualized list re-renders on every
 * scroll frame, and rows that stay in view must not render again.
 */
export const TokenRow = memo(function TokenRow({
  accountId,
  token,
  top,
  height,
  position,
  setSize,
  onRevoke,
}: {
  accountId: string;
  token: OmniToken;
  /** Placement inside the virtualized list (px). */
  top: number;
  height: number;
  position: number;
  setSize: number;
  onRevoke: (token: OmniToken) => void;
}) {
  const nameId = useId();
  const setEnabled = useSetOmniTokenEnabled(accountId);
  const toast = useToast();
  const toggling = setEnabled.isPending;

  const toggle = () => {
    const enabled = !token.enabled;
    setEnabled.mutate(
      { tokenId: token.id, enabled },
      {
        onSuccess: () => toast(`“${token.name}” ${enabled ? 'enabled' : 'disabled'}`, 'success'),
        onError: (error) => toast(`Couldn't ${enabled ? 'enable' : 'disable'} “${token.name}”: ${error.message}`, 'error'),
      },
    );
  };

  return (
    <li
      className="omni-row"
      style={{ height, transform: `translateY(${top}px)` }}
      aria-posinset={position}
      aria-setsize={setSize}
      data-testid="omni-token-row"
      data-token-id={token.id}
      data-token-type={token.type}
      data-enabled={token.enabled}
    >
      <span className={`omni-row__tile omni-row__tile--${token.type}`}>
        <KeyIcon size={17} />
      </span>
      <div className="omni-row__main">
        <div className="omni-row__head">
          <span className="omni-row__name" id={nameId} title={token.name}>
            {token.name}
          </span>
          <Chip tone={TYPE_CHIP_TONES[token.type]}>{TYPE_LABELS[token.type]}</Chip>
          <Chip tone={token.enabled ? 'success' : 'grey'}>{token.enabled ? 'Enabled' : 'Disabled'}</Chip>
        </div>
        <div className="omni-row__sub">
          {token.membershipId ? (
            <span className="omni-row__owner" title="Membership id of the token's owner">
              Owner <span className="mono">{token.membershipId}</span>
            </span>
          ) : (
            <span>Organization-wide</span>
          )}
          <span aria-hidden="true">•</span>
          <span>
            Created <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
          </span>
        </div>
      </div>
      <div className="omni-row__actions">
        {/* Omni can disable only organization tokens; personal and MCP tokens can only be revoked. */}
        {token.type === 'organization' ? (
          <Button
            size="sm"
            variant="secondary"
            aria-describedby={nameId}
            disabled={toggling}
            icon={toggling ? <Spinner size="sm" /> : undefined}
            onClick={toggle}
          >
            {token.enabled ? 'Disable' : 'Enable'}
          </Button>
        ) : null}
        <Button size="sm" variant="danger-soft" aria-describedby={nameId} onClick={() => onRevoke(token)}>
          Revoke
        </Button>
      </div>
    </li>
  );
});
