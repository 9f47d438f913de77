/**
 * An order is paid one way: a wallet payment and a provider charge of the same order, racing, never
 * both take money. Judged by the money: wallet debits plus provider captures equal the orders paid.
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

describe.each(backends)('one payment per order on %s', (backend) => {
  it('a wallet payment and a card charge racing on 24 orders take money once per order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'genio-one-pay-'));
    const schema = `genio_op_${randomBytes(6).toString('hex')}`;
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
    await storage.db
      .insertInto('homes')
      .values({ id: 'h1', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
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
    await commerce.menus.put(merchant.id, { items: [{ ref: 'tea', name: { en: 'Tea' }, price: 250 }] });
    await commerce.guard.set('h1', {
      enabled: true,
      pin: '2468',
      perOrderLimit: 10_000,
      dailyLimit: 1_000_000,
    });
    await commerce.wallet.topUp('h1', { amount: 100_000, currency: 'EUR', key: 'seed', by: 'operator' });
    const before = (await commerce.wallet.balance('h1', 'EUR')).balance;

    const ids: string[] = [];
    for (let i = 0; i < 24; i++)
      ids.push(
        (
          await commerce.orders.place('h1', 'tok', {
            merchantId: merchant.id,
            items: [{ ref: 'tea', quantity: 1 }],
            storeRef: 's1',
          })
        ).id,
      );
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
    expect(fromWallet + fromCards).toBe(250 * ids.length);
    for (const id of ids) expect(network.captured.get(id) ?? 0).toBeLessThanOrEqual(250);
    expect(outcomes.filter((o) => o.includes('refused')).every((o) => o.endsWith('conflict'))).toBe(true);
    expect((await commerce.ledger.trialBalance()).balanced).toBe(true);
  }, 60_000);
});
