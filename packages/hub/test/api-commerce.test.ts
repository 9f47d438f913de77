import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestHub, type TestHub } from './harness.js';

// A merchant joins, imports stores and a menu, is approved; a household orders, pays by PIN from its
// wallet, the merchant moves the order to ready and refunds it. Judged by the API and the ledger.

const allDay = ['00:00-24:00'];
const alwaysOpen = {
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};
const csvDay = '00:00-24:00';
const storesCsv = [
  'ref,name,lat,lon,timezone,mon,tue,wed,thu,fri,sat,sun',
  `duomo,"Piazza Duomo, Milano",45.4642,9.1900,Europe/Rome,${Array(7).fill(csvDay).join(',')}`,
  `centrale,Milano Centrale,45.4862,9.2047,Europe/Rome,${Array(7).fill(csvDay).join(',')}`,
  'closed,Never open,45.4650,9.1905,Europe/Rome,,,,,,,',
].join('\n');

const menu = {
  items: [
    {
      ref: 'cornetto',
      name: { en: 'Croissant', it: 'Cornetto', fr: 'Croissant', zh: '羊角面包' },
      price: 150,
      category: 'bakery',
    },
    {
      ref: 'cappuccino',
      name: { en: 'Cappuccino', it: 'Cappuccino' },
      price: 180,
      options: [
        {
          ref: 'size',
          name: { en: 'Size' },
          min: 1,
          max: 1,
          choices: [
            { ref: 'small', name: { en: 'Small' } },
            { ref: 'large', name: { en: 'Large', it: 'Grande' }, price: 60 },
          ],
        },
      ],
    },
  ],
};

let t: TestHub;
let homeId: string;
let household: string;
let otherHousehold: string;
let merchantId: string;
let merchantToken: string;
let otherMerchantToken: string;

beforeAll(async () => {
  t = await startTestHub();
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'it' } })).json().id;
  const otherHome = (
    await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
  ).json().id;
  household = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'anna', role: 'household', homeId } })
  ).json().token;
  otherHousehold = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'bob', role: 'household', homeId: otherHome } })
  ).json().token;
});
afterAll(async () => t?.close());

