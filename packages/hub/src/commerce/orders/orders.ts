/**
 * Orders: placing (priced against the merchant's menu at a store), moving along the lifecycle table,
 * and paying from the household wallet. Money invariant: the ledger moves and the order's move to
 * `paid` (or `refunded`) happen in one database transaction, and every ledger transfer id is derived
 * from the order (`pay:<order>`, `fee:<order>`, `refund:<order>`), so a retry or a crash between steps
 * can never charge twice and always leaves an order that can be paid again or is paid.
 */
import { randomInt } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { GenioError } from '../../errors/index.js';
import { newId } from '../../ids/index.js';
import type { Database } from '../../storage/index.js';
import type { Ledger, LedgerTables, LedgerTx } from '../ledger/index.js';
import { type LineRequest, type Menu, type PricedLine, priceLine, unavailableReason } from '../menus/menu.js';
import type { MerchantService } from '../merchants/merchants.js';
import { DAY_MS, holdDailyLimit } from '../payments/daily-limit.js';
import type { PaymentGuard, SecondFactor } from '../payments/settings.js';
import type { StoreService } from '../stores/stores.js';
import type { CommerceTables, OrdersTable } from '../tables.js';
import { decideMove, type OrderStatus, paidStatuses } from './lifecycle.js';
import { lockOrder, type OrderMoveListener, recordMove } from './moves.js';

/** An order as the API shows it. */
export interface Order {
  id: string;
  homeId: string;
  merchantId: string;
  storeRef: string;
  status: OrderStatus;
  lines: PricedLine[];
  total: number;
  currency: string;
  pickupCode: string | null;
  createdAt: number;
  updatedAt: number;
  paidAt: number | null;
}

/** What placing an order needs. */
export interface PlaceOrderInput {
  merchantId: string;
  storeRef?: string;
  items: LineRequest[];
}

/** Orders and their money. */
export interface OrderService {
  place(
    homeId: string,
    placedBy: string,
    input: PlaceOrderInput,
    position?: { lat: number; lon: number } | null,
  ): Promise<Order>;
  get(id: string): Promise<Order>;
  listForHome(homeId: string, limit?: number): Promise<Order[]>;
  listForMerchant(merchantId: string, statuses?: OrderStatus[]): Promise<Order[]>;
  /** Move an order; a repeated event id or a late event changes nothing. */
  move(id: string, to: OrderStatus, by: { eventId: string; actor: string }): Promise<Order>;
  /** Pay from the household wallet after the guard accepts the second factor. */
  pay(id: string, by: { tokenId: string; factor: SecondFactor }): Promise<Order>;
  /** Give the money back to the wallet (whole order). */
  refund(id: string, by: { actor: string }): Promise<Order>;
  /** What the home paid in the last 24 hours. */
  spentToday(homeId: string): Promise<number>;
}

/** The platform's fee in basis points of each order, accrued per merchant (no shared hot account). */
export const FEE_BASIS_POINTS = 200;

const PICKUP_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3479';

/** A short code the household shows at the counter. */
export function pickupCode(): string {
  let code = '';
  for (let i = 0; i < 4; i++) code += PICKUP_ALPHABET[randomInt(PICKUP_ALPHABET.length)];
  return code;
}

function toOrder(row: OrdersTable): Order {
  return {
    id: row.id,
    homeId: row.home_id,
    merchantId: row.merchant_id,
    storeRef: row.store_ref,
    status: row.status as OrderStatus,
    lines: JSON.parse(row.lines) as PricedLine[],
    total: Number(row.total),
    currency: row.currency,
    pickupCode: row.pickup_code,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    paidAt: row.paid_at === null ? null : Number(row.paid_at),
  };
}

/** The ledger accounts of a payment, opened on first use. */
export function walletAccounts(homeId: string, merchantId: string, currency: string) {
  return {
    wallet: { kind: 'household_wallet', owner: homeId, currency, noOverdraft: true },
    payable: { kind: 'merchant_payable', owner: merchantId, currency },
    fees: { kind: 'merchant_fees', owner: merchantId, currency },
  };
}

