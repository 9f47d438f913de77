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
  location?: { city: string | null; country: string | null; latitude: number; longitude: number };
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

/** A payment the app asked for. */
export interface RecordedPayment {
  orderId: string;
  amount: number;
  currency: string;
  description: string;
  items: JsonValue;
}

/** The fake home's state, for assertions. */
export interface FakeHome {
  readonly homeId: string;
  readonly storage: Map<string, JsonValue>;
  readonly devices: HostDevice[];
  readonly commands: RecordedCommand[];
  readonly payments: RecordedPayment[];
  readonly timers: Array<{ timerId: string; seconds: number; label: string | null; cancelled: boolean }>;
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
    throw new HostCallError('bad_request', `${name} must be a non-empty string`);
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
        throw new HostCallError('permission_denied', `the household did not grant "${permission}"`);
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
        home.storage.delete(str(args, 'key'));
        return null;
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
        const category = obj(args).category;
        return home.devices.filter((d) => !category || d.category === category) as unknown as JsonValue;
      }
      case 'devices.control': {
        const a = obj(args);
        const capability = str(args, 'capability');
        const targets = home.devices.filter((d) =>
          a.deviceId ? d.id === a.deviceId : a.category ? d.category === a.category : false,
        );
        if (!targets.length) throw new HostCallError('not_found', 'no device matches deviceId or category');
        for (const device of targets) {
          home.commands.push({ deviceId: device.id, capability, value: a.value ?? null });
          device.state[capability] = a.value ?? null;
        }
        return { controlled: targets.map((d) => d.id) };
      }
      case 'timers.start': {
        const seconds = obj(args).seconds;
        if (typeof seconds !== 'number' || seconds <= 0)
          throw new HostCallError('bad_request', 'seconds must be a positive number');
        const timerId = `timer_${++timers}`;
        const label = obj(args).label;
        home.timers.push({
          timerId,
          seconds,
          label: typeof label === 'string' ? label : null,
          cancelled: false,
        });
        return { timerId };
      }
      case 'timers.cancel': {
        const timer = home.timers.find((t) => t.timerId === str(args, 'timerId'));
        if (!timer) throw new HostCallError('not_found', 'no such timer');
        timer.cancelled = true;
        return null;
      }
      case 'notifications.send':
        home.notifications.push({ title: str(args, 'title'), text: str(args, 'text') });
        return null;
      case 'payments.request': {
        const a = obj(args);
        const amount = a.amount;
        if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0)
          throw new HostCallError('bad_request', 'amount must be a positive integer in minor units');
        const max = manifest.payments?.maxPerOrder;
        if (max !== undefined && amount > max)
          throw new HostCallError(
            'payment_limit',
            `amount ${amount} is over the manifest's maxPerOrder ${max}`,
          );
        const orderId = `order_${++orders}`;
        home.payments.push({
          orderId,
          amount,
          currency: str(args, 'currency'),
          description: str(args, 'description'),
          items: a.items ?? null,
        });
        return { orderId, status: 'pending' };
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
