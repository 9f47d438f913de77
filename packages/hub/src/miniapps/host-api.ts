/**
 * The hub side of the host API. Invariant: the sandbox checks nothing; every call is checked here
 * against the permissions the app's manifest declares AND the household granted, and it reaches
 * only the home the event came from and the app's own data. A refused or failed call is written to
 * the developer's log and reaches the app as an error with a code.
 */
import type { MiniAppManifest, MiniAppPermission } from '@genio/contracts';
import { type HostMethod, hostMethodPermissions, miniAppLimits } from '@genio/contracts';
import type { Kysely } from 'kysely';
import type { Timers } from '../assistant/index.js';
import type { Bus } from '../bus/index.js';
import type { CommerceModule } from '../commerce/index.js';
import { capabilityStates, type DevicesModule } from '../devices/index.js';
import { GenioError, isGenioError, type Language } from '../errors/index.js';
import type { HomeService } from '../homes/index.js';
import type { Database } from '../storage/index.js';
import { fetchAllowed } from './network.js';
import type { HostBridge, JsonValue } from './sandbox/types.js';
import type { MiniAppTables } from './tables.js';

export { type HostMethod, hostMethodPermissions };
/** Every host method, as the sandbox exposes them to every app (the hub decides per call). */
export const hostMethods = Object.keys(hostMethodPermissions) as HostMethod[];

/** Who is calling: one event of one app in one home. */
export interface HostCallContext {
  appId: string;
  version: string;
  manifest: MiniAppManifest;
  homeId: string;
  grants: readonly MiniAppPermission[];
  language: Language;
  /** The conversation the event belongs to. */
  session: string;
}

/** A payment the app asked for, waiting for the household's confirmation. */
export interface PaymentAsk {
  appId: string;
  version: string;
  homeId: string;
  session: string;
  orderId: string;
}

/** Where payment asks go: the platform's confirmation takes them from there. */
export interface PaymentHandover {
  ask(request: PaymentAsk): void;
}

const MAX_KEY = 200;
const MAX_NOTIFICATION = 300;

function object(args: JsonValue, method: string): Record<string, JsonValue> {
  if (args === null || typeof args !== 'object' || Array.isArray(args))
    throw new GenioError('validation_failed', { field: method, reason: 'takes one object argument' });
  return args;
}

