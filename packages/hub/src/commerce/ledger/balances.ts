/**
 * Where an account's cached balance is kept. A no-overdraft account (a household wallet) keeps all of
 * it in its own row: the overdraft check reads that row and holds it, so two spends of the last money
 * cannot both pass. Any other account (a merchant's payable and fees, a provider's clearing) has each
 * transfer's change added to one of SLOTS slot rows, picked from the transfer's id: concurrent payments
 * to one merchant then take different row locks, and in PostgreSQL their commits can share one WAL
 * flush instead of queueing one flush each behind a single hot row. The balance is the account row
 * plus its slot rows; one slot alone means nothing (a reservation made in one slot may be released in
 * another, leaving a negative pending sum there).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { GenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { LedgerAccountsTable, LedgerTables } from './tables.js';

type Db = Kysely<Database & LedgerTables>;
type Tx = Transaction<Database & LedgerTables>;

/** Slot rows per account that may be overdrawn. */
export const SLOTS = 16;

/** The slot a transfer's changes go to: spread, not secret (FNV-1a of its id). */
export function slotOf(transferId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < transferId.length; i++) {
    hash ^= transferId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SLOTS;
}

/** What a transfer needs to know of an account; none of it ever changes. */
export type AccountMeta = Pick<LedgerAccountsTable, 'id' | 'currency' | 'no_overdraft'>;

/** Money moving between two accounts' cached balances (pending may be negative when settling). */
export interface BalanceMove {
  debit: string;
  credit: string;
  posted: number;
  pending: number;
  checkOverdraft: boolean;
}

const fields = ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending'] as const;
type Field = (typeof fields)[number];

/** Accounts with their whole balances (row plus slots), to be narrowed with `where` on `a.id`. */
export function accountsWithBalances(executor: Db | Tx) {
  const total = (field: Field) =>
    sql<number>`${sql.ref(`a.${field}`)} + coalesce(sum(${sql.ref(`s.${field}`)}), 0)`.as(field);
  return executor
    .selectFrom('ledger_accounts as a')
    .leftJoin('ledger_balance_slots as s', 's.account_id', 'a.id')
    .select(['a.id', 'a.kind', 'a.owner', 'a.currency', 'a.no_overdraft', 'a.created_at'])
    .select(fields.map(total))
    .groupBy('a.id');
}

/**
 * Apply moves to the cached balances. No-overdraft accounts are updated row by row in the moves' order
 * (each debit conditional on the money being there, the two sides of a move in id order so concurrent
 * transfers never deadlock); every other account's changes are summed and added to slot `slot` in one
 * statement, after the rows, in id order.
 */
export async function applyMoves(
  tx: Tx,
  accounts: ReadonlyMap<string, AccountMeta>,
  moves: readonly BalanceMove[],
  slot: number,
): Promise<void> {
  const slotted = new Map<string, Record<Field, number>>();
  for (const move of moves) {
    const sides = [
      { id: move.debit, side: 'debits' as const },
      { id: move.credit, side: 'credits' as const },
    ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const { id, side } of sides) {
      const posted = side === 'debits' ? 'debits_posted' : 'credits_posted';
      const pending = side === 'debits' ? 'debits_pending' : 'credits_pending';
      if (accounts.get(id)?.no_overdraft !== 1) {
        let sums = slotted.get(id);
        if (!sums) {
          sums = { debits_posted: 0, credits_posted: 0, debits_pending: 0, credits_pending: 0 };
          slotted.set(id, sums);
        }
        sums[posted] += move.posted;
        sums[pending] += move.pending;
        continue;
      }
      let update = tx
        .updateTable('ledger_accounts')
        .set({
          [posted]: sql`${sql.ref(posted)} + ${move.posted}`,
          [pending]: sql`${sql.ref(pending)} + ${move.pending}`,
        })
        .where('id', '=', id);
      const needed = move.posted + move.pending;
      const growsDebits = side === 'debits' && needed > 0;
      if (growsDebits && move.checkOverdraft)
        update = update.where(sql<number>`credits_posted - debits_posted - debits_pending`, '>=', needed);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        if (!(growsDebits && move.checkOverdraft)) throw new GenioError('not_found', { kind: 'account', id });
        const row = await tx
          .selectFrom('ledger_accounts')
          .select(sql<number>`credits_posted - debits_posted - debits_pending`.as('available'))
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new GenioError('not_found', { kind: 'account', id });
        throw new GenioError('insufficient_funds', {
          accountId: id,
          available: Number(row.available),
          needed,
        });
      }
    }
  }
  const rows = [...slotted]
    .filter(([, sums]) => fields.some((field) => sums[field] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, sums]) => ({ account_id: id, slot, ...sums }));
  if (!rows.length) return;
  await tx
    .insertInto('ledger_balance_slots')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['account_id', 'slot']).doUpdateSet((eb) => ({
        debits_posted: eb('ledger_balance_slots.debits_posted', '+', eb.ref('excluded.debits_posted')),
        credits_posted: eb('ledger_balance_slots.credits_posted', '+', eb.ref('excluded.credits_posted')),
        debits_pending: eb('ledger_balance_slots.debits_pending', '+', eb.ref('excluded.debits_pending')),
        credits_pending: eb('ledger_balance_slots.credits_pending', '+', eb.ref('excluded.credits_pending')),
      })),
    )
    .execute();
}
