/**
 * A merchant's stores: bulk import (up to 10,000 a request, upserted by the merchant's own ref),
 * listing, and "nearest (open) store" from an in-memory geo index per merchant, rebuilt lazily after
 * an import. Each hub keeps its own index; after another hub imports, `invalidate` or a restart
 * brings it up to date (the index is a cache of the stores table).
 */
import type { Kysely } from 'kysely';
import { GenioError } from '../../errors/index.js';
import { newId } from '../../ids/index.js';
import type { Database } from '../../storage/index.js';
import type { CommerceTables, StoresTable } from '../tables.js';
import { createGeoIndex, type GeoIndex } from './geo-index.js';
import { hoursProblem, isOpenAt, isTimeZone, type OpeningHours } from './hours.js';

/** A store as imported and listed. */
export interface Store {
  id: string;
  merchantId: string;
  ref: string;
  name: string;
  lat: number;
  lon: number;
  timezone: string;
  hours: OpeningHours | null;
}

/** One row of an import. */
export interface StoreInput {
  ref: string;
  name: string;
  lat: number;
  lon: number;
  timezone?: string;
  hours?: OpeningHours;
}

/** A store with its distance from where the household is. */
export interface NearStore extends Store {
  distanceM: number;
  open: boolean;
}

/** The merchant's stores. */
export interface StoreService {
  importStores(merchantId: string, rows: StoreInput[]): Promise<{ created: number; updated: number }>;
  list(merchantId: string, options?: { limit?: number; offset?: number }): Promise<Store[]>;
  get(merchantId: string, ref: string): Promise<Store>;
  count(merchantId: string): Promise<number>;
  near(
    merchantId: string,
    position: { lat: number; lon: number },
    options?: { limit?: number; openAt?: number },
  ): Promise<NearStore[]>;
  invalidate(merchantId: string): void;
}

/** The most stores one import may carry. */
export const MAX_IMPORT = 10_000;

function toStore(row: StoresTable): Store {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    ref: row.ref,
    name: row.name,
    lat: Number(row.lat),
    lon: Number(row.lon),
    timezone: row.timezone,
    hours: row.hours ? (JSON.parse(row.hours) as OpeningHours) : null,
  };
}

function checkRow(row: StoreInput, i: number): void {
  const at = `stores[${i}]`;
  const fail = (field: string, reason: string): never => {
    throw new GenioError('validation_failed', { field: `${at}.${field}`, reason });
  };
  if (!row || typeof row !== 'object') fail('', 'must be an object');
  if (typeof row.ref !== 'string' || !/^[\w.-]{1,64}$/.test(row.ref))
    fail('ref', 'must be 1-64 letters, digits, ".", "-" or "_"');
  if (typeof row.name !== 'string' || !row.name.trim() || row.name.length > 200)
    fail('name', 'must be 1-200 characters');
  if (typeof row.lat !== 'number' || !Number.isFinite(row.lat) || row.lat < -90 || row.lat > 90)
    fail('lat', 'must be a latitude from -90 to 90');
  if (typeof row.lon !== 'number' || !Number.isFinite(row.lon) || row.lon < -180 || row.lon > 180)
    fail('lon', 'must be a longitude from -180 to 180');
  if (row.timezone !== undefined && (typeof row.timezone !== 'string' || !isTimeZone(row.timezone)))
    fail('timezone', 'must be an IANA time zone such as Europe/Rome');
  const problem = hoursProblem(row.hours);
  if (problem) fail('hours', problem);
}

