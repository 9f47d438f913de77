import { EventEmitter } from 'node:events';
import mqtt, { type MqttClient } from 'mqtt';
import { backoffDelay } from './backoff.js';
import { DeviceError } from './errors.js';
import { eventParams, idSequence, readReply, readRequest, reply, request } from './messages.js';
import { type SignMethod, signCredentials } from './sign.js';
import { deviceTopics, replyTopic, serviceOf } from './topics.js';

/** Property values of a device, keyed by TSL identifier. */
export type Properties = Record<string, unknown>;

/** What `report` accepts per property: the bare value, or the value with the time it was measured (ms). */
export type Reported<P extends Properties> = { [K in keyof P]?: P[K] | { value: P[K]; time: number } };

/** Desired values the hub keeps for a device. */
export type Desired<P extends Properties> = { [K in keyof P]?: { value: P[K]; version?: number } };

export interface ConnectOptions {
  host: string;
  /** Default 1883 for mqtt; required for ws (the hub's `mqttWsPort`). */
  port?: number;
  protocol?: 'mqtt' | 'ws';
  productKey: string;
  deviceName: string;
  deviceSecret: string;
  /** The `{cid}` part of the MQTT client id; default `{productKey}.{deviceName}`. */
  clientId?: string;
  /** Default hmacsha256. */
  signMethod?: SignMethod;
  /** Seconds; default 60. */
  keepalive?: number;
  /** Reconnect backoff bounds; default 500 ms to 30 s. */
  reconnect?: { minMs?: number; maxMs?: number };
  /** Requests kept while offline; beyond it the oldest is dropped. Default 100. */
  bufferLimit?: number;
  /** How long to wait for the hub's reply. Default 5000 ms. */
  requestTimeoutMs?: number;
  /** How long `connect()` keeps trying before it rejects with 'unreachable'. Default 30000 ms. */
  connectTimeoutMs?: number;
}

export interface DeviceEvents {
  connect: [];
  disconnect: [];
  /** A reconnect attempt is scheduled: its number (from 1) and the delay before it. */
  reconnect: [attempt: number, delayMs: number];
  error: [error: Error];
  /** A buffered request was dropped because the offline buffer was full. */
  dropped: [method: string];
}

/** A connected device; `P` types its properties (see `PropertiesOf` and `defineThing`). */
export interface Device<P extends Properties = Properties> {
  /** True while connected and subscribed. */
  readonly connected: boolean;
  /** thing.event.property.post; resolves with the reply's data, rejects with a DeviceError carrying the Alink code. */
  report(values: Reported<P>): Promise<unknown>;
  /** thing.service.property.set; a throw answers with the DeviceError's code, or 400 for other errors. */
  onSet(handler: (values: Partial<P>) => void | Promise<void>): void;
  /** thing.service.{name}; the return value is the reply's data. */
  onService(name: string, handler: (params: Record<string, unknown>) => unknown): void;
  /** thing.event.{event}.post with params `{ value, time }`. */
  emit(event: string, value: Record<string, unknown>): Promise<unknown>;
  /** thing.property.desired.get: values set while the device was away. */
  getDesired(identifiers?: readonly (keyof P & string)[]): Promise<Desired<P>>;
  on<E extends keyof DeviceEvents>(event: E, listener: (...args: DeviceEvents[E]) => void): void;
  off<E extends keyof DeviceEvents>(event: E, listener: (...args: DeviceEvents[E]) => void): void;
  /** Disconnect for good; requests still waiting reject with code 'closed'. */
  close(): Promise<void>;
}

interface Outgoing {
  topic: string;
  id: string;
  method: string;
  params: unknown;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
}

interface InFlight {
  item: Outgoing;
  timer: NodeJS.Timeout;
  /** The broker has the request (PUBACK); if not, it is sent again after a reconnect. */
  acked: boolean;
}

// CONNACK return codes (MQTT 3.1.1) and reason codes (MQTT 5) for refused credentials.
const NOT_AUTHORIZED = new Set([4, 5, 134, 135]);

