/**
 * An order is paid one way: a wallet payment and a provider charge of the same order, racing, never
 * both take money. Judged by the money: wallet debits plus provider captures equal the orders paid.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backends } from './harness.js';
import { openTeaShop, TEA_PRICE } from './tea-shop.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.each(backends)('one payment per order on %s', (backend) => {
  it('a wallet payment and a card charge racing on 24 orders take money once per order', async () => {
    const { commerce, network, place } = await openTeaShop(backend, ['h1'], cleanups);
    await commerce.guard.set('h1', {
      enabled: true,
      pin: '2468',
      perOrderLimit: 10_000,
      dailyLimit: 1_000_000,
    });
    await commerce.wallet.topUp('h1', { amount: 100_000, currency: 'EUR', key: 'seed', by: 'operator' });
    const before = (await commerce.wallet.balance('h1', 'EUR')).balance;

    const ids = await place('h1', 24);
    const by = { tokenId: 'tok', factor: { pin: '2468' } };
    const outcomes = await Promise.all(
      ids.flatMap((id) => [
        commerce.checkout.pay(id, by).then(
          () => 'wallet',
          (e: { code?: string }) => `wallet refused: ${e.code}`,
        ),
        commerce.checkout.pay(id, { ...by, method: 'cardnet' }).then(
          () => 'card',
          (e: { code?: string }) => `card refused: ${e.code}`,
        ),
      ]),
    );

    const fromWallet = before - (await commerce.wallet.balance('h1', 'EUR')).balance;
    const fromCards = [...network.captured.values()].reduce((a, b) => a + b, 0);
    for (const id of ids) expect((await commerce.orders.get(id)).status).toBe('paid');
    // Every order was paid, each exactly once, whichever way won.
    expect(fromWallet + fromCards).toBe(TEA_PRICE * ids.length);
    for (const id of ids) expect(network.captured.get(id) ?? 0).toBeLessThanOrEqual(TEA_PRICE);
    expect(outcomes.filter((o) => o.includes('refused')).every((o) => o.endsWith('conflict'))).toBe(true);
    expect((await commerce.ledger.trialBalance()).balanced).toBe(true);
  }, 60_000);
});
