/**
 * Kitchen timers of a home, kept in the database so that a restart neither loses them nor lets
 * them pass in silence (one that ended while the hub was down is announced at start). When one
 * finishes, `timer.finished` goes on the bus with the words to say.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import type { Language } from '../errors/index.js';
import type { Database } from '../storage/index.js';

/** A running timer. */
export interface Timer {
  id: string;
  homeId: string;
  name: string | null;
  language: Language;
  endsAt: number;
  seconds: number;
}

/** The timers of every home in this hub. */
export interface Timers {
  start(homeId: string, seconds: number, language: Language, name?: string | null): Promise<Timer>;
  /** Cancel a home's timers (the one named, or all); returns how many were cancelled. */
  cancel(homeId: string, name?: string | null): Promise<number>;
  /** Cancel one timer by id; false when the home has no such timer (finished or never existed). */
  cancelById(homeId: string, timerId: string): Promise<boolean>;
  list(homeId: string): Promise<Timer[]>;
  /** Schedule the timers stored by an earlier run. */
  restore(): Promise<void>;
  stop(): void;
}

/** Longest timer accepted: one day. */
export const MAX_TIMER_SECONDS = 86_400;

/** Create the timers; `announce` gives the sentence said when one finishes. */
export function createTimers(deps: {
  db: Kysely<Database>;
  bus: Bus;
  announce: (timer: Timer) => string;
  clock?: () => number;
}): Timers {
  const now = deps.clock ?? Date.now;
  const handles = new Map<string, NodeJS.Timeout>();

  function schedule(timer: Timer): void {
    const handle = setTimeout(
      () => {
        handles.delete(timer.id);
        deps.db
          .deleteFrom('timers')
          .where('id', '=', timer.id)
          .executeTakeFirst()
          .then((r) => {
            // Another hub sharing the database may have announced it already.
            if (Number(r.numDeletedRows) > 0)
              deps.bus.emit('timer.finished', {
                homeId: timer.homeId,
                timerId: timer.id,
                name: timer.name,
                speech: deps.announce(timer),
              });
          })
          .catch(() => {});
      },
      Math.max(0, timer.endsAt - now()),
    );
    handle.unref();
    handles.set(timer.id, handle);
  }

  function cancelled(homeId: string, timerId: string, name: string | null): void {
    clearTimeout(handles.get(timerId));
    handles.delete(timerId);
    deps.bus.emit('timer.cancelled', { homeId, timerId, name });
  }

  const fromRow = (r: Database['timers']): Timer => ({
    id: r.id,
    homeId: r.home_id,
    name: r.name,
    language: r.language as Language,
    endsAt: r.ends_at,
    seconds: r.seconds,
  });

  return {
    async start(homeId, seconds, language, name = null) {
      const at = now();
      const timer: Timer = { id: randomUUID(), homeId, name, language, endsAt: at + seconds * 1000, seconds };
      await deps.db
        .insertInto('timers')
        .values({
          id: timer.id,
          home_id: homeId,
          name,
          language,
          seconds,
          ends_at: timer.endsAt,
          created_at: at,
        })
        .execute();
      schedule(timer);
      deps.bus.emit('timer.started', {
        homeId,
        timerId: timer.id,
        name,
        seconds,
        endsAt: timer.endsAt,
      });
      return timer;
    },
    async cancel(homeId, name) {
      let query = deps.db.selectFrom('timers').select(['id', 'name']).where('home_id', '=', homeId);
      if (name) query = query.where('name', '=', name);
      const rows = await query.execute();
      if (rows.length === 0) return 0;
      await deps.db
        .deleteFrom('timers')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      for (const row of rows) cancelled(homeId, row.id, row.name);
      return rows.length;
    },
    async cancelById(homeId, timerId) {
      const row = await deps.db
        .deleteFrom('timers')
        .where('id', '=', timerId)
        .where('home_id', '=', homeId)
        .returning('name')
        .executeTakeFirst();
      if (!row) return false;
      cancelled(homeId, timerId, row.name);
      return true;
    },
    async list(homeId) {
      return (
        await deps.db
          .selectFrom('timers')
          .selectAll()
          .where('home_id', '=', homeId)
          .orderBy('ends_at')
          .execute()
      ).map(fromRow);
    },
    async restore() {
      for (const row of await deps.db.selectFrom('timers').selectAll().execute())
        if (!handles.has(row.id)) schedule(fromRow(row));
    },
    stop() {
      for (const handle of handles.values()) clearTimeout(handle);
      handles.clear();
    },
  };
}
