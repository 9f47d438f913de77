import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

export const conversations: Migration = {
  name: '005-conversations',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('conversations_expiry_idx')
      .on('conversations')
      .column('expires_at')
      .execute();
  },
};
