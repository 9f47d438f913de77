/**
 * The developer's log of an app: its console lines and every error the sandbox or the host API
 * raised, per version and home, newest first. Lines are cut to a readable length and each app keeps
 * its newest lines only, so a noisy app cannot fill the database.
 */
import type { Kysely } from 'kysely';
import { newId } from '../ids/index.js';
import type { Database } from '../storage/index.js';
import type { MiniAppTables } from './tables.js';

/** One line of the log. */
export interface MiniAppLogLine {
  at: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  code: string | null;
  version: string;
  homeId: string | null;
}

/** Where an app's lines go and are read back. */
export interface MiniAppLogs {
  write(appId: string, line: Omit<MiniAppLogLine, 'at'>): Promise<void>;
  read(appId: string, limit?: number): Promise<MiniAppLogLine[]>;
}

const MAX_MESSAGE = 2000;
const KEEP_PER_APP = 1000;

/** Build the log over the database. */
export function createMiniAppLogs(deps: { db: Kysely<Database>; clock?: () => number }): MiniAppLogs {
  const db = deps.db.withTables<MiniAppTables>();
  const now = deps.clock ?? Date.now;
  let writes = 0;
  let sequence = 0;
  return {
    async write(appId, line) {
      const message =
        line.message.length > MAX_MESSAGE ? `${line.message.slice(0, MAX_MESSAGE - 1)}…` : line.message;
      const at = now();
      // Sortable: lines written in the same millisecond keep their order.
      const id = `${String(at).padStart(15, '0')}.${String(++sequence % 1e9).padStart(9, '0')}.${newId('l')}`;
      await db
        .insertInto('miniapp_logs')
        .values({
          id,
          app_id: appId,
          version: line.version,
          home_id: line.homeId,
          level: line.level,
          message,
          code: line.code,
          at,
        })
        .execute();
      if (++writes % 100 === 0) {
        const cut = await db
          .selectFrom('miniapp_logs')
          .select('at')
          .where('app_id', '=', appId)
          .orderBy('at', 'desc')
          .offset(KEEP_PER_APP)
          .limit(1)
          .executeTakeFirst();
        if (cut)
          await db.deleteFrom('miniapp_logs').where('app_id', '=', appId).where('at', '<=', cut.at).execute();
      }
    },
    async read(appId, limit = 200) {
      const rows = await db
        .selectFrom('miniapp_logs')
        .selectAll()
        .where('app_id', '=', appId)
        .orderBy('id', 'desc')
        .limit(Math.min(Math.max(limit, 1), 1000))
        .execute();
      return rows.map((r) => ({
        at: Number(r.at),
        level: r.level as MiniAppLogLine['level'],
        message: r.message,
        code: r.code,
        version: r.version,
        homeId: r.home_id,
      }));
    },
  };
}
