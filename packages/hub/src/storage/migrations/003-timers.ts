import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

export const timers: Migration = {
  name: '003-timers',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('timers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('name', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('seconds', 'integer', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('timers_home_idx').on('timers').column('home_id').execute();
  },
};