/** Build the store service. */
export function createStoreService(deps: { db: Kysely<Database>; clock?: () => number }): StoreService {
  const db = deps.db.withTables<CommerceTables>();
  const now = deps.clock ?? Date.now;
  const indexes = new Map<string, Promise<{ index: GeoIndex; stores: Map<string, Store> }>>();

  function indexOf(merchantId: string) {
    let entry = indexes.get(merchantId);
    if (!entry) {
      entry = db
        .selectFrom('stores')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .execute()
        .then((rows) => {
          const stores = new Map(rows.map((r) => [r.id, toStore(r)]));
          return { index: createGeoIndex([...stores.values()]), stores };
        });
      entry.catch(() => indexes.delete(merchantId));
      indexes.set(merchantId, entry);
    }
    return entry;
  }

  return {
    async importStores(merchantId, rows) {
      if (!Array.isArray(rows) || !rows.length)
        throw new GenioError('validation_failed', { field: 'stores', reason: 'must be a non-empty list' });
      if (rows.length > MAX_IMPORT)
        throw new GenioError('validation_failed', {
          field: 'stores',
          reason: `at most ${MAX_IMPORT} stores per request`,
        });
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        checkRow(row, i);
        if (seen.has(row.ref))
          throw new GenioError('validation_failed', {
            field: `stores[${i}].ref`,
            reason: `"${row.ref}" appears twice`,
          });
        seen.add(row.ref);
      });
      const at = now();
      let created = 0;
      await db.transaction().execute(async (tx) => {
        const existing = new Set<string>();
        const refs = rows.map((r) => r.ref);
        for (let i = 0; i < refs.length; i += 500) {
          const found = await tx
            .selectFrom('stores')
            .select('ref')
            .where('merchant_id', '=', merchantId)
            .where('ref', 'in', refs.slice(i, i + 500))
            .execute();
          for (const f of found) existing.add(f.ref);
        }
        const values = rows.map((row) => ({
          id: newId('sto'),
          merchant_id: merchantId,
          ref: row.ref,
          name: row.name.trim(),
          lat: row.lat,
          lon: row.lon,
          timezone: row.timezone ?? 'UTC',
          hours: row.hours ? JSON.stringify(row.hours) : null,
          created_at: at,
          updated_at: at,
        }));
        // 10 columns a row; 100 rows a statement stays under both engines' parameter limits.
        for (let i = 0; i < values.length; i += 100) {
          await tx
            .insertInto('stores')
            .values(values.slice(i, i + 100))
            .onConflict((oc) =>
              oc.columns(['merchant_id', 'ref']).doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                lat: eb.ref('excluded.lat'),
                lon: eb.ref('excluded.lon'),
                timezone: eb.ref('excluded.timezone'),
                hours: eb.ref('excluded.hours'),
                updated_at: eb.ref('excluded.updated_at'),
              })),
            )
            .execute();
        }
        created = rows.filter((r) => !existing.has(r.ref)).length;
      });
      indexes.delete(merchantId);
      return { created, updated: rows.length - created };
    },

    async list(merchantId, options = {}) {
      const rows = await db
        .selectFrom('stores')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('ref')
        .limit(Math.min(options.limit ?? 100, 1000))
        .offset(options.offset ?? 0)
        .execute();
      return rows.map(toStore);
    },

    async get(merchantId, ref) {
      const row = await db
        .selectFrom('stores')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('ref', '=', ref)
        .executeTakeFirst();
      if (!row) throw new GenioError('not_found', { kind: 'store', id: ref });
      return toStore(row);
    },

    async count(merchantId) {
      const row = await db
        .selectFrom('stores')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async near(merchantId, position, options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 5, 1), 100);
      const { index, stores } = await indexOf(merchantId);
      const openAt = options.openAt;
      const isOpen = (id: string) => {
        const store = stores.get(id) as Store;
        return isOpenAt(store.hours, store.timezone, openAt ?? now());
      };
      const found = index.nearest(
        position.lat,
        position.lon,
        limit,
        openAt === undefined ? undefined : isOpen,
      );
      return found.map((f) => ({
        ...(stores.get(f.id) as Store),
        distanceM: f.distanceM,
        open: isOpen(f.id),
      }));
    },

    invalidate(merchantId) {
      indexes.delete(merchantId);
    },
  };
}
