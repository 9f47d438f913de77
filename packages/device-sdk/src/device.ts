import { EventEmitter } from 'node:events';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { backoffDelay } from './backoff.js';
import { DeviceError } from './errors.js';
import { idSequence, readJson, request } from './messages.js';
import { type SignMethod, signCredentials } from './sign.js';
import { type DeviceTopics, deviceTopics } from './topics.js';

/** Property values of a device, keyed by TSL identifier. */
export type Properties = Record<string, unknown>;

/** How to reach the hub and who the device is. */
export interface ConnectOptions {
  host: string;
  /** Default 1883 for mqtt, the hub's websocket port for ws. */
  port?: number;
  protocol?: 'mqtt' | 'ws';
  productKey: string;
  deviceName: string;
  deviceSecret: string;
  clientId?: string;
  signMethod?: SignMethod;
  /** Seconds; default 60. */
  keepalive?: number;
  reconnect?: { minMs?: number; maxMs?: number };
  /** Requests kept while offline; the oldest is dropped beyond it. Default 100. */
  bufferLimit?: number;
  /** How long to wait for the hub's reply. Default 5000 ms. */
  requestTimeoutMs?: number;
  /** Give up on the first connection after this long. Default 30000 ms. */
  connectTimeoutMs?: number;
}

/** Events a device emits. */
export interface DeviceEvents {
  connect: [];
  disconnect: [];
  reconnect: [attempt: number, delayMs: number];
  error: [error: Error];
  dropped: [method: string];
}

