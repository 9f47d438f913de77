export * from './ledger/index.js';
export {
  type LocalizedText,
  type Menu,
  type MenuItem,
  priceLine,
  unavailableReason,
  validateMenu,
} from './menus/menu.js';
export { createMenuService, type MenuService } from './menus/menus.js';
export {
  createMerchantService,
  type Merchant,
  type MerchantApplication,
  type MerchantService,
  minorUnitsPerMajor,
} from './merchants/merchants.js';
export { commerceMigration } from './migration.js';
export { type CommerceModule, commerceMigrations, createCommerceModule } from './module.js';
export {
  decideMove,
  isFinal,
  type OrderStatus,
  orderStatuses,
  orderTransitions,
} from './orders/lifecycle.js';
export {
  createOrderService,
  FEE_BASIS_POINTS,
  type Order,
  type OrderService,
  type PlaceOrderInput,
} from './orders/orders.js';
export { commerceOutboxMigration } from './outbox-migration.js';
export { type Checkout, createCheckout, type PaymentMethod } from './payments/checkout.js';
export { NETWORK_PROVIDER, networkProviderFromConfig } from './payments/network-config.js';
export { createNetworkProvider, type NetworkProviderOptions } from './payments/network-provider.js';
export {
  type AuthorizeInput,
  clearingAccount,
  type IntentStatus,
  type PaymentEvent,
  type PaymentEventType,
  type PaymentIntent,
  type PaymentProvider,
} from './payments/provider.js';
export {
  createPaymentGuard,
  type PaymentGuard,
  type PaymentSettings,
  type PaymentSettingsInput,
  type SecondFactor,
} from './payments/settings.js';
export {
  createPaymentSettlement,
  type PaymentSettlement,
  type SettlementResult,
} from './payments/settlement.js';
export {
  createSignatureVerifier,
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_MS,
  type SignatureVerifier,
  signMessage,
} from './payments/signing.js';
export { createWalletService, type WalletService } from './payments/wallet.js';
export { createWalletProvider, WALLET_PROVIDER } from './payments/wallet-provider.js';
export { storesFromCsv } from './stores/csv.js';
export { createGeoIndex, type GeoIndex } from './stores/geo-index.js';
export { isOpenAt, type OpeningHours } from './stores/hours.js';
export {
  createStoreService,
  MAX_IMPORT,
  type NearStore,
  type Store,
  type StoreInput,
  type StoreService,
} from './stores/stores.js';
export type { CommerceTables } from './tables.js';
export * from './voice/index.js';
export {
  createMerchantWebhooks,
  type MerchantWebhookOptions,
  type MerchantWebhooks,
  merchantEventTypes,
  type WebhookDelivery,
} from './webhooks/merchant-webhooks.js';
