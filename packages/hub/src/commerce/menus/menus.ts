import type { Kysely } from 'kysely';
import { GenioError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { CommerceTables } from '../tables.js';
import { type Menu, validateMenu } from './menu.js';

/** Each merchant's menu, replaced whole by the merchant. */
export interface MenuService {
  put(merchantId: string, menu: Menu): Promise<Menu>;
  /** The merchant's menu; an empty one before the first upload. */
  get(merchantId: string): Promise<Menu>;
}

/** Build the menu service. */
export function createMenuService(deps: { db: Kysely<Database>; clock?: () => number }): MenuService {
  const db = deps.db.withTables<CommerceTables>();
  const now = deps.clock ?? Date.now;
  return {
    async put(merchantId, menu) {
      if (!menu || typeof menu !== 'object')
        throw new GenioError('validation_failed', { field: 'items', reason: 'must be a menu' });
      const clean = validateMenu({
        items: menu.items,
        ...(menu.dayparts ? { dayparts: menu.dayparts } : {}),
      });
      const text = JSON.stringify(clean);
      await db
        .insertInto('menus')
        .values({ merchant_id: merchantId, menu: text, updated_at: now() })
        .onConflict((oc) => oc.column('merchant_id').doUpdateSet({ menu: text, updated_at: now() }))
        .execute();
      return clean;
    },
    async get(merchantId) {
      const row = await db
        .selectFrom('menus')
        .select('menu')
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst();
      return row ? (JSON.parse(row.menu) as Menu) : { items: [] };
    },
  };
}
