/**
 * A home for tests: storage in memory (with the manifest's quota), devices whose commands are recorded,
 * payments that are recorded and never charge, timers and notifications that are recorded. Every host
 * call is checked like the hub checks it: the manifest must declare the permission and the household
 * must have granted it.
 */
import type { JsonValue } from '../events.js';
import type { HostDevice } from '../host.js';
import {
  defaultResources,
  type HostMethod,
  hostMethodPermissions,
  type Manifest,
  type Permission,
} from '../manifest.js';

/** A refusal from the fake hub, with the code the real hub uses. */
export class HostCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostCallError';
  }
}

/** What a test may set up in the fake home. */
export interface FakeHomeOptions {
  homeId?: string;
  devices?: HostDevice[];
  /** The home's location (default Milan); `null` for a home without one. */
  location?: { lat: number; lon: number } | null;
  /** The merchant's menu: item ref -> price in minor units (what `payments.request` is priced from). */
  menu?: Record<string, number>;
  /** Answers `network.fetch` for allowlisted hosts; without it the harness refuses every fetch. */
  fetch?: (request: {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string | null;
  }) =>
    | { status: number; headers?: Record<string, string>; body: string }
    | Promise<{ status: number; headers?: Record<string, string>; body: string }>;
  /** The permissions the household granted; default: every permission the manifest declares. */
  grants?: readonly Permission[];
}

/** A device command the app sent. */
export interface RecordedCommand {
  deviceId: string;
  capability: string;
  value: JsonValue;
}

/** A payment the app asked for: its lines and their total from the menu. */
export interface RecordedPayment {
  orderId: string;
  total: number;
  items: Array<{ ref: string; quantity: number }>;
}

/** The fake home's state, for assertions. */
export interface FakeHome {
  readonly homeId: string;
  readonly storage: Map<string, JsonValue>;
  readonly devices: HostDevice[];
  readonly commands: RecordedCommand[];
  readonly payments: RecordedPayment[];
  readonly timers: Array<{ timerId: string; seconds: number; name: string | null; cancelled: boolean }>;
  readonly notifications: Array<{ title: string; text: string }>;
  readonly calls: Array<{ method: string; args: JsonValue }>;
  grants: Set<Permission>;
  call(method: string, args: JsonValue): Promise<JsonValue>;
}

const obj = (args: JsonValue): Record<string, JsonValue> =>
  args && typeof args === 'object' && !Array.isArray(args) ? args : {};
const str = (args: JsonValue, name: string): string => {
  const value = obj(args)[name];
  if (typeof value !== 'string' || !value)
    throw new HostCallError('validation_failed', `${name} must be a non-empty string`);
  return value;
};

