/**
 * The tray's "Quick create key…" window (`#quick-create`): a compact form for the active
 * account — name, Read Only / Full Access, Create — then the same one-time secret dialog as
 * the main window. Done closes the window.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAccounts, useCreateKey, useMainEvents } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Chip } from '../../ui/Chip';
import { KeyIcon, WarningIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { ErrorDetails } from '../keys/ErrorDetails';
import { ALL_SCOPES, READ_ONLY_SCOPES } from '../keys/format';
import { OneTimeSecret } from '../keys/oneTimeSecret';
import { SecretOnceDialog } from '../keys/SecretOnceDialog';
import { KEY_NAME_MAX } from '../keys/CreateKeyDialog';
import './quick-create.css';

type Preset = 'read' | 'full';

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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!usable || createKey.isPending) return;
    if (!name.trim()) {
      setNameError('Please enter a name.');
      nameRef.current?.focus();
      return;
    }
    try {
      const created = await createKey.mutateAsync({
        accountId: active.id,
        name: name.trim(),
        scopes: [...(preset === 'full' ? ALL_SCOPES : READ_ONLY_SCOPES)],
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
          <h1 className="quick-create__title">Quick create key</h1>
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
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-name`}>
              KEY NAME
            </label>
            <input
              ref={nameRef}
              id={`${id}-name`}
              className="input"
              type="text"
              placeholder="e.g., My App Integration"
              maxLength={KEY_NAME_MAX}
              autoComplete="off"
              spellCheck={false}
              autoFocus
              value={name}
              disabled={createKey.isPending}
              aria-invalid={nameError ? true : undefined}
              onChange={(event) => {
                setName(event.target.value);
                setNameError(null);
              }}
            />
            {nameError ? (
              <p className="field__error" role="alert">
                {nameError}
              </p>
            ) : null}
          </div>
          <fieldset className="field fieldset" disabled={createKey.isPending}>
            <legend className="field__label">PERMISSIONS</legend>
            <div className="presets" role="group" aria-label="Permissions">
              <button type="button" className="preset" aria-pressed={preset === 'read'} onClick={() => setPreset('read')}>
                Read Only
              </button>
              <button type="button" className="preset" aria-pressed={preset === 'full'} onClick={() => setPreset('full')}>
                Full Access
              </button>
            </div>
          </fieldset>
          {createKey.error ? (
            <div className="banner banner--error" role="alert">
              <span className="banner__icon">
                <WarningIcon />
              </span>
              <div className="banner__body">
                <ErrorDetails error={createKey.error} />
              </div>
            </div>
          ) : null}
          <Button type="submit" variant="primary" size="lg" block disabled={createKey.isPending} icon={createKey.isPending ? <Spinner size="sm" /> : undefined}>
            {createKey.isPending ? 'Creating…' : 'Create Key'}
          </Button>
        </form>
      )}

      {secret ? <SecretOnceDialog secret={secret} onDone={done} /> : null}
    </main>
  );
}
