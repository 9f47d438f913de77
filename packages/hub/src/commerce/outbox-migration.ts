import type { Kysely } from 'kysely';
import type { Migration } from '../storage/index.js';

/** Provider payments of orders and the merchant webhook outbox. */
export const commerceOutboxMigration: Migration = {
  name: '014-commerce-outbox',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('order_payments')
      .addColumn('order_id', 'text', (c) => c.primaryKey().references('orders.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('intent_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('order_payments_intent_idx')
      .on('order_payments')
      .columns(['provider', 'intent_id'])
      .execute();
    await db.schema
      .createTable('merchant_webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id').onDelete('cascade'))
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('event_key', 'text', (c) => c.notNull().unique())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('merchant_webhooks_due_idx')
      .on('merchant_webhooks')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('merchant_webhooks_merchant_idx')
      .on('merchant_webhooks')
      .columns(['merchant_id', 'created_at'])
      .execute();
  },
};
