/** Commerce rows. Money is integer minor units of `currency` (ISO 4217); times are UTC milliseconds. */
export interface MerchantsTable {
  id: string;
  /** JSON: { en, zh?, it?, fr? } */
  name: string;
  currency: string;
  /** JSON: { email?, phone?, person? } */
  contact: string;
  /** pending | approved | rejected */
  status: string;
  reason: string | null;
  /** JSON payout account, or null until the merchant gives one. */
  payout: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  created_at: number;
  updated_at: number;
}

/** A merchant's store: where orders are picked up. */
export interface StoresTable {
  id: string;
  merchant_id: string;
  ref: string;
  name: string;
  lat: number;
  lon: number;
  timezone: string;
  /** JSON OpeningHours, or null for always open. */
  hours: string | null;
  created_at: number;
  updated_at: number;
}

/** A merchant's whole menu as JSON (validated by validateMenu). */
export interface MenusTable {
  merchant_id: string;
  menu: string;
  updated_at: number;
}

/** A home's voice-payment settings. The PIN is stored only as an scrypt hash with its salt. */
export interface PaymentSettingsTable {
  home_id: string;
  enabled: number;
  pin_hash: string | null;
  currency: string;
  per_order_limit: number;
  daily_limit: number;
  failed_attempts: number;
  locked_until: number;
  /** JSON list of token ids (household members) that may not pay, e.g. children's screens. */
  denied: string;
  /** scrypt hash of the one-time challenge shown on the screen, with its expiry. */
  challenge_hash: string | null;
  challenge_expires_at: number;
  updated_at: number;
}

/** An order: priced lines (JSON), where it is picked up, and where it is in its life. */
export interface OrdersTable {
  id: string;
  home_id: string;
  merchant_id: string;
  store_ref: string;
  status: string;
  lines: string;
  total: number;
  currency: string;
  pickup_code: string | null;
  placed_by: string;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
}

/** Every move of an order, keyed by (order, event id) so a repeated event is recorded once. */
export interface OrderEventsTable {
  order_id: string;
  event_id: string;
  from_status: string;
  to_status: string;
  actor: string;
  at: number;
}

/** Which provider payment belongs to an order (one row per order; `attempt` grows after a decline). */
export interface OrderPaymentsTable {
  order_id: string;
  provider: string;
  attempt: number;
  /** The provider's intent id, once known (null while the first authorize has not answered). */
  intent_id: string | null;
  /** The intent's last known status at the provider. */
  status: string;
  updated_at: number;
}

/** The merchant webhook outbox: one row per order event, kept as the merchant's delivery log. */
export interface MerchantWebhooksTable {
  id: string;
  merchant_id: string;
  order_id: string;
  /** order.paid | order.cancelled | order.refunded | order.ready */
  type: string;
  /** `<order>:<status>`: an order event is queued once however often the move is repeated. */
  event_key: string;
  payload: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

/** The commerce tables, added with `db.withTables<CommerceTables>()`. */
export type CommerceTables = {
  merchants: MerchantsTable;
  stores: StoresTable;
  menus: MenusTable;
  payment_settings: PaymentSettingsTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  order_payments: OrderPaymentsTable;
  merchant_webhooks: MerchantWebhooksTable;
};
