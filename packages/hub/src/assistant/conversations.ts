/**
 * Conversation state between turns, in the database: a follow-up ("and the bedroom too") or the
 * answer to a question ("the second one") may reach another hub than the turn before it, and a
 * restart must not forget a question just asked. Entries expire; expired ones are swept now and then.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';

export interface ConversationStore<T extends { homeId: string; expiresAt: number }> {
  get(id: string): Promise<T | undefined>;
  put(id: string, state: T): Promise<void>;
}

const SWEEP_EVERY = 200;

export function createConversationStore<T extends { homeId: string; expiresAt: number }>(deps: {
  db: Kysely<Database>;
  clock?: () => number;
}): ConversationStore<T> {
  const now = deps.clock ?? Date.now;
  let writes = 0;
  return {
    async get(id) {
      const row = await deps.db
        .selectFrom('conversations')
        .select(['state', 'expires_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || Number(row.expires_at) <= now()) return undefined;
      return JSON.parse(row.state) as T;
    },
    async put(id, state) {
      const values = {
        id,
        home_id: state.homeId,
        state: JSON.stringify(state),
        expires_at: state.expiresAt,
      };
      await deps.db
        .insertInto('conversations')
        .values(values)
        // A conversation id belongs to the home that opened it: another home using the same id (guessed or
        // seen) must not overwrite, and so clear, that home's open question. An expired row is free again.
        .onConflict((c) =>
          c
            .column('id')
            .doUpdateSet({ state: values.state, expires_at: values.expires_at, home_id: values.home_id })
            .where((eb) =>
              eb.or([
                eb('conversations.home_id', '=', values.home_id),
                eb('conversations.expires_at', '<=', now()),
              ]),
            ),
        )
        .execute();
      if (++writes % SWEEP_EVERY === 0)
        await deps.db.deleteFrom('conversations').where('expires_at', '<=', now()).execute();
    },
  };
}
