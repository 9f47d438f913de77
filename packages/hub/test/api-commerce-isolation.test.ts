import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Every commerce route, asked with a well-formed request for someone else's home, merchant or order:
// a household of another home and a token of another merchant get 403 from the access policy, never
// an answer, a 404 that would say whether the thing exists, or a 5xx. The list of routes is walked from the router,
// so a new commerce route without a row here fails the test.

let t: TestHub;
let homeA: string;
let homeB: string;
let householdB: string;
let merchantA: string;
let merchantBToken: string;
let orderA: string;
let outsider: { household: string; merchant: string };

const allDay = ['00:00-24:00'];
const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

beforeAll(async () => {
  t = await startTestHub();
  const home = async (name: string) =>
    (await t.request('POST', '/api/v1/homes', { body: { name, language: 'en' } })).json().id as string;
  homeA = await home('A');
  homeB = await home('B');
  const householdA = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'a', role: 'household', homeId: homeA } })
  ).json().token;
  householdB = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'b', role: 'household', homeId: homeB } })
  ).json().token;
  merchantA = (
    await t.request('POST', '/api/v1/merchants', { body: { name: 'Shop A', currency: 'EUR' } })
  ).json().id;
  const merchantB = (
    await t.request('POST', '/api/v1/merchants', { body: { name: 'Shop B', currency: 'EUR' } })
  ).json().id;
  merchantBToken = (
    await t.request('POST', '/api/v1/tokens', {
      body: { name: 'b', role: 'merchant', merchantId: merchantB },
    })
  ).json().token;
  await t.request('PUT', `/api/v1/merchants/${merchantA}/stores`, {
    body: [{ ref: 's', name: 'S', lat: 45, lon: 9, timezone: 'Europe/Rome', hours }],
  });
  await t.request('PUT', `/api/v1/merchants/${merchantA}/menu`, {
    body: { items: [{ ref: 'bun', name: { en: 'Bun' }, price: 100 }] },
  });
  await t.request('POST', `/api/v1/merchants/${merchantA}/approve`);
  orderA = (
    await t.request('POST', `/api/v1/homes/${homeA}/orders`, {
      token: householdA,
      body: { merchantId: merchantA, storeRef: 's', items: [{ ref: 'bun', quantity: 1 }] },
    })
  ).json().id;
  outsider = { household: householdB, merchant: merchantBToken };
});
afterAll(async () => t?.close());

interface Ask {
  body?: unknown;
  key?: boolean;
  /** Who must be refused: a household of another home, a token of another merchant, or both. */
  outsiders: Array<'household' | 'merchant'>;
  /** Who does not see the thing at all (404, as if it did not exist) rather than being refused. */
  hiddenFrom?: Array<'household' | 'merchant'>;
}

