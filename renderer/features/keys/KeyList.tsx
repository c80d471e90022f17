import { useEffect, useState } from 'react';
import type { KeyFamily } from '../../../electron/ipc/contract';
import { familyUi, type ListedKey } from './families';
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

export function KeyList<K extends ListedKey>({
  family,
  keys,
  onRevoke,
  onRotate,
}: {
  family: KeyFamily;
  keys: readonly K[];
  onRevoke: (key: K) => void;
  onRotate: (key: K) => void;
}) {
  const now = useNow(30_000);
  if (keys.length >= VIRTUALIZE_FROM) return <VirtualKeyList family={family} keys={keys} now={now} onRevoke={onRevoke} onRotate={onRotate} />;
  const ui = familyUi[family];
  return (
    <ul className="key-list" data-testid={ui.testIds.list} aria-label={ui.listLabel}>
      {keys.map((key) => (
        <KeyRow key={key.id} family={family} apiKey={key} now={now} onRevoke={onRevoke} onRotate={onRotate} />
      ))}
    </ul>
  );
}
