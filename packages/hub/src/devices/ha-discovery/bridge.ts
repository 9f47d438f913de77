/**
 * Imports devices that Zigbee2MQTT, Tasmota, ESPHome and friends announce with Home Assistant MQTT
 * discovery on an external broker. Each entity becomes a Genio device whose product has a thing
 * model built from the config; its state topics feed the shadow, commands go to its command topics.
 */
import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Principal } from '../../auth/index.js';
import { GenioError, isGenioError } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import type { DeviceDriver } from '../commands.js';
import type { DeviceReply } from '../gateway.js';
import type { DevicesModule } from '../module.js';
import { validatePropertyValues } from '../tsl/index.js';
import {
  type Availability,
  type DiscoveryConfig,
  parseDiscoveryConfig,
  parseDiscoveryTopic,
} from './config.js';
import { type EntityMapping, mapEntity, type StateReader } from './mapping.js';
import { valueFromPayload } from './template.js';

/** The running import. */
export interface HaDiscoveryBridge {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Imported entities by unique id -> Genio device id. */
  entities(): Map<string, string>;
}

interface Entity {
  config: DiscoveryConfig;
  mapping: EntityMapping;
  deviceId: string;
  productKey: string;
  available: Map<string, boolean>;
  online: boolean;
}

const operator: Principal = {
  tokenId: 'ha-discovery',
  name: 'Home Assistant discovery',
  role: 'operator',
  homeId: null,
};
const HOME_NAME = 'Home Assistant';

function deviceNameFor(uniqueId: string): string {
  const clean = uniqueId.replace(/[^A-Za-z0-9_\-@.:]/g, '_');
  if (clean.length <= 64) return clean;
  return `${clean.slice(0, 50)}_${createHash('sha256').update(uniqueId).digest('hex').slice(0, 12)}`;
}

