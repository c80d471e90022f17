/**
 * While a one-time secret is on screen, the window keeps showing the account it belongs to:
 * an account switch from the tray would otherwise unmount the dialog and lose the secret for
 * good. The switch is applied when the user presses Done.
 */
import { useSyncExternalStore } from 'react';

let pinnedAccountId: string | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Pins the view to `accountId`; returns the unpin function (for an effect's cleanup). */
export function pinAccountView(accountId: string): () => void {
  pinnedAccountId = accountId;
  notify();
  return () => {
    if (pinnedAccountId !== accountId) return;
    pinnedAccountId = null;
    notify();
  };
}

export function usePinnedAccountId(): string | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pinnedAccountId,
  );
}
