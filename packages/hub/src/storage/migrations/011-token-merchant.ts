import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

/** A merchant token is scoped to one merchant, as a household token is to one home; a home may have a location (nearest store). */
export const tokenMerchant: Migration = {
  name: '011-token-merchant',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tokens').addColumn('merchant_id', 'text').execute();
    await db.schema.alterTable('homes').addColumn('lat', 'double precision').execute();
    await db.schema.alterTable('homes').addColumn('lon', 'double precision').execute();
  },
};
