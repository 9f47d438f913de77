import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

export const screenPairing: Migration = {
  name: '004-screen-pairing',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('screen_pairing_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
