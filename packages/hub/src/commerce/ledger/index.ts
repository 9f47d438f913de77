export { createIdempotencyStore, type IdempotencyStore, type StoredAnswer } from './idempotency.js';
export {
  type Account,
  createLedger,
  type Ledger,
  type LedgerTx,
  type OpenAccountInput,
  type Transfer,
  type TransferInput,
  type TrialBalance,
} from './ledger.js';
export { ledgerMigration, ledgerMigrations, ledgerSlotsMigration } from './migration.js';
export type { LedgerTables } from './tables.js';
