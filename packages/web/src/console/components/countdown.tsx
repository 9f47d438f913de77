import { useEffect, useState } from 'preact/hooks';
import { formatCountdown } from '../lib/format.js';

/** Time left until `until` (ms), ticking each second; says when it has passed. */
export function Countdown(props: { until: number; expired: string }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = (props.until - now) / 1000;
  if (left <= 0) return <span class="countdown expired">{props.expired}</span>;
  return (
    <span class="countdown">
      <span class="countdown-value">{formatCountdown(left)}</span> left
    </span>
  );
}
