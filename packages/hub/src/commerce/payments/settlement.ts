/**
 * Paying orders through a PaymentProvider and applying what the provider reports. Invariants:
 * - every ledger transfer id is derived from the order (`netpay:`, `fee:`, `refund-fee:`,
 *   `netrefund:`), so a duplicate webhook, a retried call or a webhook racing the synchronous answer
 *   moves money once;
 * - an order only moves forward (decideMove): a late `authorized` or `failed` after `captured`
 *   changes nothing, and a `refunded` that overtakes `captured` applies the capture first;
 * - external money enters through the provider's clearing account, so debits equal credits.
 */
import { GenioError } from '../../errors/index.js';
import type { Ledger, LedgerTx } from '../ledger/index.js';
import { type OrderStatus, paidStatuses } from '../orders/lifecycle.js';
import {
  type CommerceDb,
  type CommerceTx,
  lockOrder,
  type OrderMoveListener,
  recordMove,
} from '../orders/moves.js';
import { FEE_BASIS_POINTS, pickupCode } from '../orders/orders.js';
import type { OrdersTable } from '../tables.js';
import { holdDailyLimit } from './daily-limit.js';
import { clearingAccount, type PaymentEvent, type PaymentIntent, type PaymentProvider } from './provider.js';

/** What applying a provider's report did. */
export interface SettlementResult {
  orderId: string;
  status: OrderStatus;
  /** False for a duplicate, a late event, or an intent that is not the order's payment. */
  changed: boolean;
  /** Set when the report was not applied, with the reason. */
  ignored?: string;
}

/** Paying orders through providers. */
export interface PaymentSettlement {
  /** Authorize and capture an order's total; the order is paid when this returns. */
  /**
   * Authorize and capture. With `payer` (the home), a new authorization is first held against the
   * home's daily limit, under the same lock as its other payments (see daily-limit.ts).
   */
  charge(orderId: string, provider: PaymentProvider, options?: { payer?: string }): Promise<SettlementResult>;
  /** Give a paid order's money back through the provider that took it. */
  refund(orderId: string, provider: PaymentProvider): Promise<SettlementResult>;
  /** Apply a verified webhook event of `provider` (idempotent, never moves an order back). */
  applyEvent(provider: string, event: PaymentEvent): Promise<SettlementResult>;
  /** The provider an order is being or was paid through; null for the household wallet's own path. */
  paidThrough(orderId: string): Promise<string | null>;
}

const fundsStatuses: readonly OrderStatus[] = [...paidStatuses, 'refunded'];

