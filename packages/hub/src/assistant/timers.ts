/**
 * Kitchen timers of a home. When one finishes, `timer.finished` goes on the bus with the words
 * the speaker says, so every screen and speaker of the home announces it.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../bus/index.js';

/** A running timer. */
export interface Timer {
  id: string;
  homeId: string;
  name: string | null;
  endsAt: number;
  seconds: number;
}

/** The timers of every home in this hub. */
export interface Timers {
  start(homeId: string, seconds: number, announce: () => string, name?: string | null): Timer;
  /** Cancel a home's timers (the one named, or all); returns how many were cancelled. */
  cancel(homeId: string, name?: string | null): number;
  list(homeId: string): Timer[];
  stop(): void;
}

/** Longest timer accepted: one day. */
export const MAX_TIMER_SECONDS = 86_400;

/** Create the timers; `clock` is for tests. */
export function createTimers(deps: { bus: Bus; clock?: () => number }): Timers {
  const now = deps.clock ?? Date.now;
  const running = new Map<string, { timer: Timer; handle: NodeJS.Timeout }>();
  return {
    start(homeId, seconds, announce, name = null) {
      const timer: Timer = { id: randomUUID(), homeId, name, endsAt: now() + seconds * 1000, seconds };
      const handle = setTimeout(() => {
        running.delete(timer.id);
        deps.bus.emit('timer.finished', { homeId, timerId: timer.id, name, speech: announce() });
      }, seconds * 1000);
      handle.unref();
      running.set(timer.id, { timer, handle });
      return timer;
    },
    cancel(homeId, name) {
      let count = 0;
      for (const [id, { timer, handle }] of running) {
        if (timer.homeId !== homeId || (name && timer.name !== name)) continue;
        clearTimeout(handle);
        running.delete(id);
        count++;
      }
      return count;
    },
    list(homeId) {
      return [...running.values()]
        .map((r) => r.timer)
        .filter((t) => t.homeId === homeId)
        .sort((a, b) => a.endsAt - b.endsAt);
    },
    stop() {
      for (const { handle } of running.values()) clearTimeout(handle);
      running.clear();
    },
  };
}
