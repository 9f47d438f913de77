import { createHmac } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight, inbox, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// What an outside attacker tried against the MQTT side, each a real client against the hub's own broker.
let t: TestHub;
const open: MqttClient[] = [];

beforeAll(async () => {
  t = await startTestHub('sqlite', { deviceRateLimit: 1000 });
});
afterAll(async () => {
  for (const c of open) c.end(true);
  await t?.close();
});

type Light = Awaited<ReturnType<typeof createLight>>;

async function connectDevice(light: Light, cid?: string): Promise<MqttClient> {
  const { device } = light;
  const client = await connectRaw(
    t.hub.ports.mqtt,
    alinkCredentials(device.productKey, device.deviceName, device.deviceSecret, 'hmacsha256', cid),
  );
  open.push(client);
  return client;
}

const prefixOf = (light: Light) => `/sys/${light.device.productKey}/${light.device.deviceName}/thing`;

function post(client: MqttClient, light: Light, id: string, params: Record<string, unknown>) {
  client.publish(
    `${prefixOf(light)}/event/property/post`,
    JSON.stringify({ id, version: '1.0', params, method: 'thing.event.property.post' }),
    { qos: 1 },
  );
}

function closed(client: MqttClient, withinMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!client.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('the session was not ended')), withinMs);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const properties = async (id: string) => (await t.request('GET', `/api/v1/devices/${id}`)).json().properties;

describe('a device deleted behind the hub’s back keeps posting', () => {
  it('never fails the shared write batch for another device', async () => {
    const healthy = await createLight(t);
    const doomed = await createLight(t);
    const good = await connectDevice(healthy);
    const bad = await connectDevice(doomed);
    const replies = inbox(good);
    await subscribe(good, `${prefixOf(healthy)}/event/property/post_reply`);
    // Another hub sharing the database deleted it; this hub has not heard yet.
    await t.hub.storage.db.deleteFrom('devices').where('id', '=', doomed.device.id).execute();
    for (let i = 0; i < 40; i++) {
      post(bad, doomed, `b${i}`, { Brightness: i });
      post(good, healthy, `g${i}`, { Brightness: i });
    }
    const codes: number[] = [];
    for (let i = 0; i < 40; i++)
      codes.push((await replies.next((m) => m.body.id === `g${i}`, 5000)).body.code as number);
    expect(codes.filter((code) => code !== 200)).toEqual([]);
    expect((await properties(healthy.device.id)).Brightness).toBe(39);
  });
});

describe('revocation ends the MQTT session at once', () => {
  const revocations: Array<[string, (light: Light) => Promise<void>]> = [
    [
      'disabling the device',
      async ({ device }) => {
        await t.request('PATCH', `/api/v1/devices/${device.id}`, { body: { disabled: true } });
      },
    ],
    [
      'rotating its secret',
      async ({ device }) => {
        await t.request('POST', `/api/v1/devices/${device.id}/secret`);
      },
    ],
    [
      'deleting the device',
      async ({ device }) => {
        await t.request('DELETE', `/api/v1/devices/${device.id}`);
      },
    ],
    [
      'deleting its home',
      async ({ home }) => {
        expect((await t.request('DELETE', `/api/v1/homes/${home.id}`)).status).toBe(204);
      },
    ],
  ];

  for (const [what, revoke] of revocations) {
    it(`${what} disconnects the device and stores nothing it sends after`, async () => {
      const light = await createLight(t);
      const client = await connectDevice(light);
      await expect
        .poll(async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().online)
        .toBe(true);
      await revoke(light);
      if (client.connected) post(client, light, 'late', { Brightness: 77 });
      await closed(client);
      await sleep(200);
      const after = await t.request('GET', `/api/v1/devices/${light.device.id}`);
      if (after.status === 200) {
        expect(after.json().properties.Brightness).not.toBe(77);
        expect(after.json().online).toBe(false);
      } else expect(after.status).toBe(404);
      await expect(
        connectRaw(
          t.hub.ports.mqtt,
          alinkCredentials(light.device.productKey, light.device.deviceName, light.device.deviceSecret),
        ),
      ).rejects.toThrow(/Not authorized/i);
    });
  }
});

/** Credentials of one device presented under a client id of someone else's choosing. */
function signedUnder(light: Light, clientId: string) {
  const cid = clientId.slice(0, clientId.indexOf('|'));
  const timestamp = /timestamp=(\d+)/.exec(clientId)?.[1] ?? '';
  const { productKey, deviceName, deviceSecret } = light.device;
  const content = `clientId${cid}deviceName${deviceName}productKey${productKey}timestamp${timestamp}`;
  return {
    clientId,
    username: `${deviceName}&${productKey}`,
    password: createHmac('sha256', deviceSecret).update(content).digest('hex'),
  };
}

describe('client ids are bound to the device that signs in', () => {
  it('refuses a device of another home using a connected device’s client id, and keeps the owner online', async () => {
    const owner = await createLight(t);
    const intruder = await createLight(t);
    const victim = await connectDevice(owner);
    const clientId = (victim.options.clientId as string) ?? '';
    await expect(connectRaw(t.hub.ports.mqtt, signedUnder(intruder, clientId))).rejects.toThrow(
      /Not authorized/i,
    );
    await sleep(200);
    expect(victim.connected).toBe(true);
    expect((await t.request('GET', `/api/v1/devices/${owner.device.id}`)).json().online).toBe(true);

    // The same device signing in again under its own client id still replaces its old connection.
    const again = await connectRaw(t.hub.ports.mqtt, signedUnder(owner, clientId));
    open.push(again);
    await closed(victim);
    expect(again.connected).toBe(true);
  });
});

