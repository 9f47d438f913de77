/**
 * The MQTT side of the devices module. Invariant: a device touches only its own topics —
 * every subscription and publish of a device client is checked against its own topic space.
 */
import type { Client, PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { Bus } from '../bus/index.js';
import { GenioError, isGenioError } from '../errors/index.js';
import { createFailureLimiter } from '../limits/index.js';
import type { Metrics } from '../metrics/index.js';
import type { Broker } from '../mqtt/index.js';
import {
  buildReply,
  buildRequest,
  deviceSpaceFilters,
  isInDeviceSpace,
  parseConnectCredentials,
  parseDeviceTopic,
  parseRequest,
  verifyPassword,
} from './alink/index.js';
import type { DeviceLink } from './link.js';
import type { ProductService } from './products.js';
import { createRateLimiter } from './rate-limit.js';
import type { DeviceRegistry } from './registry.js';
import type { Shadow } from './shadow.js';
import { validateEventOutput, validatePropertyValues } from './tsl/index.js';

/** Who a connected client is. */
interface Identity {
  deviceId: string;
  homeId: string;
  productKey: string;
  deviceName: string;
  prefix: string;
}

/** A device's answer to a hub request. */
export interface DeviceReply {
  code: number;
  message?: string;
  data?: unknown;
}

/** The Alink link over the embedded broker: sends requests to devices and keeps presence. */
export interface DeviceGateway extends Omit<DeviceLink, 'owns'> {
  isConnected(deviceId: string): boolean;
  /** Publish a request to a device and wait for its `_reply`, or throw device_timeout / device_offline. */
  request(
    deviceId: string,
    topicSuffix: string,
    method: string,
    params: unknown,
    timeoutMs: number,
  ): Promise<DeviceReply>;
  /** Called when a connected device subscribes to its property-set topic, to deliver what waited for it. */
  onOnline(handler: (deviceId: string) => void): void;
  start(): void;
  stop(): Promise<void>;
}

/** Whether an MQTT filter (with + and #) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

// A dropped publish is re-routed here; devices cannot subscribe to it (their ACL refuses it), so it reaches nobody.
const BLACK_HOLE = '$genio/dropped';

/** Create the gateway over the embedded broker. */
export function createDeviceGateway(deps: {
  broker: Broker;
  registry: DeviceRegistry;
  products: ProductService;
  shadow: Shadow;
  bus: Bus;
  log: Logger;
  metrics: Metrics;
  maxPayload: number;
  rateLimit: number;
  clock?: () => number;
}): DeviceGateway {
  const { broker, registry, products, shadow, log } = deps;
  const now = deps.clock ?? Date.now;
  const identities = new WeakMap<Client, Identity>();
  const connected = new Map<string, Client>();
  const pending = new Map<
    string,
    {
      deviceId: string;
      resolve: (r: DeviceReply) => void;
      reject: (error: GenioError) => void;
      timer: NodeJS.Timeout;
      /** For property sets: the values asked for, so that a post confirming them counts as the reply. */
      setValues?: Record<string, unknown>;
    }
  >();
  const onlineHandlers: Array<(deviceId: string) => void> = [];
  const limiter = createRateLimiter(deps.rateLimit, deps.rateLimit * 2);
  // Wrong-secret CONNECTs for one device: five are free, then a wait that doubles up to five minutes.
  const signInFailures = createFailureLimiter({
    freeFailures: 5,
    baseDelayMs: 1000,
    maxDelayMs: 5 * 60_000,
    forgetAfterMs: 15 * 60_000,
    clock: now,
  });
  // The device each MQTT client id belongs to: another device may not take it over, connected or not.
  const sessionOwners = new Map<string, string>();
  let nextId = Math.floor(Math.random() * 1_000_000);
  const announceReady = (deviceId: string) => {
    for (const handler of onlineHandlers) handler(deviceId);
  };

  const refused = new Counter({
    name: 'genio_mqtt_refused_total',
    help: 'MQTT operations refused, by kind (auth, lockout, client_id, subscribe, publish, retain, payload, rate)',
    labelNames: ['kind'],
    registers: [deps.metrics.registry],
  });
  const messages = new Counter({
    name: 'genio_device_messages_total',
    help: 'Device messages handled, by kind and result code',
    labelNames: ['kind', 'code'],
    registers: [deps.metrics.registry],
  });

  // aedes hands a publish to its emitter, which queues beyond its concurrency and drains that queue
  // recursively: a burst of thousands of downlinks (one group commit answering every device at once)
  // overflowed the stack. Downlinks are therefore fed to it a bounded number at a time.
  const DOWNLINKS_IN_FLIGHT = 64;
  let downlinksInFlight = 0;
  const waitingDownlinks: Array<() => void> = [];

  function sendDownlink(topic: string, body: unknown, done: () => void): void {
    downlinksInFlight++;
    const packet = {
      cmd: 'publish',
      topic,
      payload: Buffer.from(JSON.stringify(body)),
      qos: 1,
      retain: false,
      dup: false,
    };
    broker.aedes.publish(
      packet as unknown as Parameters<typeof broker.aedes.publish>[0],
      (error?: Error | null) => {
        if (error) log.warn({ err: error, topic }, 'mqtt downlink publish failed');
        downlinksInFlight--;
        done();
        const next = waitingDownlinks.shift();
        if (next) queueMicrotask(next);
      },
    );
  }

  function publish(topic: string, body: unknown): Promise<void> {
    return new Promise((resolve) => {
      if (downlinksInFlight < DOWNLINKS_IN_FLIGHT) sendDownlink(topic, body, resolve);
      else waitingDownlinks.push(() => sendDownlink(topic, body, resolve));
    });
  }

  async function reply(
    topic: string,
    request: { id: string; method: string },
    result: { data?: unknown } | GenioError,
    kind: string,
  ) {
    const body = buildReply(request, result);
    messages.inc({ kind, code: String(body.code) });
    await publish(`${topic}_reply`, body);
  }

  // When a payload cannot be parsed, its id may still be readable; the device then learns why.
  function salvageId(payload: Buffer): string | null {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an id never holds control characters.
    const match = /"id"\s*:\s*(?:"([^"\\\u0000-\u001f]{1,256})"|(\d{1,10}))/.exec(
      payload.subarray(0, 400).toString('utf8'),
    );
    return match ? ((match[1] ?? match[2]) as string) : null;
  }

  // Firmware written for Alibaba's cloud often applies a property set and reports the new values
  // instead of answering on set_reply (that cloud does not wait for the answer); such a post confirms the set.
  function confirmSets(deviceId: string, values: Record<string, { value: unknown }>): void {
    for (const [id, waiting] of pending) {
      if (waiting.deviceId !== deviceId || !waiting.setValues) continue;
      const confirmed = Object.entries(waiting.setValues).every(
        ([k, v]) => k in values && JSON.stringify(values[k]?.value) === JSON.stringify(v),
      );
      if (!confirmed) continue;
      pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.resolve({ code: 200, message: 'confirmed by a property post', data: {} });
    }
  }

  async function handle(identity: Identity, packet: PublishPacket): Promise<void> {
    const topic = packet.topic;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const parsed = parseDeviceTopic(topic);
    if (!parsed) return;
    const at = now();
    registry.touch(identity.deviceId, at);

    if (parsed.kind === 'property_set_reply' || parsed.kind === 'service_reply') {
      let body: { id?: unknown; code?: unknown; message?: unknown; data?: unknown };
      try {
        body = JSON.parse(payload.toString('utf8'));
      } catch {
        messages.inc({ kind: parsed.kind, code: '460' });
        return;
      }
      const id = String(body.id ?? '');
      const waiting = pending.get(id);
      if (!waiting || waiting.deviceId !== identity.deviceId) return;
      pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.resolve({
        code: typeof body.code === 'number' ? body.code : Number(body.code ?? 400),
        ...(typeof body.message === 'string' ? { message: body.message } : {}),
        ...(body.data === undefined ? {} : { data: body.data }),
      });
      return;
    }

    // Unhandled topics were counted (and dropped when over the rate) before the broker routed them.
    if (parsed.kind !== 'unhandled' && !limiter.take(identity.deviceId, at)) {
      refused.inc({ kind: 'rate' });
      const id = salvageId(payload);
      if (id) await reply(topic, { id, method: 'unknown' }, new GenioError('rate_limited'), parsed.kind);
      return;
    }

    let request: ReturnType<typeof parseRequest> | null = null;
    try {
      const product = await products.get(identity.productKey);
      switch (parsed.kind) {
        case 'property_post': {
          request = parseRequest(payload, 'thing.event.property.post');
          const values = validatePropertyValues(
            product.thingModel,
            request.params as Record<string, unknown>,
          );
          await shadow.report({ id: identity.deviceId, homeId: identity.homeId }, values, at);
          confirmSets(identity.deviceId, values);
          break;
        }
        case 'event_post': {
          const eventId = parsed.eventId as string;
          request = parseRequest(payload, `thing.event.${eventId}.post`);
          const params = (request.params ?? {}) as Record<string, unknown>;
          // docs/protocol.md wraps outputs as { value, time }; Alibaba's Node.js SDK sends the outputs bare.
          const wrapped =
            typeof params.value === 'object' &&
            params.value !== null &&
            Object.keys(params).every((k) => k === 'value' || k === 'time');
          const value = (wrapped ? params.value : params) as Record<string, unknown>;
          const normalized = validateEventOutput(product.thingModel, eventId, value);
          const time = typeof params.time === 'number' ? params.time : at;
          // Events are not part of the shadow; they go to the bus only.
          deps.bus.emit('device.event', {
            homeId: identity.homeId,
            deviceId: identity.deviceId,
            event: eventId,
            params: normalized,
            at: time,
          });
          break;
        }
        case 'desired_get': {
          request = parseRequest(payload, 'thing.property.desired.get');
          const ids = Array.isArray(request.params) ? (request.params as unknown[]).map(String) : undefined;
          const desired = await shadow.getDesired(identity.deviceId, ids);
          const data: Record<string, { value: unknown }> = {};
          for (const [k, v] of Object.entries(desired)) data[k] = { value: v };
          if (request.ack !== 0) await reply(topic, request, { data }, parsed.kind);
          return;
        }
        default: {
          request = parseRequest(payload);
          throw new GenioError('request_invalid', { reason: `topic ${topic} is not handled by this hub` });
        }
      }
      if (request.ack !== 0) await reply(topic, request, { data: {} }, parsed.kind);
    } catch (error) {
      const genio = isGenioError(error) ? error : new GenioError('internal', {}, { cause: error });
      if (genio.code === 'internal') log.error({ err: error, topic }, 'device message failed');
      const id = request?.id ?? salvageId(payload);
      if (id && request?.ack !== 0)
        await reply(topic, { id, method: request?.method ?? 'unknown' }, genio, parsed.kind);
      else messages.inc({ kind: parsed.kind, code: String(genio.toAlink().code) });
    }
  }

  function clearRetainedOf(productKey: string, deviceName: string): void {
    for (const filter of deviceSpaceFilters(productKey, deviceName))
      broker
        .clearRetained(filter)
        .catch((error: unknown) => log.warn({ err: error, filter }, 'retained messages not cleared'));
  }

  /** End a device's session now: its identity is forgotten first, so nothing it still sends is handled. */
  function endSession(deviceId: string, reason: string): void {
    const client = connected.get(deviceId);
    if (!client) return;
    connected.delete(deviceId);
    limiter.forget(deviceId);
    identities.delete(client);
    log.info({ deviceId, reason }, 'mqtt session ended: the device lost its right to it');
    client.close();
    registry
      .setOnline(deviceId, false, now())
      .catch((error: unknown) => log.error({ err: error }, 'presence update failed'));
  }

  function watchRevocations(): void {
    deps.bus.on('device-gateway', 'device.revoked', (event) => {
      endSession(event.deviceId, event.reason);
      if (event.reason === 'deleted') clearRetainedOf(event.productKey, event.deviceName);
    });
    deps.bus.on('device-gateway', 'home.deleted', (event) => {
      for (const [deviceId, client] of [...connected]) {
        const identity = identities.get(client);
        if (identity?.homeId !== event.homeId) continue;
        endSession(deviceId, 'home deleted');
        clearRetainedOf(identity.productKey, identity.deviceName);
      }
    });
    // A device that reuses a deleted one's name starts with an empty topic space, whoever deleted the old one.
    deps.bus.on('device-gateway', 'device.created', async (event) => {
      const device = await registry.get(event.deviceId);
      clearRetainedOf(device.productKey, device.deviceName);
    });
  }

  async function request(
    deviceId: string,
    topicSuffix: string,
    method: string,
    params: unknown,
    timeoutMs: number,
  ): Promise<DeviceReply> {
    const client = connected.get(deviceId);
    const identity = client ? identities.get(client) : undefined;
    if (!identity) throw new GenioError('device_offline', { deviceId });
    nextId = (nextId + 1) % 4_294_967_295;
    const id = String(nextId);
    const answer = new Promise<DeviceReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new GenioError('device_timeout', { deviceId, timeoutMs }));
      }, timeoutMs);
      pending.set(id, {
        deviceId,
        resolve,
        reject,
        timer,
        ...(method === 'thing.service.property.set' && params && typeof params === 'object'
          ? { setValues: params as Record<string, unknown> }
          : {}),
      });
    });
    // Waiting on both at once: the answer may fail (timeout, hub stopping) while the publish is still queued.
    const [reply] = await Promise.all([
      answer,
      publish(`${identity.prefix}/${topicSuffix}`, buildRequest(method, params, id)),
    ]);
    return reply;
  }

  return {
    isConnected(deviceId) {
      return connected.has(deviceId);
    },
    request,
    setProperties: (deviceId, values, timeoutMs) =>
      request(deviceId, 'service/property/set', 'thing.service.property.set', values, timeoutMs),
    invokeService: (deviceId, service, params, timeoutMs) =>
      request(deviceId, `service/${service}`, `thing.service.${service}`, params, timeoutMs),
    onOnline(handler) {
      onlineHandlers.push(handler);
    },
    start() {
      broker.setAuthority({
        async authenticate(client, username, password) {
          const creds = parseConnectCredentials(client.id, username ?? '', password?.toString('utf8') ?? '');
          if (!creds.ok) {
            refused.inc({ kind: 'auth' });
            log.info({ clientId: client.id, reason: creds.reason }, 'mqtt connect refused');
            return false;
          }
          const who = { clientId: client.id, productKey: creds.productKey, deviceName: creds.deviceName };
          const failureKey = `${creds.productKey}/${creds.deviceName}`;
          const waitMs = signInFailures.blockedFor(failureKey);
          if (waitMs > 0) {
            refused.inc({ kind: 'lockout' });
            log.info({ ...who, waitMs }, 'mqtt connect refused: too many wrong secrets for this device');
            return false;
          }
          const found = await registry.findByIdentity(creds.productKey, creds.deviceName);
          if (!found || found.device.disabled || !verifyPassword(creds, found.secret)) {
            refused.inc({ kind: 'auth' });
            signInFailures.fail(failureKey);
            log.info(who, 'mqtt connect refused');
            return false;
          }
          signInFailures.succeed(failureKey);
          const live = broker.clientById(client.id);
          const owner = sessionOwners.get(client.id) ?? (live ? identities.get(live)?.deviceId : undefined);
          if (owner !== undefined && owner !== found.device.id) {
            refused.inc({ kind: 'client_id' });
            log.warn(who, 'mqtt connect refused: the client id belongs to another device');
            return false;
          }
          identities.set(client, {
            deviceId: found.device.id,
            homeId: found.device.homeId,
            productKey: creds.productKey,
            deviceName: creds.deviceName,
            prefix: `/sys/${creds.productKey}/${creds.deviceName}/thing`,
          });
          return true;
        },
        async authorizePublish(client, packet) {
          const identity = identities.get(client);
          const length = Buffer.isBuffer(packet.payload)
            ? packet.payload.length
            : Buffer.byteLength(packet.payload);
          if (!identity || !isInDeviceSpace(packet.topic, identity.productKey, identity.deviceName)) {
            refused.inc({ kind: 'publish' });
            log.warn(
              { clientId: client.id, topic: packet.topic },
              'mqtt publish outside the device topic space dropped',
            );
            packet.topic = BLACK_HOLE;
            return null;
          }
          // Topics the hub does not read (a device's own sub-topics) are held to the same rate as the rest.
          const kind = parseDeviceTopic(packet.topic)?.kind ?? 'unhandled';
          if (kind === 'unhandled' && !limiter.take(identity.deviceId, now())) {
            refused.inc({ kind: 'rate' });
            packet.topic = BLACK_HOLE;
            return null;
          }
          // The hub keeps no retained messages from devices: one device could otherwise fill the broker's
          // memory and hand its leftovers to whoever is given its name next.
          if (packet.retain) {
            refused.inc({ kind: 'retain' });
            packet.retain = false;
          }
          if (length > deps.maxPayload) {
            refused.inc({ kind: 'payload' });
            log.warn({ clientId: client.id, topic: packet.topic, bytes: length }, 'mqtt payload too large');
            const id = salvageId(
              Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
            );
            const topic = packet.topic;
            packet.topic = BLACK_HOLE;
            if (id)
              await reply(
                topic,
                { id, method: 'unknown' },
                new GenioError('payload_too_large', { limit: deps.maxPayload }),
                'payload',
              );
            return null;
          }
          return null;
        },
        async authorizeSubscribe(client, subscription) {
          const identity = identities.get(client);
          if (identity && isInDeviceSpace(subscription.topic, identity.productKey, identity.deviceName))
            return null;
          refused.inc({ kind: 'subscribe' });
          log.warn(
            { clientId: client.id, topic: subscription.topic },
            'mqtt subscription outside the device topic space refused',
          );
          return 'outside the device topic space';
        },
      });

      watchRevocations();
      broker.aedes.on('clientReady', (client) => {
        const identity = identities.get(client);
        if (!identity) return;
        const previous = connected.get(identity.deviceId);
        connected.set(identity.deviceId, client);
        sessionOwners.set(client.id, identity.deviceId);
        // One connection per device: a second one replaces the first, as the Alink platform does.
        if (previous && previous !== client) previous.close();
        registry.setOnline(identity.deviceId, true, now()).then(
          () => {
            // A session restored with clean: false already has its subscriptions.
            const restored = Object.keys(
              (client as unknown as { subscriptions?: Record<string, unknown> }).subscriptions ?? {},
            );
            if (restored.some((filter) => topicMatches(filter, `${identity.prefix}/service/property/set`)))
              announceReady(identity.deviceId);
          },
          (error: unknown) => log.error({ err: error }, 'presence update failed'),
        );
      });
      // Downlinks wait until the device listens for them: property sets published before its SUBSCRIBE would be lost.
      broker.aedes.on('subscribe', (subscriptions, client) => {
        const identity = client ? identities.get(client) : undefined;
        if (!identity || connected.get(identity.deviceId) !== client) return;
        const setTopic = `${identity.prefix}/service/property/set`;
        if (subscriptions.some((sub) => topicMatches(sub.topic, setTopic))) announceReady(identity.deviceId);
      });
      broker.aedes.on('clientDisconnect', (client) => {
        const identity = identities.get(client);
        // A clean session ends with its connection; a kept one (clean: false) stays bound to its device.
        const successor = broker.clientById(client.id);
        if (client.clean && (!successor || successor === client)) sessionOwners.delete(client.id);
        if (!identity || connected.get(identity.deviceId) !== client) return;
        connected.delete(identity.deviceId);
        limiter.forget(identity.deviceId);
        registry
          .setOnline(identity.deviceId, false, now())
          .catch((error: unknown) => log.error({ err: error }, 'presence update failed'));
      });
      broker.aedes.on('publish', (packet, client) => {
        if (!client || packet.topic === BLACK_HOLE) return;
        const identity = identities.get(client);
        if (!identity || connected.get(identity.deviceId) !== client) return;
        handle(identity, packet).catch((error: unknown) =>
          log.error({ err: error, topic: packet.topic }, 'device message failed'),
        );
      });
    },
    async stop() {
      deps.bus.off('device-gateway');
      // Nobody will answer once the gateway stops: callers learn it now instead of waiting for ever.
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        pending.delete(id);
        waiting.reject(new GenioError('unavailable', { reason: 'the hub is stopping' }));
      }
    },
  };
}
