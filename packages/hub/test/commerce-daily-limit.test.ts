/**
 * The daily limit holds when a home pays several orders at once: payments that each fit alone but
 * not together are refused past the limit, by wallet and by card alike. Judged by the money taken.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backends } from './harness.js';
import { openTeaShop, TEA_PRICE } from './tea-shop.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const PRICE = TEA_PRICE;
const DAILY = 1_000; // four orders' worth

async function openCommerce(backend: (typeof backends)[number]) {
  const shop = await openTeaShop(backend, ['h1', 'h2'], cleanups);
  for (const home of ['h1', 'h2']) {
    await shop.commerce.guard.set(home, {
      enabled: true,
      pin: '2468',
      perOrderLimit: 500,
      dailyLimit: DAILY,
    });
    await shop.commerce.wallet.topUp(home, {
      amount: 100_000,
      currency: 'EUR',
      key: `seed-${home}`,
      by: 'operator',
    });
  }
  return shop;
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
