/**
 * Double-entry ledger. Invariants, held inside one database transaction per call:
 * - every transfer debits one account and credits another by the same positive integer amount, so
 *   the sum of all debits equals the sum of all credits, posted and pending alike;
 * - transfers are immutable and identified by the caller's id: the same id with the same fields is
 *   answered with the stored transfer ("exists"), with other fields it is refused;
 * - an account with `noOverdraft` never has more debits (posted + pending) than posted credits;
 * - a pending transfer is settled (posted or voided) at most once.
 * Balances are caches of the transfers, kept in the account rows and their slot rows (balances.ts);
 * `verify()` recomputes them.
 */
import type { Kysely, Transaction } from 'kysely';
import { GenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import { type AccountMeta, accountsWithBalances, applyMoves, type BalanceMove, slotOf } from './balances.js';
import type { LedgerAccountsTable, LedgerTables, LedgerTransfersTable } from './tables.js';

type Db = Kysely<Database & LedgerTables>;
/** A transaction the ledger can join (callers with more tables cast theirs to it). */
export type LedgerTx = Transaction<Database & LedgerTables>;
type Tx = LedgerTx;

/** An account as the ledger reports it. */
export interface Account {
  id: string;
  kind: string;
  owner: string;
  currency: string;
  noOverdraft: boolean;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
  /** credits posted − debits posted − debits pending: what may still be spent from it. */
  available: number;
}

/** What opening an account needs; the same kind, owner and currency always give the same account. */
export interface OpenAccountInput {
  kind: string;
  owner: string;
  currency: string;
  noOverdraft?: boolean;
}

/** One movement of money. */
export interface TransferInput {
  /** The caller's unique id for this movement (derived from what it is for, e.g. `pay:ord_x`). */
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  /** `pending` reserves the amount until it is posted or voided. */
  pending?: boolean;
  reference: string;
}

/** A transfer as stored. */
export interface Transfer {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  currency: string;
  kind: 'posted' | 'pending' | 'post_pending' | 'void_pending';
  pendingId: string | null;
  reference: string;
  createdAt: number;
}

/** Sums over every account; balanced when debits equal credits, posted and pending. */
export interface TrialBalance {
  debits: number;
  credits: number;
  pendingDebits: number;
  pendingCredits: number;
  balanced: boolean;
  accounts: Account[];
}

/** The ledger's operations. Each runs in one transaction, alone or inside a caller's (`tx`). */
export interface Ledger {
  openAccount(input: OpenAccountInput, tx?: Tx): Promise<Account>;
  /** Open several accounts at once (one read when they all exist); their ids, in the order asked. */
  openAccounts(inputs: readonly OpenAccountInput[], tx?: Tx): Promise<string[]>;
  account(id: string, tx?: Tx): Promise<Account>;
  /** Move money; with several inputs, all of them or none (linked transfers). */
  transfer(inputs: TransferInput | TransferInput[], tx?: Tx): Promise<Transfer[]>;
  /** Post a pending transfer (all of it, or a smaller amount; the rest is released). */
  postPending(
    pendingId: string,
    input: { id: string; amount?: number; reference?: string },
    tx?: Tx,
  ): Promise<Transfer>;
  /** Release a pending transfer. */
  voidPending(pendingId: string, input: { id: string; reference?: string }, tx?: Tx): Promise<Transfer>;
  transfersOf(accountId: string, limit?: number): Promise<Transfer[]>;
  trialBalance(): Promise<TrialBalance>;
  /** Accounts whose cached balances differ from what their transfers add up to (empty when sound). */
  verify(): Promise<Array<{ accountId: string; field: string; cached: number; derived: number }>>;
  /** Run `work` in one database transaction (for callers that combine ledger moves with their own rows). */
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

function toAccount(row: LedgerAccountsTable): Account {
  return {
    id: row.id,
    kind: row.kind,
    owner: row.owner,
    currency: row.currency,
    noOverdraft: row.no_overdraft === 1,
    debitsPosted: Number(row.debits_posted),
    creditsPosted: Number(row.credits_posted),
    debitsPending: Number(row.debits_pending),
    creditsPending: Number(row.credits_pending),
    available: Number(row.credits_posted) - Number(row.debits_posted) - Number(row.debits_pending),
  };
}

function toTransfer(row: LedgerTransfersTable): Transfer {
  return {
    id: row.id,
    debitAccountId: row.debit_account_id,
    creditAccountId: row.credit_account_id,
    amount: Number(row.amount),
    currency: row.currency,
    kind: row.kind as Transfer['kind'],
    pendingId: row.pending_id,
    reference: row.reference,
    createdAt: Number(row.created_at),
  };
}

const ID_PATTERN = /^[\w:.-]{1,200}$/;

function accountId(input: OpenAccountInput): string {
  return `acct:${input.kind}:${input.owner}:${input.currency}`;
}

function checkAmount(amount: number, field = 'amount'): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new GenioError('validation_failed', {
      field,
      reason: 'must be a positive whole number of minor units',
    });
}

function sameTransfer(stored: Transfer, wanted: Omit<Transfer, 'createdAt' | 'currency'>): boolean {
  return (
    stored.debitAccountId === wanted.debitAccountId &&
    stored.creditAccountId === wanted.creditAccountId &&
    stored.amount === wanted.amount &&
    stored.kind === wanted.kind &&
    stored.pendingId === wanted.pendingId &&
    stored.reference === wanted.reference
  );
}

/** Build the ledger over the hub's database (its tables come from `ledgerMigrations`). */
export function createLedger(deps: { db: Kysely<Database>; clock?: () => number }): Ledger {
  const db = deps.db.withTables<LedgerTables>() as Db;
  const now = deps.clock ?? Date.now;
  // What each transaction has read of its accounts (fields that never change), so a payment that opens
  // its accounts and then moves money between them reads them once.
  const seen = new WeakMap<Tx, Map<string, AccountMeta>>();
  const seenIn = (tx: Tx) => {
    let known = seen.get(tx);
    if (!known) {
      known = new Map();
      seen.set(tx, known);
    }
    return known;
  };

  const run = <T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> =>
    tx ? work(tx) : db.transaction().execute(work);

  async function loadAccount(executor: Db | Tx, id: string): Promise<Account> {
    const row = await accountsWithBalances(executor).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'account', id });
    return toAccount(row);
  }

  async function accountsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, AccountMeta>> {
    const known = seenIn(tx);
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length) {
      const rows = await tx
        .selectFrom('ledger_accounts')
        .select(['id', 'currency', 'no_overdraft'])
        .where('id', 'in', missing)
        .execute();
      for (const row of rows)
        known.set(row.id, { id: row.id, currency: row.currency, no_overdraft: Number(row.no_overdraft) });
    }
    return known;
  }

  /** Insert a transfer row; null when it is new, else the stored one (which must match, else an error). */
  async function insertTransfer(tx: Tx, row: LedgerTransfersTable): Promise<Transfer | null> {
    const inserted = await tx
      .insertInto('ledger_transfers')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return null;
    const stored = await tx
      .selectFrom('ledger_transfers')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirst();
    return matching(stored, row);
  }

  function matching(stored: LedgerTransfersTable | undefined, row: LedgerTransfersTable): Transfer {
    if (!stored) throw new GenioError('conflict', { reason: `transfer ${row.id} is being written` });
    const existing = toTransfer(stored);
    if (!sameTransfer(existing, toTransfer(row)))
      throw new GenioError('idempotency_key_reused', {
        key: row.id,
        reason: 'a different transfer has this id',
      });
    return existing;
  }

  function checkInput(input: TransferInput): void {
    if (!ID_PATTERN.test(input.id))
      throw new GenioError('validation_failed', {
        field: 'id',
        reason: 'must be 1-200 letters, digits or :._-',
      });
    checkAmount(input.amount);
    if (input.debitAccountId === input.creditAccountId)
      throw new GenioError('validation_failed', {
        field: 'creditAccountId',
        reason: 'must differ from the debit account',
      });
  }

  /**
   * Linked transfers in a few statements whatever their number: one read of the accounts not yet seen
   * in this transaction, one insert of every new row, one read of the rows that existed (a retry), and
   * the balance updates of what is new (applyMoves).
   */
  async function transferAll(tx: Tx, inputs: readonly TransferInput[]): Promise<Transfer[]> {
    for (const input of inputs) checkInput(input);
    const accounts = await accountsOf(
      tx,
      inputs.flatMap((input) => [input.debitAccountId, input.creditAccountId]),
    );
    const at = now();
    const rows = inputs.map((input): LedgerTransfersTable => {
      const debit = accounts.get(input.debitAccountId);
      if (!debit) throw new GenioError('not_found', { kind: 'account', id: input.debitAccountId });
      const credit = accounts.get(input.creditAccountId);
      if (!credit) throw new GenioError('not_found', { kind: 'account', id: input.creditAccountId });
      if (debit.currency !== credit.currency)
        throw new GenioError('validation_failed', {
          field: 'creditAccountId',
          reason: `currency ${credit.currency} differs from ${debit.currency}`,
        });
      return {
        id: input.id,
        debit_account_id: input.debitAccountId,
        credit_account_id: input.creditAccountId,
        amount: input.amount,
        currency: debit.currency,
        kind: input.pending ? 'pending' : 'posted',
        pending_id: null,
        reference: input.reference,
        created_at: at,
      };
    });
    // The first row with an id is the one written; a later one with the same id must match it.
    const firsts = new Map<string, LedgerTransfersTable>();
    for (const row of rows) if (!firsts.has(row.id)) firsts.set(row.id, row);
    const inserted = new Set(
      (
        await tx
          .insertInto('ledger_transfers')
          .values([...firsts.values()])
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute()
      ).map((row) => row.id),
    );
    const stored = new Map<string, LedgerTransfersTable>();
    const existed = [...firsts.keys()].filter((id) => !inserted.has(id));
    if (existed.length)
      for (const row of await tx
        .selectFrom('ledger_transfers')
        .selectAll()
        .where('id', 'in', existed)
        .execute())
        stored.set(row.id, row);
    const done = rows.map((row) => {
      if (!inserted.has(row.id)) return matching(stored.get(row.id), row);
      return firsts.get(row.id) === row ? toTransfer(row) : matching(firsts.get(row.id), row);
    });
    const fresh = [...firsts.values()].filter((row) => inserted.has(row.id));
    const moves = fresh.map(
      (row): BalanceMove => ({
        debit: row.debit_account_id,
        credit: row.credit_account_id,
        posted: row.kind === 'pending' ? 0 : Number(row.amount),
        pending: row.kind === 'pending' ? Number(row.amount) : 0,
        checkOverdraft: true,
      }),
    );
    if (fresh[0]) await applyMoves(tx, accounts, moves, slotOf(fresh[0].id));
    return done;
  }

  async function settle(
    tx: Tx,
    pendingId: string,
    input: { id: string; amount?: number; reference?: string },
    kind: 'post_pending' | 'void_pending',
  ): Promise<Transfer> {
    const pendingRow = await tx
      .selectFrom('ledger_transfers')
      .selectAll()
      .where('id', '=', pendingId)
      .executeTakeFirst();
    if (pendingRow?.kind !== 'pending')
      throw new GenioError('not_found', { kind: 'pending transfer', id: pendingId });
    const pending = toTransfer(pendingRow);
    const amount = kind === 'void_pending' ? pending.amount : (input.amount ?? pending.amount);
    checkAmount(amount);
    if (amount > pending.amount)
      throw new GenioError('validation_failed', {
        field: 'amount',
        reason: `more than the ${pending.amount} reserved`,
      });
    const row: LedgerTransfersTable = {
      id: input.id,
      debit_account_id: pending.debitAccountId,
      credit_account_id: pending.creditAccountId,
      amount,
      currency: pending.currency,
      kind,
      pending_id: pendingId,
      reference: input.reference ?? pending.reference,
      created_at: now(),
    };
    const settledBy = await tx
      .selectFrom('ledger_transfers')
      .selectAll()
      .where('pending_id', '=', pendingId)
      .executeTakeFirst();
    if (settledBy && settledBy.id !== input.id)
      throw new GenioError('conflict', {
        reason: `pending transfer ${pendingId} was already settled by ${settledBy.id}`,
      });
    const existing = await insertTransfer(tx, row);
    if (existing) return existing;
    // The reservation goes away whole; what is posted moves into the posted balances.
    const accounts = await accountsOf(tx, [pending.debitAccountId, pending.creditAccountId]);
    await applyMoves(
      tx,
      accounts,
      [
        {
          debit: pending.debitAccountId,
          credit: pending.creditAccountId,
          posted: kind === 'post_pending' ? amount : 0,
          pending: -pending.amount,
          checkOverdraft: false,
        },
      ],
      slotOf(row.id),
    );
    return toTransfer(row);
  }

  function checkCurrency(input: OpenAccountInput): void {
    if (!/^[A-Z]{3}$/.test(input.currency))
      throw new GenioError('validation_failed', {
        field: 'currency',
        reason: 'must be an ISO 4217 code such as EUR',
      });
  }

  /** Create whichever of these accounts does not exist yet; their ids, in the order asked. */
  async function ensureAccounts(tx: Tx, inputs: readonly OpenAccountInput[]): Promise<string[]> {
    for (const input of inputs) checkCurrency(input);
    const ids = inputs.map(accountId);
    // Accounts are opened on every payment but created once: look before writing.
    const known = await accountsOf(tx, ids);
    const missing = new Map<string, LedgerAccountsTable>();
    inputs.forEach((input, i) => {
      const id = ids[i] as string;
      if (known.has(id) || missing.has(id)) return;
      missing.set(id, {
        id,
        kind: input.kind,
        owner: input.owner,
        currency: input.currency,
        no_overdraft: input.noOverdraft ? 1 : 0,
        debits_posted: 0,
        credits_posted: 0,
        debits_pending: 0,
        credits_pending: 0,
        created_at: now(),
      });
    });
    if (missing.size) {
      await tx
        .insertInto('ledger_accounts')
        .values([...missing.values()].sort((a, b) => (a.id < b.id ? -1 : 1)))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await accountsOf(tx, [...missing.keys()]);
    }
    for (const id of ids) if (!known.has(id)) throw new GenioError('not_found', { kind: 'account', id });
    return ids;
  }

  return {
    async openAccount(input, tx) {
      checkCurrency(input);
      const id = accountId(input);
      return run(tx, async (t) => {
        const row = await accountsWithBalances(t).where('a.id', '=', id).executeTakeFirst();
        if (row) return toAccount(row);
        await ensureAccounts(t, [input]);
        return loadAccount(t, id);
      });
    },

    openAccounts(inputs, tx) {
      return inputs.length ? run(tx, (t) => ensureAccounts(t, inputs)) : Promise.resolve([]);
    },

    account(id, tx) {
      return loadAccount(tx ?? db, id);
    },

    async transfer(inputs, tx) {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      if (!list.length) return [];
      return run(tx, (t) => transferAll(t, list));
    },

    postPending(pendingId, input, tx) {
      return run(tx, (t) => settle(t, pendingId, input, 'post_pending'));
    },

    voidPending(pendingId, input, tx) {
      return run(tx, (t) => settle(t, pendingId, input, 'void_pending'));
    },

    async transfersOf(id, limit = 100) {
      const rows = await db
        .selectFrom('ledger_transfers')
        .selectAll()
        .where((eb) => eb.or([eb('debit_account_id', '=', id), eb('credit_account_id', '=', id)]))
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toTransfer);
    },

    async trialBalance() {
      const rows = await accountsWithBalances(db).orderBy('a.id').execute();
      const accounts = rows.map(toAccount);
      const sum = (pick: (a: Account) => number) => accounts.reduce((total, a) => total + pick(a), 0);
      const debits = sum((a) => a.debitsPosted);
      const credits = sum((a) => a.creditsPosted);
      const pendingDebits = sum((a) => a.debitsPending);
      const pendingCredits = sum((a) => a.creditsPending);
      return {
        debits,
        credits,
        pendingDebits,
        pendingCredits,
        balanced: debits === credits && pendingDebits === pendingCredits,
        accounts,
      };
    },

    async verify() {
      const rows = await accountsWithBalances(db).execute();
      const transfers = await db.selectFrom('ledger_transfers').selectAll().execute();
      const derived = new Map<string, Record<string, number>>();
      const of = (id: string) => {
        let entry = derived.get(id);
        if (!entry) {
          entry = { debits_posted: 0, credits_posted: 0, debits_pending: 0, credits_pending: 0 };
          derived.set(id, entry);
        }
        return entry;
      };
      const byId = new Map(transfers.map((t) => [t.id, t]));
      for (const t of transfers) {
        const amount = Number(t.amount);
        const debit = of(t.debit_account_id);
        const credit = of(t.credit_account_id);
        if (t.kind === 'posted' || t.kind === 'post_pending') {
          debit.debits_posted = (debit.debits_posted ?? 0) + amount;
          credit.credits_posted = (credit.credits_posted ?? 0) + amount;
        }
        if (t.kind === 'pending') {
          debit.debits_pending = (debit.debits_pending ?? 0) + amount;
          credit.credits_pending = (credit.credits_pending ?? 0) + amount;
        }
        if ((t.kind === 'post_pending' || t.kind === 'void_pending') && t.pending_id) {
          const reserved = Number(byId.get(t.pending_id)?.amount ?? 0);
          debit.debits_pending = (debit.debits_pending ?? 0) - reserved;
          credit.credits_pending = (credit.credits_pending ?? 0) - reserved;
        }
      }
      const mismatches: Array<{ accountId: string; field: string; cached: number; derived: number }> = [];
      for (const row of rows) {
        const sums = of(row.id);
        for (const field of [
          'debits_posted',
          'credits_posted',
          'debits_pending',
          'credits_pending',
        ] as const) {
          const cached = Number(row[field]);
          const want = sums[field] ?? 0;
          if (cached !== want) mismatches.push({ accountId: row.id, field, cached, derived: want });
        }
      }
      return mismatches;
    },

    inTransaction(work) {
      return db.transaction().execute(work);
    },
  };
}
