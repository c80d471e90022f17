import { useEffect, useRef, useState } from 'react';
import { ClockIcon } from '../../ui/icons';
import './rate-limit-countdown.css';

/** "Rate limited — retrying in N s", counting down from `seconds`; calls `onElapsed` once at 0. */
export function RateLimitCountdown({ seconds, onElapsed }: { seconds: number; onElapsed?: () => void }) {
  const [deadline] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  const onElapsedRef = useRef(onElapsed);
  useEffect(() => {
    onElapsedRef.current = onElapsed;
  });

  useEffect(() => {
    let fired = false;
    const tick = () => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0 && !fired) {
        fired = true;
        window.clearInterval(timer);
        onElapsedRef.current?.();
      }
    };
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  return (
    <span className="countdown" role="timer" aria-live="off">
      <ClockIcon size={14} />
      {left > 0 ? `Rate limited — retrying in ${left} s` : 'Rate limited — retrying…'}
    </span>
  );
}
