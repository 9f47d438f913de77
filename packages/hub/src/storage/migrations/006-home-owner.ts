import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

/** A home created by a developer token is that developer's test home: only it and operators reach it. */
export const homeOwner: Migration = {
  name: '006-home-owner',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('homes').addColumn('owner_token_id', 'text').execute();
    await db.schema.createIndex('homes_owner_idx').on('homes').column('owner_token_id').execute();
  },
};
