import { afterAll, describe, expect, it } from 'vitest';
import { newShopPlace, openShop, placeOrder, stockShop } from '../../../test/commerce-shop.js';
import { backends } from '../../../test/harness.js';
import { startReceiver } from '../../../test/payment-sandbox.js';
import { createSignatureVerifier } from '../payments/signing.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A merchant's endpoint over real HTTP: answers the queued statuses, then 200; checks each signature. */
async function merchantEndpoint() {
  const answers: number[] = [];
  const received: Array<{ type: string; order: { id: string; status: string }; id: string }> = [];
  let verify: ((raw: string, signature: string | undefined) => void) | null = null;
  const endpoint = await startReceiver(async (raw, signature) => {
    if (!verify) return 500;
    try {
      verify(raw, signature);
    } catch {
      return 401;
    }
    const status = answers.shift() ?? 200;
    if (status === 200) received.push(JSON.parse(raw));
    return status;
  });
  cleanups.push(endpoint.close);
  return {
    url: endpoint.url,
    answers,
    received,
    trust(secret: string) {
      const verifier = createSignatureVerifier(secret);
      verify = (raw, signature) => verifier.verify(signature, raw);
    },
  };
}

describe.each(backends)('merchant webhooks on %s', (backend) => {
  it('sends each order event once, signed, retrying with backoff after failures', async () => {
    const place = newShopPlace(backend);
    let at = Date.now();
    const shop = await openShop(place, { clock: () => at, webhooks: { baseDelayMs: 1_000, maxAttempts: 3 } });
    cleanups.push(async () => {
      await shop.storage.close();
      await place.remove();
    });
    const merchant = await stockShop(shop);
    const endpoint = await merchantEndpoint();
    await shop.merchants.update(merchant.id, { webhookUrl: endpoint.url });
    endpoint.trust(await shop.merchantWebhooks.secret(merchant.id));
    await shop.wallet.topUp('h1', { amount: 5_000, currency: 'EUR', key: 't1', by: 'household' });
    const order = await placeOrder(shop, merchant.id);
    await shop.orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });
    await shop.orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });

    endpoint.answers.push(500, 503);
    expect(await shop.merchantWebhooks.deliverDue()).toBe(1);
    let [log] = await shop.merchantWebhooks.deliveries(merchant.id);
    expect(log).toMatchObject({ type: 'order.paid', status: 'pending', attempts: 1, lastStatus: 500 });
    expect(log?.nextAttemptAt).toBe(at + 1_000);
    expect(await shop.merchantWebhooks.deliverDue()).toBe(0); // not due yet
    at += 1_000;
    await shop.merchantWebhooks.deliverDue();
    [log] = await shop.merchantWebhooks.deliveries(merchant.id);
    expect(log).toMatchObject({ status: 'pending', attempts: 2, lastStatus: 503, nextAttemptAt: at + 2_000 });
    at += 2_000;
    await shop.merchantWebhooks.deliverDue();
    [log] = await shop.merchantWebhooks.deliveries(merchant.id);
    expect(log).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    expect(endpoint.received.map((e) => e.type)).toEqual(['order.paid']);

    await shop.orders.move(order.id, 'accepted', { eventId: 'm1', actor: 'merchant' });
    await shop.orders.move(order.id, 'ready', { eventId: 'm2', actor: 'merchant' });
    await shop.orders.move(order.id, 'ready', { eventId: 'm3', actor: 'merchant' });
    await shop.orders.refund(order.id, { actor: 'merchant' });
    await shop.merchantWebhooks.deliverDue();
    expect(endpoint.received.map((e) => e.type).sort()).toEqual([
      'order.paid',
      'order.ready',
      'order.refunded',
    ]);
    expect(endpoint.received.every((e) => e.order.id === order.id)).toBe(true);

    // A merchant that never answers: given up after maxAttempts, kept in the log as failed.
    const cancelled = await placeOrder(shop, merchant.id);
    await shop.orders.move(cancelled.id, 'cancelled', { eventId: 'c1', actor: 'household' });
    endpoint.answers.push(500, 500, 500);
    for (let i = 0; i < 3; i++) {
      await shop.merchantWebhooks.deliverDue();
      at += 10_000;
    }
    const failed = (await shop.merchantWebhooks.deliveries(merchant.id)).find(
      (d) => d.orderId === cancelled.id,
    );
    expect(failed).toMatchObject({ type: 'order.cancelled', status: 'failed', attempts: 3 });
  });

  it('keeps queued deliveries across a restart, and resends one a dead hub had claimed', async () => {
    const place = newShopPlace(backend);
    const first = await openShop(place);
    const merchant = await stockShop(first);
    const endpoint = await merchantEndpoint();
    await first.merchants.update(merchant.id, { webhookUrl: endpoint.url });
    await first.wallet.topUp('h1', { amount: 5_000, currency: 'EUR', key: 't1', by: 'household' });
    const order = await placeOrder(first, merchant.id);
    await first.orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });
    // The hub stops before any delivery pass ran.
    await first.storage.close();

    const second = await openShop(place);
    cleanups.push(async () => {
      await second.storage.close();
      await place.remove();
    });
    endpoint.trust(await second.merchantWebhooks.secret(merchant.id));
    expect(await second.merchantWebhooks.deliverDue()).toBe(1);
    expect(endpoint.received).toMatchObject([
      { type: 'order.paid', order: { id: order.id, status: 'paid' } },
    ]);
    expect((await second.merchantWebhooks.deliveries(merchant.id))[0]?.status).toBe('delivered');
    expect(await second.merchantWebhooks.deliverDue()).toBe(0);

    // A hub that died after claiming a delivery (lease taken, POST never finished) sends it after the lease.
    await second.orders.move(order.id, 'ready', { eventId: 'r1', actor: 'merchant' });
    const claimedAt = Date.now();
    await second.db
      .updateTable('merchant_webhooks' as any)
      .set({ attempts: 1, next_attempt_at: claimedAt + 30_000 } as any)
      .where('type' as any, '=', 'order.ready')
      .execute();
    expect(await second.merchantWebhooks.deliverDue()).toBe(0);
    const at = claimedAt + 30_001;
    const third = await openShop(place, { clock: () => at, webhooks: { leaseMs: 30_000 } });
    cleanups.push(() => third.storage.close());
    expect(await third.merchantWebhooks.deliverDue()).toBe(1);
    expect(endpoint.received.map((e) => e.type)).toEqual(['order.paid', 'order.ready']);
    const ready = (await third.merchantWebhooks.deliveries(merchant.id)).find(
      (d) => d.type === 'order.ready',
    );
    expect(ready).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
