/**
 * A small modal question with Cancel and one action (revoke, remove, rotate): Cancel has the
 * first focus, and while the action runs the dialog cannot be dismissed and Cancel is off.
 */
import { useId, useRef, type ReactNode } from 'react';
import type { BridgeError } from '../api/bridge';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorBanner } from './ErrorDetails';
import { Spinner } from './Spinner';

export interface ConfirmDialogProps {
  title: string;
  /** The question's explanation; it describes the dialog. */
  text: ReactNode;
  /** Shown between the text and the error: notes, a field to type a name into. */
  children?: ReactNode;
  confirmLabel: string;
  /** The action button's label while it runs, e.g. "Revoking…". */
  pendingLabel: string;
  confirmVariant: 'danger' | 'primary';
  pending: boolean;
  /** Whether the action button is off (e.g. until a name is typed, or while pending). */
  confirmDisabled?: boolean;
  error: BridgeError | null;
  /** Put before the error message, e.g. "Failed to revoke API key: ". */
  errorPrefix: string;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
}

export function ConfirmDialog({
  title,
  text,
  children,
  confirmLabel,
  pendingLabel,
  confirmVariant,
  pending,
  confirmDisabled = false,
  error,
  errorPrefix,
  onConfirm,
  onClose,
  testId,
}: ConfirmDialogProps) {
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
      testId={testId}
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
      </div>
      <p className="dialog__text" id={textId}>
        {text}
      </p>
      {children}
      <ErrorBanner error={error} prefix={errorPrefix} className="mt-12" />
      <div className="dialog__footer">
        <Button ref={cancelRef} variant="secondary" size="lg" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant={confirmVariant}
          size="lg"
          onClick={onConfirm}
          disabled={confirmDisabled}
          icon={pending ? <Spinner size="sm" /> : undefined}
        >
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
