import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

/** A device may carry the grammatical gender of its name per language (JSON, e.g. {"it":"feminine"}) for replies. */
export const deviceGenders: Migration = {
  name: '015-device-genders',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('genders', 'text').execute();
  },
};
