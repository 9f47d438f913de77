/**
 * The daily limit holds when a home pays several orders at once: payments that each fit alone but
 * not together are refused past the limit, by wallet and by card alike. Judged by the money taken.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commerceMigrations, createCommerceModule } from '../src/commerce/index.js';
import { migrations, openStorage } from '../src/storage/index.js';
import { countingNetwork } from './counting-network.js';
import { backends, dropSchema, testPgUrl } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const PRICE = 250;
const DAILY = 1_000; // four orders' worth

async function openCommerce(backend: (typeof backends)[number]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-daily-'));
  const schema = `genio_dl_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage({
    dataDir,
    migrations: [...migrations, ...commerceMigrations],
    ...(backend === 'postgres' ? { url: testPgUrl, pgSchema: schema } : {}),
  });
  cleanups.push(async () => {
    await storage.close();
    if (backend === 'postgres') await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });
  await storage.migrate();
  for (const id of ['h1', 'h2'])
    await storage.db
      .insertInto('homes')
      .values({ id, name: id, language: 'en', created_at: 1, updated_at: 1 })
      .execute();
  const network = countingNetwork();
  const commerce = createCommerceModule({
    db: storage.db,
    providers: [network.provider],
    secretKey: randomBytes(32),
  });
  const merchant = await commerce.merchants.apply({ name: 'Corner', currency: 'EUR' });
  await commerce.merchants.approve(merchant.id);
  await commerce.stores.importStores(merchant.id, [{ ref: 's1', name: 'S1', lat: 45.46, lon: 9.19 }]);
  await commerce.menus.put(merchant.id, { items: [{ ref: 'tea', name: { en: 'Tea' }, price: PRICE }] });
  for (const home of ['h1', 'h2']) {
    await commerce.guard.set(home, { enabled: true, pin: '2468', perOrderLimit: 500, dailyLimit: DAILY });
    await commerce.wallet.topUp(home, {
      amount: 100_000,
      currency: 'EUR',
      key: `seed-${home}`,
      by: 'operator',
    });
  }
  const place = async (home: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await commerce.orders.place(home, 'tok', {
            merchantId: merchant.id,
            items: [{ ref: 'tea', quantity: 1 }],
            storeRef: 's1',
          })
        ).id,
      );
    return ids;
  };
  return { commerce, network, place };
}

const by = { tokenId: 'tok', factor: { pin: '2468' } };
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'paid',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe.each(backends)('the daily limit on %s', (backend) => {
  it('12 orders of one home paid at once by wallet: four are paid, the rest refused at the limit', async () => {
    const { commerce, place } = await openCommerce(backend);
    const ids = await place('h1', 12);
    const before = (await commerce.wallet.balance('h1', 'EUR')).balance;
    const outcomes = await Promise.all(ids.map((id) => outcome(commerce.checkout.pay(id, by))));
    const spent = before - (await commerce.wallet.balance('h1', 'EUR')).balance;
    expect(spent).toBe(DAILY);
    expect(outcomes.filter((o) => o === 'paid')).toHaveLength(DAILY / PRICE);
    expect(outcomes.filter((o) => o !== 'paid').every((o) => o === 'payment_limit')).toBe(true);
    expect((await commerce.ledger.trialBalance()).balanced).toBe(true);
  }, 60_000);

  it('wallet and card payments of one home at once share one limit; another home keeps its own', async () => {
    const { commerce, network, place } = await openCommerce(backend);
    const mine = await place('h1', 10);
    const theirs = await place('h2', 2);
    const before = (await commerce.wallet.balance('h1', 'EUR')).balance;
    const outcomes = await Promise.all([
      ...mine.map((id, i) => outcome(commerce.checkout.pay(id, i % 2 ? by : { ...by, method: 'cardnet' }))),
      ...theirs.map((id) => outcome(commerce.checkout.pay(id, by))),
    ]);
    const fromWallet = before - (await commerce.wallet.balance('h1', 'EUR')).balance;
    const fromCards = mine.reduce((sum, id) => sum + (network.captured.get(id) ?? 0), 0);
    expect(fromWallet + fromCards).toBe(DAILY);
    expect(outcomes.slice(0, 10).filter((o) => o === 'paid')).toHaveLength(DAILY / PRICE);
    expect(outcomes.slice(10)).toEqual(['paid', 'paid']);
    expect((await commerce.ledger.trialBalance()).balanced).toBe(true);
  }, 60_000);
});