/** One well-formed request per commerce route, aimed at home A, merchant A or A's order. */
function asks(): Record<string, Ask> {
  const both: Ask['outsiders'] = ['household', 'merchant'];
  return {
    'POST /api/v1/merchants': { body: { name: 'X', currency: 'EUR' }, outsiders: both },
    'PATCH /api/v1/merchants/:merchantId': { body: { contact: { phone: '123' } }, outsiders: both },
    'POST /api/v1/merchants/:merchantId/approve': { outsiders: both },
    'POST /api/v1/merchants/:merchantId/reject': { body: { reason: 'no' }, outsiders: both },
    'GET /api/v1/merchants/:merchantId/onboarding': { outsiders: both },
    'PUT /api/v1/merchants/:merchantId/stores': {
      body: [{ ref: 'z', name: 'Z', lat: 1, lon: 1 }],
      outsiders: both,
    },
    'POST /api/v1/merchants/:merchantId/stores': {
      body: [{ ref: 'z', name: 'Z', lat: 1, lon: 1 }],
      outsiders: both,
    },
    // Another merchant does not see this merchant at all; a household may ask for nearby stores only.
    'GET /api/v1/merchants/:merchantId/stores': { outsiders: both, hiddenFrom: ['merchant'] },
    'PUT /api/v1/merchants/:merchantId/menu': { body: { items: [] }, outsiders: both },
    'GET /api/v1/merchants/:merchantId/webhook-secret': { outsiders: both },
    'POST /api/v1/merchants/:merchantId/webhook-secret/rotate': { outsiders: both },
    'GET /api/v1/merchants/:merchantId/orders': { outsiders: both },
    'POST /api/v1/homes/:homeId/orders': {
      body: { merchantId: 'MERCHANT', items: [{ ref: 'bun', quantity: 1 }] },
      outsiders: both,
    },
    'GET /api/v1/homes/:homeId/orders': { outsiders: both },
    'GET /api/v1/orders/:orderId': { outsiders: both },
    'POST /api/v1/orders/:orderId/pay': { body: { pin: '1234' }, key: true, outsiders: both },
    'POST /api/v1/orders/:orderId/transitions': { body: { to: 'accepted' }, outsiders: both },
    'POST /api/v1/orders/:orderId/refund': { key: true, outsiders: both },
    'GET /api/v1/homes/:homeId/payment-settings': { outsiders: both },
    'PUT /api/v1/homes/:homeId/payment-settings': {
      body: { enabled: true, pin: '1234', perOrderLimit: 1, dailyLimit: 1 },
      outsiders: both,
    },
    'POST /api/v1/homes/:homeId/payment-challenge': { outsiders: both },
    'GET /api/v1/homes/:homeId/wallet': { outsiders: both },
    'POST /api/v1/homes/:homeId/wallet/top-ups': {
      body: { amount: 1, currency: 'EUR' },
      key: true,
      outsiders: both,
    },
    'GET /api/v1/ledger/trial-balance': { outsiders: both },
  };
}

// Open to every token by design: applying (no token at all), the list of approved merchants, an
// approved merchant's profile and menu (what households browse), and the network's signed webhooks.
const openByDesign = new Set([
  'POST /api/v1/merchants/applications',
  'GET /api/v1/merchants',
  'GET /api/v1/merchants/:merchantId',
  'GET /api/v1/merchants/:merchantId/menu',
  'POST /api/v1/payments/webhooks/:provider',
]);

const commerceRoute = (url: string) =>
  /^\/api\/v1\/(merchants|orders|ledger|payments)\b/.test(url) ||
  /^\/api\/v1\/homes\/:homeId\/(orders|payment-settings|payment-challenge|wallet)/.test(url);

describe('commerce routes refuse other homes and other merchants', () => {
  it('has a row for every commerce route', () => {
    const table = asks();
    const routes = t.hub.http.routeTable
      .filter((r) => r.method !== 'HEAD' && commerceRoute(r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThanOrEqual(25);
    for (const route of routes) expect(route in table || openByDesign.has(route), route).toBe(true);
  });

  it('refuses a household of another home and a token of another merchant on each of them', async () => {
    let n = 0;
    const wrong: string[] = [];
    for (const [route, ask] of Object.entries(asks())) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = pattern
        .replace(':merchantId', merchantA)
        .replace(':homeId', homeA)
        .replace(':orderId', orderA);
      const body = JSON.parse(
        JSON.stringify(ask.body ?? null).replace('"MERCHANT"', JSON.stringify(merchantA)),
      );
      for (const who of ask.outsiders) {
        const response = await t.request(method as 'POST', url, {
          token: outsider[who],
          ...(ask.body === undefined ? {} : { body }),
          ...(ask.key ? { headers: { 'idempotency-key': `iso-${n++}` } } : {}),
        });
        // Refused by the access policy itself (code "forbidden"), not by some later check that happens to fail.
        const expected = ask.hiddenFrom?.includes(who) ? 'not_found' : 'forbidden';
        if (response.json().code !== expected)
          wrong.push(`${who} → ${route}: ${response.status} ${response.body}`);
      }
    }
    expect(wrong).toEqual([]);
    // Nothing moved: A's order is as it was, B's home has no wallet money, A's merchant is still approved.
    expect((await t.request('GET', `/api/v1/orders/${orderA}`)).json().status).toBe('placed');
    expect((await t.request('GET', `/api/v1/merchants/${merchantA}`)).json().status).toBe('approved');
    expect((await t.request('GET', `/api/v1/homes/${homeA}/wallet?currency=EUR`)).json().balance).toBe(0);
    expect(homeB).not.toBe(homeA);
  });
});
