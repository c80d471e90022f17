import { useId, useRef, useState } from 'react';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { useRevokeKey } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { ErrorDetails } from './ErrorDetails';

export function RevokeDialog({ accountId, apiKey, onClose }: { accountId: string; apiKey: ListedOmiKey; onClose: () => void }) {
  const titleId = useId();
  const textId = useId();
  const confirmId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [confirmName, setConfirmName] = useState('');
  const revoke = useRevokeKey();
  const toast = useToast();
  const pending = revoke.isPending;

  // DevKeys' own credential: main refuses to revoke it unless the user types its name. The list
  // can be stale, so a `confirmation_required` answer also brings up the name field.
  const confirmationRequired = revoke.error?.code === 'confirmation_required';
  const needsName = apiKey.usedByDevKeys || confirmationRequired;
  const nameMatches = confirmName.trim() === apiKey.name.trim();

  const confirm = () => {
    if (pending || (needsName && !nameMatches)) return;
    revoke.mutate(
      { accountId, keyId: apiKey.id, ...(needsName ? { confirmName: confirmName.trim() } : {}) },
      {
        onSuccess: ({ outcome }) => {
          if (outcome === 'already_gone') toast('That key was already revoked.', 'info');
          else toast('API key revoked');
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
      testId="revoke-dialog"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Revoke Key?
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        Are you sure you want to revoke the key &quot;{apiKey.name}&quot;? This action cannot be undone.
      </p>

      {needsName ? (
        <>
          <div className="banner banner--amber mt-12">
            <span className="banner__icon">
              <WarningIcon />
            </span>
            <p className="banner__body">
              DevKeys signs in to this account with this key. After you revoke it, DevKeys can no longer list or create
              keys here until you add the account again with another credential.
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

      {revoke.error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <div className="banner__body">
            <ErrorDetails error={revoke.error} prefix="Failed to revoke API key: " />
          </div>
        </div>
      ) : null}

      <div className="dialog__footer">
        <Button ref={cancelRef} variant="secondary" size="lg" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant="danger"
          size="lg"
          onClick={confirm}
          disabled={needsName && !nameMatches}
          icon={pending ? <Spinner size="sm" /> : undefined}
        >
          {pending ? 'Revoking…' : 'Revoke'}
        </Button>
      </div>
    </Dialog>
  );
}