describe('commerce over HTTP', () => {
  it('a merchant applies without a token and gets a merchant token scoped to itself', async () => {
    const applied = await t.request('POST', '/api/v1/merchants/applications', {
      token: null,
      body: {
        name: { en: 'Bar Aurora', it: 'Bar Aurora' },
        currency: 'EUR',
        contact: { email: 'ciao@aurora.example' },
      },
    });
    expect(applied.status).toBe(201);
    expect(applied.json().merchant).toMatchObject({ status: 'pending', currency: 'EUR' });
    merchantId = applied.json().merchant.id;
    merchantToken = applied.json().token;
    const me = (await t.request('GET', '/api/v1/me', { token: merchantToken })).json();
    expect(me).toMatchObject({ role: 'merchant', merchantId });

    const other = await t.request('POST', '/api/v1/merchants/applications', {
      token: null,
      body: { name: 'Other Bar', currency: 'EUR', contact: {} },
    });
    otherMerchantToken = other.json().token;
    const bad = await t.request('POST', '/api/v1/merchants/applications', {
      token: null,
      body: { name: 'X', currency: 'euro', contact: {} },
    });
    expect(bad.json()).toMatchObject({ status: 400, field: 'currency' });
  });

  it('imports stores as CSV and JSON, sets the menu and payout, and follows the onboarding checklist', async () => {
    const before = (
      await t.request('GET', `/api/v1/merchants/${merchantId}/onboarding`, { token: merchantToken })
    ).json();
    expect(before.steps.find((s: { step: string }) => s.step === 'stores').done).toBe(false);

    const csv = await t.request('PUT', `/api/v1/merchants/${merchantId}/stores`, {
      token: merchantToken,
      body: storesCsv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(csv.json()).toMatchObject({ created: 3, updated: 0, total: 3 });
    const json = await t.request('PUT', `/api/v1/merchants/${merchantId}/stores`, {
      token: merchantToken,
      body: [
        {
          ref: 'navigli',
          name: 'Navigli',
          lat: 45.4516,
          lon: 9.1755,
          timezone: 'Europe/Rome',
          hours: alwaysOpen,
        },
      ],
    });
    expect(json.json()).toMatchObject({ created: 1, total: 4 });
    // POST imports the same way and answers 201 (the path outside tools use).
    const posted = await t.request('POST', `/api/v1/merchants/${merchantId}/stores`, {
      token: merchantToken,
      body: [
        {
          ref: 'navigli',
          name: 'Navigli',
          lat: 45.4516,
          lon: 9.1755,
          timezone: 'Europe/Rome',
          hours: alwaysOpen,
        },
      ],
    });
    expect(posted.status).toBe(201);
    expect(posted.json()).toMatchObject({ created: 0, updated: 1, total: 4 });
    const badCsv = await t.request('PUT', `/api/v1/merchants/${merchantId}/stores`, {
      token: merchantToken,
      body: 'ref,name\nx,y',
      headers: { 'content-type': 'text/csv' },
    });
    expect(badCsv.status).toBe(400);

    const badMenu = await t.request('PUT', `/api/v1/merchants/${merchantId}/menu`, {
      token: merchantToken,
      body: { items: [{ ref: 'x', name: { en: 'X' }, price: 1.5 }] },
    });
    expect(badMenu.json()).toMatchObject({ status: 400, field: 'items[0].price' });
    expect(
      (await t.request('PUT', `/api/v1/merchants/${merchantId}/menu`, { token: merchantToken, body: menu }))
        .status,
    ).toBe(200);
    // Another merchant's token reaches none of it.
    expect(
      (
        await t.request('PUT', `/api/v1/merchants/${merchantId}/menu`, {
          token: otherMerchantToken,
          body: menu,
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('GET', `/api/v1/merchants/${merchantId}/onboarding`, { token: otherMerchantToken }))
        .status,
    ).toBe(403);

    const payout = await t.request('PATCH', `/api/v1/merchants/${merchantId}`, {
      token: merchantToken,
      body: { payout: { holder: 'Aurora srl', iban: 'IT60X0542811101000000123456' } },
    });
    expect(payout.status).toBe(200);
    const after = (
      await t.request('GET', `/api/v1/merchants/${merchantId}/onboarding`, { token: merchantToken })
    ).json();
    const done = Object.fromEntries(
      after.steps.map((s: { step: string; done: boolean }) => [s.step, s.done]),
    );
    expect(done).toMatchObject({
      profile: true,
      stores: true,
      menu: true,
      payout: true,
      test_order: false,
      review: false,
    });
  });

  it('households cannot see or order from a merchant until the operator approves it', async () => {
    expect((await t.request('GET', `/api/v1/merchants/${merchantId}`, { token: household })).status).toBe(
      404,
    );
    expect((await t.request('GET', '/api/v1/merchants', { token: household })).json()).toEqual([]);
    expect(
      (await t.request('POST', `/api/v1/merchants/${merchantId}/approve`, { token: household })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/api/v1/merchants/${merchantId}/approve`, { token: merchantToken })).status,
    ).toBe(403);
    const placed = await t.request('POST', `/api/v1/homes/${homeId}/orders`, {
      token: household,
      body: { merchantId, items: [{ ref: 'cornetto', quantity: 1 }] },
    });
    expect(placed.status).toBe(409);
    const approved = await t.request('POST', `/api/v1/merchants/${merchantId}/approve`);
    expect(approved.json().status).toBe('approved');
    expect((await t.request('GET', '/api/v1/merchants', { token: household })).json()).toHaveLength(1);
  });

  it('finds the nearest open stores to a position', async () => {
    const near = await t.request(
      'GET',
      `/api/v1/merchants/${merchantId}/stores?near=45.4655,9.1890&open=true&limit=2`,
      {
        token: household,
      },
    );
    expect(near.status).toBe(200);
    expect(near.json().map((s: { ref: string }) => s.ref)).toEqual(['duomo', 'navigli']);
    expect(near.json()[0].distanceM).toBeLessThan(500);
    // Listing every store is for the merchant, not for households.
    expect(
      (await t.request('GET', `/api/v1/merchants/${merchantId}/stores`, { token: household })).status,
    ).toBe(403);
  });

  it('orders at the nearest open store, pays by PIN once however often it is retried, and the ledger balances', async () => {
    await t.request('PATCH', `/api/v1/homes/${homeId}`, {
      token: household,
      body: { location: { lat: 45.4655, lon: 9.189 } },
    });
    const placed = await t.request('POST', `/api/v1/homes/${homeId}/orders`, {
      token: household,
      body: {
        merchantId,
        items: [
          { ref: 'cornetto', quantity: 2 },
          { ref: 'cappuccino', quantity: 1, options: { size: ['large'] } },
        ],
      },
    });
    expect(placed.status).toBe(201);
    const order = placed.json();
    // A retried placement with the same key is the same order, not a second one.
    const once = () =>
      t.request('POST', `/api/v1/homes/${homeId}/orders`, {
        token: household,
        body: { merchantId, items: [{ ref: 'cornetto', quantity: 1 }] },
        headers: { 'idempotency-key': 'place-once' },
      });
    const first = await once();
    const retried = await once();
    expect(first.status).toBe(201);
    expect(retried.json().id).toBe(first.json().id);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(order).toMatchObject({
      storeRef: 'duomo',
      status: 'placed',
      total: 2 * 150 + 180 + 60,
      currency: 'EUR',
    });
    expect((await t.request('GET', `/api/v1/orders/${order.id}`, { token: otherHousehold })).status).toBe(
      403,
    );
    expect((await t.request('GET', `/api/v1/orders/${order.id}`, { token: otherMerchantToken })).status).toBe(
      403,
    );

    const pay = (key: string, body: unknown) =>
      t.request('POST', `/api/v1/orders/${order.id}/pay`, {
        token: household,
        body,
        headers: { 'idempotency-key': key },
      });
    expect((await pay('k0', { pin: '1357' })).json().code).toBe('payment_disabled');
    const settings = await t.request('PUT', `/api/v1/homes/${homeId}/payment-settings`, {
      token: household,
      body: { enabled: true, pin: '1357', currency: 'EUR', perOrderLimit: 5000, dailyLimit: 20000 },
    });
    expect(settings.json()).toMatchObject({ enabled: true, hasPin: true });
    expect(settings.body).not.toContain('1357');

    expect((await pay('k1', { pin: '1357' })).json().code).toBe('insufficient_funds');
    const topUp = () =>
      t.request('POST', `/api/v1/homes/${homeId}/wallet/top-ups`, {
        token: household,
        body: { amount: 2000, currency: 'EUR' },
        headers: { 'idempotency-key': 'top-1' },
      });
    expect((await topUp()).json().balance).toBe(2000);
    const again = await topUp();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`, { token: household })).json()
        .balance,
    ).toBe(2000);
    const reused = await t.request('POST', `/api/v1/homes/${homeId}/wallet/top-ups`, {
      token: household,
      body: { amount: 1, currency: 'EUR' },
      headers: { 'idempotency-key': 'top-1' },
    });
    expect(reused.json().code).toBe('idempotency_key_reused');

    expect((await pay('k2', { pin: '0000' })).json().code).toBe('payment_pin_wrong');
    const paid = await Promise.all([
      pay('k3', { pin: '1357' }),
      pay('k3', { pin: '1357' }),
      pay('k3', { pin: '1357' }),
    ]);
    const succeeded = paid.filter((r) => r.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const r of paid) expect([200, 409]).toContain(r.status);
    expect(succeeded[0]?.json()).toMatchObject({ status: 'paid' });
    expect(succeeded[0]?.json().pickupCode).toMatch(/^\w{4,8}$/);
    expect((await pay('k3', { pin: '1357' })).headers['idempotent-replayed']).toBe('true');
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`, { token: household })).json()
        .balance,
    ).toBe(2000 - order.total);
    const balance = (await t.request('GET', '/api/v1/ledger/trial-balance')).json();
    expect(balance.debits).toBeGreaterThan(0);
    expect(balance).toMatchObject({ balanced: true, debits: balance.credits, mismatches: [] });
    expect((await t.request('GET', '/api/v1/ledger/trial-balance', { token: household })).status).toBe(403);

    // The merchant's board shows it; the merchant moves it along; a late event never moves it back.
    const board = (
      await t.request('GET', `/api/v1/merchants/${merchantId}/orders?status=paid`, { token: merchantToken })
    ).json();
    expect(board.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const move = (to: string, eventId: string, token = merchantToken) =>
      t.request('POST', `/api/v1/orders/${order.id}/transitions`, { token, body: { to, eventId } });
    // The household's screen is told when the order is ready, in the home's language.
    const frames: Array<{ name: string; payload: Record<string, unknown> }> = [];
    const screen = new WebSocket(
      `${t.baseUrl.replace('http', 'ws')}/api/v1/events?access_token=${household}`,
    );
    await new Promise<void>((resolve, reject) => {
      screen.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'ready') resolve();
        else frames.push(frame);
      });
      screen.on('error', reject);
    });
    expect((await move('accepted', 'e1')).json().status).toBe('accepted');
    expect((await move('ready', 'e2')).json().status).toBe('ready');
    const deadline = Date.now() + 5000;
    while (!frames.some((f) => f.name === 'order.ready') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    screen.close();
    const ready = frames.find((f) => f.name === 'order.ready');
    expect(ready?.payload).toMatchObject({ orderId: order.id, pickupCode: succeeded[0]?.json().pickupCode });
    expect(String(ready?.payload.speech)).toContain('Il tuo ordine da Bar Aurora è pronto');
    expect(frames.some((f) => f.name === 'order.updated' && f.payload.status === 'accepted')).toBe(true);
    expect((await move('accepted', 'e1-late')).json().status).toBe('ready');
    // Without an event id the move is keyed by its target: repeating it changes nothing.
    const bare = await t.request('POST', `/api/v1/orders/${order.id}/transitions`, {
      token: merchantToken,
      body: { to: 'ready' },
    });
    expect(bare.json().status).toBe('ready');
    expect((await move('ready', 'e3', otherMerchantToken)).status).toBe(403);
    expect((await move('preparing', 'e4', household)).status).toBe(403);
    expect((await move('paid', 'e5')).status).toBe(400);

    const refund = () =>
      t.request('POST', `/api/v1/orders/${order.id}/refund`, {
        token: merchantToken,
        headers: { 'idempotency-key': 'r1' },
      });
    expect((await refund()).json().status).toBe('refunded');
    expect((await refund()).json().status).toBe('refunded');
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`, { token: household })).json()
        .balance,
    ).toBe(2000);
    const onboarding = (
      await t.request('GET', `/api/v1/merchants/${merchantId}/onboarding`, { token: merchantToken })
    ).json();
    expect(onboarding.ready).toBe(true);
  });

  it('orders and pays by voice through the conversation API, in the home’s language', async () => {
    let conversationId: string | undefined;
    const turn = async (text: string) => {
      const answer = await t.request('POST', '/api/v1/conversation', {
        token: household,
        body: { text, homeId, ...(conversationId ? { conversationId } : {}) },
      });
      expect(answer.status).toBe(200);
      conversationId = answer.json().conversationId;
      return answer.json();
    };
    const started = await turn('ordina da Bar Aurora');
    expect(started).toMatchObject({ language: 'it', intent: { name: 'commerce.start' } });
    expect(started.card.type).toBe('product-grid');
    expect(started.card.items.map((i: { title: string }) => i.title)).toContain('Cornetto');
    await turn('due cornetti');
    await turn('un cappuccino grande');
    const checkout = await turn('conferma l’ordine');
    expect(checkout.card.type).toBe('confirmation');
    const paid = await turn('1 3 5 7');
    expect(paid.continueConversation).toBe(false);
    const [latest] = (await t.request('GET', `/api/v1/homes/${homeId}/orders`, { token: household })).json();
    expect(latest).toMatchObject({ status: 'paid', total: 2 * 150 + 180 + 60 });
    expect(paid.speech.text).toContain(latest.pickupCode.split('').join(' '));
    // Devices still answer while no order is open.
    expect((await turn('che ore sono')).intent?.name).not.toMatch(/^commerce\./);
  });

  it('bounds applications without a token per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await t.request('POST', '/api/v1/merchants/applications', {
            token: null,
            body: { name: `Spam ${i}`, currency: 'EUR', contact: {} },
          })
        ).status,
      );
    // Two applications came from this address earlier in the file; five an hour are allowed.
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
  });

  it('keeps payment settings and wallets to their own home', async () => {
    expect(
      (await t.request('GET', `/api/v1/homes/${homeId}/payment-settings`, { token: otherHousehold })).status,
    ).toBe(403);
    expect((await t.request('GET', `/api/v1/homes/${homeId}/wallet`, { token: merchantToken })).status).toBe(
      403,
    );
    const missingKey = await t.request('POST', `/api/v1/homes/${homeId}/wallet/top-ups`, {
      token: household,
      body: { amount: 5, currency: 'EUR' },
    });
    expect(missingKey.status).toBe(400);
  });
});
