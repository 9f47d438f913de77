import type { Kysely } from 'kysely';
import type { Migration } from '../../storage/index.js';

/** Ledger accounts, immutable transfers and idempotency keys. */
export const ledgerMigration: Migration = {
  name: '012-ledger',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('no_overdraft', 'integer', (c) => c.notNull())
      .addColumn('debits_posted', 'bigint', (c) => c.notNull())
      .addColumn('credits_posted', 'bigint', (c) => c.notNull())
      .addColumn('debits_pending', 'bigint', (c) => c.notNull())
      .addColumn('credits_pending', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('ledger_accounts_owner_uq', ['kind', 'owner', 'currency'])
      .execute();
    await db.schema
      .createTable('ledger_transfers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('debit_account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
      .addColumn('credit_account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('pending_id', 'text', (c) => c.references('ledger_transfers.id'))
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // A pending transfer is settled (posted or voided) at most once.
    await db.schema
      .createIndex('ledger_transfers_settles_uq')
      .on('ledger_transfers')
      .column('pending_id')
      .unique()
      .execute();
    await db.schema
      .createIndex('ledger_transfers_debit_idx')
      .on('ledger_transfers')
      .column('debit_account_id')
      .execute();
    await db.schema
      .createIndex('ledger_transfers_credit_idx')
      .on('ledger_transfers')
      .column('credit_account_id')
      .execute();
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('response', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_created_idx')
      .on('idempotency_keys')
      .column('created_at')
      .execute();
  },
};

/** Balance slots: where changes to accounts that may be overdrawn are added up (see balances.ts). */
export const ledgerSlotsMigration: Migration = {
  name: '017-ledger-balance-slots',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_balance_slots')
      .addColumn('account_id', 'text', (c) => c.notNull().references('ledger_accounts.id'))
      .addColumn('slot', 'integer', (c) => c.notNull())
      .addColumn('debits_posted', 'bigint', (c) => c.notNull())
      .addColumn('credits_posted', 'bigint', (c) => c.notNull())
      .addColumn('debits_pending', 'bigint', (c) => c.notNull())
      .addColumn('credits_pending', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_balance_slots_pk', ['account_id', 'slot'])
      .execute();
  },
};

/** The ledger's schema changes, in order. */
export const ledgerMigrations: readonly Migration[] = [ledgerMigration, ledgerSlotsMigration];
