import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

/**
 * Where device sessions live. `devices.session_hub` names the hub holding a device's connection, so
 * that hubs sharing one database each answer for their own; `device_simulations` lists the devices the
 * hub simulates, which outlives a restart (a deleted device leaves it).
 */
export const deviceSessions: Migration = {
  name: '012-device-sessions',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('session_hub', 'text').execute();
    await db.schema
      .createTable('device_simulations')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