/** Build the settlement service. */
export function createPaymentSettlement(deps: {
  db: CommerceDb;
  ledger: Ledger;
  clock?: () => number;
  onMoved?: OrderMoveListener;
}): PaymentSettlement {
  const { db, ledger } = deps;
  const now = deps.clock ?? Date.now;
  const joined = (tx: CommerceTx) => tx as unknown as LedgerTx;

  async function accounts(tx: CommerceTx, provider: string, order: OrdersTable) {
    const [clearing, payable, fees] = (await ledger.openAccounts(
      [
        clearingAccount(provider, order.currency),
        { kind: 'merchant_payable', owner: order.merchant_id, currency: order.currency },
        { kind: 'merchant_fees', owner: order.merchant_id, currency: order.currency },
      ],
      joined(tx),
    )) as [string, string, string];
    return { clearing, payable, fees };
  }

  /** Record that the provider holds the order's money, and mark the order paid if it may still be. */
  async function moneyIn(tx: CommerceTx, provider: string, order: OrdersTable, eventId: string) {
    const total = Number(order.total);
    const fee = Math.floor((total * FEE_BASIS_POINTS) / 10_000);
    const { clearing, payable, fees } = await accounts(tx, provider, order);
    const moves = [
      { id: `netpay:${order.id}`, debitAccountId: clearing, creditAccountId: payable, amount: total },
      ...(fee > 0
        ? [{ id: `fee:${order.id}`, debitAccountId: payable, creditAccountId: fees, amount: fee }]
        : []),
    ];
    await ledger.transfer(
      moves.map((m) => ({ ...m, reference: `order:${order.id}` })),
      joined(tx),
    );
    if (fundsStatuses.includes(order.status as OrderStatus) || order.status === 'cancelled') return order;
    const extra = { pickup_code: pickupCode(), paid_at: now() };
    const moved = await recordMove(
      tx,
      order,
      'paid',
      { eventId, actor: `provider:${provider}` },
      { at: now(), extra, onMoved: deps.onMoved },
    );
    return moved ? { ...order, status: 'paid', ...extra } : order;
  }

  async function moneyOut(tx: CommerceTx, provider: string, order: OrdersTable, eventId: string) {
    const total = Number(order.total);
    const fee = Math.floor((total * FEE_BASIS_POINTS) / 10_000);
    const { clearing, payable, fees } = await accounts(tx, provider, order);
    const moves = [
      ...(fee > 0
        ? [
            {
              id: `refund-fee:${order.id}`,
              debitAccountId: fees,
              creditAccountId: payable,
              amount: fee,
            },
          ]
        : []),
      {
        id: `netrefund:${order.id}`,
        debitAccountId: payable,
        creditAccountId: clearing,
        amount: total,
      },
    ];
    await ledger.transfer(
      moves.map((m) => ({ ...m, reference: `order:${order.id}` })),
      joined(tx),
    );
    if (order.status === 'refunded') return order;
    await recordMove(
      tx,
      order,
      'refunded',
      { eventId, actor: `provider:${provider}` },
      { at: now(), onMoved: deps.onMoved },
    );
    return { ...order, status: 'refunded' };
  }

  async function apply(provider: string, eventId: string, intent: PaymentIntent): Promise<SettlementResult> {
    return db.transaction().execute(async (tx) => {
      const order = await lockOrder(tx, intent.reference);
      const result = (status: string, changed: boolean, ignored?: string): SettlementResult => ({
        orderId: order.id,
        status: status as OrderStatus,
        changed,
        ...(ignored ? { ignored } : {}),
      });
      const payment = await tx
        .selectFrom('order_payments')
        .selectAll()
        .where('order_id', '=', order.id)
        .executeTakeFirst();
      if (payment?.provider !== provider)
        return result(order.status, false, 'not paid through this provider');
      // A new authorization replaces a declined or voided one; a dead intent never replaces anything.
      const dead = (status: string) => status === 'declined' || status === 'voided';
      const replaceable = !payment.intent_id || dead(payment.status);
      if (payment.intent_id !== intent.id && !(replaceable && !dead(intent.status)))
        return result(order.status, false, `not the order's current payment ${payment.intent_id ?? ''}`);
      if (intent.currency !== order.currency || intent.amount !== Number(order.total))
        return result(order.status, false, 'amount or currency differs from the order');
      await tx
        .updateTable('order_payments')
        .set({ intent_id: intent.id, status: intent.status, updated_at: now() })
        .where('order_id', '=', order.id)
        .execute();
      let current = order;
      if (intent.capturedAmount > 0) current = await moneyIn(tx, provider, current, `${provider}:${eventId}`);
      const wholeRefund = intent.capturedAmount > 0 && intent.refundedAmount === intent.capturedAmount;
      if (wholeRefund) current = await moneyOut(tx, provider, current, `${provider}:${eventId}:refund`);
      if (intent.status === 'declined' || intent.status === 'voided') {
        const moved = await recordMove(
          tx,
          current,
          'payment_failed',
          { eventId: `${provider}:${eventId}`, actor: `provider:${provider}` },
          { at: now(), onMoved: deps.onMoved },
        ).catch(() => false);
        if (moved) current = { ...current, status: 'payment_failed' };
      }
      return result(current.status, current.status !== order.status);
    });
  }

  /** Claim the order for this provider and say which authorization attempt this is (null: already paid). */
  async function begin(order: OrdersTable, provider: string, payer?: string): Promise<number | null> {
    const withinLimit = (tx: CommerceTx) =>
      payer
        ? holdDailyLimit(tx, { homeId: payer, orderId: order.id, amount: Number(order.total), at: now() })
        : Promise.resolve();
    return db.transaction().execute(async (tx) => {
      // Held until commit, as the wallet path holds it: of a wallet payment and a provider charge
      // racing, the second sees the first and stops before any money moves.
      const current = await lockOrder(tx, order.id);
      if (fundsStatuses.includes(current.status as OrderStatus)) return null;
      if (current.status !== 'placed' && current.status !== 'payment_failed')
        throw new GenioError('conflict', {
          reason: `order ${order.id} is ${current.status} and cannot be paid`,
        });
      const payment = await tx
        .selectFrom('order_payments')
        .selectAll()
        .where('order_id', '=', order.id)
        .executeTakeFirst();
      if (!payment) {
        await withinLimit(tx);
        await tx
          .insertInto('order_payments')
          .values({
            order_id: order.id,
            provider,
            attempt: 1,
            intent_id: null,
            status: 'new',
            updated_at: now(),
          })
          .onConflict((oc) => oc.column('order_id').doNothing())
          .execute();
        return 1;
      }
      if (payment.provider !== provider)
        throw new GenioError('conflict', {
          reason: `order ${order.id} is being paid through ${payment.provider}`,
        });
      // After a decline or a void the next try is a new authorization; otherwise the same one again.
      if (payment.status === 'declined' || payment.status === 'voided') {
        await withinLimit(tx);
        await tx
          .updateTable('order_payments')
          .set({ attempt: payment.attempt + 1, intent_id: null, status: 'new', updated_at: now() })
          .where('order_id', '=', order.id)
          .where('attempt', '=', payment.attempt)
          .execute();
        return payment.attempt + 1;
      }
      return payment.attempt;
    });
  }

  async function loadOrder(id: string) {
    const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'order', id });
    return row;
  }

  return {
    async charge(orderId, provider, options = {}) {
      const order = await loadOrder(orderId);
      if (fundsStatuses.includes(order.status as OrderStatus))
        return { orderId, status: order.status as OrderStatus, changed: false };
      if (order.status !== 'placed' && order.status !== 'payment_failed')
        throw new GenioError('conflict', {
          reason: `order ${orderId} is ${order.status} and cannot be paid`,
        });
      const attempt = await begin(order, provider.name, options.payer);
      if (attempt === null) {
        const paid = await loadOrder(orderId);
        return { orderId, status: paid.status as OrderStatus, changed: false };
      }
      // Keys derived from the order: whoever retries, and however often, this order is charged once.
      const key = `order:${orderId}:${attempt}`;
      const authorized = await provider.authorize({
        amount: Number(order.total),
        currency: order.currency,
        reference: orderId,
        idempotencyKey: `${key}:authorize`,
        ...(options.payer ? { payer: options.payer } : {}),
      });
      // This attempt's intent is now the order's payment, whatever arrives from older attempts.
      await db
        .updateTable('order_payments')
        .set({ intent_id: authorized.id, status: authorized.status, updated_at: now() })
        .where('order_id', '=', orderId)
        .where('attempt', '=', attempt)
        .where((eb) => eb.or([eb('intent_id', 'is', null), eb('intent_id', '=', authorized.id)]))
        .execute();
      if (authorized.status === 'declined') {
        await apply(provider.name, `${authorized.id}:declined`, authorized);
        throw new GenioError('payment_declined', { reason: authorized.declineReason ?? 'declined' });
      }
      const captured =
        authorized.status === 'authorized'
          ? await provider.capture(authorized.id, { idempotencyKey: `${key}:capture` })
          : authorized;
      return apply(provider.name, `${captured.id}:${captured.status}`, captured);
    },

    async refund(orderId, provider) {
      const payment = await db
        .selectFrom('order_payments')
        .selectAll()
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      if (!payment?.intent_id || payment.provider !== provider.name)
        throw new GenioError('conflict', {
          reason: `order ${orderId} was not paid through ${provider.name}`,
        });
      const order = await loadOrder(orderId);
      if (order.status === 'refunded') return { orderId, status: 'refunded', changed: false };
      if (!paidStatuses.includes(order.status as OrderStatus) && order.status !== 'cancelled')
        throw new GenioError('conflict', { reason: `order ${orderId} is ${order.status}: nothing was paid` });
      const refunded = await provider.refund(payment.intent_id, {
        idempotencyKey: `order:${orderId}:${payment.attempt}:refund`,
      });
      return apply(provider.name, `${refunded.id}:${refunded.status}`, refunded);
    },

    applyEvent(provider, event) {
      return apply(provider, event.id, event.intent);
    },

    async paidThrough(orderId) {
      const payment = await db
        .selectFrom('order_payments')
        .select('provider')
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      return payment?.provider ?? null;
    },
  };
}