/** Create the bridge. Nothing connects until start(). */
export function createHaDiscoveryBridge(deps: {
  url: string;
  prefix: string;
  homeId?: string | undefined;
  devices: DevicesModule;
  homes: HomeService;
  log: Logger;
  clock?: () => number;
}): HaDiscoveryBridge {
  const { devices, log, prefix } = deps;
  const now = deps.clock ?? Date.now;
  const entities = new Map<string, Entity>();
  const byDevice = new Map<string, Entity>();
  const readers = new Map<string, Set<{ entity: Entity; reader: StateReader }>>();
  const watchers = new Map<string, Set<{ entity: Entity; availability: Availability }>>();
  const lastPayload = new Map<string, string>();
  let client: MqttClient | null = null;
  let homeId = deps.homeId ?? '';
  // Configs are handled one at a time: products and devices are created once even when configs arrive together.
  let queue: Promise<void> = Promise.resolve();

  async function watch(topics: string[]): Promise<void> {
    if (!client || topics.length === 0) return;
    await client.subscribeAsync(topics, { qos: 1 });
  }

  function unwatch(entity: Entity): void {
    for (const [topic, set] of [...readers, ...watchers] as Array<[string, Set<{ entity: Entity }>]>) {
      for (const item of set) if (item.entity === entity) set.delete(item);
      if (set.size === 0 && !readers.get(topic)?.size && !watchers.get(topic)?.size) {
        readers.delete(topic);
        watchers.delete(topic);
        lastPayload.delete(topic);
        client?.unsubscribe(topic);
      }
    }
  }

  async function ensureProduct(config: DiscoveryConfig, mapping: EntityMapping): Promise<string> {
    const signature = createHash('sha256')
      .update(JSON.stringify(mapping.thingModel))
      .digest('hex')
      .slice(0, 8);
    const name = `Home Assistant ${config.component} ${signature}`;
    const existing = (await devices.products.list()).find((p) => p.name === name);
    if (existing) return existing.productKey;
    return (
      await devices.products.create(
        { name, category: mapping.category, thingModel: mapping.thingModel },
        operator,
      )
    ).productKey;
  }

  async function setOnline(entity: Entity, online: boolean): Promise<void> {
    if (entity.online === online) return;
    entity.online = online;
    await devices.registry.setOnline(entity.deviceId, online, now());
  }

  async function upsert(config: DiscoveryConfig): Promise<void> {
    const mapping = mapEntity(config);
    const previous = entities.get(config.uniqueId);
    if (previous) {
      unwatch(previous);
      byDevice.delete(previous.deviceId);
    }
    const productKey = await ensureProduct(config, mapping);
    const deviceName = deviceNameFor(config.uniqueId);
    let deviceId = (await devices.registry.findByIdentity(productKey, deviceName))?.device.id;
    if (!deviceId) {
      // The entity's features changed (a new product): the old device gives way to the new one.
      for (const stale of await devices.registry.list({ homeId })) {
        if (stale.deviceName === deviceName && stale.productKey !== productKey)
          await devices.registry.delete(stale.id);
      }
      deviceId = (
        await devices.registry.create({ productKey, homeId, name: config.name.slice(0, 100), deviceName })
      ).id;
      log.info(
        { uniqueId: config.uniqueId, deviceId, component: config.component },
        'home assistant entity imported',
      );
    }
    const entity: Entity = { config, mapping, deviceId, productKey, available: new Map(), online: false };
    entities.set(config.uniqueId, entity);
    byDevice.set(deviceId, entity);
    for (const reader of mapping.readers) {
      const set = readers.get(reader.topic) ?? new Set();
      set.add({ entity, reader });
      readers.set(reader.topic, set);
    }
    for (const availability of config.availability) {
      const set = watchers.get(availability.topic) ?? new Set();
      set.add({ entity, availability });
      watchers.set(availability.topic, set);
    }
    // Listening before announcing presence: a command or state right after the device shows up must not be lost.
    await watch([...mapping.readers.map((r) => r.topic), ...config.availability.map((a) => a.topic)]);
    // Topics other entities already listen to are not delivered again (the client subscribes once): replay the last payload.
    for (const availability of config.availability) {
      const last = lastPayload.get(availability.topic);
      if (last !== undefined) await onAvailability(entity, availability, last);
    }
    for (const reader of mapping.readers) {
      const last = lastPayload.get(reader.topic);
      if (last !== undefined)
        await onState(entity, reader, last).catch((error: unknown) =>
          log.warn({ err: error }, 'home assistant state ignored'),
        );
    }
    await setOnline(
      entity,
      config.availability.length === 0 ||
        config.availability.every((a) => entity.available.get(a.topic) === true),
    );
  }

  async function remove(uniqueId: string): Promise<void> {
    const entity = entities.get(uniqueId);
    if (!entity) return;
    unwatch(entity);
    entities.delete(uniqueId);
    byDevice.delete(entity.deviceId);
    await devices.registry.delete(entity.deviceId);
    log.info({ uniqueId, deviceId: entity.deviceId }, 'home assistant entity removed');
  }

  async function onState(entity: Entity, reader: StateReader, payload: string): Promise<void> {
    const values = reader.read(payload);
    if (Object.keys(values).length === 0) return;
    const product = await devices.products.get(entity.productKey);
    const checked = validatePropertyValues(product.thingModel, values);
    await devices.shadow.report({ id: entity.deviceId, homeId }, checked, now());
  }

  async function onAvailability(entity: Entity, availability: Availability, payload: string): Promise<void> {
    const value = String(valueFromPayload(availability.valueTemplate, payload));
    if (value !== availability.payloadAvailable && value !== availability.payloadNotAvailable) return;
    entity.available.set(availability.topic, value === availability.payloadAvailable);
    const all = entity.config.availability.every((a) => entity.available.get(a.topic) === true);
    await setOnline(entity, all);
  }

  function onMessage(topic: string, buffer: Buffer): void {
    const payload = buffer.toString('utf8');
    const discovery = parseDiscoveryTopic(prefix, topic);
    if (discovery) {
      queue = queue.then(async () => {
        try {
          if (payload.trim() === '') {
            const uniqueId = [...entities.values()].find(
              (e) => e.config.component === discovery.component && topicIdOf(e) === discovery.objectId,
            )?.config.uniqueId;
            if (uniqueId) await remove(uniqueId);
            return;
          }
          const config = parseDiscoveryConfig(discovery, payload);
          topicIds.set(config.uniqueId, discovery.objectId);
          await upsert(config);
        } catch (error) {
          log.warn({ err: error, topic }, 'home assistant discovery config ignored');
        }
      });
      return;
    }
    if (readers.has(topic) || watchers.has(topic)) lastPayload.set(topic, payload);
    for (const { entity, reader } of readers.get(topic) ?? []) {
      onState(entity, reader, payload).catch((error: unknown) =>
        log.warn({ err: error, topic, deviceId: entity.deviceId }, 'home assistant state ignored'),
      );
    }
    for (const { entity, availability } of watchers.get(topic) ?? []) {
      onAvailability(entity, availability, payload).catch((error: unknown) =>
        log.warn({ err: error, topic }, 'home assistant availability ignored'),
      );
    }
  }

  // The object id of the discovery topic an entity came from, so an empty config on that topic removes it.
  const topicIds = new Map<string, string>();
  const topicIdOf = (e: Entity) => topicIds.get(e.config.uniqueId);

  function publish(topic: string, payload: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!client?.connected) {
        reject(new GenioError('device_offline', { deviceId: topic }));
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

  const driver: DeviceDriver = {
    owns: (device) => byDevice.has(device.id),
    isConnected: (deviceId) => Boolean(client?.connected && byDevice.get(deviceId)?.online),
    async request(deviceId, topicSuffix, method, params, timeoutMs): Promise<DeviceReply> {
      const entity = byDevice.get(deviceId);
      if (!entity) throw new GenioError('device_offline', { deviceId });
      const values = (params ?? {}) as Record<string, unknown>;
      const outbound =
        method === 'thing.service.property.set'
          ? entity.mapping.write(values)
          : entity.mapping.invoke(topicSuffix.replace(/^service\//, ''));
      if (outbound === null) return { code: 5094, message: `${entity.config.name} has no such service` };
      if (outbound.length === 0)
        return { code: 460, message: `${entity.config.name} has no command topic for that` };
      try {
        for (const message of outbound) await publish(message.topic, message.payload, timeoutMs);
      } catch (error) {
        if (isGenioError(error)) throw error;
        throw new GenioError('unavailable', { reason: String(error) });
      }
      return { code: 200, data: {} };
    },
  };

  return {
    async start() {
      if (!homeId) {
        const homes = await deps.homes.listHomes();
        homeId = (
          homes.find((h) => h.name === HOME_NAME) ??
          (await deps.homes.createHome({ name: HOME_NAME, language: 'en' }))
        ).id;
      } else {
        await deps.homes.getHome(homeId);
      }
      devices.commands.registerDriver(driver);
      client = mqtt.connect(deps.url, {
        clientId: `genio-ha-${createHash('sha256').update(`${homeId}${prefix}`).digest('hex').slice(0, 10)}-${process.pid}`,
        reconnectPeriod: 2000,
        connectTimeout: 10_000,
        clean: true,
      });
      client.on('message', onMessage);
      client.on('connect', () => {
        log.info({ url: deps.url, prefix }, 'home assistant discovery connected');
        client?.subscribe(
          [`${prefix}/+/+/config`, `${prefix}/+/+/+/config`, ...readers.keys(), ...watchers.keys()],
          { qos: 1 },
        );
      });
      client.on('close', () => {
        for (const entity of entities.values()) {
          setOnline(entity, false).catch((error: unknown) =>
            log.warn({ err: error }, 'presence update failed'),
          );
        }
      });
      client.on('error', (error) =>
        log.warn({ err: error, url: deps.url }, 'home assistant discovery broker error'),
      );
    },
    async stop() {
      await queue;
      await client?.endAsync();
      client = null;
    },
    entities: () => new Map([...entities].map(([id, e]) => [id, e.deviceId])),
  };
}
