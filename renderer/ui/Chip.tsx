import type { ReactNode } from 'react';

/** A soft tint of theme.css (`tint--*`): chips, activity icons. */
export type Tint = 'blue' | 'green' | 'purple' | 'grey' | 'amber' | 'red' | 'success';

export function Chip({ tone = 'grey', children, title }: { tone?: Tint; children: ReactNode; title?: string }) {
  return (
    <span className={`chip tint--${tone}`} title={title}>
      {children}
    </span>
  );
}
