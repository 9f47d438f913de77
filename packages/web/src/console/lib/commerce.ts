/** Shapes of the commerce resources as the console reads them (see packages/hub/src/http/routes/merchants.ts, orders.ts). */

export type MerchantStatus = 'pending' | 'approved' | 'rejected';

export interface LocalizedName {
  en: string;
  zh?: string;
  it?: string;
  fr?: string;
}

export interface Merchant {
  id: string;
  name: LocalizedName;
  currency: string;
  contact: { email?: string; phone?: string; person?: string };
  status: MerchantStatus;
  reason: string | null;
  payout: { holder: string; iban?: string; account?: string } | null;
  webhookUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface OnboardingStep {
  step: string;
  done: boolean;
  detail: string;
}

export interface Onboarding {
  merchantId: string;
  status: MerchantStatus;
  steps: OnboardingStep[];
  ready: boolean;
}

export interface Store {
  id: string;
  ref: string;
  name: string;
  lat: number;
  lon: number;
  timezone: string;
  hours: Record<string, string[]> | null;
}

export interface StoreImport {
  created: number;
  updated: number;
  total: number;
}

export interface MenuItem {
  ref: string;
  name: LocalizedName;
  price: number;
  category?: string;
  dayparts?: string[];
  options?: {
    ref: string;
    name: LocalizedName;
    choices: { ref: string; name: LocalizedName; price?: number }[];
  }[];
  unavailableAt?: string[];
}

export interface Menu {
  items: MenuItem[];
  dayparts?: Record<string, Record<string, string[]>>;
}

export interface OrderLine {
  ref: string;
  name: LocalizedName;
  quantity: number;
  options: Record<string, string[]>;
  unitPrice: number;
  total: number;
}

export interface Order {
  id: string;
  homeId: string;
  merchantId: string;
  storeRef: string;
  status: string;
  lines: OrderLine[];
  total: number;
  currency: string;
  pickupCode: string | null;
  createdAt: number;
  updatedAt: number;
  paidAt: number | null;
}

/** An amount in minor units (cents) as money in its currency, in the browser's locale: 180 EUR -> "€1.80". */
export function formatMoney(minor: number, currency: string): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  } catch {
    return `${minor} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The English name, the one every merchant has. */
export function nameOf(name: LocalizedName | string): string {
  return typeof name === 'string' ? name : name.en;
}

/** The merchant's next move for an order on the board, with the button's words. */
export const NEXT_STEP: Readonly<Record<string, { to: string; label: string }>> = {
  paid: { to: 'accepted', label: 'Accept' },
  accepted: { to: 'preparing', label: 'Start preparing' },
  preparing: { to: 'ready', label: 'Mark ready' },
  ready: { to: 'picked_up', label: 'Picked up' },
};

/** Orders holding the household's money, which the merchant may give back. */
export const REFUNDABLE: ReadonlySet<string> = new Set(['paid', 'accepted', 'preparing', 'ready']);

/** A random UUID, also where crypto.randomUUID is missing (a console opened over plain HTTP on the LAN). */
export function freshUuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A hub field path in dots and brackets (`items[3].options[0].max`) as the editor's slash path (`items/3/options/0/max`). */
export function slashPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '')
    .split('.')
    .join('/');
}
