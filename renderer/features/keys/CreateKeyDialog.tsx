import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CreatedKey, OmiScope } from '../../../electron/ipc/contract';
import { useCreateKey } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { CheckIcon, CloseIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { ALL_SCOPES } from './format';
import { KEY_NAME_REQUIRED, KeyNameField, PermissionsFieldset, PRESET_SCOPES } from './KeyFields';
import { OrphanKeyNotice, orphansOf } from './OrphanKeyNotice';
import './permissions.css';

const RESOURCES = [
  { id: 'conversations', label: 'Conversations' },
  { id: 'memories', label: 'Memories' },
  { id: 'action_items', label: 'Action Items' },
  { id: 'goals', label: 'Goals' },
] as const;

type Access = 'read' | 'write';

function sameSet(a: ReadonlySet<OmiScope>, b: readonly OmiScope[]): boolean {
  return a.size === b.length && b.every((scope) => a.has(scope));
}

export function CreateKeyDialog({
  accountId,
  onClose,
  onCreated,
}: {
  accountId: string;
  onClose: () => void;
  /** Receives the one-time secret; the caller shows it and keeps it nowhere else. */
  onCreated: (created: CreatedKey) => void;
}) {
  const titleId = useId();
  const subtitleId = useId();
  const nameInputRef = useRef<HTMLInputElement>(null);
  const keepEditingRef = useRef<HTMLButtonElement>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [scopes, setScopes] = useState<ReadonlySet<OmiScope>>(() => new Set());
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const createKey = useCreateKey();

  // Focus the safe choice when the discard prompt appears.
  useEffect(() => {
    if (confirmingDiscard) keepEditingRef.current?.focus();
  }, [confirmingDiscard]);

  const dirty = name.trim() !== '' || scopes.size > 0;
  const pending = createKey.isPending;
  // The create may or may not have happened (main never repeats it): what to offer depends on what main found.
  const outcomeUnknown = createKey.error?.code === 'create_outcome_unknown';
  const orphans = orphansOf(createKey.error);

  const requestClose = () => {
    if (pending) return; // a key is being created: its secret must reach the user
    if (orphans.length > 0) {
      onClose(); // the same as "Keep it": there is nothing left to discard
      return;
    }
    if (confirmingDiscard) {
      keepEditingRef.current?.focus();
      return;
    }
    if (dirty) {
      setConfirmingDiscard(true);
      return;
    }
    onClose();
  };

  const toggle = (scope: OmiScope) => {
    setScopes((current) => {
      const next = new Set(current);
      if (next.has(scope)) next.delete(scope);
      else next.add(scope);
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(KEY_NAME_REQUIRED);
      nameInputRef.current?.focus();
      return;
    }
    setNameError(null);
    setConfirmingDiscard(false);
    const ordered = ALL_SCOPES.filter((scope) => scopes.has(scope));
    try {
      const created = await createKey.mutateAsync({
        accountId,
        name: trimmed,
        // Nothing selected: send no scopes and let the server default to read-only.
        ...(ordered.length > 0 ? { scopes: ordered } : {}),
      });
      onCreated(created);
      // Drop the secret from the mutation cache as soon as the dialog state has it.
      createKey.reset();
    } catch {
      // Shown below from createKey.error.
    }
  };

  const activePreset = (['read', 'full'] as const).find((preset) => sameSet(scopes, PRESET_SCOPES[preset])) ?? null;

  return (
    <Dialog
      onClose={requestClose}
      labelledBy={titleId}
      describedBy={subtitleId}
      initialFocus={nameInputRef}
      testId="create-key-dialog"
    >
      <button type="button" className="dialog__close" aria-label="Close" onClick={requestClose} disabled={pending}>
        <CloseIcon size={16} />
      </button>
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Create API Key
        </h2>
        <p className="dialog__subtitle" id={subtitleId}>
          {orphans.length > 0 ? 'The new key may exist without its secret' : 'Access your data programmatically'}
        </p>
      </div>

      {orphans.length > 0 ? (
        <OrphanKeyNotice accountId={accountId} orphans={orphans} onDone={onClose} />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <KeyNameField
            id={`${titleId}-name`}
            inputRef={nameInputRef}
            value={name}
            error={nameError}
            disabled={pending}
            onChange={(value) => {
              setName(value);
              if (nameError && value.trim()) setNameError(null);
            }}
          />

          <PermissionsFieldset
            presetsLabel="Presets"
            active={activePreset}
            disabled={pending}
            onPick={(preset) => setScopes(new Set(PRESET_SCOPES[preset]))}
          >
            <div className="perm-table">
              {RESOURCES.map((resource) => (
                <div className="perm-row" key={resource.id} role="group" aria-label={resource.label}>
                  <span className="perm-row__name" aria-hidden="true">
                    {resource.label}
                  </span>
                  <span className="perm-row__toggles">
                    {(['read', 'write'] as const satisfies readonly Access[]).map((access) => {
                      const scope = `${resource.id}:${access}` as OmiScope;
                      const on = scopes.has(scope);
                      const text = access === 'read' ? 'Read' : 'Write';
                      return (
                        <button
                          key={access}
                          type="button"
                          className={`toggle toggle--${access}`}
                          aria-pressed={on}
                          aria-label={`${resource.label} ${text}`}
                          onClick={() => toggle(scope)}
                        >
                          <span className="toggle__check">
                            <CheckIcon size={12} />
                          </span>
                          {text}
                        </button>
                      );
                    })}
                  </span>
                </div>
              ))}
            </div>
            <p className="perm-note">R = Read, W = Write. Defaults to read-only if nothing selected.</p>
          </PermissionsFieldset>

          <ErrorBanner error={createKey.error} />

          {confirmingDiscard ? (
            <div className="confirm" role="group" aria-labelledby={`${titleId}-discard`} aria-describedby={`${titleId}-discard-text`}>
              <p className="confirm__title" id={`${titleId}-discard`}>
                Discard changes?
              </p>
              <p className="confirm__text" id={`${titleId}-discard-text`}>
                The key name and permissions you entered will be lost.
              </p>
              <div className="confirm__actions">
                <Button
                  ref={keepEditingRef}
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setConfirmingDiscard(false);
                    nameInputRef.current?.focus();
                  }}
                >
                  Keep editing
                </Button>
                <Button variant="danger" size="sm" onClick={onClose}>
                  Discard
                </Button>
              </div>
            </div>
          ) : (
            <Button
              type="submit"
              variant="primary"
              size="lg"
              block
              disabled={pending}
              aria-disabled={pending || undefined}
              icon={pending ? <Spinner size="sm" /> : undefined}
            >
              {pending ? 'Creating…' : outcomeUnknown ? 'Try again' : 'Create Key'}
            </Button>
          )}
        </form>
      )}
    </Dialog>
  );
}
