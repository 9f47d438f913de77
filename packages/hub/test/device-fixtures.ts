import { createHmac } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { TestHub } from './harness.js';

/** A light: power (bool), brightness (int 0..100 step 1), colour temperature, a mode enum, a read-only text, a service and an event. */
export const lightModel = {
  properties: [
    {
      identifier: 'LightSwitch',
      name: 'Power',
      accessMode: 'rw',
      dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
    },
    {
      identifier: 'Brightness',
      name: 'Brightness',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: '0', max: '100', step: '1', unit: '%' } },
    },
    {
      identifier: 'ColorTemperature',
      name: 'Colour temperature',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: '2700', max: '6500', step: '100', unit: 'K' } },
    },
    {
      identifier: 'Mode',
      name: 'Mode',
      accessMode: 'rw',
      dataType: { type: 'enum', specs: { '0': 'normal', '1': 'night', '2': 'reading' } },
    },
    {
      identifier: 'Firmware',
      name: 'Firmware',
      accessMode: 'r',
      dataType: { type: 'text', specs: { length: '16' } },
    },
  ],
  services: [
    {
      identifier: 'blink',
      name: 'Blink',
      callType: 'async',
      inputData: [
        {
          identifier: 'times',
          name: 'Times',
          dataType: { type: 'int', specs: { min: '1', max: '10', step: '1' } },
        },
      ],
      outputData: [
        { identifier: 'done', name: 'Done', dataType: { type: 'bool', specs: { '0': 'no', '1': 'yes' } } },
      ],
    },
  ],
  events: [
    {
      identifier: 'overheat',
      name: 'Overheat',
      type: 'alert',
      outputData: [
        {
          identifier: 'temperature',
          name: 'Temperature',
          dataType: { type: 'float', specs: { min: '0', max: '200', step: '0.1' } },
        },
      ],
    },
  ],
};

/** Product + home + device through the API; returns what a device needs to connect. */
export async function createLight(t: TestHub, deviceName?: string) {
  const home = (await t.request('POST', '/api/v1/homes', { body: { name: 'Home', language: 'en' } })).json();
  const product = (
    await t.request('POST', '/api/v1/products', {
      body: {
        name: 'Lamp',
        category: 'light',
        thingModel: lightModel,
        capabilities: {
          power: 'LightSwitch',
          brightness: 'Brightness',
          colorTemperature: 'ColorTemperature',
        },
      },
    })
  ).json();
  const device = (
    await t.request('POST', '/api/v1/devices', {
      body: {
        productKey: product.productKey,
        homeId: home.id,
        name: 'Desk lamp',
        ...(deviceName ? { deviceName } : {}),
      },
    })
  ).json();
  return { home, product, device };
}

/** Sign per docs/protocol.md, written here from the document alone so that the hub and SDK cannot hide a bug. */
export function alinkCredentials(
  productKey: string,
  deviceName: string,
  secret: string,
  method: 'hmacsha256' | 'hmacsha1' | 'hmacmd5' = 'hmacsha256',
  cid = `${productKey}.${deviceName}`,
) {
  const timestamp = String(Date.now());
  const content = `clientId${cid}deviceName${deviceName}productKey${productKey}timestamp${timestamp}`;
  const algorithm = { hmacsha256: 'sha256', hmacsha1: 'sha1', hmacmd5: 'md5' }[method];
  return {
    clientId: `${cid}|securemode=3,signmethod=${method},timestamp=${timestamp},lan=JS,_v=1.0|`,
    username: `${deviceName}&${productKey}`,
    password: createHmac(algorithm, secret).update(content).digest('hex'),
  };
}

/** A plain MQTT client connection (no SDK); resolves on CONNACK success, rejects with the refusal. */
export function connectRaw(
  port: number,
  creds: { clientId: string; username: string; password: string },
  keepalive = 60,
): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
      ...creds,
      reconnectPeriod: 0,
      keepalive,
      protocolVersion: 4,
      connectTimeout: 5000,
    });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

/** Collect messages on a client and wait for one that matches. */
export function inbox(client: MqttClient) {
  const messages: Array<{ topic: string; body: any }> = [];
  const waiters: Array<{
    match: (m: { topic: string; body: any }) => boolean;
    resolve: (m: { topic: string; body: any }) => void;
  }> = [];
  client.on('message', (topic, payload) => {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      body = payload.toString();
    }
    const message = { topic, body };
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  return {
    messages,
    next(
      match: (m: { topic: string; body: any }) => boolean,
      timeoutMs = 3000,
    ): Promise<{ topic: string; body: any }> {
      const found = messages.find(match);
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching MQTT message in time')), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            messages.splice(messages.indexOf(m), 1);
            resolve(m);
          },
        });
      });
    },
  };
}

/** Subscribe and wait for the SUBACK granted QoS list (128 = refused). */
export function subscribe(client: MqttClient, topic: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    client.subscribe(topic, { qos: 1 }, (error, granted) => {
      // mqtt.js reports a refused filter as an error carrying the SUBACK return code.
      const refused = (error as { packet?: { granted?: unknown } } | null)?.packet?.granted;
      if (Array.isArray(refused)) resolve(refused.map(Number));
      else if (error) reject(error);
      else resolve((granted ?? []).map((g) => g.qos));
    });
  });
}
