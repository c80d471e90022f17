/**
 * Omi's MCP "Create New Key" dialog: one field, Name (`e.g., Claude Desktop`), Cancel and
 * Create (`Creating…` while in flight); Create is off until the name is not blank; Enter
 * submits. If the create's answer was lost, the key it may have made is offered for revoking.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useCreateMcpKey } from '../../api/mcpHooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { Spinner } from '../../ui/Spinner';
import type { CreateDialogProps } from '../keys/KeySection';
import { KEY_NAME_WORDING, KeyNameField } from '../keys/KeyFields';
import { OneTimeSecret } from '../keys/oneTimeSecret';
import { OrphanKeyNotice, orphansOf } from '../keys/OrphanKeyNotice';

export function McpCreateKeyDialog({ accountId, onClose, onCreated }: CreateDialogProps) {
  const titleId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const create = useCreateMcpKey();
  const pending = create.isPending;
  const orphans = orphansOf(create.error);
  const outcomeUnknown = create.error?.code === 'create_outcome_unknown';
  const blank = name.trim() === '';

  const requestClose = () => {
    if (!pending) onClose(); // a key is being created: its secret must reach the user
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || blank) return;
    try {
      const created = await create.mutateAsync({ accountId, name: name.trim() });
      onCreated(new OneTimeSecret(created, 'mcp'));
      // Drop the secret from the mutation cache as soon as the dialog state has it.
      create.reset();
    } catch {
      // Shown below from create.error.
    }
  };

  return (
    <Dialog onClose={requestClose} labelledBy={titleId} initialFocus={nameRef} size="sm" testId="create-mcp-key-dialog">
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Create New Key
        </h2>
        {orphans.length > 0 ? <p className="dialog__subtitle">The new key may exist without its secret</p> : null}
      </div>
      {orphans.length > 0 ? (
        <OrphanKeyNotice family="mcp" accountId={accountId} orphans={orphans} onDone={onClose} />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <KeyNameField
            id={`${titleId}-name`}
            inputRef={nameRef}
            value={name}
            error={null}
            disabled={pending}
            wording={KEY_NAME_WORDING.mcp}
            onChange={setName}
          />
          <ErrorBanner error={create.error} />
          <div className="dialog__footer">
            <Button variant="secondary" size="lg" onClick={requestClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" size="lg" disabled={pending || blank} icon={pending ? <Spinner size="sm" /> : undefined}>
              {pending ? 'Creating…' : outcomeUnknown ? 'Try again' : 'Create'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
