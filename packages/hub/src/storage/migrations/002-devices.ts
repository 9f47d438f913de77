import type { Kysely } from 'kysely';
import type { Migration } from '../migration.js';

export const devices: Migration = {
  name: '002-devices',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('products')
      .addColumn('product_key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('thing_model', 'text', (c) => c.notNull())
      .addColumn('capabilities', 'text', (c) => c.notNull())
      .addColumn('owner_token_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_key', 'text', (c) =>
        c.notNull().references('products.product_key').onDelete('cascade'),
      )
      .addColumn('device_name', 'text', (c) => c.notNull())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('set null'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('aliases', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .addColumn('online', 'integer', (c) => c.notNull())
      .addColumn('last_seen', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('devices_identity_unique', ['product_key', 'device_name'])
      .execute();
    await db.schema.createIndex('devices_home_idx').on('devices').column('home_id').execute();

    await db.schema
      .createTable('device_properties')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_properties_pk', ['device_id', 'identifier'])
      .execute();

    await db.schema
      .createTable('device_desired')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_desired_pk', ['device_id', 'identifier'])
      .execute();

    await db.schema
      .createTable('telemetry')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('time', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('telemetry_series_idx')
      .on('telemetry')
      .columns(['device_id', 'identifier', 'time'])
      .execute();
    await db.schema.createIndex('telemetry_time_idx').on('telemetry').column('time').execute();

    await db.schema
      .createTable('pairing_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
  },
};
