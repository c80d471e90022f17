/**
 * The tray's "Quick create key…" window (`#quick-create`): a compact form for the active
 * account — name, Read Only / Full Access, Create — then the same one-time secret dialog as
 * the main window. Done closes the window. If the create's response was lost, the key it may
 * have made is offered for revoking, as in the main window; then the form comes back.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAccounts, useCreateKey, useMainEvents } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { ErrorBanner } from '../../ui/ErrorDetails';
import { KeyIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { KEY_NAME_REQUIRED, KeyNameField, PermissionsFieldset, PRESET_SCOPES, type Preset } from '../keys/KeyFields';
import { OneTimeSecret } from '../keys/oneTimeSecret';
import { OrphanKeyNotice, orphansOf } from '../keys/OrphanKeyNotice';
import { SecretOnceDialog } from '../keys/SecretOnceDialog';
import './quick-create.css';
import '../keys/key-list.css';

export function QuickCreate() {
  useMainEvents();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const accounts = useAccounts();
  const createKey = useCreateKey();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [preset, setPreset] = useState<Preset>('read');
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);

  useEffect(() => {
    document.title = 'Quick create key';
    // Compact dialog styles for this small window (quick-create.css).
    document.documentElement.classList.add('quick-create-window');
  }, []);

  const active = accounts.data?.accounts.find((account) => account.id === accounts.data?.activeAccountId);
  const usable = active !== undefined && active.provider === 'omi' && active.status === 'ok';
  // The create may or may not have happened (main never repeats it): what to offer depends on what main found.
  const orphans = orphansOf(createKey.error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!usable || createKey.isPending) return;
    if (!name.trim()) {
      setNameError(KEY_NAME_REQUIRED);
      nameRef.current?.focus();
      return;
    }
    try {
      const created = await createKey.mutateAsync({
        accountId: active.id,
        name: name.trim(),
        scopes: [...PRESET_SCOPES[preset]],
        source: 'tray',
      });
      setSecret(new OneTimeSecret(created));
      createKey.reset(); // the mutation's result held the secret
    } catch {
      // Shown below from createKey.error.
    }
  };

  const done = () => {
    setSecret(null);
    setName('');
    window.close();
  };

  return (
    <main className="quick-create" data-testid="quick-create">
      <header className="quick-create__header">
        <span className="key-tile">
          <KeyIcon size={18} />
        </span>
        <div>
          <h1 className="section-title">Quick create key</h1>
          {active ? (
            <p className="quick-create__account" data-testid="quick-create-account">
              {active.label} <Chip tone={active.provider === 'omi' ? 'purple' : 'blue'}>{active.provider === 'omi' ? 'Omi' : 'Omni'}</Chip>{' '}
              <span className="mono">{active.credentialHint}</span>
            </p>
          ) : null}
        </div>
      </header>

      {accounts.isPending ? (
        <Spinner size="md" label="Loading accounts" />
      ) : !usable ? (
        <div className="banner banner--amber" role="alert">
          <span className="banner__icon">
            <WarningIcon />
          </span>
          <p className="banner__body">
            {active?.status === 'locked'
              ? `“${active.label}” is locked. Open DevKeys to re-enter its credential.`
              : 'Quick create works with an Omi account. Open DevKeys and pick or add one.'}
          </p>
        </div>
      ) : orphans.length > 0 ? (
        // Back to the form afterwards: the name is kept for another try.
        <OrphanKeyNotice accountId={active.id} orphans={orphans} onDone={() => createKey.reset()} />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <KeyNameField
            id={`${id}-name`}
            inputRef={nameRef}
            value={name}
            error={nameError}
            disabled={createKey.isPending}
            autoFocus
            onChange={(value) => {
              setName(value);
              setNameError(null);
            }}
          />
          <PermissionsFieldset presetsLabel="Permissions" active={preset} disabled={createKey.isPending} onPick={setPreset} />
          <ErrorBanner error={createKey.error} />
          <Button type="submit" variant="primary" size="lg" block disabled={createKey.isPending} icon={createKey.isPending ? <Spinner size="sm" /> : undefined}>
            {createKey.isPending ? 'Creating…' : 'Create Key'}
          </Button>
        </form>
      )}

      {secret ? <SecretOnceDialog secret={secret} onDone={done} /> : null}
    </main>
  );
}