/** A connected device, typed by its properties where the brand declares them. */
export interface Device<P extends Properties = Properties> {
  readonly connected: boolean;
  /** Post property values; resolves with the hub's reply data, rejects with its Alink code. */
  report(values: Partial<P>): Promise<unknown>;
  /** Handle property sets from the hub; throw a DeviceError to answer with its code. */
  onSet(handler: (values: Partial<P>) => void | Promise<void>): void;
  /** Handle a service call; the return value is the reply's data. */
  onService(name: string, handler: (params: Record<string, unknown>) => unknown): void;
  /** Raise an event. */
  emit(event: string, params: Record<string, unknown>): Promise<unknown>;
  /** Ask for desired values kept while the device was away. */
  getDesired(
    identifiers?: readonly (keyof P & string)[],
  ): Promise<Partial<Record<keyof P & string, { value: unknown }>>>;
  on<E extends keyof DeviceEvents>(event: E, listener: (...args: DeviceEvents[E]) => void): void;
  off<E extends keyof DeviceEvents>(event: E, listener: (...args: DeviceEvents[E]) => void): void;
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

const NOT_AUTHORIZED = new Set([4, 5, 134, 135]);

/** Connect a device to a Genio hub (or any Alink-speaking broker). */
export function connect<P extends Properties = Properties>(options: ConnectOptions): Promise<Device<P>> {
  const topics: DeviceTopics = deviceTopics(options.productKey, options.deviceName);
  const events = new EventEmitter();
  const nextId = idSequence();
  const bufferLimit = options.bufferLimit ?? 100;
  const timeoutMs = options.requestTimeoutMs ?? 5000;
  const minMs = options.reconnect?.minMs ?? 500;
  const maxMs = options.reconnect?.maxMs ?? 30_000;
  const pending = new Map<
    string,
    { resolve: (data: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }
  >();
  const buffer: Outgoing[] = [];
  const services = new Map<string, (params: Record<string, unknown>) => unknown>();
  let setHandler: ((values: Partial<P>) => void | Promise<void>) | null = null;
  let closed = false;
  let ready = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;

  const url = `${options.protocol ?? 'mqtt'}://${options.host}:${options.port ?? 1883}`;
  const clientOptions = (): IClientOptions => ({
    ...signCredentials(options),
    protocolVersion: 4,
    clean: true,
    keepalive: options.keepalive ?? 60,
    reconnectPeriod: 0,
    connectTimeout: options.connectTimeoutMs ?? 30_000,
  });
  const client: MqttClient = mqtt.connect(url, clientOptions());

  function send(item: Outgoing): void {
    const timer = setTimeout(() => {
      pending.delete(item.id);
      item.reject(new DeviceError('timeout', `no reply to ${item.method} within ${timeoutMs} ms`));
    }, timeoutMs);
    pending.set(item.id, { resolve: item.resolve, reject: item.reject, timer });
    client.publish(
      item.topic,
      JSON.stringify(request(item.id, item.method, item.params)),
      { qos: 1 },
      (error) => {
        if (!error) return;
        // Lost with the connection: back to the front of the buffer, to go out again after reconnect.
        const waiting = pending.get(item.id);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        pending.delete(item.id);
        buffer.unshift(item);
      },
    );
  }

  function call(topic: string, method: string, params: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new DeviceError('closed', 'the device connection is closed'));
    return new Promise((resolve, reject) => {
      const item: Outgoing = { topic, id: nextId(), method, params, resolve, reject };
      if (ready) return send(item);
      buffer.push(item);
      if (buffer.length > bufferLimit) {
        const dropped = buffer.shift() as Outgoing;
        dropped.reject(
          new DeviceError(
            'dropped',
            `offline buffer full (${bufferLimit}); oldest ${dropped.method} dropped`,
          ),
        );
        events.emit('dropped', dropped.method);
      }
    });
  }

  function reply(topic: string, id: string, code: number, data: unknown, message?: string): void {
    client.publish(
      `${topic}_reply`,
      JSON.stringify({ id, code, data, ...(message ? { message } : {}), version: '1.0' }),
      { qos: 0 },
    );
  }

  async function answer(topic: string, id: string, work: () => unknown): Promise<void> {
    try {
      const data = await work();
      reply(topic, id, 200, data ?? {});
    } catch (error) {
      const code = error instanceof DeviceError && typeof error.code === 'number' ? error.code : 400;
      reply(topic, id, code, {}, error instanceof Error ? error.message : String(error));
    }
  }

  function onMessage(topic: string, payload: Buffer): void {
    const body = readJson(payload);
    if (!body || typeof body.id !== 'string') return;
    const id = body.id;
    if (topic.endsWith('_reply')) {
      if (topic.startsWith(`${topics.thing}/service/`)) return; // our own answers, echoed by the wildcard
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      clearTimeout(waiting.timer);
      const code = typeof body.code === 'number' ? body.code : Number(body.code);
      if (code === 200) waiting.resolve(body.data ?? {});
      else
        waiting.reject(
          new DeviceError(
            Number.isFinite(code) ? code : 400,
            typeof body.message === 'string' ? body.message : `hub answered ${String(body.code)}`,
          ),
        );
      return;
    }
    const params = (typeof body.params === 'object' && body.params !== null ? body.params : {}) as Record<
      string,
      unknown
    >;
    if (topic === topics.propertySet) {
      const handler = setHandler;
      void answer(topic, id, () => {
        if (!handler) throw new DeviceError(5094, 'this device does not accept property sets');
        return handler(params as Partial<P>);
      });
      return;
    }
    const name = topic.slice(`${topics.thing}/service/`.length);
    if (!topic.startsWith(`${topics.thing}/service/`) || name.includes('/')) return;
    const handler = services.get(name);
    void answer(topic, id, () => {
      if (!handler) throw new DeviceError(5094, `this device has no service ${name}`);
      return handler(params);
    });
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    const delay = backoffDelay(attempt, minMs, maxMs);
    attempt++;
    events.emit('reconnect', attempt, delay);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (closed) return;
      // A fresh timestamp for every attempt, in case the hub checks how old it is.
      Object.assign(client.options, signCredentials(options));
      client.reconnect();
    }, delay);
  }

  client.on('message', onMessage);
  client.on('close', () => {
    const wasReady = ready;
    ready = false;
    if (wasReady) events.emit('disconnect');
    scheduleReconnect();
  });
  client.on('error', (error) => {
    if (events.listenerCount('error')) events.emit('error', error);
  });

  return new Promise((resolve, reject) => {
    let first = true;
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
      emit: (event, params) =>
        call(topics.eventPost(event), `thing.event.${event}.post`, { value: params, time: Date.now() }),
      getDesired: async (identifiers) =>
        (await call(topics.desiredGet, 'thing.property.desired.get', identifiers ?? [])) as Partial<
          Record<keyof P & string, { value: unknown }>
        >,
      on(event, listener) {
        events.on(event, listener as (...args: unknown[]) => void);
      },
      off(event, listener) {
        events.off(event, listener as (...args: unknown[]) => void);
      },
      async close() {
        closed = true;
        clearTimeout(reconnectTimer);
        for (const [id, waiting] of pending) {
          clearTimeout(waiting.timer);
          waiting.reject(new DeviceError('closed', 'the device connection is closed'));
          pending.delete(id);
        }
        for (const item of buffer.splice(0))
          item.reject(new DeviceError('closed', 'the device connection is closed'));
        await client.endAsync();
      },
    };

    client.on('connect', () => {
      client.subscribe(topics.downlinks, { qos: 1 }, (error) => {
        if (error) {
          events.emit('error', error);
          client.end(true);
          return;
        }
        ready = true;
        attempt = 0;
        for (const item of buffer.splice(0)) send(item);
        events.emit('connect');
        if (first) {
          first = false;
          resolve(device);
        }
      });
    });
    client.on('error', (error: Error & { code?: unknown }) => {
      if (!first) return;
      if (typeof error.code === 'number' && NOT_AUTHORIZED.has(error.code)) {
        first = false;
        closed = true;
        client.end(true);
        reject(
          new DeviceError(
            'not_authorized',
            `the hub refused ${options.deviceName}: check productKey, deviceName and deviceSecret`,
          ),
        );
      }
    });
    const giveUp = setTimeout(() => {
      if (!first) return;
      first = false;
      closed = true;
      clearTimeout(reconnectTimer);
      client.end(true);
      reject(
        new DeviceError(
          'unreachable',
          `could not connect to ${url} within ${options.connectTimeoutMs ?? 30_000} ms`,
        ),
      );
    }, options.connectTimeoutMs ?? 30_000);
    giveUp.unref();
  });
}
