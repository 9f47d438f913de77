import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import { GenioError, type Language } from '../errors/index.js';
import { newId } from '../ids/index.js';
import type { AreasTable, Database, HomesTable } from '../storage/index.js';

/** A home as the API shows it. */
export interface Home {
  id: string;
  name: string;
  language: Language;
  /** Where the home is, for the nearest store; null when not given. */
  location: { lat: number; lon: number } | null;
  createdAt: number;
  updatedAt: number;
}

/** What a home may change. `location: null` forgets the location. */
export interface HomePatch {
  name?: string;
  language?: Language;
  location?: { lat: number; lon: number } | null;
}

/** An area (room or zone) of a home. */
export interface Area {
  id: string;
  homeId: string;
  name: string;
  aliases: string[];
  createdAt: number;
  updatedAt: number;
}

/** Homes and their areas. */
export interface HomeService {
  /** With `ownerTokenId`, the home is that developer token's test home. */
  createHome(input: { name: string; language: Language }, ownerTokenId?: string | null): Promise<Home>;
  listHomes(filter?: { ids?: readonly string[] }): Promise<Home[]>;
  getHome(id: string): Promise<Home>;
  updateHome(id: string, patch: HomePatch): Promise<Home>;
  deleteHome(id: string): Promise<void>;
  createArea(homeId: string, input: { name: string; aliases?: string[] }): Promise<Area>;
  listAreas(homeId: string): Promise<Area[]>;
  getArea(homeId: string, areaId: string): Promise<Area>;
  updateArea(homeId: string, areaId: string, patch: { name?: string; aliases?: string[] }): Promise<Area>;
  deleteArea(homeId: string, areaId: string): Promise<void>;
}

function toHome(row: HomesTable): Home {
  return {
    id: row.id,
    name: row.name,
    language: row.language as Language,
    location:
      row.lat === null || row.lat === undefined || row.lon === null || row.lon === undefined
        ? null
        : { lat: Number(row.lat), lon: Number(row.lon) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toArea(row: AreasTable): Area {
  return {
    id: row.id,
    homeId: row.home_id,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function cleanName(value: string, field: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name) throw new GenioError('validation_failed', { field, reason: 'must not be blank' });
  return name;
}

function cleanAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  aliases.forEach((alias, i) => {
    const name = cleanName(alias, `aliases/${i}`);
    const key = name.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(name);
    }
  });
  return out;
}

/** Create the homes service. */
export function createHomeService(deps: {
  db: Kysely<Database>;
  bus: Bus;
  clock?: () => number;
}): HomeService {
  const { db, bus } = deps;
  const now = deps.clock ?? Date.now;

  async function homeRow(id: string): Promise<HomesTable> {
    const row = await db.selectFrom('homes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'home', id });
    return row;
  }

  async function areaRow(homeId: string, areaId: string): Promise<AreasTable> {
    await homeRow(homeId);
    const row = await db
      .selectFrom('areas')
      .selectAll()
      .where('id', '=', areaId)
      .where('home_id', '=', homeId)
      .executeTakeFirst();
    if (!row) throw new GenioError('not_found', { kind: 'area', id: areaId });
    return row;
  }

  async function assertAreaNameFree(homeId: string, name: string, exceptId?: string): Promise<void> {
    const rows = await db.selectFrom('areas').select(['id', 'name']).where('home_id', '=', homeId).execute();
    const clash = rows.find(
      (r) => r.id !== exceptId && r.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
    );
    if (clash)
      throw new GenioError('conflict', {
        reason: `this home already has an area named "${clash.name}"`,
        field: 'name',
      });
  }

  return {
    async createHome(input, ownerTokenId = null) {
      const at = now();
      const row: HomesTable = {
        id: newId('home'),
        name: cleanName(input.name, 'name'),
        language: input.language,
        created_at: at,
        updated_at: at,
        owner_token_id: ownerTokenId,
      };
      await db.insertInto('homes').values(row).execute();
      bus.emit('home.created', { homeId: row.id, name: row.name, language: row.language });
      return toHome(row);
    },
    async listHomes(filter = {}) {
      let query = db.selectFrom('homes').selectAll().orderBy('created_at').orderBy('id');
      if (filter.ids) {
        if (filter.ids.length === 0) return [];
        query = query.where('id', 'in', filter.ids);
      }
      return (await query.execute()).map(toHome);
    },
    async getHome(id) {
      return toHome(await homeRow(id));
    },
    async updateHome(id, patch) {
      const row = await homeRow(id);
      const next: HomesTable = {
        ...row,
        name: patch.name === undefined ? row.name : cleanName(patch.name, 'name'),
        language: patch.language ?? row.language,
        updated_at: now(),
      };
      if (patch.location !== undefined) {
        const at = patch.location;
        if (at && (!(Math.abs(at.lat) <= 90) || !(Math.abs(at.lon) <= 180)))
          throw new GenioError('validation_failed', {
            field: 'location',
            reason: 'needs lat from -90 to 90 and lon from -180 to 180',
          });
        next.lat = at ? at.lat : null;
        next.lon = at ? at.lon : null;
      }
      await db
        .updateTable('homes')
        .set({
          name: next.name,
          language: next.language,
          lat: next.lat ?? null,
          lon: next.lon ?? null,
          updated_at: next.updated_at,
        })
        .where('id', '=', id)
        .execute();
      bus.emit('home.updated', { homeId: id, name: next.name, language: next.language });
      return toHome(next);
    },
    async deleteHome(id) {
      await homeRow(id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('tokens').where('home_id', '=', id).execute();
        await trx.deleteFrom('areas').where('home_id', '=', id).execute();
        await trx.deleteFrom('homes').where('id', '=', id).execute();
      });
      bus.emit('home.deleted', { homeId: id });
    },
    async createArea(homeId, input) {
      await homeRow(homeId);
      const name = cleanName(input.name, 'name');
      await assertAreaNameFree(homeId, name);
      const at = now();
      const row: AreasTable = {
        id: newId('area'),
        home_id: homeId,
        name,
        aliases: JSON.stringify(cleanAliases(input.aliases ?? [])),
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('areas').values(row).execute();
      bus.emit('area.created', { homeId, areaId: row.id, name });
      return toArea(row);
    },
    async listAreas(homeId) {
      await homeRow(homeId);
      const rows = await db
        .selectFrom('areas')
        .selectAll()
        .where('home_id', '=', homeId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toArea);
    },
    async getArea(homeId, areaId) {
      return toArea(await areaRow(homeId, areaId));
    },
    async updateArea(homeId, areaId, patch) {
      const row = await areaRow(homeId, areaId);
      const name = patch.name === undefined ? row.name : cleanName(patch.name, 'name');
      if (name !== row.name) await assertAreaNameFree(homeId, name, areaId);
      const aliases = patch.aliases === undefined ? row.aliases : JSON.stringify(cleanAliases(patch.aliases));
      const updatedAt = now();
      await db
        .updateTable('areas')
        .set({ name, aliases, updated_at: updatedAt })
        .where('id', '=', areaId)
        .execute();
      bus.emit('area.updated', { homeId, areaId, name });
      return toArea({ ...row, name, aliases, updated_at: updatedAt });
    },
    async deleteArea(homeId, areaId) {
      await areaRow(homeId, areaId);
      await db.deleteFrom('areas').where('id', '=', areaId).execute();
      bus.emit('area.deleted', { homeId, areaId });
    },
  };
}
