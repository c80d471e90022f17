/**
 * After a create whose response was lost (`create_outcome_unknown` with orphan keys): the
 * server made a key DevKeys never got the secret of. Offer to revoke it, or to keep it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyFamily, OrphanKey } from '../../../electron/ipc/contract';
import { asBridgeError, type BridgeError } from '../../api/bridge';
import { useRevokeKey } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from './format';

/** The keys a failed create (or rotation) may have made; empty when none appeared or DevKeys could not check. */
export function orphansOf(error: BridgeError | null | undefined): OrphanKey[] {
  return error?.code === 'create_outcome_unknown' ? (error.orphanKeys ?? []) : [];
}

export function OrphanKeyNotice({
  family = 'dev',
  accountId,
  orphans,
  onDone,
}: {
  /** Which list the orphans are in. */
  family?: KeyFamily;
  accountId: string;
  orphans: OrphanKey[];
  onDone: () => void;
}) {
  const textId = useId();
  const revoke = useRevokeKey();
  const toast = useToast();
  const [error, setError] = useState<BridgeError | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  // This replaces the form whose button had focus: move it to the safe choice.
  useEffect(() => keepRef.current?.focus(), []);
  const name = orphans[0]?.name ?? '';
  const one = orphans.length === 1;
  const found = orphans.map((key) => `${key.key_prefix} at ${formatDateTime(key.created_at)}`).join(', ');

  const revokeAll = async () => {
    setError(null);
    try {
      // One at a time: each revoke is a user-approved request, never repeated on failure.
      for (const key of orphans) await revoke.mutateAsync({ family, accountId, keyId: key.id });
      toast(one ? `Revoked the possible orphan key “${name}”` : `Revoked ${orphans.length} possible orphan keys “${name}”`);
      onDone();
    } catch (caught) {
      setError(asBridgeError(caught));
    }
  };

  return (
    <div className="orphan-notice" role="alert" aria-describedby={textId} data-testid="orphan-key-notice">
      <div className="banner banner--amber">
        <span className="banner__icon">
          <WarningIcon />
        </span>
        <p className="banner__body" id={textId}>
          The server may have created this key, but its response was lost, so DevKeys never received the secret.{' '}
          {one ? (
            <>
              A key named &quot;{name}&quot; (<code>{orphans[0]?.key_prefix}</code>) appeared at{' '}
              {formatDateTime(orphans[0]?.created_at ?? '')}. It can&apos;t be used without its secret — revoke it?
            </>
          ) : (
            <>
              {orphans.length} keys named &quot;{name}&quot; appeared ({found}). They can&apos;t be used without their
              secrets — revoke them?
            </>
          )}
        </p>
      </div>
      <ErrorBanner error={error} prefix="Couldn't revoke it. " className="mt-12" />
      <div className="confirm__actions">
        <Button ref={keepRef} variant="secondary" onClick={onDone} disabled={revoke.isPending}>
          Keep it
        </Button>
        <Button
          variant="danger"
          onClick={() => void revokeAll()}
          disabled={revoke.isPending}
          icon={revoke.isPending ? <Spinner size="sm" /> : undefined}
        >
          {one ? 'Revoke possible orphan key' : 'Revoke possible orphan keys'}
        </Button>
      </div>
    </div>
  );
}
