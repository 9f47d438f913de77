import { randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import { GenioError } from '../errors/index.js';
import { newId } from '../ids/index.js';
import { createFailureLimiter } from '../limits/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { Database, DevicesTable } from '../storage/index.js';
import type { Category } from './capabilities/index.js';
import type { ProductService } from './products.js';

/** The grammatical gender of a device's name in a language whose replies agree with it. */
export type NameGenders = Partial<Record<'it' | 'fr', 'masculine' | 'feminine'>>;

/** A device as the API shows it: never its secret. */
export interface Device {
  id: string;
  productKey: string;
  deviceName: string;
  category: Category;
  homeId: string;
  areaId: string | null;
  name: string;
  aliases: string[];
  online: boolean;
  disabled: boolean;
  lastSeen: number | null;
  properties: Record<string, unknown>;
  createdAt: number;
  /** Set where the name does not tell ("Zoé" is feminine); absent languages are guessed. */
  genders?: NameGenders;
}

/** Credentials a device connects with; returned once on creation, rotation or pairing. */
export interface DeviceCredentials {
  id: string;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

/** Filters of the device list. */
export interface DeviceFilter {
  homeId?: string;
  areaId?: string;
  category?: string;
  online?: boolean;
  productKey?: string;
}

/** What creating a device needs. */
export interface CreateDeviceInput {
  productKey: string;
  homeId: string;
  areaId?: string | null;
  name: string;
  aliases?: string[];
  deviceName?: string;
  genders?: NameGenders;
}

/** Devices, their credentials and presence. */
export interface DeviceRegistry {
  create(input: CreateDeviceInput): Promise<Device & { deviceSecret: string }>;
  get(id: string): Promise<Device>;
  list(filter?: DeviceFilter): Promise<Device[]>;
  update(
    id: string,
    patch: {
      name?: string;
      areaId?: string | null;
      aliases?: string[];
      disabled?: boolean;
      genders?: NameGenders;
    },
  ): Promise<Device>;
  delete(id: string): Promise<void>;
  rotateSecret(id: string): Promise<DeviceCredentials>;
  /** The device behind an MQTT identity with its secret, or null when unknown. */
  findByIdentity(productKey: string, deviceName: string): Promise<{ device: Device; secret: string } | null>;
  setOnline(id: string, online: boolean, at: number): Promise<void>;
  touch(id: string, at: number): void;
  createPairingCode(id: string, ttlMs?: number): Promise<{ code: string; expiresAt: number }>;
  /** Trade a one-time code for fresh credentials; `from` (the caller's address) is slowed down after wrong codes. */
  claimPairingCode(code: string, from: string): Promise<DeviceCredentials>;
}

const DEVICE_NAME = /^[A-Za-z0-9_.:@-]{4,32}$/;
const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function revokedIdentity(row: DevicesTable) {
  return { homeId: row.home_id, deviceId: row.id, productKey: row.product_key, deviceName: row.device_name };
}

function newSecret(): string {
  return randomBytes(24).toString('hex');
}

/** Create the device registry. */
export function createDeviceRegistry(deps: {
  db: Kysely<Database>;
  bus: Bus;
  products: ProductService;
  box: SecretBox;
  /** The hub this process is: presence it records is its own, and it clears only its own. */
  hubId: string;
  clock?: () => number;
}): DeviceRegistry {
  const { db, bus, products, box } = deps;
  const now = deps.clock ?? Date.now;
  const lastSeenWrites = new Map<string, number>();
  // The same policy as screen pairing: ten wrong codes from one address, then a doubling wait.
  const claimFailures = createFailureLimiter({
    freeFailures: 9,
    baseDelayMs: 5 * 60_000,
    maxDelayMs: 60 * 60_000,
    forgetAfterMs: 5 * 60_000,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });

  async function view(row: DevicesTable): Promise<Device> {
    const [product, props] = await Promise.all([
      products.get(row.product_key),
      db
        .selectFrom('device_properties')
        .select(['identifier', 'value'])
        .where('device_id', '=', row.id)
        .execute(),
    ]);
    const properties: Record<string, unknown> = {};
    for (const p of props) properties[p.identifier] = JSON.parse(p.value);
    return {
      id: row.id,
      productKey: row.product_key,
      deviceName: row.device_name,
      category: product.category,
      homeId: row.home_id,
      areaId: row.area_id,
      name: row.name,
      aliases: JSON.parse(row.aliases) as string[],
      online: row.online === 1,
      disabled: row.disabled === 1,
      lastSeen: row.last_seen,
      properties,
      createdAt: row.created_at,
      genders: row.genders ? (JSON.parse(row.genders) as NameGenders) : {},
    };
  }

  async function row(id: string): Promise<DevicesTable> {
    const found = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!found) throw new GenioError('not_found', { kind: 'device', id });
    return found;
  }

  async function checkArea(homeId: string, areaId: string | null | undefined): Promise<void> {
    if (!areaId) return;
    const area = await db
      .selectFrom('areas')
      .select('id')
      .where('id', '=', areaId)
      .where('home_id', '=', homeId)
      .executeTakeFirst();
    if (!area)
      throw new GenioError('validation_failed', { field: 'areaId', reason: 'is not an area of this home' });
  }

  /**
   * A spoken name plus its area must point at one device: two "Ceiling light"s in different rooms are
   * told apart by the room, two in the same room (or both without one) could never be.
   */
  async function checkNameFree(
    place: { homeId: string; areaId: string | null },
    name: string,
    except?: string,
  ): Promise<void> {
    const wanted = name.trim().toLocaleLowerCase();
    let query = db.selectFrom('devices').select(['id', 'name']).where('home_id', '=', place.homeId);
    query = place.areaId ? query.where('area_id', '=', place.areaId) : query.where('area_id', 'is', null);
    const same = (await query.execute()).find(
      (d) => d.id !== except && d.name.trim().toLocaleLowerCase() === wanted,
    );
    if (same)
      throw new GenioError('conflict', {
        reason: `device ${same.id} is already called "${same.name}" ${place.areaId ? 'in this area' : 'in this home without an area'}`,
        field: 'name',
        deviceId: same.id,
      });
  }

  async function rotate(id: string): Promise<DeviceCredentials> {
    const device = await row(id);
    const secret = newSecret();
    await db
      .updateTable('devices')
      .set({ secret: box.seal(secret), updated_at: now() })
      .where('id', '=', id)
      .execute();
    bus.emit('device.revoked', { ...revokedIdentity(device), reason: 'secret_rotated' });
    return { id, productKey: device.product_key, deviceName: device.device_name, deviceSecret: secret };
  }

  return {
    async create(input) {
      await products.get(input.productKey);
      const home = await db
        .selectFrom('homes')
        .select('id')
        .where('id', '=', input.homeId)
        .executeTakeFirst();
      if (!home) throw new GenioError('validation_failed', { field: 'homeId', reason: 'no such home' });
      await checkArea(input.homeId, input.areaId);
      await checkNameFree({ homeId: input.homeId, areaId: input.areaId ?? null }, input.name);
      const deviceName = input.deviceName ?? `dev_${randomBytes(6).toString('hex')}`;
      if (!DEVICE_NAME.test(deviceName)) {
        throw new GenioError('validation_failed', {
          field: 'deviceName',
          reason: '4 to 32 letters, digits or _ . : @ -',
        });
      }
      const taken = await db
        .selectFrom('devices')
        .select('id')
        .where('product_key', '=', input.productKey)
        .where('device_name', '=', deviceName)
        .executeTakeFirst();
      if (taken)
        throw new GenioError('conflict', {
          reason: `device name ${deviceName} is taken in this product`,
          field: 'deviceName',
        });
      const secret = newSecret();
      const at = now();
      const values: DevicesTable = {
        id: newId('dev'),
        product_key: input.productKey,
        device_name: deviceName,
        home_id: input.homeId,
        area_id: input.areaId ?? null,
        name: input.name.trim(),
        aliases: JSON.stringify(input.aliases ?? []),
        secret: box.seal(secret),
        disabled: 0,
        online: 0,
        last_seen: null,
        created_at: at,
        updated_at: at,
        session_hub: null,
        genders: input.genders && Object.keys(input.genders).length ? JSON.stringify(input.genders) : null,
      };
      await db.insertInto('devices').values(values).execute();
      bus.emit('device.created', { homeId: values.home_id, deviceId: values.id, name: values.name });
      return { ...(await view(values)), deviceSecret: secret };
    },
    async get(id) {
      return view(await row(id));
    },
    async list(filter = {}) {
      let query = db.selectFrom('devices').selectAll().orderBy('created_at').orderBy('id');
      if (filter.homeId) query = query.where('home_id', '=', filter.homeId);
      if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
      if (filter.productKey) query = query.where('product_key', '=', filter.productKey);
      if (filter.online !== undefined) query = query.where('online', '=', filter.online ? 1 : 0);
      const devices = await Promise.all((await query.execute()).map(view));
      return filter.category ? devices.filter((d) => d.category === filter.category) : devices;
    },
    async update(id, patch) {
      const current = await row(id);
      if (patch.areaId !== undefined) await checkArea(current.home_id, patch.areaId);
      if (patch.name !== undefined || patch.areaId !== undefined)
        await checkNameFree(
          { homeId: current.home_id, areaId: patch.areaId === undefined ? current.area_id : patch.areaId },
          patch.name ?? current.name,
          id,
        );
      const set: Partial<DevicesTable> = { updated_at: now() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.areaId !== undefined) set.area_id = patch.areaId;
      if (patch.aliases !== undefined) set.aliases = JSON.stringify(patch.aliases);
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      if (patch.genders !== undefined)
        set.genders = Object.keys(patch.genders).length ? JSON.stringify(patch.genders) : null;
      await db.updateTable('devices').set(set).where('id', '=', id).execute();
      const updated = await row(id);
      bus.emit('device.updated', { homeId: updated.home_id, deviceId: id, name: updated.name });
      if (updated.disabled === 1 && current.disabled === 0)
        bus.emit('device.revoked', { ...revokedIdentity(updated), reason: 'disabled' });
      return view(updated);
    },
    async delete(id) {
      const current = await row(id);
      await db.deleteFrom('devices').where('id', '=', id).execute();
      bus.emit('device.deleted', { homeId: current.home_id, deviceId: id });
      bus.emit('device.revoked', { ...revokedIdentity(current), reason: 'deleted' });
    },
    rotateSecret: rotate,
    async findByIdentity(productKey, deviceName) {
      const found = await db
        .selectFrom('devices')
        .selectAll()
        .where('product_key', '=', productKey)
        .where('device_name', '=', deviceName)
        .executeTakeFirst();
      if (!found) return null;
      return { device: await view(found), secret: box.open(found.secret) };
    },
    async setOnline(id, online, at) {
      let update = db
        .updateTable('devices')
        .set({ online: online ? 1 : 0, last_seen: at, session_hub: online ? deps.hubId : null })
        .where('id', '=', id);
      // Going offline here says nothing when another hub has taken the device's session since.
      if (!online)
        update = update.where((eb) =>
          eb.or([eb('session_hub', '=', deps.hubId), eb('session_hub', 'is', null)]),
        );
      const changed = await update.executeTakeFirst();
      lastSeenWrites.set(id, at);
      if (Number(changed.numUpdatedRows) === 0) return;
      const device = await db.selectFrom('devices').select('home_id').where('id', '=', id).executeTakeFirst();
      if (device) bus.emit('device.online', { homeId: device.home_id, deviceId: id, online });
    },
    touch(id, at) {
      // lastSeen is written at most every 10 s per device; presence itself comes from the connection.
      if (at - (lastSeenWrites.get(id) ?? 0) < 10_000) return;
      lastSeenWrites.set(id, at);
      db.updateTable('devices')
        .set({ last_seen: at })
        .where('id', '=', id)
        .execute()
        .catch(() => lastSeenWrites.delete(id));
    },
    async createPairingCode(id, ttlMs = 10 * 60_000) {
      await row(id);
      let code = '';
      for (let i = 0; i < 8; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
      const expiresAt = now() + ttlMs;
      await db
        .insertInto('pairing_codes')
        .values({ code, device_id: id, expires_at: expiresAt, used_at: null })
        .execute();
      return { code, expiresAt };
    },
    async claimPairingCode(code, from) {
      if (claimFailures.blockedFor(from) > 0)
        throw new GenioError('rate_limited', { what: 'pairing attempts' });
      const normalized = code.trim().toUpperCase().replace(/[\s-]/g, '');
      const at = now();
      // One-time: the update succeeds for exactly one caller even when two race.
      const claimed = await db
        .updateTable('pairing_codes')
        .set({ used_at: at })
        .where('code', '=', normalized)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('device_id')
        .executeTakeFirst();
      if (!claimed) {
        claimFailures.fail(from);
        throw new GenioError('not_found', { kind: 'pairing code', id: normalized });
      }
      return rotate(claimed.device_id);
    },
  };
}
