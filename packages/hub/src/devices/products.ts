import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/index.js';
import { GenioError } from '../errors/index.js';
import type { Database, ProductsTable } from '../storage/index.js';
import {
  type Category,
  categories,
  type ResolvedCapabilities,
  resolveCapabilities,
} from './capabilities/index.js';
import { parseThingModel, type ThingModel } from './tsl/index.js';

/** A product as the API shows it. `capabilities` is the resolved capability -> TSL identifier mapping. */
export interface Product {
  productKey: string;
  name: string;
  category: Category;
  thingModel: ThingModel;
  capabilities: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** A product with its parsed model and resolved capabilities, for the hub's own use. */
export interface LoadedProduct extends Product {
  resolved: ResolvedCapabilities;
  ownerTokenId: string | null;
}

/** What creating a product needs. */
export interface CreateProductInput {
  name: string;
  category: string;
  thingModel: unknown;
  capabilities?: Record<string, string>;
}

/** Brands' products and their thing models. */
export interface ProductService {
  create(input: CreateProductInput, owner: Principal): Promise<Product>;
  list(owner?: Principal): Promise<Product[]>;
  get(productKey: string): Promise<LoadedProduct>;
  update(
    productKey: string,
    patch: { name?: string; capabilities?: Record<string, string> },
  ): Promise<Product>;
  delete(productKey: string): Promise<void>;
  /** Operators reach every product; developers the ones they registered. */
  assertMayManage(product: LoadedProduct, principal: Principal): void;
}

const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newProductKey(): string {
  let key = 'a1';
  for (let i = 0; i < 9; i++) key += alphabet[randomInt(alphabet.length)];
  return key;
}

function mappingOf(resolved: ResolvedCapabilities): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [capability, target] of Object.entries(resolved))
    if (target) out[capability] = target.identifier;
  return out;
}

function checkCategory(category: string): Category {
  if (!(categories as readonly string[]).includes(category)) {
    throw new GenioError('validation_failed', {
      field: 'category',
      reason: `must be one of ${categories.join(', ')}`,
    });
  }
  return category as Category;
}

/** Create the product service. A cache keeps parsed models, since every device message needs one. */
export function createProductService(deps: { db: Kysely<Database>; clock?: () => number }): ProductService {
  const { db } = deps;
  const now = deps.clock ?? Date.now;
  const cache = new Map<string, LoadedProduct>();
  // Every device message needs its product; a product read from the database is trusted for this
  // long. Changes made through this hub apply at once; another hub sharing the database sees them within it.
  const FRESH_MS = 2000;
  const checkedAt = new Map<string, number>();

  function load(row: ProductsTable): LoadedProduct {
    const cached = cache.get(row.product_key);
    if (cached && cached.updatedAt === row.updated_at) return cached;
    const thingModel = parseThingModel(JSON.parse(row.thing_model));
    const explicit = JSON.parse(row.capabilities) as Record<string, string>;
    const resolved = resolveCapabilities(
      thingModel,
      Object.keys(explicit).length ? explicit : undefined,
      row.category as Category,
    );
    const product: LoadedProduct = {
      productKey: row.product_key,
      name: row.name,
      category: row.category as Category,
      thingModel,
      capabilities: mappingOf(resolved),
      resolved,
      ownerTokenId: row.owner_token_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    cache.set(row.product_key, product);
    return product;
  }

  function publicView(p: LoadedProduct): Product {
    const { resolved: _r, ownerTokenId: _o, ...rest } = p;
    return rest;
  }

  async function row(productKey: string): Promise<ProductsTable> {
    const found = await db
      .selectFrom('products')
      .selectAll()
      .where('product_key', '=', productKey)
      .executeTakeFirst();
    if (!found) throw new GenioError('not_found', { kind: 'product', id: productKey });
    return found;
  }

  return {
    async create(input, owner) {
      const category = checkCategory(input.category);
      let thingModel: ThingModel;
      try {
        thingModel = parseThingModel(input.thingModel);
      } catch (error) {
        if (error instanceof GenioError && typeof error.params.field === 'string') {
          throw new GenioError('validation_failed', {
            ...error.params,
            field: `thingModel/${error.params.field}`,
          });
        }
        throw error;
      }
      resolveCapabilities(thingModel, input.capabilities, category);
      const at = now();
      const values: ProductsTable = {
        product_key: newProductKey(),
        name: input.name.trim(),
        category,
        thing_model: JSON.stringify(thingModel),
        capabilities: JSON.stringify(input.capabilities ?? {}),
        owner_token_id: owner.role === 'operator' ? null : owner.tokenId,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('products').values(values).execute();
      return publicView(load(values));
    },
    async list(owner) {
      let query = db.selectFrom('products').selectAll().orderBy('created_at');
      if (owner && owner.role !== 'operator') query = query.where('owner_token_id', '=', owner.tokenId);
      return (await query.execute()).map((r) => publicView(load(r)));
    },
    async get(productKey) {
      const cached = cache.get(productKey);
      if (cached && now() - (checkedAt.get(productKey) ?? 0) < FRESH_MS) return cached;
      const product = load(await row(productKey));
      checkedAt.set(productKey, now());
      return product;
    },
    async update(productKey, patch) {
      const current = await row(productKey);
      const capabilities =
        patch.capabilities === undefined ? current.capabilities : JSON.stringify(patch.capabilities);
      if (patch.capabilities)
        resolveCapabilities(
          parseThingModel(JSON.parse(current.thing_model)),
          patch.capabilities,
          current.category as Category,
        );
      const next: ProductsTable = {
        ...current,
        name: patch.name?.trim() || current.name,
        capabilities,
        updated_at: Math.max(now(), current.updated_at + 1),
      };
      await db
        .updateTable('products')
        .set({ name: next.name, capabilities: next.capabilities, updated_at: next.updated_at })
        .where('product_key', '=', productKey)
        .execute();
      return publicView(load(next));
    },
    async delete(productKey) {
      await row(productKey);
      await db.deleteFrom('products').where('product_key', '=', productKey).execute();
      cache.delete(productKey);
      checkedAt.delete(productKey);
    },
    assertMayManage(product, principal) {
      if (principal.role === 'operator') return;
      if (principal.role === 'developer' && product.ownerTokenId === principal.tokenId) return;
      throw new GenioError('forbidden', { action: 'manage this product' });
    },
  };
}
