/**
 * Imports devices that Zigbee2MQTT, Tasmota, ESPHome and friends announce with Home Assistant MQTT
 * discovery on an external broker. Each entity (one config topic) becomes a Genio device whose
 * product has a thing model built from the config; its state topics feed the shadow, its
 * availability topics its presence, and commands go to its command topics.
 */
import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Principal } from '../../auth/index.js';
import type { Bus } from '../../bus/index.js';
import {
  type DeviceLink,
  type DeviceReply,
  type DevicesModule,
  validatePropertyValues,
} from '../../devices/index.js';
import { GenioError, isGenioError } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import {
  type DiscoveryConfig,
  DiscoveryError,
  type DiscoveryTopic,
  parseDiscoveryConfig,
  parseDiscoveryTopic,
} from './config.js';
import { CommandRefused, type EntityMapping, mapEntity } from './mapping.js';
import { checkTemplate, TemplateValueMissing, UnsupportedTemplate, valueFromPayload } from './template.js';

/** Counters of what the import did since start. */
export interface HaDiscoveryStats {
  /** Entities imported or re-announced with a changed config. */
  imported: number;
  /** Entities removed by an empty config. */
  removed: number;
  /** Configs left out on purpose (unsupported component, disabled by default, diagnostic). */
  skipped: number;
  /** Configs that could not be read (bad JSON, missing topics, ...). */
  invalid: number;
  /** State messages that could not be turned into property values. */
  stateErrors: number;
  /** Commands published. */
  commands: number;
}

/** The running import. */
export interface HaDiscoveryBridge {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether the external broker is connected. */
  connected(): boolean;
  /** Imported entities: discovery config topic -> Genio device id. */
  entities(): Map<string, string>;
  stats(): HaDiscoveryStats;
}

interface Entity {
  topic: string;
  payload: string;
  config: DiscoveryConfig;
  mapping: EntityMapping;
  deviceId: string;
  productKey: string;
  homeId: string;
  /** Availability per topic, and the latest word from any of them. */
  available: Map<string, boolean>;
  latest: boolean | null;
  /** What the registry was last told; null before the first word. */
  online: boolean | null;
  /** State of one entity is applied in arrival order. */
  chain: Promise<void>;
}

/** Products this bridge makes are named with this prefix. */
export const PRODUCT_PREFIX = 'Home Assistant ';
/** The home imported devices join when no home is configured. */
export const DEFAULT_HOME_NAME = 'Home Assistant';

const operator: Principal = {
  tokenId: 'ha-discovery',
  name: 'Home Assistant discovery',
  role: 'operator',
  homeId: null,
};

/**
 * The Genio deviceName of an entity: its unique_id when that fits Genio's rule
 * ([A-Za-z0-9_.:@-], 4 to 32 characters), else a readable head and a hash, so it stays stable.
 */
export function deviceNameFor(uniqueId: string): string {
  const clean = uniqueId.replace(/[^A-Za-z0-9_.:@-]/g, '_');
  if (clean === uniqueId && clean.length >= 4 && clean.length <= 32) return clean;
  const hash = createHash('sha256').update(uniqueId).digest('hex').slice(0, 12);
  return `${clean.slice(0, 19)}_${hash}`;
}