function str(
  args: Record<string, JsonValue>,
  name: string,
  max: number,
  required = true,
): string | undefined {
  const value = args[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw new GenioError('validation_failed', {
      field: name,
      reason: `must be text of 1 to ${max} characters`,
    });
  return value;
}

function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Build the host API over the hub's modules. */
export function createHostApi(deps: {
  db: Kysely<Database>;
  bus: Bus;
  devices: DevicesModule;
  homes: HomeService;
  timers: Timers;
  commerce: CommerceModule;
  payments: PaymentHandover;
  /** Timeout and size cap of network.fetch. */
  fetchTimeoutMs?: number;
  fetchMaxBytes?: number;
}) {
  const db = deps.db.withTables<MiniAppTables>();

  function requirePermission(ctx: HostCallContext, method: HostMethod): void {
    const permission = hostMethodPermissions[method];
    const declared = ctx.manifest.permissions.some((p) => p.name === permission);
    if (!declared)
      throw new GenioError('forbidden', {
        action: method,
        reason: `the manifest of ${ctx.appId} does not declare the ${permission} permission`,
      });
    if (!ctx.grants.includes(permission))
      throw new GenioError('forbidden', {
        action: method,
        reason: `the household has not granted ${ctx.appId} the ${permission} permission`,
      });
  }

  const storageQuota = (ctx: HostCallContext) =>
    Math.min(
      ctx.manifest.resources?.storageKb ?? miniAppLimits.storageKb.default,
      miniAppLimits.storageKb.max,
    ) * 1024;

  const mine = (ctx: HostCallContext) =>
    db.selectFrom('miniapp_storage').where('app_id', '=', ctx.appId).where('home_id', '=', ctx.homeId);

  async function homeDevice(ctx: HostCallContext, deviceId: string) {
    const device = await deps.devices.registry.get(deviceId).catch(() => null);
    // Another home's device is as absent as one that never existed.
    if (!device || device.homeId !== ctx.homeId)
      throw new GenioError('not_found', { kind: 'device', id: deviceId });
    return device;
  }

  const handlers: Record<
    HostMethod,
    (ctx: HostCallContext, args: Record<string, JsonValue>) => Promise<JsonValue>
  > = {
    async 'storage.get'(ctx, args) {
      const key = str(args, 'key', MAX_KEY) as string;
      const row = await mine(ctx).select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as JsonValue) : null;
    },
    async 'storage.set'(ctx, args) {
      const key = str(args, 'key', MAX_KEY) as string;
      if (!('value' in args))
        throw new GenioError('validation_failed', { field: 'value', reason: 'is required' });
      const value = JSON.stringify(args.value);
      const bytes = byteLength(key) + byteLength(value);
      const quota = storageQuota(ctx);
      const used = await mine(ctx)
        .select((eb) => eb.fn.sum<number>('bytes').as('total'))
        .where('key', '!=', key)
        .executeTakeFirst();
      if (Number(used?.total ?? 0) + bytes > quota)
        throw new GenioError('payload_too_large', {
          limit: quota,
          field: 'storage',
          reason: 'storage quota exceeded',
        });
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('miniapp_storage')
          .where('app_id', '=', ctx.appId)
          .where('home_id', '=', ctx.homeId)
          .where('key', '=', key)
          .execute();
        await tx
          .insertInto('miniapp_storage')
          .values({ app_id: ctx.appId, home_id: ctx.homeId, key, value, bytes })
          .execute();
      });
      return null;
    },
    async 'storage.delete'(ctx, args) {
      const key = str(args, 'key', MAX_KEY) as string;
      const result = await db
        .deleteFrom('miniapp_storage')
        .where('app_id', '=', ctx.appId)
        .where('home_id', '=', ctx.homeId)
        .where('key', '=', key)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async 'storage.keys'(ctx, args) {
      const prefix = str(args, 'prefix', MAX_KEY, false);
      const rows = await mine(ctx).select('key').orderBy('key').execute();
      return rows.map((r) => r.key).filter((k) => !prefix || k.startsWith(prefix));
    },
    async 'network.fetch'(ctx, args) {
      const url = str(args, 'url', 2000) as string;
      const method = (str(args, 'method', 10, false) ?? 'GET').toUpperCase();
      const body = str(args, 'body', 64 * 1024, false);
      const headers =
        args.headers && typeof args.headers === 'object' && !Array.isArray(args.headers) ? args.headers : {};
      return fetchAllowed({
        url,
        method,
        body,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
        allowlist: ctx.manifest.network?.allowlist ?? [],
        timeoutMs: deps.fetchTimeoutMs ?? 5000,
        maxBytes: deps.fetchMaxBytes ?? 256 * 1024,
      });
    },
    async 'devices.list'(ctx, args) {
      const capability = str(args, 'capability', 40, false);
      const devices = await deps.devices.registry.list({ homeId: ctx.homeId });
      const out: JsonValue[] = [];
      for (const device of devices) {
        const product = await deps.devices.products.get(device.productKey);
        const states = capabilityStates(product.resolved, device.properties);
        if (capability && !states.some((s) => s.name === capability)) continue;
        out.push({
          id: device.id,
          name: device.name,
          category: device.category,
          areaId: device.areaId,
          online: device.online,
          capabilities: JSON.parse(JSON.stringify(states)) as JsonValue,
        });
      }
      return out;
    },
    async 'devices.control'(ctx, args) {
      const values = args.values;
      if (!values || typeof values !== 'object' || Array.isArray(values) || !Object.keys(values).length)
        throw new GenioError('validation_failed', {
          field: 'values',
          reason: 'must name capabilities and their values',
        });
      const deviceId = str(args, 'deviceId', 64, false);
      const category = str(args, 'category', 40, false);
      if (!deviceId === !category)
        throw new GenioError('validation_failed', {
          field: 'deviceId',
          reason: 'give a deviceId or a category',
        });
      const targets = deviceId
        ? [await homeDevice(ctx, deviceId)]
        : await deps.devices.registry.list({ homeId: ctx.homeId, category: category as string });
      if (!targets.length) throw new GenioError('not_found', { kind: 'device of category', id: category });
      const results: JsonValue[] = [];
      for (const device of targets) {
        // The path the assistant's own commands take: capabilities in, the device's reply out.
        const result = await deps.devices.commands.setCapabilities(device.id, values);
        results.push({ deviceId: device.id, status: result.status });
      }
      return results;
    },
    async 'timers.start'(ctx, args) {
      const seconds = args.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
        throw new GenioError('validation_failed', {
          field: 'seconds',
          reason: 'must be a whole number from 1 to 86400',
        });
      const name = str(args, 'name', 60, false) ?? ctx.manifest.name[ctx.language] ?? ctx.manifest.name.en;
      const timer = await deps.timers.start(ctx.homeId, seconds, ctx.language, name);
      await db
        .insertInto('miniapp_timers')
        .values({ timer_id: timer.id, app_id: ctx.appId, home_id: ctx.homeId })
        .execute();
      return { timerId: timer.id, endsAt: timer.endsAt };
    },
    async 'timers.cancel'(ctx, args) {
      const timerId = str(args, 'timerId', 64) as string;
      const own = await db
        .selectFrom('miniapp_timers')
        .select('timer_id')
        .where('timer_id', '=', timerId)
        .where('app_id', '=', ctx.appId)
        .where('home_id', '=', ctx.homeId)
        .executeTakeFirst();
      if (!own) throw new GenioError('not_found', { kind: 'timer of this app', id: timerId });
      await db.deleteFrom('miniapp_timers').where('timer_id', '=', timerId).execute();
      return deps.timers.cancelById(ctx.homeId, timerId);
    },
    async 'notifications.send'(ctx, args) {
      const title = str(args, 'title', 80) as string;
      const text = str(args, 'text', MAX_NOTIFICATION) as string;
      deps.bus.emit('miniapp.notification', { homeId: ctx.homeId, appId: ctx.appId, title, text });
      return null;
    },
    async 'payments.request'(ctx, args) {
      const merchant = ctx.manifest.payments;
      if (!merchant)
        throw new GenioError('forbidden', {
          action: 'payments.request',
          reason: 'no payments in the manifest',
        });
      if ('amount' in args && !('items' in args))
        throw new GenioError('validation_failed', {
          field: 'items',
          reason: "an order is priced from the merchant's menu: give items [{ ref, quantity }]",
        });
      const items = args.items;
      if (!Array.isArray(items) || !items.length)
        throw new GenioError('validation_failed', { field: 'items', reason: 'must list 1 to 50 items' });
      const storeRef = str(args, 'storeRef', 64, false);
      const home = await deps.homes.getHome(ctx.homeId);
      const order = await deps.commerce.orders.place(
        ctx.homeId,
        `miniapp:${ctx.appId}`,
        {
          merchantId: merchant.merchantId,
          ...(storeRef ? { storeRef } : {}),
          items: items.map((item, i) => {
            const line = object(item, `items/${i}`);
            return {
              ref: String(line.ref ?? ''),
              quantity: typeof line.quantity === 'number' ? line.quantity : 1,
              options: (line.options && typeof line.options === 'object' ? line.options : {}) as Record<
                string,
                string[]
              >,
            };
          }),
        },
        home.location,
      );
      if (order.total > merchant.maxPerOrder) {
        await deps.commerce.orders.move(order.id, 'cancelled', {
          eventId: `miniapp-limit:${order.id}`,
          actor: `miniapp:${ctx.appId}`,
        });
        throw new GenioError('validation_failed', {
          field: 'items',
          reason: `the order costs ${order.total}, over the app's maxPerOrder of ${merchant.maxPerOrder}`,
        });
      }
      // The app learns the outcome only in a later `payment` event, after the household confirms.
      deps.payments.ask({
        appId: ctx.appId,
        version: ctx.version,
        homeId: ctx.homeId,
        session: ctx.session,
        orderId: order.id,
      });
      return { orderId: order.id, status: 'awaiting_confirmation' };
    },
    async 'location.get'(ctx) {
      const home = await deps.homes.getHome(ctx.homeId);
      if (!home.location) return null;
      // Coarse: two decimals is about a kilometre.
      return {
        lat: Math.round(home.location.lat * 100) / 100,
        lon: Math.round(home.location.lon * 100) / 100,
      };
    },
  };

  return {
    /** The bridge one event's host calls go through; `onError` hears every refused or failed call. */
    bridge(ctx: HostCallContext, onError: (method: string, error: GenioError) => void): HostBridge {
      return {
        async call(method, args) {
          try {
            if (!(method in handlers)) throw new GenioError('not_found', { kind: 'host method', id: method });
            const name = method as HostMethod;
            requirePermission(ctx, name);
            return await handlers[name](ctx, object(args ?? {}, method));
          } catch (error) {
            const genio = isGenioError(error) ? error : new GenioError('internal', {}, { cause: error });
            // The app and its developer need the why, not only the code's sentence.
            const reason = genio.params.reason;
            if (typeof reason === 'string' && !genio.message.includes(reason))
              genio.message = `${genio.message} ${reason}`;
            onError(method, genio);
            throw genio;
          }
        },
      };
    },
  };
}

/** The host API. */
export type HostApi = ReturnType<typeof createHostApi>;
