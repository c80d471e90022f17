/** The fields both key forms share: the main window's Create API Key dialog and the tray's quick create. */
import type { ReactNode, RefObject } from 'react';
import type { OmiScope } from '../../../electron/ipc/contract';
import { ALL_SCOPES, READ_ONLY_SCOPES } from './format';
import './permissions.css';

/** Mirrors the contract's KEY_NAME_MAX (a runtime value the renderer may not import). */
export const KEY_NAME_MAX = 100;
export const KEY_NAME_REQUIRED = 'Please enter a name.';

export function KeyNameField({
  id,
  inputRef,
  value,
  error,
  disabled,
  autoFocus,
  onChange,
}: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  error: string | null;
  disabled: boolean;
  autoFocus?: boolean;
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        KEY NAME
      </label>
      <input
        ref={inputRef}
        id={id}
        className="input"
        type="text"
        placeholder="e.g., My App Integration"
        maxLength={KEY_NAME_MAX}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type Preset = 'read' | 'full';
export const PRESET_SCOPES: Record<Preset, readonly OmiScope[]> = { read: READ_ONLY_SCOPES, full: ALL_SCOPES };

/**
 * PERMISSIONS: the Read Only / Full Access presets as pressed toggles (`active`: the preset the
 * chosen scopes match, if any), then whatever finer choice the form offers.
 */
export function PermissionsFieldset({
  presetsLabel,
  active,
  disabled,
  onPick,
  children,
}: {
  /** The presets group's accessible name. */
  presetsLabel: string;
  active: Preset | null;
  disabled: boolean;
  onPick: (preset: Preset) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="field fieldset" disabled={disabled}>
      <legend className="field__label">PERMISSIONS</legend>
      <div className="presets" role="group" aria-label={presetsLabel}>
        <button type="button" className="preset" aria-pressed={active === 'read'} onClick={() => onPick('read')}>
          Read Only
        </button>
        <button type="button" className="preset" aria-pressed={active === 'full'} onClick={() => onPick('full')}>
          Full Access
        </button>
      </div>
      {children}
    </fieldset>
  );
}
