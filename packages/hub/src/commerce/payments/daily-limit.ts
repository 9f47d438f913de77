/**
 * The daily limit, decided where the money moves. The guard's check runs before the transaction, so
 * two payments of one home at once could each see the other's order still unpaid and both pass a
 * limit that only one fits. Here the home's payment settings row is written first (PostgreSQL's row
 * lock and SQLite's writer lock both make the home's other payments wait for this commit), and only
 * then, in a statement of its own so that it sees what they committed, the day's spending is read.
 */
import { sql } from 'kysely';
import { GenioError } from '../../errors/index.js';
import { type OrderStatus, paidStatuses } from '../orders/lifecycle.js';
import type { CommerceTx } from '../orders/moves.js';

export const DAY_MS = 86_400_000;

/** Provider payments that may still take the money: counted as spent until they settle. */
const inFlight = ['new', 'authorized'];

/**
 * Throw `payment_limit` when `amount` on top of what the home paid in the 24 hours before `at` (and
 * what is being charged through a provider now) passes its daily limit. Call it inside the
 * transaction that records the payment, after the order's own lock; `orderId` is not counted.
 */
export async function holdDailyLimit(
  tx: CommerceTx,
  payment: { homeId: string; orderId: string; amount: number; at: number },
): Promise<void> {
  const settings = await tx
    .updateTable('payment_settings')
    .set({ daily_limit: sql`daily_limit` })
    .where('home_id', '=', payment.homeId)
    .returning('daily_limit')
    .executeTakeFirst();
  if (!settings) throw new GenioError('payment_disabled');
  const since = payment.at - DAY_MS;
  const spent = await tx
    .selectFrom('orders')
    .select(sql<number | string>`coalesce(sum(orders.total), 0)`.as('spent'))
    .where('orders.home_id', '=', payment.homeId)
    .where('orders.id', '<>', payment.orderId)
    .where((eb) =>
      eb.or([
        eb.and([eb('orders.status', 'in', paidStatuses as OrderStatus[]), eb('orders.paid_at', '>', since)]),
        eb.and([
          eb('orders.status', 'in', ['placed', 'payment_failed']),
          eb.exists(
            eb
              .selectFrom('order_payments')
              .select('order_payments.order_id')
              .whereRef('order_payments.order_id', '=', 'orders.id')
              .where('order_payments.status', 'in', inFlight)
              .where('order_payments.updated_at', '>', since),
          ),
        ]),
      ]),
    )
    .executeTakeFirst();
  const limit = Number(settings.daily_limit);
  if (Number(spent?.spent ?? 0) + payment.amount > limit)
    throw new GenioError('payment_limit', { limit: `daily (${limit})` });
}
