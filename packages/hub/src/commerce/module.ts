import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import type { Database, Migration } from '../storage/index.js';
import {
  createIdempotencyStore,
  createLedger,
  type IdempotencyStore,
  type Ledger,
  ledgerMigration,
  ledgerSlotsMigration,
} from './ledger/index.js';
import { createMenuService, type MenuService } from './menus/menus.js';
import { createMerchantService, type MerchantService } from './merchants/merchants.js';
import { commerceMigration } from './migration.js';
import { withOrderEvents } from './orders/events.js';
import type { CommerceDb } from './orders/moves.js';
import { createOrderService, type OrderService } from './orders/orders.js';
import { commerceOutboxMigration } from './outbox-migration.js';
import { type Checkout, createCheckout } from './payments/checkout.js';
import type { PaymentProvider } from './payments/provider.js';
import { createPaymentGuard, type PaymentGuard } from './payments/settings.js';
import { createPaymentSettlement, type PaymentSettlement } from './payments/settlement.js';
import { createWalletService, type WalletService } from './payments/wallet.js';
import { createStoreService, type StoreService } from './stores/stores.js';
import { createMerchantWebhooks, type MerchantWebhooks } from './webhooks/merchant-webhooks.js';

/** The commerce module: merchants, stores, menus, orders, the wallet and the ledger under them. */
export interface CommerceModule {
  ledger: Ledger;
  idempotency: IdempotencyStore;
  merchants: MerchantService;
  stores: StoreService;
  menus: MenuService;
  guard: PaymentGuard;
  wallet: WalletService;
  orders: OrderService;
  /** Paying orders through a PaymentProvider and applying its webhooks. */
  payments: PaymentSettlement;
  /** Order events for merchants' systems (outbox + deliverer). */
  merchantWebhooks: MerchantWebhooks;
  /** Paying and refunding by wallet or by a configured provider, behind the payment guard. */
  checkout: Checkout;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The schema changes commerce needs, for the composition root to add to the hub's migrations. */
export const commerceMigrations: readonly Migration[] = [
  ledgerMigration,
  commerceMigration,
  commerceOutboxMigration,
  ledgerSlotsMigration,
];

const PRUNE_EVERY_MS = 3_600_000;
const IN_FLIGHT_STALE_MS = 10_000;
const KEEP_KEYS_MS = 48 * 3_600_000;

/** Build the commerce module; start() runs the idempotency-key pruning. */
export function createCommerceModule(deps: {
  db: Kysely<Database>;
  /** Where order changes are told; without it nothing is announced (tests of the services alone). */
  bus?: Bus;
  clock?: () => number;
  /** External payment providers orders may be paid through (the configured network). */
  providers?: readonly PaymentProvider[];
  /** The hub's secret key; payment PINs are keyed with it (without one they do not survive a restart). */
  secretKey?: Buffer;
}): CommerceModule {
  const { db } = deps;
  const clock = deps.clock ?? Date.now;
  const ledger = createLedger({ db, clock });
  // Work behind a key is itself idempotent (transfers are keyed by order), so a key a crashed request left
  // in flight can be taken over soon: a retry after a restart waits seconds, not half a minute.
  const idempotency = createIdempotencyStore({ db, clock, staleAfterMs: IN_FLIGHT_STALE_MS });
  const merchants = createMerchantService({ db, clock });
  const stores = createStoreService({ db, clock });
  const menus = createMenuService({ db, clock });
  const guard = createPaymentGuard({ db, clock, ...(deps.secretKey ? { pinKey: deps.secretKey } : {}) });
  const wallet = createWalletService({ ledger });
  const merchantWebhooks = createMerchantWebhooks({ db: db as unknown as CommerceDb, clock });
  const onMoved = merchantWebhooks.enqueue;
  const payments = createPaymentSettlement({ db: db as unknown as CommerceDb, ledger, clock, onMoved });
  const plainOrders = createOrderService({
    db,
    ledger,
    merchants,
    stores,
    guard,
    menuOf: (id) => menus.get(id),
    clock,
    onMoved,
  });
  const orders = deps.bus ? withOrderEvents(plainOrders, deps.bus) : plainOrders;
  const checkout = createCheckout({ orders, guard, payments, providers: deps.providers ?? [] });
  let pruner: NodeJS.Timeout | null = null;
  return {
    ledger,
    idempotency,
    merchants,
    stores,
    menus,
    guard,
    wallet,
    orders,
    payments,
    merchantWebhooks,
    checkout,
    async start() {
      await merchantWebhooks.start();
      pruner = setInterval(() => {
        idempotency.prune(KEEP_KEYS_MS).catch(() => {});
      }, PRUNE_EVERY_MS);
      pruner.unref();
    },
    async stop() {
      if (pruner) clearInterval(pruner);
      pruner = null;
      await merchantWebhooks.stop();
    },
  };
}
