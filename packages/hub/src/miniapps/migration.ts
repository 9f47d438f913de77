import type { Kysely } from 'kysely';
import type { Migration } from '../storage/index.js';

/** Apps, their versions, installs per home, per-app per-home storage, developer logs, app timers. */
export const miniAppsMigration: Migration = {
  name: '016-miniapps',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('miniapps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_token_id', 'text', (c) => c.notNull())
      .addColumn('published_version', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('miniapp_versions')
      .addColumn('app_id', 'text', (c) => c.notNull().references('miniapps.id').onDelete('cascade'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('checks', 'text', (c) => c.notNull())
      .addColumn('package_bytes', 'integer', (c) => c.notNull())
      .addColumn('bundle_bytes', 'integer', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .addColumn('reviewed_at', 'bigint')
      .addPrimaryKeyConstraint('miniapp_versions_pk', ['app_id', 'version'])
      .execute();
    await db.schema
      .createTable('miniapp_installs')
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('app_id', 'text', (c) => c.notNull().references('miniapps.id').onDelete('cascade'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('grants', 'text', (c) => c.notNull())
      .addColumn('installed_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('miniapp_installs_pk', ['home_id', 'app_id'])
      .execute();
    await db.schema
      .createTable('miniapp_storage')
      .addColumn('app_id', 'text', (c) => c.notNull())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('miniapp_storage_pk', ['app_id', 'home_id', 'key'])
      .execute();
    await db.schema
      .createTable('miniapp_logs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('app_id', 'text', (c) => c.notNull().references('miniapps.id').onDelete('cascade'))
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('home_id', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('miniapp_logs_app_idx')
      .on('miniapp_logs')
      .columns(['app_id', 'at'])
      .execute();
    await db.schema
      .createTable('miniapp_timers')
      .addColumn('timer_id', 'text', (c) => c.primaryKey())
      .addColumn('app_id', 'text', (c) => c.notNull())
      .addColumn('home_id', 'text', (c) => c.notNull().references('homes.id').onDelete('cascade'))
      .execute();
  },
};
