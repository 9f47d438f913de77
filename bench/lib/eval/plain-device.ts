/**
 * A plain MQTT device for the scorer: an mqtt.js client signed in with the device's Alink credentials
 * (only the SDK's signing helper is reused), that records every property set and service call it
 * receives, answers each with success and reports the new values like a real device.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { signCredentials } from '../../../packages/device-sdk/src/index.js';
import type { DeviceEffects } from './match.js';

export interface PlainDeviceOptions {
  port: number;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
  /** Properties to report after a service call, by service identifier. */
  serviceEffects: Record<string, Record<string, unknown>>;
}

const REPORT_TIMEOUT_MS = 3000;

export class PlainDevice {
  private client: MqttClient | null = null;
  private nextId = 1;
  private readonly pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  private readonly base: string;
  effects: DeviceEffects = { properties: {}, services: [] };

  constructor(private readonly options: PlainDeviceOptions) {
    this.base = `/sys/${options.productKey}/${options.deviceName}/thing`;
  }

  async connect(): Promise<void> {
    const credentials = signCredentials({
      productKey: this.options.productKey,
      deviceName: this.options.deviceName,
      deviceSecret: this.options.deviceSecret,
    });
    const client = await new Promise<MqttClient>((resolve, reject) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${this.options.port}`, {
        ...credentials,
        protocolVersion: 4,
        reconnectPeriod: 0,
        connectTimeout: 5000,
        keepalive: 60,
      });
      c.once('connect', () => resolve(c));
      c.once('error', (error) => {
        c.end(true);
        reject(error);
      });
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await client.subscribeAsync([`${this.base}/service/#`, `${this.base}/event/property/post_reply`], {
      qos: 0,
    });
  }

  /** Forget what was received (the start of a case). */
  clear(): void {
    this.effects = { properties: {}, services: [] };
  }

  /** Report properties as the device; resolves on the hub's reply. */
  report(params: Record<string, unknown>): Promise<void> {
    const client = this.requireClient();
    const id = String(this.nextId++);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(`${this.options.deviceName}: no reply to a property post in ${REPORT_TIMEOUT_MS} ms`),
        );
      }, REPORT_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      client.publish(
        `${this.base}/event/property/post`,
        JSON.stringify({ id, version: '1.0', params, method: 'thing.event.property.post' }),
      );
    });
  }

  async close(): Promise<void> {
    await this.client?.endAsync(true);
    this.client = null;
  }

  private requireClient(): MqttClient {
    if (!this.client) throw new Error(`${this.options.deviceName} is not connected`);
    return this.client;
  }

  private onMessage(topic: string, payload: Buffer): void {
    let body: { id?: unknown; params?: unknown; code?: unknown; message?: unknown };
    try {
      body = JSON.parse(payload.toString()) as typeof body;
    } catch {
      return;
    }
    const id = typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : '';
    if (topic === `${this.base}/event/property/post_reply`) {
      const waiter = this.pending.get(id);
      if (!waiter) return;
      this.pending.delete(id);
      if (body.code === 200) waiter.resolve();
      else
        waiter.reject(
          new Error(`${this.options.deviceName}: property post refused (${body.code}: ${body.message})`),
        );
      return;
    }
    if (!topic.startsWith(`${this.base}/service/`) || topic.endsWith('_reply')) return;
    const service = topic.slice(`${this.base}/service/`.length);
    const params =
      typeof body.params === 'object' && body.params !== null ? (body.params as Record<string, unknown>) : {};
    const client = this.requireClient();
    client.publish(`${topic}_reply`, JSON.stringify({ id, code: 200, data: {} }));
    if (service === 'property/set') {
      Object.assign(this.effects.properties, params);
      this.report(params).catch(() => {});
      return;
    }
    this.effects.services.push(service);
    const after = this.options.serviceEffects[service];
    if (after) this.report(after).catch(() => {});
  }
}
