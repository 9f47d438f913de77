import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

/** Devices the hub simulates itself; the list outlives a restart, and a deleted device leaves it. */
export const deviceSimulations: Migration = {
  name: '012-device-simulations',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('device_simulations')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
