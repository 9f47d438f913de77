import { afterAll, describe, expect, it } from 'vitest';
import { newShopPlace, openShop, placeOrder, stockShop } from '../../../test/commerce-shop.js';
import { backends } from '../../../test/harness.js';
import { createWalletProvider } from './wallet-provider.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.each(backends)('household wallet as a payment provider on %s', (backend) => {
  it('authorizes, captures and refunds once per key, and pays an order through settlement', async () => {
    const place = newShopPlace(backend);
    const shop = await openShop(place);
    cleanups.push(async () => {
      await shop.storage.close();
      await place.remove();
    });
    const merchant = await stockShop(shop);
    const wallet = createWalletProvider({ db: shop.db, ledger: shop.ledger });
    await shop.wallet.topUp('h1', { amount: 1_500, currency: 'EUR', key: 't1', by: 'household' });
    const balance = async () => (await shop.wallet.balance('h1', 'EUR')).balance;

    const input = { amount: 600, currency: 'EUR', reference: 'test', idempotencyKey: 'k1', payer: 'h1' };
    const first = await wallet.authorize(input);
    const again = await wallet.authorize(input);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ status: 'authorized', amount: 600 });
    expect(await balance()).toBe(900);
    await wallet.capture(first.id, { idempotencyKey: 'c1' });
    expect((await wallet.capture(first.id, { idempotencyKey: 'c1' })).status).toBe('captured');
    expect(await balance()).toBe(900);
    expect((await wallet.refund(first.id, { idempotencyKey: 'r1' })).status).toBe('refunded');
    await wallet.refund(first.id, { idempotencyKey: 'r1' });
    expect(await balance()).toBe(1_500);

    const voided = await wallet.authorize({ ...input, idempotencyKey: 'k2' });
    expect((await wallet.void(voided.id, { idempotencyKey: 'v2' })).status).toBe('voided');
    await expect(wallet.capture(voided.id, { idempotencyKey: 'c2' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const tooMuch = await wallet.authorize({ ...input, amount: 9_999, idempotencyKey: 'k3' });
    expect(tooMuch).toMatchObject({ status: 'declined', declineReason: 'insufficient_funds' });
    expect(await balance()).toBe(1_500);
    expect(() => wallet.verifyWebhook('{}', undefined)).toThrow();

    const order = await placeOrder(shop, merchant.id);
    expect(await shop.payments.charge(order.id, wallet, { payer: 'h1' })).toMatchObject({ status: 'paid' });
    expect(await shop.payments.charge(order.id, wallet, { payer: 'h1' })).toMatchObject({ changed: false });
    expect(await balance()).toBe(500);
    expect(await shop.payments.refund(order.id, wallet)).toMatchObject({ status: 'refunded', changed: true });
    expect(await balance()).toBe(1_500);
    const trial = await shop.ledger.trialBalance();
    expect(trial.balanced).toBe(true);
    expect(trial.accounts.find((a) => a.kind === 'provider_clearing')?.available).toBe(0);
    expect(await shop.ledger.verify()).toEqual([]);
  });
});