/** The broker URL without credentials, for logs. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}

/** Create the bridge. Nothing connects until start(). */
export function createHaDiscoveryBridge(deps: {
  url: string;
  prefix: string;
  /** Home of imported devices; when unset, a home named "Home Assistant" (created once). */
  homeId?: string | undefined;
  devices: DevicesModule;
  homes: HomeService;
  /** When given, a device deleted in Genio is forgotten here too (and imported again when next announced). */
  bus?: Bus;
  log: Logger;
  clock?: () => number;
  /** Reconnect delay after the broker drops (ms). */
  reconnectPeriod?: number;
}): HaDiscoveryBridge {
  const { devices, log, prefix } = deps;
  const now = deps.clock ?? Date.now;
  const entities = new Map<string, Entity>();
  const byDevice = new Map<string, Entity>();
  const listeners = new Map<string, Set<Entity>>();
  const subscribed = new Set<string>();
  const lastPayload = new Map<string, string>();
  const productKeys = new Map<string, string>();
  const haProducts = new Set<string>();
  const warnedTemplates = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  const stats: HaDiscoveryStats = {
    imported: 0,
    removed: 0,
    skipped: 0,
    invalid: 0,
    stateErrors: 0,
    commands: 0,
  };
  const safeUrl = redact(deps.url);
  let client: MqttClient | null = null;
  let homeId = deps.homeId ?? '';
  let stopping = false;
  let linkRegistered = false;
  let lastError = '';
  // Configs are handled one at a time: products and devices are created once even when configs arrive together.
  let queue: Promise<void> = Promise.resolve();

  /** Run work in the background, logged on failure and awaited by stop(). */
  function track(work: Promise<unknown>, what: string, context: Record<string, unknown> = {}): void {
    const p = work.catch((error: unknown) => log.warn({ err: error, ...context }, what));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function warnTemplateOnce(template: string, context: Record<string, unknown>): void {
    if (warnedTemplates.has(template)) return;
    warnedTemplates.add(template);
    log.warn(
      { template, ...context },
      'home assistant template not supported: the value it reads is ignored',
    );
  }

  // --- subscriptions ----------------------------------------------------------------------------------

  function topicsOf(entity: Entity): string[] {
    return [
      ...new Set([
        ...entity.mapping.readers.map((r) => r.topic),
        ...entity.config.availability.map((a) => a.topic),
      ]),
    ];
  }

  async function listen(entity: Entity): Promise<void> {
    const fresh: string[] = [];
    const known: string[] = [];
    for (const topic of topicsOf(entity)) {
      const set = listeners.get(topic) ?? new Set();
      set.add(entity);
      listeners.set(topic, set);
      (subscribed.has(topic) ? known : fresh).push(topic);
    }
    if (fresh.length && client?.connected) {
      // Marked before the broker answers: an entity gone meanwhile must still unsubscribe.
      for (const t of fresh) subscribed.add(t);
      await client.subscribeAsync(fresh, { qos: 1 }).catch((error: unknown) => {
        for (const t of fresh) subscribed.delete(t);
        throw error;
      });
    }
    // A topic other entities already listen to is not delivered again: replay its last payload.
    for (const topic of known) {
      const last = lastPayload.get(topic);
      if (last !== undefined) deliver(entity, topic, last);
    }
  }

  function unlisten(entity: Entity): void {
    for (const topic of topicsOf(entity)) {
      const set = listeners.get(topic);
      set?.delete(entity);
      if (set && set.size === 0) {
        listeners.delete(topic);
        lastPayload.delete(topic);
        if (subscribed.delete(topic) && client?.connected) client.unsubscribe(topic);
      }
    }
  }

  // --- presence and state -----------------------------------------------------------------------------

  function isAvailable(entity: Entity): boolean {
    const { availability, availabilityMode } = entity.config;
    if (!client?.connected) return false;
    if (availability.length === 0) return true;
    if (availabilityMode === 'all') return availability.every((a) => entity.available.get(a.topic) === true);
    if (availabilityMode === 'any') return availability.some((a) => entity.available.get(a.topic) === true);
    return entity.latest === true;
  }

  async function refreshPresence(entity: Entity): Promise<void> {
    const online = isAvailable(entity);
    if (entity.online === online || stopping) return;
    entity.online = online;
    await devices.registry.setOnline(entity.deviceId, online, now());
    // Values queued while it was away (?queue=true) go out now, as for devices on Genio's own broker.
    if (online)
      track(devices.commands.deliverDesired(entity.deviceId), 'desired state not delivered', {
        deviceId: entity.deviceId,
      });
  }

  function readAvailability(entity: Entity, topic: string, payload: string): void {
    for (const a of entity.config.availability) {
      if (a.topic !== topic) continue;
      let value: string;
      try {
        value = String(valueFromPayload(a.valueTemplate, payload) ?? '');
      } catch (error) {
        if (error instanceof UnsupportedTemplate) warnTemplateOnce(error.template, { topic });
        continue;
      }
      if (value === a.payloadAvailable || value === a.payloadNotAvailable) {
        entity.available.set(topic, value === a.payloadAvailable);
        entity.latest = value === a.payloadAvailable;
      }
    }
  }

  function readState(entity: Entity, topic: string, payload: string): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const reader of entity.mapping.readers) {
      if (reader.topic !== topic) continue;
      try {
        Object.assign(values, reader.read(payload));
      } catch (error) {
        if (error instanceof UnsupportedTemplate) warnTemplateOnce(error.template, { topic });
        else if (!(error instanceof TemplateValueMissing)) {
          stats.stateErrors++;
          log.debug({ err: error, topic, deviceId: entity.deviceId }, 'home assistant state not read');
        }
      }
    }
    return values;
  }

  /** One message on a topic an entity listens to, applied after the entity's earlier messages. */
  function deliver(entity: Entity, topic: string, payload: string): void {
    const work = entity.chain.then(async () => {
      if (entities.get(entity.topic) !== entity || stopping) return;
      readAvailability(entity, topic, payload);
      await refreshPresence(entity);
      const values = readState(entity, topic, payload);
      if (Object.keys(values).length === 0) return;
      const product = await devices.products.get(entity.productKey);
      let checked: ReturnType<typeof validatePropertyValues>;
      try {
        checked = validatePropertyValues(product.thingModel, values);
      } catch (error) {
        stats.stateErrors++;
        log.debug({ err: error, topic, deviceId: entity.deviceId }, 'home assistant state out of range');
        return;
      }
      await devices.shadow.report({ id: entity.deviceId, homeId: entity.homeId }, checked, now());
    });
    entity.chain = work.catch(() => {});
    track(work, 'home assistant state not applied', { topic, deviceId: entity.deviceId });
  }

  // --- products, devices, areas -----------------------------------------------------------------------

  async function ensureProduct(config: DiscoveryConfig, mapping: EntityMapping): Promise<string> {
    const signature = createHash('sha256')
      .update(JSON.stringify([mapping.category, mapping.thingModel]))
      .digest('hex')
      .slice(0, 8);
    const name = `${PRODUCT_PREFIX}${config.component} ${signature}`;
    const cached = productKeys.get(name);
    if (cached) {
      const alive = await devices.products.get(cached).then(
        () => true,
        () => false,
      );
      if (alive) return cached;
      productKeys.delete(name);
    }
    const existing = (await devices.products.list()).find((p) => p.name === name);
    const productKey =
      existing?.productKey ??
      (
        await devices.products.create(
          { name, category: mapping.category, thingModel: mapping.thingModel },
          operator,
        )
      ).productKey;
    productKeys.set(name, productKey);
    haProducts.add(productKey);
    return productKey;
  }

  /** Delete an imported product nobody uses any more. */
  async function dropProductIfUnused(productKey: string): Promise<void> {
    if ((await devices.registry.list({ productKey })).length) return;
    const product = await devices.products.get(productKey).catch(() => null);
    if (!product?.name.startsWith(PRODUCT_PREFIX)) return;
    await devices.products.delete(productKey);
    productKeys.delete(product.name);
    haProducts.delete(productKey);
  }

  async function areaFor(home: string, suggested: string | undefined): Promise<string | null> {
    const name = suggested?.trim();
    if (!name) return null;
    const wanted = name.toLocaleLowerCase();
    const areas = await deps.homes.listAreas(home);
    const found = areas.find(
      (a) => a.name.toLocaleLowerCase() === wanted || a.aliases.some((x) => x.toLocaleLowerCase() === wanted),
    );
    return (found ?? (await deps.homes.createArea(home, { name }))).id;
  }

  async function findOrCreateDevice(
    config: DiscoveryConfig,
    productKey: string,
  ): Promise<{ id: string; homeId: string }> {
    const deviceName = deviceNameFor(config.uniqueId);
    const found = (await devices.registry.findByIdentity(productKey, deviceName))?.device;
    if (found) return { id: found.id, homeId: found.homeId };
    // The entity's features changed (another product): the old device gives way to the new one.
    for (const other of [...haProducts]) {
      if (other === productKey) continue;
      const stale = (await devices.registry.findByIdentity(other, deviceName))?.device;
      // A live entity of another component may share the unique_id (unique per component in Home Assistant).
      if (!stale || byDevice.has(stale.id)) continue;
      await devices.registry.delete(stale.id);
      await dropProductIfUnused(other);
    }
    const areaId = await areaFor(homeId, config.device?.suggestedArea).catch((error: unknown) => {
      log.warn({ err: error, area: config.device?.suggestedArea }, 'home assistant suggested area not used');
      return null;
    });
    const created = await createUniquelyNamed({
      productKey,
      homeId,
      name: config.name,
      deviceName,
      ...(areaId ? { areaId } : {}),
    });
    log.info(
      { uniqueId: config.uniqueId, deviceId: created.id, component: config.component },
      'home assistant entity imported',
    );
    return { id: created.id, homeId: created.homeId };
  }

  // Home Assistant lets two entities of one area share a name; Genio does not, so the later one gets a number.
  async function createUniquelyNamed(input: Parameters<DevicesModule['registry']['create']>[0]) {
    for (let n = 1; ; n++) {
      try {
        return await devices.registry.create(n === 1 ? input : { ...input, name: `${input.name} ${n}` });
      } catch (error) {
        if (n >= 20 || !isGenioError(error) || error.code !== 'conflict' || error.params.field !== 'name')
          throw error;
      }
    }
  }

  // --- discovery --------------------------------------------------------------------------------------

  async function upsert(topic: string, discovery: DiscoveryTopic, payload: string): Promise<void> {
    const previous = entities.get(topic);
    if (previous && previous.payload === payload) {
      // Announced again unchanged (a reconnect, a bridge restart): only presence may have changed.
      await refreshPresence(previous);
      return;
    }
    const config = parseDiscoveryConfig(discovery, payload);
    const twin = [...entities.values()].find(
      (e) =>
        e.topic !== topic && e.config.component === config.component && e.config.uniqueId === config.uniqueId,
    );
    if (twin) throw new DiscoveryError(`unique_id ${config.uniqueId} is already used by ${twin.topic}`);
    const mapping = mapEntity(config);
    for (const { key, names } of mapping.templates) {
      try {
        checkTemplate(config.raw[key] as string, names);
      } catch (error) {
        if (error instanceof UnsupportedTemplate) warnTemplateOnce(error.template, { topic, key });
      }
    }
    if (previous) {
      // The old entity stops listening before its device may be replaced.
      forget(previous);
      await previous.chain;
    }
    const productKey = await ensureProduct(config, mapping);
    const device = await findOrCreateDevice(config, productKey);
    if (previous && previous.deviceId !== device.id) {
      await devices.registry.delete(previous.deviceId).catch(() => {});
      await dropProductIfUnused(previous.productKey);
    }
    const entity: Entity = {
      topic,
      payload,
      config,
      mapping,
      deviceId: device.id,
      productKey,
      homeId: device.homeId,
      available: new Map(),
      latest: null,
      online: null,
      chain: Promise.resolve(),
    };
    entities.set(topic, entity);
    byDevice.set(device.id, entity);
    stats.imported++;
    // Listening before announcing presence: a command or state right after the device shows up must not be lost.
    await listen(entity);
    await entity.chain;
    await refreshPresence(entity);
  }

  /** Stop following an entity (its device stays). */
  function forget(entity: Entity): void {
    unlisten(entity);
    if (entities.get(entity.topic) === entity) entities.delete(entity.topic);
    if (byDevice.get(entity.deviceId) === entity) byDevice.delete(entity.deviceId);
  }

  async function remove(topic: string): Promise<void> {
    const entity = entities.get(topic);
    if (!entity) return;
    forget(entity);
    await entity.chain;
    await devices.registry.delete(entity.deviceId).catch((error: unknown) => {
      if (!(isGenioError(error) && error.code === 'not_found')) throw error;
    });
    await dropProductIfUnused(entity.productKey);
    stats.removed++;
    log.info(
      { uniqueId: entity.config.uniqueId, deviceId: entity.deviceId },
      'home assistant entity removed',
    );
  }

  function onDiscovery(topic: string, discovery: DiscoveryTopic, payload: string): void {
    queue = queue.then(async () => {
      if (stopping) return;
      try {
        if (payload.trim() === '') await remove(topic);
        else await upsert(topic, discovery, payload);
      } catch (error) {
        if (error instanceof DiscoveryError) {
          if (error.skipped) stats.skipped++;
          else stats.invalid++;
          const level = error.skipped ? 'debug' : 'warn';
          log[level]({ topic, reason: error.message }, 'home assistant discovery config not imported');
          // An entity now announced as something Genio leaves out goes away; a broken config keeps the old one.
          if (error.skipped && entities.has(topic)) await remove(topic).catch(() => {});
        } else {
          stats.invalid++;
          log.warn({ err: error, topic }, 'home assistant discovery config failed');
        }
      }
    });
  }

  function onMessage(topic: string, buffer: Buffer): void {
    const payload = buffer.toString('utf8');
    const discovery = parseDiscoveryTopic(prefix, topic);
    if (discovery) {
      onDiscovery(topic, discovery, payload);
      return;
    }
    const set = listeners.get(topic);
    if (!set) return;
    lastPayload.set(topic, payload);
    for (const entity of set) deliver(entity, topic, payload);
  }

  // --- commands -----------------------------------------------------------------------------------------

  function publish(topic: string, payload: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!client?.connected) {
        reject(new GenioError('device_offline', { name: topic }));
        return;
      }
      const timer = setTimeout(() => reject(new GenioError('device_timeout', { timeoutMs })), timeoutMs);
      client.publish(topic, payload, { qos: 1 }, (error) => {
        clearTimeout(timer);
        if (error) reject(new GenioError('unavailable', { reason: error.message }));
        else resolve();
      });
    });
  }

  /** Send what the entity's mapping makes of a command to Home Assistant's command topics. */
  async function command(
    deviceId: string,
    outboundOf: (mapping: EntityMapping) => ReturnType<EntityMapping['invoke']>,
    timeoutMs: number,
  ): Promise<DeviceReply> {
    const entity = byDevice.get(deviceId);
    if (!entity) throw new GenioError('device_offline', { name: deviceId });
    let outbound: ReturnType<EntityMapping['invoke']>;
    try {
      outbound = outboundOf(entity.mapping);
    } catch (error) {
      if (error instanceof CommandRefused || error instanceof UnsupportedTemplate)
        return { code: 460, message: `${entity.config.name}: ${error.message}` };
      throw error;
    }
    if (outbound === null) return { code: 5094, message: `${entity.config.name} has no such service` };
    for (const message of outbound) {
      await publish(message.topic, message.payload, timeoutMs);
      stats.commands++;
    }
    return { code: 200, data: {} };
  }

  const link: DeviceLink = {
    owns: (device) => byDevice.has(device.id) || haProducts.has(device.productKey),
    isConnected: (deviceId) => Boolean(client?.connected && byDevice.get(deviceId)?.online),
    setProperties: (deviceId, values, timeoutMs) =>
      command(deviceId, (mapping) => mapping.write(values), timeoutMs),
    invokeService: (deviceId, service, _params, timeoutMs) =>
      command(deviceId, (mapping) => mapping.invoke(service), timeoutMs),
  };

  // --- lifecycle ----------------------------------------------------------------------------------------

  async function resolveHome(): Promise<void> {
    if (homeId) {
      await deps.homes.getHome(homeId);
      return;
    }
    const homes = await deps.homes.listHomes();
    homeId = (
      homes.find((h) => h.name === DEFAULT_HOME_NAME) ??
      (await deps.homes.createHome({ name: DEFAULT_HOME_NAME, language: 'en' }))
    ).id;
  }

  return {
    async start() {
      stopping = false;
      await resolveHome();
      for (const p of await devices.products.list())
        if (p.name.startsWith(PRODUCT_PREFIX)) {
          haProducts.add(p.productKey);
          productKeys.set(p.name, p.productKey);
        }
      if (!linkRegistered) {
        devices.commands.registerLink(link);
        linkRegistered = true;
      }
      deps.bus?.on('ha-discovery', 'device.deleted', ({ deviceId }) => {
        const entity = byDevice.get(deviceId);
        if (!entity) return;
        // Deleted in Genio: forget it, so the next announcement of the entity imports it afresh.
        forget(entity);
        log.info({ uniqueId: entity.config.uniqueId, deviceId }, 'imported device deleted in Genio');
      });
      const c = mqtt.connect(deps.url, {
        clientId: `genio-ha-${createHash('sha256').update(`${homeId}${prefix}`).digest('hex').slice(0, 10)}-${process.pid}`,
        reconnectPeriod: deps.reconnectPeriod ?? 2000,
        connectTimeout: 10_000,
        clean: true,
        resubscribe: false,
      });
      client = c;
      c.on('message', onMessage);
      c.on('connect', () => {
        lastError = '';
        log.info({ url: safeUrl, prefix }, 'home assistant discovery connected');
        // A clean session starts with no subscriptions: state topics first, then the configs (retained ones come back).
        subscribed.clear();
        const topics = [...listeners.keys()];
        track(
          (async () => {
            if (topics.length) {
              for (const t of topics) subscribed.add(t);
              await c.subscribeAsync(topics, { qos: 1 });
            }
            await c.subscribeAsync([`${prefix}/+/+/config`, `${prefix}/+/+/+/config`], { qos: 1 });
            for (const entity of entities.values()) await refreshPresence(entity);
          })(),
          'home assistant discovery subscription failed',
        );
      });
      c.on('close', () => {
        if (stopping) return;
        for (const entity of entities.values()) {
          // What availability said before the drop is stale: the retained payloads tell again on reconnect.
          entity.available.clear();
          entity.latest = null;
          track(refreshPresence(entity), 'home assistant presence not updated', {
            deviceId: entity.deviceId,
          });
        }
      });
      c.on('error', (error) => {
        // A broker that stays away fails every reconnect the same way: say it once.
        if (error.message === lastError) return;
        lastError = error.message;
        log.warn({ err: error.message, url: safeUrl }, 'home assistant discovery broker error');
      });
    },
    async stop() {
      stopping = true;
      deps.bus?.off('ha-discovery');
      const c = client;
      await queue;
      while (pending.size) await Promise.allSettled([...pending]);
      if (c) {
        c.removeAllListeners('message');
        await c.endAsync();
      }
      client = null;
      // The broker is gone for these devices: say so while storage is still open.
      for (const entity of entities.values()) {
        if (!entity.online) continue;
        entity.online = false;
        await devices.registry
          .setOnline(entity.deviceId, false, now())
          .catch((error: unknown) => log.warn({ err: error }, 'presence update failed'));
      }
    },
    connected: () => Boolean(client?.connected),
    entities: () => new Map([...entities].map(([topic, e]) => [topic, e.deviceId])),
    stats: () => ({ ...stats }),
  };
}
