import { connect } from '@genio/device-sdk';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, createLight, inbox, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// MQTT over websocket (config mqttWsPort): the same broker, the same sign-in, the same topics.
let t: TestHub;
let light: Awaited<ReturnType<typeof createLight>>;

beforeAll(async () => {
  t = await startTestHub('sqlite', { mqttWsPort: 0 });
  light = await createLight(t, 'ws-lamp-1');
});
afterAll(async () => t?.close());

function connectWs(creds: { clientId: string; username: string; password: string }): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(`ws://127.0.0.1:${t.hub.ports.mqttWs}`, {
      ...creds,
      reconnectPeriod: 0,
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

const state = async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json();

describe('MQTT over websocket', () => {
  it('listens on its own port, next to the TCP one', () => {
    expect(t.hub.ports.mqttWs).toBeGreaterThan(0);
    expect(t.hub.ports.mqttWs).not.toBe(t.hub.ports.mqtt);
  });

  it('signs a device in with the same credentials and stores its reports', async () => {
    const { productKey, deviceName, deviceSecret } = light.device;
    const client = await connectWs(alinkCredentials(productKey, deviceName, deviceSecret));
    try {
      const box = inbox(client);
      const prefix = `/sys/${productKey}/${deviceName}/thing`;
      await subscribe(client, `${prefix}/event/property/post_reply`);
      client.publish(
        `${prefix}/event/property/post`,
        JSON.stringify({
          id: '7',
          version: '1.0',
          params: { Brightness: 33 },
          method: 'thing.event.property.post',
        }),
      );
      expect((await box.next((m) => m.body.id === '7')).body.code).toBe(200);
      expect((await state()).properties.Brightness).toBe(33);
      expect((await state()).online).toBe(true);
    } finally {
      client.end(true);
    }
  });

  it('refuses a wrong secret as the TCP listener does', async () => {
    const { productKey, deviceName } = light.device;
    await expect(connectWs(alinkCredentials(productKey, deviceName, 'not-the-secret'))).rejects.toThrow(
      /Not authorized/i,
    );
  });

  it('works from the device SDK with protocol ws and the hub’s mqttWsPort', async () => {
    const device = await connect({
      host: '127.0.0.1',
      port: t.hub.ports.mqttWs ?? 0,
      protocol: 'ws',
      productKey: light.device.productKey,
      deviceName: light.device.deviceName,
      deviceSecret: light.device.deviceSecret,
      connectTimeoutMs: 3000,
    });
    try {
      await expect(device.report({ Brightness: 61 })).resolves.toEqual({});
      expect((await state()).properties.Brightness).toBe(61);
    } finally {
      await device.close();
    }
  });
});
