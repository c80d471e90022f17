/**
 * Rotating a key: confirm → the new secret, shown once (SecretOnceDialog) → revoke the old key
 * now or keep both. For DevKeys' own key, main has already switched to the new key and checked
 * it before offering to revoke the old one; if that check failed, only "keep both" is offered.
 * If the replacement's create response was lost, the key it may have made is offered for revoking.
 */
import { useId, useState } from 'react';
import type { KeyFamily, OrphanKey, RotationResult } from '../../../electron/ipc/contract';
import { useFinishRotation, useRotateKey } from '../../api/accountHooks';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CheckIcon, RefreshIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import type { KeyIdentity } from '../keys/families';
import { OneTimeSecret } from '../keys/oneTimeSecret';
import { OrphanKeyNotice, orphansOf } from '../keys/OrphanKeyNotice';
import { SecretOnceDialog } from '../keys/SecretOnceDialog';

type Step =
  | { kind: 'confirm' }
  | { kind: 'secret'; secret: OneTimeSecret; credential: RotationResult['credential'] }
  | { kind: 'choice'; newPrefix: string; credential: RotationResult['credential'] };

export function RotateFlow({
  family = 'dev',
  accountId,
  apiKey,
  onClose,
}: {
  family?: KeyFamily;
  accountId: string;
  apiKey: KeyIdentity;
  onClose: () => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const rotate = useRotateKey();

  const start = async () => {
    if (rotate.isPending) return;
    try {
      const result = await rotate.mutateAsync({ accountId, keyId: apiKey.id, family });
      // The holder takes the secret (and blanks it on the result); then drop the mutation's copy.
      setStep({ kind: 'secret', secret: new OneTimeSecret(result, family), credential: result.credential });
      rotate.reset();
    } catch {
      // Shown in the confirm dialog from rotate.error.
    }
  };

  if (step.kind === 'secret') {
    return (
      <SecretOnceDialog
        secret={step.secret}
        accountId={accountId}
        onDone={() => setStep({ kind: 'choice', newPrefix: step.secret.key.key_prefix, credential: step.credential })}
      />
    );
  }
  if (step.kind === 'choice') {
    return (
      <ChoiceDialog family={family} accountId={accountId} apiKey={apiKey} newPrefix={step.newPrefix} credential={step.credential} onClose={onClose} />
    );
  }
  // The create may or may not have happened (main never repeats it): offer to revoke what appeared.
  const orphans = orphansOf(rotate.error);
  if (orphans.length > 0) return <OrphanDialog family={family} accountId={accountId} apiKey={apiKey} orphans={orphans} onClose={onClose} />;
  return (
    <ConfirmDialog
      title="Rotate Key?"
      text={
        <>
          DevKeys creates a new key named &quot;{apiKey.name}&quot; with the same permissions and shows its secret once. The old
          key keeps working until you revoke it{family === 'mcp' ? ': update your AI assistants’ configs first' : ''}.
        </>
      }
      confirmLabel="Rotate"
      pendingLabel="Rotating…"
      confirmVariant="primary"
      pending={rotate.isPending}
      confirmDisabled={rotate.isPending}
      error={rotate.error}
      errorPrefix="Couldn't rotate the key: "
      onConfirm={() => void start()}
      onClose={onClose}
      testId="rotate-dialog"
    >
      {apiKey.usedByDevKeys ? (
        <div className="banner banner--info mt-12">
          <span className="banner__icon">
            <RefreshIcon size={16} />
          </span>
          <p className="banner__body">
            DevKeys signs in to this account with this key. It will switch to the new key and check that it works before
            the old one can be revoked.
          </p>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}

/** The replacement's create response was lost: the old key is untouched; the new one may exist without its secret. */
function OrphanDialog({
  family,
  accountId,
  apiKey,
  orphans,
  onClose,
}: {
  family: KeyFamily;
  accountId: string;
  apiKey: KeyIdentity;
  orphans: OrphanKey[];
  onClose: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  return (
    <Dialog onClose={onClose} labelledBy={titleId} describedBy={textId} size="sm" testId="rotate-dialog">
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          The new key may exist without its secret
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        Nothing was rotated: the old &quot;{apiKey.name}&quot; (<span className="mono">{apiKey.key_prefix}</span>) is unchanged
        and still works{apiKey.usedByDevKeys ? ', and DevKeys still signs in with it' : ''}.
      </p>
      <div className="mt-12">
        <OrphanKeyNotice family={family} accountId={accountId} orphans={orphans} onDone={onClose} />
      </div>
    </Dialog>
  );
}

function ChoiceDialog({
  family,
  accountId,
  apiKey,
  newPrefix,
  credential,
  onClose,
}: {
  family: KeyFamily;
  accountId: string;
  apiKey: KeyIdentity;
  newPrefix: string;
  credential: RotationResult['credential'];
  onClose: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const finish = useFinishRotation();
  const toast = useToast();
  const mayRevoke = credential.status !== 'kept_old';

  const choose = (action: 'revoke_old' | 'keep_both') => {
    if (finish.isPending) return;
    finish.mutate(
      { accountId, oldKeyId: apiKey.id, action, family },
      {
        onSuccess: ({ outcome }) => {
          toast(outcome === 'kept' ? 'Kept both keys. The old one is marked “Replaced”.' : 'Old key revoked');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      onClose={() => choose('keep_both')}
      labelledBy={titleId}
      describedBy={textId}
      testId="rotation-choice-dialog"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Revoke the old key?
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        The old &quot;{apiKey.name}&quot; (<span className="mono">{apiKey.key_prefix}</span>) still works. Revoke it once
        everything uses the new key (<span className="mono">{newPrefix}</span>).
      </p>
      {credential.status === 'adopted' ? (
        <div className="banner banner--info mt-12" data-testid="credential-adopted">
          <span className="banner__icon">
            <CheckIcon size={16} />
          </span>
          <p className="banner__body">DevKeys now signs in with the new key, and it works.</p>
        </div>
      ) : null}
      {credential.status === 'kept_old' ? (
        <div className="banner banner--amber mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">{credential.message}</p>
        </div>
      ) : null}
      <ErrorBanner error={finish.error} prefix="Failed to revoke the old key: " className="mt-12" />
      <div className="dialog__footer">
        <Button variant="secondary" size="lg" onClick={() => choose('keep_both')} disabled={finish.isPending}>
          Keep both for now
        </Button>
        {mayRevoke ? (
          <Button
            variant="danger"
            size="lg"
            onClick={() => choose('revoke_old')}
            disabled={finish.isPending}
            icon={finish.isPending && finish.variables?.action === 'revoke_old' ? <Spinner size="sm" /> : undefined}
          >
            Revoke old key now
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