/** Make a fake home for one app. */
export function createFakeHome(manifest: Manifest, options: FakeHomeOptions = {}): FakeHome {
  const declared = new Set(manifest.permissions.map((p) => p.name));
  const quotaBytes = (manifest.resources?.storageKb ?? defaultResources.storageKb) * 1024;
  const allowlist = manifest.network?.allowlist ?? [];
  let orders = 0;
  let timers = 0;
  const home: FakeHome = {
    homeId: options.homeId ?? 'home_test',
    storage: new Map(),
    devices: options.devices ?? [],
    commands: [],
    payments: [],
    timers: [],
    notifications: [],
    calls: [],
    grants: new Set(options.grants ?? declared),
    async call(method, args) {
      home.calls.push({ method, args });
      const permission = hostMethodPermissions[method as HostMethod] as Permission | undefined;
      if (!permission) throw new HostCallError('not_found', `there is no host method ${method}`);
      if (!declared.has(permission))
        throw new HostCallError(
          'permission_denied',
          `${method} needs the "${permission}" permission in the manifest`,
        );
      if (!home.grants.has(permission))
        throw new HostCallError('forbidden', `the household did not grant "${permission}"`);
      return run(method as HostMethod, args);
    },
  };
  const used = () => [...home.storage].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);

  async function run(method: HostMethod, args: JsonValue): Promise<JsonValue> {
    switch (method) {
      case 'storage.get':
        return home.storage.get(str(args, 'key')) ?? null;
      case 'storage.set': {
        const key = str(args, 'key');
        const before = home.storage.get(key);
        home.storage.set(key, obj(args).value ?? null);
        if (used() > quotaBytes) {
          if (before === undefined) home.storage.delete(key);
          else home.storage.set(key, before);
          throw new HostCallError(
            'quota_exceeded',
            `storage is over the app's quota of ${quotaBytes / 1024} KB`,
          );
        }
        return null;
      }
      case 'storage.delete':
        return home.storage.delete(str(args, 'key'));
      case 'storage.keys': {
        const prefix = typeof obj(args).prefix === 'string' ? (obj(args).prefix as string) : '';
        return [...home.storage.keys()].filter((k) => k.startsWith(prefix));
      }
      case 'network.fetch': {
        const url = new URL(str(args, 'url'));
        if (!allowlist.includes(url.hostname))
          throw new HostCallError(
            'host_not_allowed',
            `${url.hostname} is not on the manifest's network.allowlist`,
          );
        if (!options.fetch)
          throw new HostCallError(
            'unavailable',
            'this test home answers no fetch (createTestHarness({ home: { fetch } }))',
          );
        const a = obj(args);
        const answer = await options.fetch({
          url: url.href,
          method: typeof a.method === 'string' ? a.method : 'GET',
          headers: (a.headers as Record<string, string>) ?? {},
          body: typeof a.body === 'string' ? a.body : null,
        });
        return { status: answer.status, headers: answer.headers ?? {}, body: answer.body };
      }
      case 'devices.list': {
        const capability = obj(args).capability;
        return home.devices.filter(
          (d) => !capability || d.capabilities.some((c) => c.name === capability),
        ) as unknown as JsonValue;
      }
      case 'devices.control': {
        const a = obj(args);
        const values = a.values;
        if (!values || typeof values !== 'object' || Array.isArray(values) || !Object.keys(values).length)
          throw new HostCallError('validation_failed', 'values must name capabilities and their values');
        if (!a.deviceId === !a.category)
          throw new HostCallError('validation_failed', 'give a deviceId or a category');
        const targets = home.devices.filter((d) =>
          a.deviceId ? d.id === a.deviceId : d.category === a.category,
        );
        if (!targets.length) throw new HostCallError('not_found', 'no device matches deviceId or category');
        for (const device of targets) {
          for (const [capability, value] of Object.entries(values)) {
            home.commands.push({ deviceId: device.id, capability, value });
            const state = device.capabilities.find((c) => c.name === capability);
            if (state) state.value = value;
          }
        }
        return targets.map((d) => ({ deviceId: d.id, status: 'replied' }));
      }
      case 'timers.start': {
        const seconds = obj(args).seconds;
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
          throw new HostCallError('validation_failed', 'seconds must be a whole number from 1 to 86400');
        const timerId = `timer_${++timers}`;
        const name = obj(args).name;
        home.timers.push({
          timerId,
          seconds,
          name: typeof name === 'string' ? name : null,
          cancelled: false,
        });
        return { timerId, endsAt: Date.now() + seconds * 1000 };
      }
      case 'timers.cancel': {
        const timer = home.timers.find((t) => t.timerId === str(args, 'timerId'));
        if (!timer) throw new HostCallError('not_found', 'no such timer');
        timer.cancelled = true;
        return true;
      }
      case 'notifications.send':
        home.notifications.push({ title: str(args, 'title'), text: str(args, 'text') });
        return null;
      case 'payments.request': {
        const items = obj(args).items;
        if (!Array.isArray(items) || !items.length)
          throw new HostCallError(
            'validation_failed',
            "items must list the menu's items: [{ ref, quantity }]",
          );
        const menu = options.menu ?? {};
        const lines = items.map((item, i) => {
          const line = obj(item);
          const ref = String(line.ref ?? '');
          const price = menu[ref];
          if (price === undefined)
            throw new HostCallError(
              'not_found',
              `items[${i}]: the merchant's menu has no "${ref}" (the test home's menu: createTestHarness({ home: { menu } }))`,
            );
          return { ref, quantity: typeof line.quantity === 'number' ? line.quantity : 1, price };
        });
        const total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
        const max = manifest.payments?.maxPerOrder ?? 0;
        if (total > max)
          throw new HostCallError(
            'validation_failed',
            `the order costs ${total}, over the app's maxPerOrder of ${max}`,
          );
        const orderId = `order_${++orders}`;
        home.payments.push({ orderId, total, items: lines.map(({ ref, quantity }) => ({ ref, quantity })) });
        return { orderId, status: 'awaiting_confirmation' };
      }
      case 'location.get':
        return (options.location ?? {
          city: 'Milano',
          country: 'IT',
          latitude: 45.5,
          longitude: 9.2,
        }) as unknown as JsonValue;
    }
  }
  return home;
}