/** Build the order service. */
export function createOrderService(deps: {
  db: Kysely<Database>;
  ledger: Ledger;
  merchants: MerchantService;
  stores: StoreService;
  guard: PaymentGuard;
  menuOf: (merchantId: string) => Promise<Menu>;
  clock?: () => number;
  /** Hears every applied move inside its transaction (the merchant webhook outbox). */
  onMoved?: OrderMoveListener;
}): OrderService {
  const db = deps.db.withTables<CommerceTables & LedgerTables>();
  const { ledger } = deps;
  type Tx = Transaction<Database & CommerceTables & LedgerTables>;
  const inTransaction = <T>(work: (tx: Tx) => Promise<T>) => db.transaction().execute(work);
  const joined = (tx: Tx) => tx as unknown as LedgerTx;
  const now = deps.clock ?? Date.now;

  async function load(id: string): Promise<OrdersTable> {
    const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'order', id });
    return row;
  }

  /** The order with what its home paid in the last 24 hours (for the daily limit), in one read. */
  async function loadForPayment(id: string): Promise<OrdersTable & { spent_today: number }> {
    const row = await db
      .selectFrom('orders')
      .selectAll('orders')
      .select((eb) =>
        eb
          .selectFrom('orders as earlier')
          .select(sql<number>`coalesce(sum(earlier.total), 0)`.as('spent'))
          .whereRef('earlier.home_id', '=', 'orders.home_id')
          .where('earlier.paid_at', '>', now() - DAY_MS)
          .where('earlier.status', 'in', paidStatuses as OrderStatus[])
          .as('spent_today'),
      )
      .where('orders.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'order', id });
    return { ...row, spent_today: Number(row.spent_today ?? 0) };
  }

  /** Record the event and move the row; false when the event was seen or the move is a no-op. */
  function moveIn(
    tx: Tx,
    row: OrdersTable,
    to: OrderStatus,
    by: { eventId: string; actor: string },
    extra: Partial<OrdersTable> = {},
    at = now(),
  ) {
    return recordMove(tx, row, to, by, { at, extra, onMoved: deps.onMoved });
  }

  return {
    async place(homeId, placedBy, input, position) {
      const merchant = await deps.merchants.requireApproved(input.merchantId);
      if (!Array.isArray(input.items) || !input.items.length || input.items.length > 50)
        throw new GenioError('validation_failed', { field: 'items', reason: 'must list 1 to 50 items' });
      const menu = await deps.menuOf(merchant.id);
      const at = now();
      let storeRef = input.storeRef;
      if (!storeRef) {
        if (!position)
          throw new GenioError('validation_failed', {
            field: 'storeRef',
            reason: 'name a store, or give the home a location so the nearest open one can be chosen',
          });
        const [nearest] = await deps.stores.near(merchant.id, position, { limit: 1, openAt: at });
        if (!nearest) throw new GenioError('conflict', { reason: 'no store of this merchant is open now' });
        storeRef = nearest.ref;
      }
      const store = await deps.stores.get(merchant.id, storeRef);
      const lines = input.items.map((request, i) => {
        const line = priceLine(menu, request, `items[${i}]`);
        const item = menu.items.find((m) => m.ref === request.ref);
        const why = item ? unavailableReason(menu, item, store, at) : null;
        if (why)
          throw new GenioError('conflict', {
            reason: `${item?.name.en} is ${why === 'not_now' ? 'not sold at this time' : 'not sold at this store'}`,
          });
        return line;
      });
      const row: OrdersTable = {
        id: newId('ord'),
        home_id: homeId,
        merchant_id: merchant.id,
        store_ref: store.ref,
        status: 'placed',
        lines: JSON.stringify(lines),
        total: lines.reduce((sum, l) => sum + l.total, 0),
        currency: merchant.currency,
        pickup_code: null,
        placed_by: placedBy,
        created_at: at,
        updated_at: at,
        paid_at: null,
      };
      await db.insertInto('orders').values(row).execute();
      return toOrder(row);
    },

    async get(id) {
      return toOrder(await load(id));
    },

    async listForHome(homeId, limit = 50) {
      const rows = await db
        .selectFrom('orders')
        .selectAll()
        .where('home_id', '=', homeId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toOrder);
    },

    async listForMerchant(merchantId, statuses) {
      let query = db.selectFrom('orders').selectAll().where('merchant_id', '=', merchantId);
      if (statuses?.length) query = query.where('status', 'in', statuses);
      return (await query.orderBy('created_at', 'desc').limit(500).execute()).map(toOrder);
    },

    async move(id, to, by) {
      if (to === 'paid' || to === 'refunded')
        throw new GenioError('validation_failed', {
          field: 'to',
          reason: `an order becomes ${to} only through its payment`,
        });
      await inTransaction(async (tx) => {
        const row = await tx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new GenioError('not_found', { kind: 'order', id });
        if (to === 'cancelled' && paidStatuses.includes(row.status as OrderStatus))
          throw new GenioError('conflict', {
            reason: `order ${id} is paid: refund it instead of cancelling`,
          });
        await moveIn(tx, row, to, by);
      });
      return toOrder(await load(id));
    },

    async pay(id, by) {
      const row = await loadForPayment(id);
      if (row.status === 'paid' || paidStatuses.includes(row.status as OrderStatus)) return toOrder(row);
      if (decideMove(row.status as OrderStatus, 'paid') !== 'apply')
        throw new GenioError('conflict', { reason: `order ${id} is ${row.status} and cannot be paid` });
      const total = Number(row.total);
      await deps.guard.authorize(row.home_id, {
        tokenId: by.tokenId,
        amount: total,
        currency: row.currency,
        factor: by.factor,
        spentToday: row.spent_today,
      });
      const fee = Math.floor((total * FEE_BASIS_POINTS) / 10_000);
      const paid = await inTransaction(async (tx) => {
        // Held until commit: a provider charge starting now waits, then sees the order paid.
        const fresh = await lockOrder(tx, id);
        if (fresh.status !== row.status) return null; // paid (or moved) by a concurrent request
        const throughProvider = await tx
          .selectFrom('order_payments')
          .select('provider')
          .where('order_id', '=', id)
          .where('status', 'not in', ['declined', 'voided'])
          .executeTakeFirst();
        if (throughProvider)
          throw new GenioError('conflict', {
            reason: `order ${id} is being paid through ${throughProvider.provider}`,
          });
        const at = now();
        await holdDailyLimit(tx, { homeId: row.home_id, orderId: id, amount: total, at });
        const extra = { pickup_code: pickupCode(), paid_at: at };
        const event = { eventId: `pay:${id}`, actor: by.tokenId };
        if (!(await moveIn(tx, fresh, 'paid', event, extra, at))) return null;
        // The money moves last: the merchant's balance slots are held from here to the commit only.
        const names = walletAccounts(row.home_id, row.merchant_id, row.currency);
        const [wallet, payable, fees] = (await ledger.openAccounts(
          [names.wallet, names.payable, names.fees],
          joined(tx),
        )) as [string, string, string];
        const moves = [
          {
            id: `pay:${id}`,
            debitAccountId: wallet,
            creditAccountId: payable,
            amount: total,
            reference: `order:${id}`,
          },
        ];
        if (fee > 0)
          moves.push({
            id: `fee:${id}`,
            debitAccountId: payable,
            creditAccountId: fees,
            amount: fee,
            reference: `order:${id}`,
          });
        if (total > 0) await ledger.transfer(moves, joined(tx));
        return { ...fresh, status: 'paid', updated_at: at, ...extra };
      });
      return toOrder(paid ?? (await load(id)));
    },

    async refund(id, by) {
      await inTransaction(async (tx) => {
        const row = await tx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new GenioError('not_found', { kind: 'order', id });
        if (row.status === 'refunded') return;
        if (!paidStatuses.includes(row.status as OrderStatus))
          throw new GenioError('conflict', { reason: `order ${id} is ${row.status}: nothing was paid` });
        const names = walletAccounts(row.home_id, row.merchant_id, row.currency);
        const [wallet, payable, fees] = (await ledger.openAccounts(
          [names.wallet, names.payable, names.fees],
          joined(tx),
        )) as [string, string, string];
        const total = Number(row.total);
        const fee = Math.floor((total * FEE_BASIS_POINTS) / 10_000);
        const moves = [];
        if (fee > 0)
          moves.push({
            id: `refund-fee:${id}`,
            debitAccountId: fees,
            creditAccountId: payable,
            amount: fee,
            reference: `order:${id}`,
          });
        if (total > 0)
          moves.push({
            id: `refund:${id}`,
            debitAccountId: payable,
            creditAccountId: wallet,
            amount: total,
            reference: `order:${id}`,
          });
        await ledger.transfer(moves, joined(tx));
        await moveIn(tx, row, 'refunded', { eventId: `refund:${id}`, actor: by.actor });
      });
      return toOrder(await load(id));
    },

    async spentToday(homeId) {
      const row = await db
        .selectFrom('orders')
        .select(sql<number>`coalesce(sum(total), 0)`.as('spent'))
        .where('home_id', '=', homeId)
        .where('paid_at', '>', now() - DAY_MS)
        .where('status', 'in', paidStatuses as OrderStatus[])
        .executeTakeFirst();
      return Number(row?.spent ?? 0);
    },
  };
}
