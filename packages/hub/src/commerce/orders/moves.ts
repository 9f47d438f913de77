/**
 * Recording one move of an order inside the caller's transaction: the event is stored once per
 * (order, event id), the row moves only from the state it was read in, and whoever listens for
 * moves (the merchant webhook outbox) hears of it in the same transaction, so nothing is lost.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { GenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { LedgerTables } from '../ledger/index.js';
import type { CommerceTables, OrdersTable } from '../tables.js';
import { decideMove, type OrderStatus } from './lifecycle.js';

/** A transaction over the hub's, the ledger's and commerce's tables. */
export type CommerceTx = Transaction<Database & CommerceTables & LedgerTables>;

/** Told of every order move that was applied, inside the transaction that applied it. */
export type OrderMoveListener = (tx: CommerceTx, order: OrdersTable, from: OrderStatus) => Promise<void>;

/** Move the row; false when the event was seen already or the move changes nothing (repeat, late event). */
export async function recordMove(
  tx: CommerceTx,
  row: OrdersTable,
  to: OrderStatus,
  by: { eventId: string; actor: string },
  options: { at: number; extra?: Partial<OrdersTable>; onMoved?: OrderMoveListener | undefined },
): Promise<boolean> {
  const decision = decideMove(row.status as OrderStatus, to);
  if (decision === 'refuse')
    throw new GenioError('conflict', {
      reason: `order ${row.id} is ${row.status} and cannot become ${to}`,
    });
  const inserted = await tx
    .insertInto('order_events')
    .values({
      order_id: row.id,
      event_id: by.eventId,
      from_status: row.status,
      to_status: to,
      actor: by.actor,
      at: options.at,
    })
    .onConflict((oc) => oc.columns(['order_id', 'event_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1 || decision === 'noop') return false;
  const extra = options.extra ?? {};
  const updated = await tx
    .updateTable('orders')
    .set({ status: to, updated_at: options.at, ...extra })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new GenioError('conflict', { reason: `order ${row.id} changed meanwhile; retry` });
  await options.onMoved?.(
    tx,
    { ...row, status: to, updated_at: options.at, ...extra },
    row.status as OrderStatus,
  );
  return true;
}

/**
 * Read an order and hold its row until the transaction ends, so concurrent settlements queue up. One
 * statement on both engines (an update that changes nothing, returning the row). What other tables say
 * must be read after it: in PostgreSQL a statement that waited for the lock still sees other tables as
 * they were when it started.
 */
export async function lockOrder(tx: CommerceTx, id: string): Promise<OrdersTable> {
  const row = await tx
    .updateTable('orders')
    .set({ updated_at: sql`updated_at` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new GenioError('not_found', { kind: 'order', id });
  return row;
}

/** The database as commerce code sees it. */
export type CommerceDb = Kysely<Database & CommerceTables & LedgerTables>;
