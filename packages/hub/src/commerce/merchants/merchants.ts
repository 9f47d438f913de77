/**
 * Merchants join by applying; the operator approves or rejects with a reason. Only approved
 * merchants can be ordered from. The onboarding checklist is derived from what the merchant has
 * done (profile, stores, menu, payout account, a test order), never stored separately.
 */
import type { Kysely } from 'kysely';
import { GenioError } from '../../errors/index.js';
import { newId } from '../../ids/index.js';
import type { Database } from '../../storage/index.js';
import type { LocalizedText } from '../menus/menu.js';
import type { CommerceTables, MerchantsTable } from '../tables.js';

/** A merchant as the API shows it (never the webhook secret). */
export interface Merchant {
  id: string;
  name: LocalizedText;
  currency: string;
  contact: { email?: string; phone?: string; person?: string };
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  payout: { holder: string; iban?: string; account?: string } | null;
  webhookUrl: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What applying needs. */
export interface MerchantApplication {
  name: LocalizedText | string;
  currency: string;
  contact?: Merchant['contact'];
}

/** Merchant records and their review. */
export interface MerchantService {
  apply(input: MerchantApplication): Promise<Merchant>;
  get(id: string): Promise<Merchant>;
  list(filter?: { status?: Merchant['status'] }): Promise<Merchant[]>;
  approve(id: string): Promise<Merchant>;
  reject(id: string, reason: string): Promise<Merchant>;
  update(
    id: string,
    patch: Partial<Pick<Merchant, 'name' | 'contact' | 'payout' | 'webhookUrl'>>,
  ): Promise<Merchant>;
  /** Throws unless the merchant is approved (orders are taken only then). */
  requireApproved(id: string): Promise<Merchant>;
}

// ISO 4217 codes with the number of minor units where it is not 2.
const minorUnits: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  TND: 3,
};
const knownCurrencies = new Set(
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('currency')
    : ['EUR', 'USD', 'CNY', 'GBP'],
);

/** Minor units per major unit of a currency (100 for EUR, 1 for JPY). */
export function minorUnitsPerMajor(currency: string): number {
  return 10 ** (minorUnits[currency] ?? 2);
}

function toMerchant(row: MerchantsTable): Merchant {
  return {
    id: row.id,
    name: JSON.parse(row.name) as LocalizedText,
    currency: row.currency,
    contact: JSON.parse(row.contact) as Merchant['contact'],
    status: row.status as Merchant['status'],
    reason: row.reason,
    payout: row.payout ? (JSON.parse(row.payout) as Merchant['payout']) : null,
    webhookUrl: row.webhook_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function checkName(name: LocalizedText | string): LocalizedText {
  const text = typeof name === 'string' ? { en: name } : name;
  if (!text || typeof text.en !== 'string' || !text.en.trim() || text.en.length > 100)
    throw new GenioError('validation_failed', {
      field: 'name',
      reason: 'needs an English name of 1-100 characters',
    });
  for (const [lang, value] of Object.entries(text))
    if (!['en', 'zh', 'it', 'fr'].includes(lang) || typeof value !== 'string' || value.length > 100)
      throw new GenioError('validation_failed', {
        field: `name.${lang}`,
        reason: 'must be en, zh, it or fr, up to 100 characters',
      });
  return text;
}

function checkWebhookUrl(url: string | null | undefined): void {
  if (url === null || url === undefined) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GenioError('validation_failed', {
      field: 'webhookUrl',
      reason: 'must be an absolute http(s) URL',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new GenioError('validation_failed', {
      field: 'webhookUrl',
      reason: 'must be an absolute http(s) URL',
    });
}

/** Build the merchant service. */
export function createMerchantService(deps: { db: Kysely<Database>; clock?: () => number }): MerchantService {
  const db = deps.db.withTables<CommerceTables>();
  const now = deps.clock ?? Date.now;

  async function load(id: string): Promise<MerchantsTable> {
    const row = await db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'merchant', id });
    return row;
  }

  async function setStatus(id: string, status: Merchant['status'], reason: string | null): Promise<Merchant> {
    await load(id);
    await db
      .updateTable('merchants')
      .set({ status, reason, updated_at: now() })
      .where('id', '=', id)
      .execute();
    return toMerchant(await load(id));
  }

  return {
    async apply(input) {
      const name = checkName(input.name);
      if (
        typeof input.currency !== 'string' ||
        !/^[A-Z]{3}$/.test(input.currency) ||
        !knownCurrencies.has(input.currency)
      )
        throw new GenioError('validation_failed', {
          field: 'currency',
          reason: 'must be an ISO 4217 code such as EUR or CNY',
        });
      const at = now();
      const row: MerchantsTable = {
        id: newId('mer'),
        name: JSON.stringify(name),
        currency: input.currency,
        contact: JSON.stringify(input.contact ?? {}),
        status: 'pending',
        reason: null,
        payout: null,
        webhook_url: null,
        webhook_secret: null,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('merchants').values(row).execute();
      return toMerchant(row);
    },

    async get(id) {
      return toMerchant(await load(id));
    },

    async list(filter = {}) {
      let query = db.selectFrom('merchants').selectAll().orderBy('created_at');
      if (filter.status) query = query.where('status', '=', filter.status);
      return (await query.execute()).map(toMerchant);
    },

    approve(id) {
      return setStatus(id, 'approved', null);
    },

    async reject(id, reason) {
      if (!reason?.trim())
        throw new GenioError('validation_failed', {
          field: 'reason',
          reason: 'say why the merchant is rejected',
        });
      return setStatus(id, 'rejected', reason.trim().slice(0, 500));
    },

    async update(id, patch) {
      await load(id);
      const set: Partial<MerchantsTable> = { updated_at: now() };
      if (patch.name !== undefined) set.name = JSON.stringify(checkName(patch.name));
      if (patch.contact !== undefined) set.contact = JSON.stringify(patch.contact);
      if (patch.payout !== undefined) {
        if (patch.payout !== null && (typeof patch.payout.holder !== 'string' || !patch.payout.holder.trim()))
          throw new GenioError('validation_failed', {
            field: 'payout.holder',
            reason: 'needs the account holder',
          });
        set.payout = patch.payout === null ? null : JSON.stringify(patch.payout);
      }
      if (patch.webhookUrl !== undefined) {
        checkWebhookUrl(patch.webhookUrl);
        set.webhook_url = patch.webhookUrl;
      }
      await db.updateTable('merchants').set(set).where('id', '=', id).execute();
      return toMerchant(await load(id));
    },

    async requireApproved(id) {
      const merchant = toMerchant(await load(id));
      if (merchant.status !== 'approved')
        throw new GenioError('conflict', { reason: `merchant ${id} is ${merchant.status}, not approved` });
      return merchant;
    },
  };
}
