import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commerceMigrations,
  createLedger,
  createMenuService,
  createMerchantService,
  createMerchantWebhooks,
  createOrderService,
  createPaymentGuard,
  createPaymentSettlement,
  createStoreService,
  createWalletService,
  type MerchantWebhookOptions,
} from '../src/commerce/index.js';
import { migrations, openStorage, type Storage } from '../src/storage/index.js';
import { type Backend, dropSchema, testPgUrl } from './harness.js';

/** Where a shop's data lives, so it can be opened again as after a restart. */
export interface ShopPlace {
  backend: Backend;
  dataDir: string;
  schema: string;
}

/** A new place for a shop's data; `remove` deletes it. */
export function newShopPlace(backend: Backend): ShopPlace & { remove(): Promise<void> } {
  const place = {
    backend,
    dataDir: mkdtempSync(join(tmpdir(), 'genio-pay-')),
    schema: `genio_p_${randomBytes(6).toString('hex')}`,
  };
  return {
    ...place,
    async remove() {
      if (backend === 'postgres') await dropSchema(place.schema);
      rmSync(place.dataDir, { recursive: true, force: true });
    },
  };
}

/** The commerce services over real storage, wired as the commerce module wires them. */
export async function openShop(
  place: ShopPlace,
  options: { clock?: () => number; webhooks?: MerchantWebhookOptions } = {},
) {
  const all = [...migrations, ...commerceMigrations];
  const storage: Storage =
    place.backend === 'sqlite'
      ? await openStorage({ dataDir: place.dataDir, migrations: all })
      : await openStorage({
          url: testPgUrl,
          dataDir: place.dataDir,
          pgSchema: place.schema,
          migrations: all,
        });
  await storage.migrate();
  const clock = options.clock ?? Date.now;
  const { db } = storage;
  const commerceDb = db as any;
  const ledger = createLedger({ db, clock });
  const merchants = createMerchantService({ db, clock });
  const stores = createStoreService({ db, clock });
  const menus = createMenuService({ db, clock });
  const guard = createPaymentGuard({ db, clock });
  const wallet = createWalletService({ ledger });
  const merchantWebhooks = createMerchantWebhooks({ db: commerceDb, clock, ...options.webhooks });
  const onMoved = merchantWebhooks.enqueue;
  const orders = createOrderService({
    db,
    ledger,
    merchants,
    stores,
    guard,
    menuOf: (id) => menus.get(id),
    clock,
    onMoved,
  });
  const payments = createPaymentSettlement({ db: commerceDb, ledger, clock, onMoved });
  return { storage, db, ledger, merchants, stores, menus, guard, wallet, orders, payments, merchantWebhooks };
}

/** Create a home, an approved merchant with one always-open store and a one-item menu (10.00 EUR). */
export async function stockShop(shop: Awaited<ReturnType<typeof openShop>>) {
  await shop.db
    .insertInto('homes')
    .values({ id: 'h1', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
    .execute();
  const merchant = await shop.merchants.apply({ name: 'Sunrise', currency: 'EUR' });
  await shop.merchants.approve(merchant.id);
  await shop.stores.importStores(merchant.id, [
    { ref: 'duomo', name: 'Duomo', lat: 45.4642, lon: 9.19, timezone: 'Europe/Rome' },
  ]);
  await shop.menus.put(merchant.id, { items: [{ ref: 'box', name: { en: 'Breakfast box' }, price: 1000 }] });
  await shop.guard.set('h1', { enabled: true, pin: '2468', perOrderLimit: 50_000, dailyLimit: 500_000 });
  return merchant;
}

/** Place an order of `quantity` breakfast boxes. */
export function placeOrder(shop: Awaited<ReturnType<typeof openShop>>, merchantId: string, quantity = 1) {
  return shop.orders.place('h1', 'tok_parent', {
    merchantId,
    storeRef: 'duomo',
    items: [{ ref: 'box', quantity }],
  });
}
