import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkProvider, type PaymentProvider, type SettlementResult } from '../src/commerce/index.js';
import { signMessage } from '../src/commerce/payments/signing.js';
import { isGenioError } from '../src/errors/index.js';
import { newShopPlace, openShop, placeOrder, stockShop } from './commerce-shop.js';
import { backends } from './harness.js';
import { type SandboxProcess, startReceiver, startSandboxProcess } from './payment-sandbox.js';

describe.each(backends)('external payment network (sandbox process) on %s', (backend) => {
  const place = newShopPlace(backend);
  let shop: Awaited<ReturnType<typeof openShop>>;
  let merchantId: string;
  let sandbox: SandboxProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let provider: PaymentProvider;
  const applied: SettlementResult[] = [];
  const refused: string[] = [];

  const network = (options: { timeoutMs?: number; attempts?: number } = {}) =>
    createNetworkProvider({
      name: 'sandbox',
      baseUrl: sandbox.url,
      apiSecret: sandbox.apiSecret,
      webhookSecret: sandbox.webhookSecret,
      backoffMs: 50,
      ...options,
    });

  beforeAll(async () => {
    shop = await openShop(place);
    merchantId = (await stockShop(shop)).id;
    receiver = await startReceiver(async (raw, signature) => {
      let event: ReturnType<PaymentProvider['verifyWebhook']>;
      try {
        event = provider.verifyWebhook(raw, signature);
      } catch (error) {
        refused.push(isGenioError(error) ? String(error.params.reason) : 'error');
        return 401;
      }
      applied.push(await shop.payments.applyEvent('sandbox', event));
      return 200;
    });
    sandbox = await startSandboxProcess({ webhookUrl: receiver.url });
    provider = network();
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.close();
    await shop?.storage.close();
    await place.remove();
  });

  afterEach(async () => {
    await sandbox.control('POST', '/_control/webhooks/settle');
    await sandbox.control('DELETE', '/_control/faults');
    await sandbox.control('PUT', '/_control/webhooks', { duplicate: false, hold: false });
    applied.length = 0;
    refused.length = 0;
    // After every scenario: debits equal credits, and every cached balance matches its transfers.
    const trial = await shop.ledger.trialBalance();
    expect(trial.debits).toBe(trial.credits);
    expect(trial.balanced).toBe(true);
    expect(await shop.ledger.verify()).toEqual([]);
  });

  async function intentsOf(orderId: string) {
    const state = await sandbox.control('GET', '/_control/state');
    return (state.intents as Array<{ reference: string; status: string; capturedAmount: number }>).filter(
      (i) => i.reference === orderId,
    );
  }

  async function clearing() {
    const trial = await shop.ledger.trialBalance();
    return trial.accounts.find((a) => a.kind === 'provider_clearing' && a.owner === 'sandbox');
  }

  it('retries a 5xx with the same idempotency key and charges once', async () => {
    const order = await placeOrder(shop, merchantId, 2);
    await sandbox.control('POST', '/_control/faults', { op: 'authorize', kind: 'error' });
    await sandbox.control('POST', '/_control/faults', { op: 'capture', kind: 'error', times: 2 });
    const before = (await clearing())?.debitsPosted ?? 0;

    const result = await shop.payments.charge(order.id, provider);
    expect(result).toMatchObject({ status: 'paid', changed: true });
    const again = await shop.payments.charge(order.id, provider);
    expect(again).toMatchObject({ status: 'paid', changed: false });

    const intents = await intentsOf(order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ status: 'captured', capturedAmount: 2000 });
    expect((await clearing())?.debitsPosted).toBe(before + 2000);
    const paid = await shop.orders.get(order.id);
    expect(paid.pickupCode).toMatch(/^[A-Z0-9]{4}$/);
  });

  it('times out, retries with the same key and gets the stored answer, not a second charge', async () => {
    const order = await placeOrder(shop, merchantId);
    await sandbox.control('POST', '/_control/faults', { op: 'capture', kind: 'delay', delayMs: 1_500 });
    const impatient = network({ timeoutMs: 400 });
    const before = (await clearing())?.debitsPosted ?? 0;

    const result = await shop.payments.charge(order.id, impatient);
    expect(result.status).toBe('paid');
    const intents = await intentsOf(order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]?.capturedAmount).toBe(1000);
    expect((await clearing())?.debitsPosted).toBe(before + 1000);
  });

  it('applies duplicate webhooks once when the hub never heard the answer', async () => {
    const order = await placeOrder(shop, merchantId);
    await sandbox.control('PUT', '/_control/webhooks', { duplicate: true, hold: true });
    await sandbox.control('POST', '/_control/faults', { op: 'capture', kind: 'delay', delayMs: 3_000 });
    // Every attempt times out: the hub gives up, the order is still placed, the network captured it.
    await expect(
      shop.payments.charge(order.id, network({ timeoutMs: 200, attempts: 1 })),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect((await shop.orders.get(order.id)).status).toBe('placed');
    const before = (await clearing())?.debitsPosted ?? 0;

    await sandbox.control('POST', '/_control/webhooks/release', { order: 'fifo' });
    const mine = applied.filter((r) => r.orderId === order.id);
    expect(mine).toHaveLength(4); // authorized twice, captured twice
    expect(mine.filter((r) => r.changed)).toHaveLength(1);
    expect((await shop.orders.get(order.id)).status).toBe('paid');
    expect((await clearing())?.debitsPosted).toBe(before + 1000);
  });

  it('lets a refund that overtakes its capture finish the order as refunded, never back', async () => {
    const order = await placeOrder(shop, merchantId);
    await sandbox.control('PUT', '/_control/webhooks', { hold: true });
    const result = await shop.payments.charge(order.id, provider);
    expect(result.status).toBe('paid');
    const [intent] = await intentsOf(order.id);
    await shop.payments.refund(order.id, provider);
    // The hub already applied both answers; the held events now come newest first.
    await sandbox.control('POST', '/_control/webhooks/release', { order: 'reverse' });
    expect(applied.map((r) => r.changed)).toEqual([false, false, false]);
    expect((await shop.orders.get(order.id)).status).toBe('refunded');
    expect(intent).toBeDefined();

    // A second order the hub never heard about: refunded arrives before captured and authorized.
    const late = await placeOrder(shop, merchantId);
    await sandbox.control('POST', '/_control/faults', { op: 'capture', kind: 'delay', delayMs: 3_000 });
    await expect(
      shop.payments.charge(late.id, network({ timeoutMs: 200, attempts: 1 })),
    ).rejects.toMatchObject({
      code: 'unavailable',
    });
    const payableOf = async () =>
      (await shop.ledger.trialBalance()).accounts.find(
        (a) => a.kind === 'merchant_payable' && a.owner === merchantId,
      )?.available ?? 0;
    const payableBefore = await payableOf();
    const [lateIntent] = await intentsOf(late.id);
    await network().refund((lateIntent as unknown as { id: string }).id, {
      idempotencyKey: `refund-${late.id}`,
    });
    applied.length = 0;
    await sandbox.control('POST', '/_control/webhooks/release', { order: 'reverse' });
    const mine = applied.filter((r) => r.orderId === late.id);
    expect(mine.map((r) => r.status)).toEqual(['refunded', 'refunded', 'refunded']);
    expect(mine.map((r) => r.changed)).toEqual([true, false, false]);
    expect(await payableOf()).toBe(payableBefore);
  });

  it('charges once when twenty payments of one order race', async () => {
    const order = await placeOrder(shop, merchantId, 3);
    const before = (await clearing())?.debitsPosted ?? 0;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => shop.payments.charge(order.id, provider)),
    );
    const paid = results.filter((r) => r.status === 'fulfilled');
    expect(paid.length).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 503 });
    const intents = await intentsOf(order.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]?.capturedAmount).toBe(3000);
    expect((await clearing())?.debitsPosted).toBe(before + 3000);
    expect((await shop.orders.get(order.id)).status).toBe('paid');
  }, 60_000);

  it('marks a declined payment failed and charges a new authorization on the next try', async () => {
    const order = await placeOrder(shop, merchantId);
    await sandbox.control('POST', '/_control/faults', { op: 'authorize', kind: 'decline' });
    await expect(shop.payments.charge(order.id, provider)).rejects.toMatchObject({
      code: 'payment_declined',
      status: 402,
    });
    expect((await shop.orders.get(order.id)).status).toBe('payment_failed');
    expect((await shop.payments.charge(order.id, provider)).status).toBe('paid');
    const intents = await intentsOf(order.id);
    expect(intents.map((i) => i.status).sort()).toEqual(['captured', 'declined']);
    // The late "failed" webhook of the first attempt does not move the paid order back.
    await sandbox.control('POST', '/_control/webhooks/settle');
    expect((await shop.orders.get(order.id)).status).toBe('paid');
  });

  it('refuses forged, stale and replayed webhooks, and a request signed with a wrong key', async () => {
    const order = await placeOrder(shop, merchantId);
    await shop.payments.charge(order.id, provider);
    await sandbox.control('POST', '/_control/webhooks/settle');
    const event = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.refunded',
      intent: {
        id: 'pi_x',
        status: 'refunded',
        amount: 1000,
        currency: 'EUR',
        reference: order.id,
        capturedAmount: 1000,
        refundedAmount: 1000,
      },
    });
    const post = (signature: string) =>
      fetch(receiver.url, { method: 'POST', headers: { 'genio-signature': signature }, body: event });
    expect((await post(signMessage('not-the-secret', event))).status).toBe(401);
    const stale = signMessage(sandbox.webhookSecret, event, '', Date.now() - 10 * 60_000);
    expect((await post(stale)).status).toBe(401);
    const good = signMessage(sandbox.webhookSecret, event);
    const tampered = good.replace(/v1=[0-9a-f]/, (m) => (m.endsWith('0') ? 'v1=1' : 'v1=0'));
    expect((await post(tampered)).status).toBe(401);
    expect(refused).toEqual(['bad signature', 'stale timestamp', 'bad signature']);
    // The one correctly signed copy is accepted once (and ignored: not the order's payment); its replay is not.
    expect((await post(good)).status).toBe(200);
    expect((await post(good)).status).toBe(401);
    expect(refused.at(-1)).toBe('replayed signature');
    expect((await shop.orders.get(order.id)).status).toBe('paid');

    const wrongKey = createNetworkProvider({
      name: 'sandbox',
      baseUrl: sandbox.url,
      apiSecret: 'wrong',
      webhookSecret: 'wrong',
    });
    await expect(
      wrongKey.authorize({ amount: 100, currency: 'EUR', reference: 'x', idempotencyKey: 'k-wrong' }),
    ).rejects.toMatchObject({ code: 'signature_invalid' });
  });
});
