import { useEffect, useState } from 'react';
import { ClockIcon } from '../../ui/icons';
import '../keys/rate-limit-countdown.css';

/** "You can check again in N s", counting down; it never checks again by itself (the key is gone from the field). */
export function RetryAfterNote({ seconds }: { seconds: number }) {
  const [deadline] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return (
    <span className="countdown key-check__countdown" role="timer" aria-live="off">
      <ClockIcon size={14} />
      {left > 0 ? `You can check again in ${left} s` : 'You can check again now.'}
    </span>
  );
}
