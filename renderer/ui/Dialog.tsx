/**
 * Modal dialog: role=dialog + aria-modal, labelled by its title. On open, focus moves in
 * (to `initialFocus`, else the first focusable element) and the app behind becomes inert;
 * Tab / Shift+Tab stay inside; on close, focus returns to the element that opened it.
 * `dismissible={false}` ignores Escape and backdrop clicks (the one-time secret dialog).
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Open dialogs, innermost last: only the top one reacts to keys. */
const stack: symbol[] = [];

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0,
  );
}

function setAppInert(inert: boolean) {
  const root = document.getElementById('root');
  if (root) root.inert = inert;
}

export interface DialogProps {
  /** Called when the user asks to close (Escape or a backdrop click) and the dialog is dismissible. */
  onClose: () => void;
  dismissible?: boolean;
  /** Id of the element holding the dialog's title. */
  labelledBy: string;
  describedBy?: string;
  initialFocus?: RefObject<HTMLElement | null>;
  size?: 'sm' | 'md';
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Dialog({
  onClose,
  dismissible = true,
  labelledBy,
  describedBy,
  initialFocus,
  size = 'md',
  className,
  testId,
  children,
}: DialogProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef<symbol | null>(null);
  const onCloseRef = useRef(onClose);
  const dismissibleRef = useRef(dismissible);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
    dismissibleRef.current = dismissible;
  });

  // Focus in, inert background, focus back to the opener on close.
  useLayoutEffect(() => {
    const token = Symbol('dialog');
    tokenRef.current = token;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stack.push(token);
    setAppInert(true);
    const panel = panelRef.current;
    const target = initialFocus?.current ?? (panel ? focusableIn(panel)[0] : undefined) ?? panel;
    target?.focus();
    return () => {
      const index = stack.indexOf(token);
      if (index >= 0) stack.splice(index, 1);
      if (stack.length === 0) setAppInert(false);
      if (opener && opener.isConnected) opener.focus();
    };
    // Runs once per open dialog; initialFocus is read at open time only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Escape and the Tab trap, at document level so they work even when focus fell to <body>.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const panel = panelRef.current;
      if (!panel || stack[stack.length - 1] !== tokenRef.current) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (dismissibleRef.current) onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusableIn(panel);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        event.preventDefault();
        panel.focus();
        return;
      }
      const active = document.activeElement;
      const inside = active instanceof Node && panel.contains(active);
      if (event.shiftKey && (active === first || !inside || active === panel)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return createPortal(
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return;
        // Keep focus inside the dialog instead of dropping it to <body>.
        event.preventDefault();
        if (dismissibleRef.current) onCloseRef.current();
      }}
    >
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={['dialog', `dialog--${size}`, className].filter(Boolean).join(' ')}
        data-testid={testId}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}

