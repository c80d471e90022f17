import { useEffect, useState } from 'react';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { KeyRow } from './KeyRow';

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
  return (
    <ul className="key-list" data-testid="key-list" aria-label="API keys">
      {keys.map((key) => (
        <KeyRow key={key.id} apiKey={key} now={now} onRevoke={onRevoke} onRotate={onRotate} />
      ))}
    </ul>
  );
}
