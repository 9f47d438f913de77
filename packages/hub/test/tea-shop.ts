/**
 * A one-item shop on real storage for payment races: homes, an approved merchant with one store and
 * tea at 250, and a card network that counts what it captured. `place` puts orders of one tea each.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commerceMigrations, createCommerceModule } from '../src/commerce/index.js';
import { migrations, openStorage } from '../src/storage/index.js';
import { countingNetwork } from './counting-network.js';
import { type Backend, dropSchema, testPgUrl } from './harness.js';

export const TEA_PRICE = 250;

/** Open the shop; its data is removed by the cleanup pushed onto `cleanups`. */
export async function openTeaShop(
  backend: Backend,
  homes: readonly string[],
  cleanups: Array<() => Promise<void>>,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-tea-'));
  const schema = `genio_tea_${randomBytes(6).toString('hex')}`;
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
  for (const id of homes)
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
  await commerce.menus.put(merchant.id, { items: [{ ref: 'tea', name: { en: 'Tea' }, price: TEA_PRICE }] });
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
