import { useEffect, useState } from 'react';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { KeyRow } from './KeyRow';
import { VirtualKeyList } from './VirtualKeyList';
import './key-list.css';

/**
 * From this many keys only the rows near the viewport are rendered (VirtualKeyList): a full
 * list of 1,000 keys takes hundreds of ms to render (`npm run bench`). Below it, every row is
 * in the DOM (find-in-page sees them all); `.key-row`'s content-visibility skips painting those
 * off screen.
 */
export const VIRTUALIZE_FROM = 150;

/** The current time, refreshed every `intervalMs`, so "Used 5 minutes ago" stays true. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function KeyList({
  keys,
  onRevoke,
  onRotate,
}: {
  keys: readonly ListedOmiKey[];
  onRevoke: (key: ListedOmiKey) => void;
  onRotate: (key: ListedOmiKey) => void;
}) {
  const now = useNow(30_000);
  if (keys.length >= VIRTUALIZE_FROM) return <VirtualKeyList keys={keys} now={now} onRevoke={onRevoke} onRotate={onRotate} />;
  return (
    <ul className="key-list" data-testid="key-list" aria-label="API keys">
      {keys.map((key) => (
        <KeyRow key={key.id} apiKey={key} now={now} onRevoke={onRevoke} onRotate={onRotate} />
      ))}
    </ul>
  );
}
