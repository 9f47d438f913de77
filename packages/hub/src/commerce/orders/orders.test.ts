import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, backends, dropSchema, testPgUrl } from '../../../test/harness.js';
import { migrations, openStorage } from '../../storage/index.js';
import {
  commerceMigrations,
  createLedger,
  createMenuService,
  createMerchantService,
  createOrderService,
  createPaymentGuard,
  createStoreService,
  createWalletService,
} from '../index.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

// Tuesday 08:00 in Rome: breakfast is served.
const BREAKFAST = Date.parse('2026-12-01T07:00:00Z');

async function shop(backend: Backend) {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-orders-'));
  const all = [...migrations, ...commerceMigrations];
  const schema = `genio_o_${randomBytes(6).toString('hex')}`;
  const storage =
    backend === 'sqlite'
      ? await openStorage({ dataDir, migrations: all })
      : await openStorage({ url: testPgUrl, dataDir, pgSchema: schema, migrations: all });
  cleanups.push(async () => {
    await storage.close();
    if (backend === 'postgres') await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });
  await storage.migrate();
  let at = BREAKFAST;
  const clock = () => at;
  const { db } = storage;
  await db
    .insertInto('homes')
    .values({ id: 'h1', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
    .execute();
  const ledger = createLedger({ db, clock });
  const merchants = createMerchantService({ db, clock });
  const stores = createStoreService({ db, clock });
  const menus = createMenuService({ db, clock });
  const guard = createPaymentGuard({ db, clock });
  const wallet = createWalletService({ ledger });
  const orders = createOrderService({
    db,
    ledger,
    merchants,
    stores,
    guard,
    menuOf: (id) => menus.get(id),
    clock,
  });
  const merchant = await merchants.apply({ name: 'Sunrise', currency: 'EUR' });
  await merchants.approve(merchant.id);
  await stores.importStores(merchant.id, [
    {
      ref: 'duomo',
      name: 'Duomo',
      lat: 45.4642,
      lon: 9.19,
      timezone: 'Europe/Rome',
      hours: { tue: ['07:00-20:00'] },
    },
    {
      ref: 'night',
      name: 'Night',
      lat: 45.4641,
      lon: 9.1901,
      timezone: 'Europe/Rome',
      hours: { tue: ['20:00-23:00'] },
    },
  ]);
  await menus.put(merchant.id, {
    dayparts: { breakfast: { tue: ['06:00-10:30'] } },
    items: [
      { ref: 'muffin', name: { en: 'Egg muffin' }, price: 350, dayparts: ['breakfast'] },
      {
        ref: 'coffee',
        name: { en: 'Coffee' },
        price: 200,
        options: [
          {
            ref: 'size',
            name: { en: 'Size' },
            min: 1,
            max: 1,
            choices: [
              { ref: 'small', name: { en: 'Small' } },
              { ref: 'large', name: { en: 'Large' }, price: 80 },
            ],
          },
        ],
      },
    ],
  });
  await guard.set('h1', { enabled: true, pin: '2468', perOrderLimit: 5000, dailyLimit: 20000 });
  return { ledger, merchants, orders, wallet, guard, merchant, advance: (ms: number) => (at += ms) };
}

const position = { lat: 45.4642, lon: 9.19 };
const breakfast = [
  { ref: 'muffin', quantity: 2 },
  { ref: 'coffee', quantity: 1, options: { size: ['large'] } },
];

describe.each(backends)('orders and wallet payments on %s', (backend) => {
  it('places at the nearest open store, pays once with the PIN, and the ledger balances', async () => {
    const { orders, wallet, ledger, merchant } = await shop(backend);
    await wallet.topUp('h1', { amount: 2000, currency: 'EUR', key: 'k1', by: 'household' });
    const order = await orders.place(
      'h1',
      'tok_parent',
      { merchantId: merchant.id, items: breakfast },
      position,
    );
    expect(order).toMatchObject({ status: 'placed', storeRef: 'duomo', total: 980, currency: 'EUR' });

    await expect(
      orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '1111' } }),
    ).rejects.toMatchObject({
      code: 'payment_pin_wrong',
    });
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(2000);
    const paid = await orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });
    expect(paid.status).toBe('paid');
    expect(paid.pickupCode).toMatch(/^[A-Z0-9]{4}$/);
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(1020);
    const again = await orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });
    expect(again.pickupCode).toBe(paid.pickupCode);
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(1020);
    const trial = await ledger.trialBalance();
    expect(trial.balanced).toBe(true);
    expect(trial.accounts.find((a) => a.kind === 'merchant_fees')?.creditsPosted).toBe(19);
    expect(await ledger.verify()).toEqual([]);
  });

  it('charges once when fifty payments of one order race', async () => {
    const { orders, wallet, ledger, merchant } = await shop(backend);
    await wallet.topUp('h1', { amount: 5000, currency: 'EUR', key: 'k', by: 'operator' });
    const order = await orders.place(
      'h1',
      'tok_parent',
      { merchantId: merchant.id, items: breakfast },
      position,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } }),
      ),
    );
    const paid = results.filter((r) => r.status === 'fulfilled');
    expect(paid.length).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(5000 - 980);
    expect(await ledger.verify()).toEqual([]);
    expect((await ledger.trialBalance()).balanced).toBe(true);
  }, 90_000);

  it('refuses without funds, credits a retried top-up once, and refunds whole', async () => {
    const { orders, wallet, ledger, merchant } = await shop(backend);
    const order = await orders.place(
      'h1',
      'tok_parent',
      { merchantId: merchant.id, items: breakfast },
      position,
    );
    await expect(
      orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } }),
    ).rejects.toMatchObject({
      code: 'insufficient_funds',
      status: 402,
    });
    expect((await orders.get(order.id)).status).toBe('placed');
    await wallet.topUp('h1', { amount: 1000, currency: 'EUR', key: 'same', by: 'household' });
    await wallet.topUp('h1', { amount: 1000, currency: 'EUR', key: 'same', by: 'household' });
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(1000);
    await orders.pay(order.id, { tokenId: 'tok_parent', factor: { pin: '2468' } });
    await orders.move(order.id, 'accepted', { eventId: 'm1', actor: 'merchant' });
    await expect(
      orders.move(order.id, 'cancelled', { eventId: 'm2', actor: 'merchant' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    const refunded = await orders.refund(order.id, { actor: 'merchant' });
    expect(refunded.status).toBe('refunded');
    await orders.refund(order.id, { actor: 'merchant' });
    expect((await wallet.balance('h1', 'EUR')).balance).toBe(1000);
    const trial = await ledger.trialBalance();
    expect(trial.accounts.find((a) => a.kind === 'merchant_payable')?.available).toBe(0);
    expect(await ledger.verify()).toEqual([]);
  });

  it('follows the lifecycle idempotently and ignores a late event', async () => {
    const { orders, wallet, merchant } = await shop(backend);
    await wallet.topUp('h1', { amount: 5000, currency: 'EUR', key: 'k', by: 'household' });
    const order = await orders.place('h1', 't', {
      merchantId: merchant.id,
      storeRef: 'duomo',
      items: breakfast,
    });
    await orders.pay(order.id, { tokenId: 't', factor: { pin: '2468' } });
    await orders.move(order.id, 'accepted', { eventId: 'e1', actor: 'm' });
    await orders.move(order.id, 'accepted', { eventId: 'e1', actor: 'm' });
    await orders.move(order.id, 'ready', { eventId: 'e2', actor: 'm' });
    // A late "accepted" (another event id) does not move the order back.
    expect((await orders.move(order.id, 'accepted', { eventId: 'e3', actor: 'm' })).status).toBe('ready');
    await expect(orders.move(order.id, 'paid', { eventId: 'e4', actor: 'm' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await orders.move(order.id, 'picked_up', { eventId: 'e5', actor: 'm' })).status).toBe(
      'picked_up',
    );
  });

  it('sells breakfast only in breakfast hours and only from approved merchants', async () => {
    const { orders, merchants, merchant, advance } = await shop(backend);
    advance(4 * 3_600_000); // 12:00 in Rome
    await expect(
      orders.place('h1', 't', {
        merchantId: merchant.id,
        storeRef: 'duomo',
        items: [{ ref: 'muffin', quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const pending = await merchants.apply({ name: 'New', currency: 'EUR' });
    await expect(
      orders.place('h1', 't', { merchantId: pending.id, items: breakfast }, position),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