function retainedUnder(filter: string): Promise<string[]> {
  const { persistence } = t.hub.broker.aedes as unknown as {
    persistence: { createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string }> };
  };
  return (async () => {
    const topics: string[] = [];
    for await (const packet of persistence.createRetainedStreamCombi([filter])) topics.push(packet.topic);
    return topics;
  })();
}

describe('retained messages', () => {
  it('keeps none from devices, and a device reusing a deleted one’s name receives none', async () => {
    const first = await createLight(t, 'retainer-01');
    const client = await connectDevice(first);
    for (let i = 0; i < 5; i++)
      await client.publishAsync(`${prefixOf(first)}/custom/${i}`, Buffer.alloc(16 * 1024, 1), {
        qos: 1,
        retain: true,
      });
    expect(await retainedUnder(`/sys/${first.device.productKey}/#`)).toEqual([]);
    await t.request('DELETE', `/api/v1/devices/${first.device.id}`);
    const reborn = (
      await t.request('POST', '/api/v1/devices', {
        body: {
          productKey: first.device.productKey,
          homeId: first.home.id,
          name: 'Reborn lamp',
          deviceName: 'retainer-01',
        },
      })
    ).json();
    const next = await connectDevice({ ...first, device: reborn });
    const box = inbox(next);
    await subscribe(next, `${prefixOf(first)}/#`);
    await sleep(300);
    expect(box.messages).toEqual([]);
  });

  it('clears what the broker kept for a device when the device is deleted', async () => {
    const light = await createLight(t, 'retainer-02');
    const topic = `${prefixOf(light)}/custom/left-over`;
    await new Promise<void>((resolve, reject) =>
      t.hub.broker.aedes.publish(
        { cmd: 'publish', topic, payload: Buffer.from('old'), qos: 0, retain: true, dup: false },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    expect(await retainedUnder(`${prefixOf(light)}/#`)).toEqual([topic]);
    await t.request('DELETE', `/api/v1/devices/${light.device.id}`);
    await expect.poll(() => retainedUnder(`${prefixOf(light)}/#`)).toEqual([]);
  });
});

describe('packet size before sign-in', () => {
  it('cuts a connection whose CONNECT announces 256 MB instead of reading it', async () => {
    const socket = connectTcp(t.hub.ports.mqtt, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise<number>((resolve) => {
      const started = Date.now();
      socket.once('close', () => resolve(Date.now() - started));
    });
    socket.on('error', () => {});
    // Fixed header of a CONNECT with the largest remaining length MQTT can express (268,435,455 bytes).
    socket.write(Buffer.from([0x10, 0xff, 0xff, 0xff, 0x7f]));
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 16 && !socket.destroyed; i++) socket.write(chunk);
    const elapsed = await Promise.race([ended, sleep(2000).then(() => -1)]);
    socket.destroy();
    expect(elapsed).toBeGreaterThanOrEqual(0);
  });
});

describe('guessing a device secret', () => {
  it('locks the device’s sign-in after repeated wrong secrets, without touching other devices', async () => {
    const target = await createLight(t);
    const bystander = await createLight(t);
    const { productKey, deviceName, deviceSecret } = target.device;
    for (let i = 0; i < 6; i++)
      await expect(
        connectRaw(t.hub.ports.mqtt, alinkCredentials(productKey, deviceName, `guess-${i}`)),
      ).rejects.toThrow(/Not authorized/i);
    await expect(
      connectRaw(t.hub.ports.mqtt, alinkCredentials(productKey, deviceName, deviceSecret)),
    ).rejects.toThrow(/Not authorized/i);
    const other = await connectDevice(bystander);
    expect(other.connected).toBe(true);
    const metrics = (await t.request('GET', '/metrics')).body;
    expect(metrics).toMatch(/genio_mqtt_refused_total\{kind="lockout"\} [1-9]/);
  });

  it('slows down device pairing-code guesses from one address', async () => {
    const { device } = await createLight(t);
    const { code } = (await t.request('POST', `/api/v1/devices/${device.id}/pairing`)).json();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await t.request('POST', '/api/v1/pairing/claim', { token: null, body: { code: `WRONG${i}XY` } }))
          .status,
      );
    expect(statuses).toEqual(Array(10).fill(404));
    const valid = await t.request('POST', '/api/v1/pairing/claim', { token: null, body: { code } });
    expect(valid.status).toBe(429);
    expect(valid.json().code).toBe('rate_limited');
  });
});

describe('a device flooding its own sub-topics', () => {
  it('is held to the device rate limit there too', async () => {
    const slow = await startTestHub('sqlite', { deviceRateLimit: 5 });
    try {
      const light = await createLight(slow);
      const { productKey, deviceName, deviceSecret } = light.device;
      const client = await connectRaw(
        slow.hub.ports.mqtt,
        alinkCredentials(productKey, deviceName, deviceSecret),
      );
      try {
        const topic = `/sys/${productKey}/${deviceName}/user/flood`;
        const box = inbox(client);
        await subscribe(client, topic);
        for (let i = 0; i < 60; i++) client.publish(topic, `m${i}`, { qos: 0 });
        await sleep(500);
        // A burst of twice the rate (10) passes, plus what half a second refills.
        expect(box.messages.length).toBeGreaterThan(0);
        expect(box.messages.length).toBeLessThanOrEqual(15);
        const metrics = (await slow.request('GET', '/metrics')).body;
        expect(metrics).toMatch(/genio_mqtt_refused_total\{kind="rate"\} [1-9]/);
      } finally {
        client.end(true);
      }
    } finally {
      await slow.close();
    }
  });
});
