import type { Kysely } from 'kysely';

/** One schema change; it must run unchanged on SQLite and PostgreSQL. */
export interface Migration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
