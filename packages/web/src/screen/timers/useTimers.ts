import { useEffect, useState } from 'preact/hooks';
import { type Hub, useHubEvents } from '../hub.js';

/** A running timer (`GET /api/v1/homes/{homeId}/timers`). */
export interface Timer {
  id: string;
  name: string | null;
  seconds: number;
  endsAt: number;
}

/** A finished timer waiting to be dismissed. */
export interface Finished {
  timerId: string;
  name: string | null;
  speech: string;
}

const soonest = (a: Timer, b: Timer) => a.endsAt - b.endsAt;

/** Running timers and finished-timer notifications of the home, live. */
export function useTimers(hub: Hub) {
  const [timers, setTimers] = useState<Timer[]>([]);
  const [finished, setFinished] = useState<Finished[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const { api, homeId } = hub;
  const base = `/api/v1/homes/${encodeURIComponent(homeId)}/timers`;

  useEffect(() => {
    let cancelled = false;
    api
      .get<Timer[]>(base)
      .then((list) => {
        if (cancelled) return;
        setTimers([...list].sort(soonest));
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [api, base, hub.epoch]);

  useHubEvents(hub, (event) => {
    const p = event.payload;
    // An order ready for pickup is told like a finished timer: a notification with its sentence.
    if (event.name === 'order.ready' && typeof p.orderId === 'string') {
      const orderId = p.orderId;
      const title = typeof p.title === 'string' ? p.title : null;
      const speech = typeof p.speech === 'string' ? p.speech : '';
      setFinished((list) => [
        ...list.filter((f) => f.timerId !== orderId),
        { timerId: orderId, name: title, speech },
      ]);
      return;
    }
    const timerId = typeof p.timerId === 'string' ? p.timerId : null;
    if (!timerId) return;
    const name = typeof p.name === 'string' ? p.name : null;
    if (event.name === 'timer.started' && typeof p.endsAt === 'number') {
      const timer: Timer = { id: timerId, name, seconds: Number(p.seconds) || 0, endsAt: p.endsAt };
      setTimers((list) => [...list.filter((t) => t.id !== timerId), timer].sort(soonest));
    } else if (event.name === 'timer.cancelled') {
      setTimers((list) => list.filter((t) => t.id !== timerId));
    } else if (event.name === 'timer.finished') {
      setTimers((list) => list.filter((t) => t.id !== timerId));
      const speech = typeof p.speech === 'string' ? p.speech : '';
      setFinished((list) => [...list.filter((f) => f.timerId !== timerId), { timerId, name, speech }]);
    }
  });

  const cancel = async (timerId: string) => {
    try {
      await api.delete(`${base}/${encodeURIComponent(timerId)}`);
      setTimers((list) => list.filter((t) => t.id !== timerId));
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const dismiss = (timerId: string) => setFinished((list) => list.filter((f) => f.timerId !== timerId));

  return { timers, finished, loading, error, cancel, dismiss };
}

/** Re-render every second while something counts down. */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [active]);
  return now;
}

/** "4:05", "1:02:03". */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}
