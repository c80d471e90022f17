import { useId, useRef } from 'react';
import type { OmniToken } from '../../../electron/ipc/contract';
import { useRevokeOmniToken } from '../../api/omniHooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { ErrorDetails } from '../keys/ErrorDetails';
import { TYPE_LABELS } from './tokenFormat';

export function RevokeTokenDialog({ accountId, token, onClose }: { accountId: string; token: OmniToken; onClose: () => void }) {
  const titleId = useId();
  const textId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const revoke = useRevokeOmniToken(accountId);
  const toast = useToast();
  const pending = revoke.isPending;

  const confirm = () => {
    if (pending) return;
    revoke.mutate(
      { tokenId: token.id },
      {
        onSuccess: ({ outcome }) => {
          if (outcome === 'already_gone') toast('That token was already revoked.', 'info');
          else toast('API token revoked', 'success');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      onClose={() => {
        if (!pending) onClose();
      }}
      labelledBy={titleId}
      describedBy={textId}
      initialFocus={cancelRef}
      size="sm"
      testId="omni-revoke-dialog"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Revoke token?
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        Are you sure you want to revoke the {TYPE_LABELS[token.type].toLowerCase()} token &quot;{token.name}&quot;? Anything
        using it stops working at once. This action cannot be undone.
      </p>
      {revoke.error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <div className="banner__body">
            <ErrorDetails error={revoke.error} prefix="Failed to revoke the token: " />
          </div>
        </div>
      ) : null}
      <div className="dialog__footer">
        <Button ref={cancelRef} variant="secondary" size="lg" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button variant="danger" size="lg" onClick={confirm} icon={pending ? <Spinner size="sm" /> : undefined}>
          {pending ? 'Revoking…' : 'Revoke'}
        </Button>
      </div>
    </Dialog>
  );
}
