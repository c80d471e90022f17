import type { ReactNode } from 'react';

export type ChipTone = 'blue' | 'green' | 'purple' | 'grey' | 'amber' | 'red' | 'success';

export function Chip({ tone = 'grey', children, title }: { tone?: ChipTone; children: ReactNode; title?: string }) {
  return (
    <span className={`chip chip--${tone}`} title={title}>
      {children}
    </span>
  );
}
