import type { OmniToken } from '../../../electron/ipc/contract';
import { useRevokeOmniToken } from '../../api/omniHooks';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useToast } from '../../ui/Toast';
import { TYPE_LABELS } from './tokenFormat';

export function RevokeTokenDialog({ accountId, token, onClose }: { accountId: string; token: OmniToken; onClose: () => void }) {
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
    <ConfirmDialog
      title="Revoke token?"
      text={
        <>
          Are you sure you want to revoke the {TYPE_LABELS[token.type].toLowerCase()} token &quot;{token.name}&quot;? Anything
          using it stops working at once. This action cannot be undone.
        </>
      }
      confirmLabel="Revoke"
      pendingLabel="Revoking…"
      confirmVariant="danger"
      pending={pending}
      error={revoke.error}
      errorPrefix="Failed to revoke the token: "
      onConfirm={confirm}
      onClose={onClose}
      testId="omni-revoke-dialog"
    />
  );
}
