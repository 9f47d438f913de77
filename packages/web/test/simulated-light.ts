import type { MqttClient } from 'mqtt';
import { alinkCredentials, connectRaw, inbox } from '../../hub/test/device-fixtures.js';

/** What a device needs to sign in. */
export interface LightCredentials {
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

/** A light on real MQTT that applies every property set, answers it, and can report values itself. */
export async function simulatedLight(mqttPort: number, device: LightCredentials) {
  const prefix = `/sys/${device.productKey}/${device.deviceName}/thing`;
  const client: MqttClient = await connectRaw(
    mqttPort,
    alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
  );
  const box = inbox(client);
  /** What the device answers to a property set (a brand's firmware may refuse). */
  const answer: { code: number; message?: string } = { code: 200 };
  client.on('message', (topic, payload) => {
    if (topic !== `${prefix}/service/property/set`) return;
    const { id } = JSON.parse(payload.toString()) as { id: string };
    client.publish(`${prefix}/service/property/set_reply`, JSON.stringify({ id, data: {}, ...answer }));
  });
  await new Promise<void>((resolve, reject) =>
    client.subscribe(`${prefix}/service/property/set`, { qos: 1 }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return {
    client,
    answer,
    /** The next property set the hub sends with these values. */
    nextSet: (params: Record<string, unknown>) =>
      box.next(
        (m) =>
          m.topic === `${prefix}/service/property/set` &&
          Object.entries(params).every(([k, v]) => m.body?.params?.[k] === v),
        5000,
      ),
    report: (params: Record<string, unknown>) =>
      client.publish(
        `${prefix}/event/property/post`,
        JSON.stringify({
          id: String(Date.now()),
          version: '1.0',
          params,
          method: 'thing.event.property.post',
        }),
      ),
  };
}
