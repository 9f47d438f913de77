/**
 * Order events for merchants' own systems, through a transactional outbox: an event is queued in the
 * same transaction as the order move it reports (so a crash cannot lose it or invent it), then a
 * deliverer POSTs it signed with the merchant's secret, retrying with exponential backoff until a 2xx
 * or the last attempt. A delivery is claimed with a lease first, so a hub that dies mid-POST sends it
 * again after a restart; merchants must treat the event id as an idempotency key.
 */
import { randomBytes } from 'node:crypto';
import { GenioError } from '../../errors/index.js';
import { newId } from '../../ids/index.js';
import type { OrderStatus } from '../orders/lifecycle.js';
import type { CommerceDb, CommerceTx } from '../orders/moves.js';
import { SIGNATURE_HEADER, signMessage } from '../payments/signing.js';
import type { MerchantWebhooksTable, OrdersTable } from '../tables.js';

/** The order moves merchants hear about, and the event type each becomes. */
export const merchantEventTypes: Partial<Record<OrderStatus, string>> = {
  paid: 'order.paid',
  cancelled: 'order.cancelled',
  refunded: 'order.refunded',
  ready: 'order.ready',
};

/** One row of a merchant's delivery log. */
export interface WebhookDelivery {
  id: string;
  orderId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** The outbox and its deliverer. */
export interface MerchantWebhooks {
  /** Queue the event for an applied order move (inside the move's transaction); no-op without a webhook URL. */
  enqueue(tx: CommerceTx, order: OrdersTable, from: OrderStatus): Promise<void>;
  /** Send what is due now; returns how many deliveries were attempted. */
  deliverDue(limit?: number): Promise<number>;
  /** The merchant's delivery log, newest first. */
  deliveries(merchantId: string, limit?: number): Promise<WebhookDelivery[]>;
  /** The merchant's signing secret, made on first use. */
  secret(merchantId: string): Promise<string>;
  /** Replace the merchant's signing secret; returns the new one. */
  rotateSecret(merchantId: string): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Delivery tuning. */
export interface MerchantWebhookOptions {
  maxAttempts?: number;
  /** Pause after the first failure; doubles after each further one, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  /** How long a claimed delivery is held before another pass may try it (longer than timeoutMs). */
  leaseMs?: number;
  pollMs?: number;
}

function toDelivery(row: MerchantWebhooksTable): WebhookDelivery {
  return {
    id: row.id,
    orderId: row.order_id,
    type: row.type,
    status: row.status as WebhookDelivery['status'],
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    deliveredAt: row.delivered_at === null ? null : Number(row.delivered_at),
  };
}

/** Build the merchant webhook outbox. */
export function createMerchantWebhooks(
  deps: { db: CommerceDb; clock?: () => number } & MerchantWebhookOptions,
): MerchantWebhooks {
  const { db } = deps;
  const now = deps.clock ?? Date.now;
  const maxAttempts = deps.maxAttempts ?? 8;
  const baseDelayMs = deps.baseDelayMs ?? 5_000;
  const maxDelayMs = deps.maxDelayMs ?? 3_600_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const leaseMs = deps.leaseMs ?? timeoutMs * 3;
  const pollMs = deps.pollMs ?? 1_000;
  let timer: NodeJS.Timeout | null = null;
  let pass: Promise<number> | null = null;

  const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

  async function secret(merchantId: string): Promise<string> {
    const row = await db
      .selectFrom('merchants')
      .select('webhook_secret')
      .where('id', '=', merchantId)
      .executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'merchant', id: merchantId });
    if (row.webhook_secret) return row.webhook_secret;
    await db
      .updateTable('merchants')
      .set({ webhook_secret: newSecret() })
      .where('id', '=', merchantId)
      .where('webhook_secret', 'is', null)
      .execute();
    return secret(merchantId);
  }

  async function deliverOne(row: MerchantWebhooksTable): Promise<void> {
    // Claim it: only the pass that moves next_attempt_at forward sends it.
    const claimed = await db
      .updateTable('merchant_webhooks')
      .set({ next_attempt_at: now() + leaseMs, attempts: row.attempts + 1, updated_at: now() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const attempts = row.attempts + 1;
    const merchant = await db
      .selectFrom('merchants')
      .select('webhook_url')
      .where('id', '=', row.merchant_id)
      .executeTakeFirst();
    let status: number | null = null;
    let problem: string | null = null;
    if (!merchant?.webhook_url) problem = 'the merchant has no webhook URL';
    else
      try {
        const response = await fetch(merchant.webhook_url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signMessage(await secret(row.merchant_id), row.payload, '', now()),
            'genio-event-id': row.id,
          },
          body: row.payload,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
        status = response.status;
        await response.arrayBuffer().catch(() => {});
        if (!response.ok) problem = `HTTP ${status}`;
      } catch (error) {
        problem = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'failed';
      }
    const at = now();
    const delivered = problem === null;
    const gaveUp = !delivered && attempts >= maxAttempts;
    await db
      .updateTable('merchant_webhooks')
      .set({
        status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending',
        last_status: status,
        last_error: problem,
        next_attempt_at:
          delivered || gaveUp ? at : at + Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1)),
        delivered_at: delivered ? at : null,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .execute();
  }

  async function deliverDue(limit = 50): Promise<number> {
    const due = await db
      .selectFrom('merchant_webhooks')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now())
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    await Promise.all(due.map(deliverOne));
    return due.length;
  }

  return {
    async enqueue(tx, order, from) {
      const type = merchantEventTypes[order.status as OrderStatus];
      if (!type) return;
      const merchant = await tx
        .selectFrom('merchants')
        .select('webhook_url')
        .where('id', '=', order.merchant_id)
        .executeTakeFirst();
      if (!merchant?.webhook_url) return;
      const at = now();
      const id = newId('whk');
      const payload = {
        id,
        type,
        created: at,
        order: {
          id: order.id,
          status: order.status,
          previousStatus: from,
          storeRef: order.store_ref,
          total: Number(order.total),
          currency: order.currency,
          pickupCode: order.pickup_code,
        },
      };
      await tx
        .insertInto('merchant_webhooks')
        .values({
          id,
          merchant_id: order.merchant_id,
          order_id: order.id,
          type,
          event_key: `${order.id}:${order.status}`,
          payload: JSON.stringify(payload),
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          last_status: null,
          last_error: null,
          created_at: at,
          updated_at: at,
          delivered_at: null,
        })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .execute();
    },

    deliverDue,

    async deliveries(merchantId, limit = 100) {
      const rows = await db
        .selectFrom('merchant_webhooks')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    secret,

    async rotateSecret(merchantId) {
      const fresh = newSecret();
      const updated = await db
        .updateTable('merchants')
        .set({ webhook_secret: fresh })
        .where('id', '=', merchantId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new GenioError('not_found', { kind: 'merchant', id: merchantId });
      return fresh;
    },

    async start() {
      timer = setInterval(() => {
        if (pass !== null) return;
        pass = deliverDue()
          .catch(() => 0)
          .finally(() => {
            pass = null;
          });
      }, pollMs);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await pass;
    },
  };
}
