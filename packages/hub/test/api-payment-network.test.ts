import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signMessage } from '../src/commerce/index.js';
import { backends, startTestHub, type TestHub } from './harness.js';
import { type SandboxProcess, startReceiver, startSandboxProcess } from './payment-sandbox.js';

// A real hub configured with the sandbox network (a child process): the household pays through the
// network over HTTP with its PIN, the network's signed webhooks reach the hub's public webhook route
// over HTTP (through a relay that records what the hub answered), the merchant refunds through the
// network. Judged by the API, the network's own state and the ledger's trial balance.

const alwaysOpen = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ['00:00-24:00']]),
);
const PIN = '2468';

interface Relayed {
  raw: string;
  signature: string | undefined;
  status: number;
  answer: HubAnswer;
}

/** What the webhook route answers: the settlement's result, or a problem. */
interface HubAnswer {
  orderId?: string;
  status?: string | number;
  changed?: boolean;
  code?: string;
  detail?: string;
}

describe.each(backends)('the payment network in a running hub on %s', (backend) => {
  let t: TestHub;
  let sandbox: SandboxProcess;
  let relay: Awaited<ReturnType<typeof startReceiver>>;
  const relayed: Relayed[] = [];
  let homeId: string;
  let household: string;
  let merchantId: string;
  let merchantToken: string;
  let otherMerchantToken: string;

  function postWebhook(raw: string, signature: string | undefined, provider = 'network') {
    return fetch(`${t.baseUrl}/api/v1/payments/webhooks/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'genio-signature': signature } : {}) },
      body: raw,
    });
  }

  beforeAll(async () => {
    // The network needs the hub's webhook address before the hub (port 0) exists: a relay in between.
    relay = await startReceiver(async (raw, signature) => {
      const response = await postWebhook(raw, signature);
      relayed.push({ raw, signature, status: response.status, answer: (await response.json()) as HubAnswer });
      return response.status;
    });
    sandbox = await startSandboxProcess({ webhookUrl: relay.url });
    t = await startTestHub(backend, {
      paymentNetworkUrl: sandbox.url,
      paymentNetworkKey: sandbox.apiSecret,
      paymentNetworkSecret: sandbox.webhookSecret,
    });

    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'it' } })).json().id;
    household = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'anna', role: 'household', homeId } })
    ).json().token;
    const applied = (
      await t.request('POST', '/api/v1/merchants/applications', {
        token: null,
        body: { name: 'Bar Aurora', currency: 'EUR', contact: {} },
      })
    ).json();
    merchantId = applied.merchant.id;
    merchantToken = applied.token;
    otherMerchantToken = (
      await t.request('POST', '/api/v1/merchants/applications', {
        token: null,
        body: { name: 'Other Bar', currency: 'EUR', contact: {} },
      })
    ).json().token;
    await t.request('PUT', `/api/v1/merchants/${merchantId}/stores`, {
      token: merchantToken,
      body: [
        { ref: 'duomo', name: 'Duomo', lat: 45.4642, lon: 9.19, timezone: 'Europe/Rome', hours: alwaysOpen },
      ],
    });
    await t.request('PUT', `/api/v1/merchants/${merchantId}/menu`, {
      token: merchantToken,
      body: { items: [{ ref: 'cornetto', name: { en: 'Croissant' }, price: 150 }] },
    });
    await t.request('POST', `/api/v1/merchants/${merchantId}/approve`);
    await t.request('PUT', `/api/v1/homes/${homeId}/payment-settings`, {
      token: household,
      body: { enabled: true, pin: PIN, currency: 'EUR', perOrderLimit: 5000, dailyLimit: 100_000 },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
    await relay?.close();
  });

  afterEach(async () => {
    await sandbox.control('POST', '/_control/webhooks/settle');
    await sandbox.control('PUT', '/_control/webhooks', { duplicate: false, hold: false });
    await sandbox.control('DELETE', '/_control/faults');
    // After every scenario: debits equal credits, and every cached balance matches its transfers.
    const trial = (await t.request('GET', '/api/v1/ledger/trial-balance')).json();
    expect(trial).toMatchObject({ balanced: true, debits: trial.credits, mismatches: [] });
    relayed.length = 0;
  });

  async function placeOrder(quantity = 2) {
    const placed = await t.request('POST', `/api/v1/homes/${homeId}/orders`, {
      token: household,
      body: { merchantId, storeRef: 'duomo', items: [{ ref: 'cornetto', quantity }] },
      headers: { 'idempotency-key': `place-${Math.random()}` },
    });
    expect(placed.status).toBe(201);
    return placed.json() as { id: string; total: number; updatedAt: number };
  }

  function pay(orderId: string, key: string, body: Record<string, unknown>) {
    return t.request('POST', `/api/v1/orders/${orderId}/pay`, {
      token: household,
      body,
      headers: { 'idempotency-key': key },
    });
  }

  function refund(orderId: string, key: string) {
    return t.request('POST', `/api/v1/orders/${orderId}/refund`, {
      token: merchantToken,
      headers: { 'idempotency-key': key },
    });
  }

  async function intentsOf(orderId: string) {
    const state = await sandbox.control('GET', '/_control/state');
    return (
      state.intents as Array<{ id: string; reference: string; status: string; capturedAmount: number }>
    ).filter((i) => i.reference === orderId);
  }

  async function accounts() {
    const trial = (await t.request('GET', '/api/v1/ledger/trial-balance')).json();
    const find = (kind: string, owner: string) =>
      (
        trial.accounts as Array<{ kind: string; owner: string; debitsPosted: number; creditsPosted: number }>
      ).find((a) => a.kind === kind && a.owner === owner);
    return { clearing: find('provider_clearing', 'network'), wallet: find('household_wallet', homeId) };
  }

  async function walletBalance() {
    return (
      await t.request('GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`, { token: household })
    ).json().balance as number;
  }

  describe('paying through the external network over HTTP', () => {
    it('checks the PIN first, then charges the network once however often the request is retried', async () => {
      const order = await placeOrder();
      const wrong = await pay(order.id, 'n0', { pin: '0000', method: 'network' });
      expect(wrong.json().code).toBe('payment_pin_wrong');
      expect(await intentsOf(order.id)).toEqual([]);
      const unknown = await pay(order.id, 'n1', { pin: PIN, method: 'carrier-pigeon' });
      expect(unknown.json()).toMatchObject({ status: 400, field: 'method' });

      const clearingBefore = (await accounts()).clearing?.debitsPosted ?? 0;
      const paid = await pay(order.id, 'n2', { pin: PIN, method: 'network' });
      expect(paid.status).toBe(200);
      expect(paid.json()).toMatchObject({ status: 'paid', total: 300 });
      expect(paid.json().pickupCode).toMatch(/^[A-Z0-9]{4}$/);
      const replayed = await pay(order.id, 'n2', { pin: PIN, method: 'network' });
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.json().pickupCode).toBe(paid.json().pickupCode);
      // The same key for the wallet is another request.
      expect((await pay(order.id, 'n2', { pin: PIN })).json().code).toBe('idempotency_key_reused');

      const intents = await intentsOf(order.id);
      expect(intents).toHaveLength(1);
      expect(intents[0]).toMatchObject({ status: 'captured', capturedAmount: 300 });
      expect((await accounts()).clearing?.debitsPosted).toBe(clearingBefore + 300);
      // Nothing came out of the household wallet.
      expect(await walletBalance()).toBe(0);
      await sandbox.control('POST', '/_control/webhooks/settle');
      expect(relayed.length).toBeGreaterThanOrEqual(2);
      for (const r of relayed) expect(r.status).toBe(200);
    });

    it('applies duplicated webhooks as no-ops: the order and the ledger do not change', async () => {
      const order = await placeOrder(1);
      await sandbox.control('PUT', '/_control/webhooks', { duplicate: true, hold: true });
      const paid = (await pay(order.id, 'd1', { pin: PIN, method: 'network' })).json();
      expect(paid.status).toBe('paid');
      const clearingBefore = (await accounts()).clearing?.debitsPosted;

      await sandbox.control('POST', '/_control/webhooks/release', { order: 'fifo' });
      const mine = relayed.filter((r) => r.answer.orderId === order.id);
      expect(mine).toHaveLength(4); // authorized and captured, each delivered twice
      for (const r of mine)
        expect(r).toMatchObject({ status: 200, answer: { status: 'paid', changed: false } });
      const after = (await t.request('GET', `/api/v1/orders/${order.id}`, { token: household })).json();
      expect(after).toMatchObject({ status: 'paid', pickupCode: paid.pickupCode, updatedAt: paid.updatedAt });
      expect((await accounts()).clearing?.debitsPosted).toBe(clearingBefore);
    });

    it('refunds through the network, not to the wallet, and late webhooks arriving newest first change nothing', async () => {
      const order = await placeOrder(3);
      await sandbox.control('PUT', '/_control/webhooks', { hold: true });
      expect((await pay(order.id, 'r-pay', { pin: PIN, method: 'network' })).json().status).toBe('paid');
      const before = await accounts();

      const refunded = await refund(order.id, 'r1');
      expect(refunded.status).toBe(200);
      expect(refunded.json().status).toBe('refunded');
      expect((await refund(order.id, 'r1')).headers['idempotent-replayed']).toBe('true');
      expect(await intentsOf(order.id)).toMatchObject([{ status: 'refunded' }]);
      const after = await accounts();
      expect(after.clearing?.creditsPosted).toBe((before.clearing?.creditsPosted ?? 0) + 450);
      expect(await walletBalance()).toBe(0);
      expect(after.wallet?.creditsPosted ?? 0).toBe(before.wallet?.creditsPosted ?? 0);

      // refunded, captured, authorized: every one of them late.
      await sandbox.control('POST', '/_control/webhooks/release', { order: 'reverse' });
      const mine = relayed.filter((r) => r.answer.orderId === order.id);
      expect(mine.map((r) => r.answer.changed)).toEqual([false, false, false]);
      expect((await t.request('GET', `/api/v1/orders/${order.id}`)).json().status).toBe('refunded');
      expect((await accounts()).clearing).toEqual(after.clearing);
    });

    it('a declined network payment is 402, and the order is then not taken from the wallet as well', async () => {
      const order = await placeOrder(1);
      await sandbox.control('POST', '/_control/faults', { op: 'authorize', kind: 'decline' });
      const declined = await pay(order.id, 'x1', { pin: PIN, method: 'network' });
      expect(declined.status).toBe(402);
      expect(declined.json().code).toBe('payment_declined');
      expect((await t.request('GET', `/api/v1/orders/${order.id}`)).json().status).toBe('payment_failed');
      const wallet = await pay(order.id, 'x2', { pin: PIN });
      expect(wallet.status).toBe(409);
      // The next try through the network is a new authorization and pays.
      expect((await pay(order.id, 'x3', { pin: PIN, method: 'network' })).json().status).toBe('paid');
      expect((await intentsOf(order.id)).map((i) => i.status).sort()).toEqual(['captured', 'declined']);
    });

    it('a household cancelling a paid order gets the money back through the network', async () => {
      const order = await placeOrder(1);
      expect((await pay(order.id, 'c-pay', { pin: PIN, method: 'network' })).json().status).toBe('paid');
      const cancelled = await t.request('POST', `/api/v1/orders/${order.id}/transitions`, {
        token: household,
        body: { to: 'cancelled', eventId: 'c1' },
      });
      expect(cancelled.json().status).toBe('refunded');
      expect(await intentsOf(order.id)).toMatchObject([{ status: 'refunded' }]);
      expect(await walletBalance()).toBe(0);
    });
  });

  describe('the public webhook route', () => {
    it('refuses forged, stale and replayed signatures with 401 and unknown providers with 404', async () => {
      const order = await placeOrder(1);
      await sandbox.control('PUT', '/_control/webhooks', { hold: true });
      expect((await pay(order.id, 'f-pay', { pin: PIN, method: 'network' })).json().status).toBe('paid');
      await refund(order.id, 'f-refund');
      const [intent] = await intentsOf(order.id);
      const before = (await t.request('GET', `/api/v1/orders/${order.id}`)).json();

      // A forger without the secret claims the refund never happened: the intent captured again.
      const forged = JSON.stringify({
        id: 'evt_forged',
        type: 'payment.captured',
        created: Date.now(),
        intent: { ...intent, status: 'captured', refundedAmount: 0 },
      });
      const refusals = [
        await postWebhook(forged, signMessage('not-the-webhook-secret', forged)),
        await postWebhook(forged, undefined),
        await postWebhook(forged, signMessage(sandbox.webhookSecret, forged, '', Date.now() - 600_000)),
        await postWebhook(`${forged} `, signMessage(sandbox.webhookSecret, forged)),
      ];
      for (const response of refusals) {
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(((await response.json()) as HubAnswer).code).toBe('signature_invalid');
      }

      // A genuine delivery is accepted once; the same bytes sent again are a replay.
      await sandbox.control('POST', '/_control/webhooks/release', { order: 'fifo' });
      const genuine = relayed.find((r) => r.answer.orderId === order.id);
      expect(genuine?.status).toBe(200);
      const replay = await postWebhook(genuine?.raw ?? '', genuine?.signature);
      expect(replay.status).toBe(401);
      expect(((await replay.json()) as HubAnswer).detail).toContain('replayed');

      const wallet = await postWebhook(forged, signMessage(sandbox.webhookSecret, forged), 'wallet');
      expect(wallet.status).toBe(404);
      expect(((await wallet.json()) as HubAnswer).code).toBe('not_found');
      expect((await t.request('GET', `/api/v1/orders/${order.id}`)).json()).toEqual(before);
    });
  });

  describe('merchant webhook secret', () => {
    it('the merchant reads and rotates its own secret; nobody else can', async () => {
      const path = `/api/v1/merchants/${merchantId}/webhook-secret`;
      const first = await t.request('GET', path, { token: merchantToken });
      expect(first.status).toBe(200);
      expect(first.json().secret).toMatch(/^whsec_/);
      expect((await t.request('GET', path, { token: merchantToken })).json()).toEqual(first.json());

      const rotated = await t.request('POST', `${path}/rotate`, { token: merchantToken });
      expect(rotated.json().secret).toMatch(/^whsec_/);
      expect(rotated.json().secret).not.toBe(first.json().secret);
      expect((await t.request('GET', path, { token: merchantToken })).json()).toEqual(rotated.json());

      for (const token of [otherMerchantToken, household]) {
        expect((await t.request('GET', path, { token })).status).toBe(403);
        expect((await t.request('POST', `${path}/rotate`, { token })).status).toBe(403);
      }
      expect((await t.request('GET', '/api/v1/merchants/m_missing/webhook-secret')).status).toBe(404);
    });
  });

  describe('payment network settings', () => {
    it('refuses a network URL without its key and secret at start', async () => {
      await expect(
        startTestHub(backend, { paymentNetworkUrl: sandbox.url, paymentNetworkKey: sandbox.apiSecret }),
      ).rejects.toMatchObject({ code: 'config_invalid' });
    });
  });
});
