/** Ledger rows. Amounts and balances are integer minor units of the account's currency. */
export interface LedgerAccountsTable {
  id: string;
  /** What the account is for: household_wallet, merchant_payable, merchant_fees, platform_revenue, provider_clearing... */
  kind: string;
  /** Who it belongs to (a home id, a merchant id, a provider name), or '' for the platform. */
  owner: string;
  currency: string;
  /** 1 when the account may never have more debits than credits (a wallet cannot go below zero). */
  no_overdraft: number;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
  created_at: number;
}

/**
 * Part of the cached balance of an account that may be overdrawn (merchant payable and fees, clearing):
 * its changes are spread over a few of these rows, so payments to one merchant do not queue on one row.
 */
export interface LedgerBalanceSlotsTable {
  account_id: string;
  slot: number;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
}

/** An immutable transfer. Pending transfers are later posted or voided by a second transfer naming them. */
export interface LedgerTransfersTable {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  /** posted | pending | post_pending | void_pending */
  kind: string;
  /** For post_pending and void_pending: the pending transfer they settle. */
  pending_id: string | null;
  /** What the money moved for, e.g. `order:ord_x`; free text for people and reports. */
  reference: string;
  created_at: number;
}

/** Stored answers for idempotency keys (Stripe semantics). */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  /** in_flight | done */
  state: string;
  status: number | null;
  response: string | null;
  created_at: number;
  updated_at: number;
}

/** The ledger's tables, added to the hub's database type with `db.withTables<LedgerTables>()`. */
export type LedgerTables = {
  ledger_accounts: LedgerAccountsTable;
  ledger_transfers: LedgerTransfersTable;
  ledger_balance_slots: LedgerBalanceSlotsTable;
  idempotency_keys: IdempotencyKeysTable;
};
