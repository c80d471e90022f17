/**
 * Rotating a key: confirm → the new secret, shown once (SecretOnceDialog) → revoke the old key
 * now or keep both. For DevKeys' own key, main has already switched to the new key and checked
 * it before offering to revoke the old one; if that check failed, only "keep both" is offered.
 */
import { useId, useRef, useState } from 'react';
import type { ListedOmiKey, RotationResult } from '../../../electron/ipc/contract';
import { useFinishRotation, useRotateKey } from '../../api/accountHooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon, RefreshIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { ErrorDetails } from '../keys/ErrorDetails';
import { OneTimeSecret } from '../keys/oneTimeSecret';
import { SecretOnceDialog } from '../keys/SecretOnceDialog';

type Step =
  | { kind: 'confirm' }
  | { kind: 'secret'; secret: OneTimeSecret; credential: RotationResult['credential'] }
  | { kind: 'choice'; newPrefix: string; credential: RotationResult['credential'] };

export function RotateFlow({ accountId, apiKey, onClose }: { accountId: string; apiKey: ListedOmiKey; onClose: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const rotate = useRotateKey();

  const start = async () => {
    if (rotate.isPending) return;
    try {
      const result = await rotate.mutateAsync({ accountId, keyId: apiKey.id });
      // The holder takes the secret (and blanks it on the result); then drop the mutation's copy.
      setStep({ kind: 'secret', secret: new OneTimeSecret(result), credential: result.credential });
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
    return <ChoiceDialog accountId={accountId} apiKey={apiKey} newPrefix={step.newPrefix} credential={step.credential} onClose={onClose} />;
  }
  return <ConfirmDialog apiKey={apiKey} pending={rotate.isPending} error={rotate.error} onRotate={() => void start()} onClose={onClose} />;
}

function ConfirmDialog({
  apiKey,
  pending,
  error,
  onRotate,
  onClose,
}: {
  apiKey: ListedOmiKey;
  pending: boolean;
  error: ReturnType<typeof useRotateKey>['error'];
  onRotate: () => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const textId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      onClose={() => {
        if (!pending) onClose();
      }}
      labelledBy={titleId}
      describedBy={textId}
      initialFocus={cancelRef}
      size="sm"
      testId="rotate-dialog"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Rotate Key?
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        DevKeys creates a new key named &quot;{apiKey.name}&quot; with the same permissions and shows its secret once. The old
        key keeps working until you revoke it.
      </p>
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
      {error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <div className="banner__body">
            <ErrorDetails error={error} prefix="Couldn't rotate the key: " />
          </div>
        </div>
      ) : null}
      <div className="dialog__footer">
        <Button ref={cancelRef} variant="secondary" size="lg" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button variant="primary" size="lg" onClick={onRotate} disabled={pending} icon={pending ? <Spinner size="sm" /> : undefined}>
          {pending ? 'Rotating…' : 'Rotate'}
        </Button>
      </div>
    </Dialog>
  );
}

function ChoiceDialog({
  accountId,
  apiKey,
  newPrefix,
  credential,
  onClose,
}: {
  accountId: string;
  apiKey: ListedOmiKey;
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
      { accountId, oldKeyId: apiKey.id, action },
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
      {finish.error ? (
        <div className="banner banner--error mt-12" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <div className="banner__body">
            <ErrorDetails error={finish.error} prefix="Failed to revoke the old key: " />
          </div>
        </div>
      ) : null}
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