/** Connect a device to a Genio hub (or any broker speaking Alink). Resolves once connected and subscribed. */
export function connect<P extends Properties = Properties>(options: ConnectOptions): Promise<Device<P>> {
  const topics = deviceTopics(options.productKey, options.deviceName);
  const events = new EventEmitter();
  const nextId = idSequence();
  const bufferLimit = Math.max(1, options.bufferLimit ?? 100);
  const timeoutMs = options.requestTimeoutMs ?? 5000;
  const minMs = options.reconnect?.minMs ?? 500;
  const maxMs = options.reconnect?.maxMs ?? 30_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
  const protocol = options.protocol ?? 'mqtt';
  if (protocol === 'ws' && options.port === undefined)
    return Promise.reject(new TypeError("protocol ws needs the port of the hub's MQTT websocket listener"));
  const url = `${protocol}://${options.host}:${options.port ?? 1883}`;

  const inFlight = new Map<string, InFlight>();
  const buffer: Outgoing[] = [];
  const services = new Map<string, (params: Record<string, unknown>) => unknown>();
  let setHandler: ((values: Partial<P>) => void | Promise<void>) | null = null;
  let client: MqttClient | null = null;
  let ready = false;
  let closed = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let settle: { resolve: () => void; reject: (error: Error) => void } | null = null;

  function emitError(error: Error): void {
    // An EventEmitter throws on an unheard 'error'; a network blip must not crash the device's process.
    if (events.listenerCount('error') > 0) events.emit('error', error);
  }

  function enqueue(item: Outgoing, front = false): void {
    if (front) buffer.unshift(item);
    else buffer.push(item);
    while (buffer.length > bufferLimit) {
      const dropped = buffer.shift()!;
      const error = new DeviceError(
        'dropped',
        `offline buffer full (${bufferLimit}); the oldest request, ${dropped.method}, was dropped`,
      );
      dropped.reject(error);
      events.emit('dropped', dropped.method);
      emitError(error);
    }
  }

  function send(item: Outgoing, via: MqttClient): void {
    const timer = setTimeout(() => {
      inFlight.delete(item.id);
      item.reject(new DeviceError('timeout', `no reply to ${item.method} within ${timeoutMs} ms`));
    }, timeoutMs);
    const entry: InFlight = { item, timer, acked: false };
    inFlight.set(item.id, entry);
    via.publish(
      item.topic,
      JSON.stringify(request(item.id, item.method, item.params)),
      { qos: 1 },
      (error) => {
        if (inFlight.get(item.id) !== entry) return;
        if (!error) {
          entry.acked = true;
          return;
        }
        // Lost with the connection: the close handler puts it back in the buffer. Anything else is final.
        if (via !== client || !ready) return;
        clearTimeout(timer);
        inFlight.delete(item.id);
        item.reject(error);
      },
    );
  }

  function call(topic: string, method: string, params: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new DeviceError('closed', 'the device connection is closed'));
    return new Promise((resolve, reject) => {
      const item: Outgoing = { topic, id: nextId(), method, params, resolve, reject };
      if (ready && client) send(item, client);
      else enqueue(item);
    });
  }

  function settleReply(topic: string, payload: Buffer): void {
    const body = readReply(payload);
    if (!body) return;
    const waiting = inFlight.get(body.id);
    if (!waiting || replyTopic(waiting.item.topic) !== topic) return;
    inFlight.delete(body.id);
    clearTimeout(waiting.timer);
    if (body.code === 200) waiting.item.resolve(body.data);
    else waiting.item.reject(new DeviceError(body.code, body.message ?? `the hub answered ${body.code}`));
  }

  async function answer(via: MqttClient, topic: string, payload: Buffer, service: string): Promise<void> {
    const req = readRequest(payload);
    if (!req) return;
    const params = (typeof req.params === 'object' && req.params !== null ? req.params : {}) as Record<
      string,
      unknown
    >;
    const method = `thing.service.${service}`;
    let body: ReturnType<typeof reply>;
    try {
      let data: unknown;
      if (service === 'property.set') {
        if (!setHandler) throw new DeviceError(5094, 'this device does not accept property sets');
        await setHandler(params as Partial<P>);
      } else {
        const handler = services.get(service);
        if (!handler) throw new DeviceError(5094, `this device has no service ${service}`);
        data = await handler(params);
      }
      body = reply(req.id, method, 200, data ?? {});
    } catch (error) {
      const code = error instanceof DeviceError && typeof error.code === 'number' ? error.code : 400;
      body = reply(req.id, method, code, {}, error instanceof Error ? error.message : String(error));
    }
    if (req.sys.ack === 0 || via !== client) return;
    via.publish(replyTopic(topic), JSON.stringify(body), { qos: 0 });
  }

  function onMessage(via: MqttClient, topic: string, payload: Buffer): void {
    if (topic.endsWith('_reply')) {
      settleReply(topic, payload);
      return;
    }
    const service = serviceOf(topics, topic);
    if (service) void answer(via, topic, payload, service);
  }

  function onConnected(via: MqttClient): void {
    via.subscribe(topics.downlinks, { qos: 1 }, (error, granted) => {
      if (via !== client) return;
      const refused = granted?.find((g) => g.qos === 128);
      if (error || refused) {
        emitError(error ?? new Error(`the hub refused the subscription to ${refused?.topic}`));
        via.end(true);
        return;
      }
      ready = true;
      attempt = 0;
      for (const item of buffer.splice(0)) send(item, via);
      events.emit('connect');
      settle?.resolve();
    });
  }

  function onClosed(via: MqttClient): void {
    if (via !== client) return;
    client = null;
    via.end(true);
    const wasReady = ready;
    ready = false;
    // Requests the broker never acknowledged go out again, ahead of the buffer and in their order.
    const unacked = [...inFlight.values()].filter((f) => !f.acked);
    for (const f of unacked.reverse()) {
      clearTimeout(f.timer);
      inFlight.delete(f.item.id);
      enqueue(f.item, true);
    }
    if (wasReady) events.emit('disconnect');
    scheduleReconnect();
  }

  function open(): void {
    const via = mqtt.connect(url, {
      // Signed afresh on every attempt: the timestamp is part of the signature and a hub may check its age.
      ...signCredentials(options),
      protocolVersion: 4,
      clean: true,
      keepalive: options.keepalive ?? 60,
      reconnectPeriod: 0,
      resubscribe: false,
      connectTimeout: Math.min(connectTimeoutMs, 30_000),
    });
    client = via;
    // Replies are small and answer a waiting hub: send them at once, not after Nagle's wait for an ACK.
    const socket = via.stream as { setNoDelay?: (on: boolean) => unknown };
    if (typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
    via.on('connect', () => onConnected(via));
    via.on('message', (topic, payload) => onMessage(via, topic, payload));
    via.on('close', () => onClosed(via));
    via.on('error', (error: Error & { code?: unknown }) => {
      if (via !== client) return;
      if (typeof error.code === 'number' && NOT_AUTHORIZED.has(error.code)) {
        const refused = new DeviceError(
          'not_authorized',
          `the hub refused ${options.productKey}/${options.deviceName}: check productKey, deviceName and deviceSecret`,
        );
        // On the first connect wrong credentials are final; later the device may have been disabled for a while.
        if (settle) settle.reject(refused);
        else emitError(refused);
        return;
      }
      emitError(error);
    });
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const delay = backoffDelay(attempt, minMs, maxMs);
    attempt++;
    events.emit('reconnect', attempt, delay);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (!closed) open();
    }, delay);
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    ready = false;
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const error = new DeviceError('closed', 'the device connection is closed');
    for (const f of inFlight.values()) {
      clearTimeout(f.timer);
      f.item.reject(error);
    }
    inFlight.clear();
    for (const item of buffer.splice(0)) item.reject(error);
    const last = client;
    client = null;
    await last?.endAsync().catch(() => {});
  }

  const device: Device<P> = {
    get connected() {
      return ready;
    },
    report: (values) => call(topics.propertyPost, 'thing.event.property.post', values),
    onSet(handler) {
      setHandler = handler;
    },
    onService(name, handler) {
      services.set(name, handler);
    },
    emit: (event, value) => call(topics.eventPost(event), `thing.event.${event}.post`, eventParams(value)),
    getDesired: async (identifiers) =>
      (await call(topics.desiredGet, 'thing.property.desired.get', identifiers ?? [])) as Desired<P>,
    on(event, listener) {
      events.on(event, listener as (...args: unknown[]) => void);
    },
    off(event, listener) {
      events.off(event, listener as (...args: unknown[]) => void);
    },
    close,
  };

  return new Promise<Device<P>>((resolve, reject) => {
    const giveUp = setTimeout(() => {
      fail(new DeviceError('unreachable', `could not connect to ${url} within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    const fail = (error: Error) => {
      settle = null;
      clearTimeout(giveUp);
      void close();
      reject(error);
    };
    settle = {
      resolve: () => {
        settle = null;
        clearTimeout(giveUp);
        resolve(device);
      },
      reject: fail,
    };
    open();
  });
}
