/**
 * The key list for large accounts: only the rows near the window's viewport are in the DOM
 * (TanStack Virtual, window scrolling, measured row heights). The list keeps its flow layout:
 * the space of the rows above and below the rendered ones is a margin on the first and last
 * rendered row, so the list, its rows and their separators look exactly as in the full list.
 * Every row carries aria-posinset / aria-setsize, so assistive tech still hears "n of 1,000".
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { ListedOmiKey } from '../../../electron/ipc/contract';
import { KeyRow } from './KeyRow';
import './key-list.css';

/** A row with one line of chips (theme.css: .key-row, contain-intrinsic-size). */
const ESTIMATED_ROW_HEIGHT = 76;

export function VirtualKeyList({
  keys,
  now,
  onRevoke,
  onRotate,
}: {
  keys: readonly ListedOmiKey[];
  now: number;
  onRevoke: (key: ListedOmiKey) => void;
  onRotate: (key: ListedOmiKey) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  // Where the list starts in the page. Content above it (a notice, the tools) can move it, so
  // this runs after every render, and sets state (re-rendering before paint) only on a change.
  const [scrollMargin, setScrollMargin] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const top = list.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(top - scrollMargin) >= 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: keys.length,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey: (index) => keys[index]?.id ?? index,
    overscan: 6,
    scrollMargin,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows.at(-1);
  const before = first ? first.start - scrollMargin : 0;
  const after = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;

  return (
    <ul ref={listRef} className="key-list" data-testid="key-list" aria-label="API keys">
      {rows.map((row) => {
        const key = keys[row.index];
        if (!key) return null;
        return (
          <KeyRow
            key={key.id}
            apiKey={key}
            now={now}
            onRevoke={onRevoke}
            onRotate={onRotate}
            virtual={{
              index: row.index,
              setSize: keys.length,
              ref: virtualizer.measureElement,
              style: {
                marginTop: row === first && before > 0 ? before : undefined,
                marginBottom: row === last && after > 0 ? after : undefined,
              },
            }}
          />
        );
      })}
    </ul>
  );
}
