/**
 * Revoke Key?, in Omi's wording, for a key of either list. DevKeys' own credential needs its
 * name typed first. A 503 (the server could not invalidate the key yet) says that the key may
 * still work and offers to try again.
 */
import { useId, useState } from 'react';
import type { KeyFamily } from '../../../electron/ipc/contract';
import { useRevokeKey } from '../../api/hooks';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { WarningIcon } from '../../ui/icons';
import { useToast } from '../../ui/Toast';
import type { KeyIdentity } from './families';

export function RevokeDialog({
  family = 'dev',
  accountId,
  apiKey,
  onClose,
  onRevoked,
}: {
  family?: KeyFamily;
  accountId: string;
  apiKey: KeyIdentity;
  onClose: () => void;
  /** After a successful revoke (or "already gone"), before the dialog closes. */
  onRevoked?: (outcome: 'revoked' | 'already_gone') => void;
}) {
  const confirmId = useId();
  const [confirmName, setConfirmName] = useState('');
  const revoke = useRevokeKey();
  const toast = useToast();
  const pending = revoke.isPending;

  // DevKeys' own credential: main refuses to revoke it unless the user types its name. The list
  // can be stale, so a `confirmation_required` answer also brings up the name field.
  const confirmationRequired = revoke.error?.code === 'confirmation_required';
  const needsName = family === 'dev' && (apiKey.usedByDevKeys === true || confirmationRequired);
  const nameMatches = confirmName.trim() === apiKey.name.trim();
  // The server could not make the revoke take effect: the key may still work. Trying again is safe.
  const unavailable = revoke.error?.status === 503;

  const confirm = () => {
    if (pending || (needsName && !nameMatches)) return;
    revoke.mutate(
      { family, accountId, keyId: apiKey.id, ...(needsName ? { confirmName: confirmName.trim() } : {}) },
      {
        onSuccess: ({ outcome }) => {
          if (outcome === 'already_gone') toast('That key was already revoked.', 'info');
          else toast(family === 'dev' ? 'API key revoked' : 'MCP key revoked');
          onRevoked?.(outcome);
          onClose();
        },
      },
    );
  };

  return (
    <ConfirmDialog
      title="Revoke Key?"
      text={<>Are you sure you want to revoke the key &quot;{apiKey.name}&quot;? This action cannot be undone.</>}
      confirmLabel={unavailable ? 'Try again' : 'Revoke'}
      pendingLabel="Revoking…"
      confirmVariant="danger"
      pending={pending}
      confirmDisabled={needsName && !nameMatches}
      error={unavailable ? null : revoke.error}
      errorPrefix="Failed to revoke API key: "
      onConfirm={confirm}
      onClose={onClose}
      testId="revoke-dialog"
    >
      {unavailable ? (
        <div className="banner banner--amber mt-12" role="alert" data-testid="revoke-unavailable">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">
            <strong>Not revoked yet.</strong> {revoke.error?.message}
          </p>
        </div>
      ) : null}
      {needsName ? (
        <>
          <div className="banner banner--amber mt-12">
            <span className="banner__icon">
              <WarningIcon />
            </span>
            <p className="banner__body">
              DevKeys signs in to this account with this key. After you revoke it, DevKeys can no longer list or create
              keys here until you re-enter a working credential.
            </p>
          </div>
          <div className="field mt-12">
            <label className="field__label field__label--plain" htmlFor={confirmId}>
              Type “{apiKey.name}” to confirm
            </label>
            <input
              id={confirmId}
              className="input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={confirmName}
              disabled={pending}
              onChange={(event) => setConfirmName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') confirm();
              }}
            />
          </div>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
