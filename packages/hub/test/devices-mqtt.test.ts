import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight, inbox, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
let light: Awaited<ReturnType<typeof createLight>>;
const open: MqttClient[] = [];

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 400, mqttMaxPayload: 4096 });
  light = await createLight(t, 'lamp-001');
});
afterAll(async () => {
  for (const c of open) c.end(true);
  await t?.close();
});

async function connectLight(method: 'hmacsha256' | 'hmacsha1' | 'hmacmd5' = 'hmacsha256') {
  const { device } = light;
  const client = await connectRaw(
    t.hub.ports.mqtt,
    alinkCredentials(device.productKey, device.deviceName, device.deviceSecret, method),
  );
  open.push(client);
  return client;
}

const prefix = () => `/sys/${light.device.productKey}/${light.device.deviceName}/thing`;

describe('device connect (signed Alink credentials)', () => {
  it('accepts every sign method and marks the device online', async () => {
    for (const method of ['hmacsha256', 'hmacsha1', 'hmacmd5'] as const) {
      const client = await connectLight(method);
      client.end(true);
    }
    const client = await connectLight();
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().online)
      .toBe(true);
    client.end(true);
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().online)
      .toBe(false);
  });

  it('refuses a wrong secret, an unknown device and a disabled device with CONNACK not authorized', async () => {
    const { device } = light;
    await expect(
      connectRaw(t.hub.ports.mqtt, alinkCredentials(device.productKey, device.deviceName, 'wrong-secret')),
    ).rejects.toThrow(/Not authorized|Bad username/i);
    await expect(
      connectRaw(t.hub.ports.mqtt, alinkCredentials(device.productKey, 'nobody-here', device.deviceSecret)),
    ).rejects.toThrow(/Not authorized/i);
    await t.request('PATCH', `/api/v1/devices/${device.id}`, { body: { disabled: true } });
    await expect(
      connectRaw(
        t.hub.ports.mqtt,
        alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
      ),
    ).rejects.toThrow(/Not authorized/i);
    await t.request('PATCH', `/api/v1/devices/${device.id}`, { body: { disabled: false } });
  });
});

describe('topic ACL', () => {
  it("refuses subscriptions outside the device's own space, and keeps the connection", async () => {
    const other = await createLight(t, 'lamp-other');
    const client = await connectLight();
    expect(await subscribe(client, `${prefix()}/#`)).toEqual([1]);
    expect(
      await subscribe(client, `/sys/${other.device.productKey}/${other.device.deviceName}/thing/#`),
    ).toEqual([128]);
    expect(await subscribe(client, '/sys/#')).toEqual([128]);
    expect(await subscribe(client, '/sys/+/+/thing/#')).toEqual([128]);
    expect(await subscribe(client, '#')).toEqual([128]);
    expect(client.connected).toBe(true);
  });

  it("drops a publish into another device's topics; the other device never sees it", async () => {
    const other = await createLight(t, 'lamp-victim');
    const victim = await connectRaw(
      t.hub.ports.mqtt,
      alinkCredentials(other.device.productKey, other.device.deviceName, other.device.deviceSecret),
    );
    open.push(victim);
    const victimInbox = inbox(victim);
    await subscribe(victim, `/sys/${other.device.productKey}/${other.device.deviceName}/thing/#`);
    const attacker = await connectLight();
    attacker.publish(
      `/sys/${other.device.productKey}/${other.device.deviceName}/thing/service/property/set`,
      JSON.stringify({
        id: '1',
        version: '1.0',
        params: { LightSwitch: 1 },
        method: 'thing.service.property.set',
      }),
      { qos: 1 },
    );
    await expect(victimInbox.next(() => true, 500)).rejects.toThrow();
    expect(attacker.connected).toBe(true);
  });
});

describe('property post', () => {
  it('validates, stores in the shadow and replies 200', async () => {
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    client.publish(
      `${prefix()}/event/property/post`,
      JSON.stringify({
        id: '101',
        version: '1.0',
        params: { LightSwitch: 1, Brightness: { value: 40, time: 1_700_000_000_000 } },
        method: 'thing.event.property.post',
      }),
    );
    const reply = await box.next((m) => m.topic.endsWith('/event/property/post_reply'));
    expect(reply.body).toMatchObject({ id: '101', code: 200 });
    const device = (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json();
    expect(device.properties).toMatchObject({ LightSwitch: 1, Brightness: 40 });
    const history = (await t.request('GET', `/api/v1/devices/${light.device.id}/history/Brightness`)).json();
    expect(history).toContainEqual({ time: 1_700_000_000_000, value: 40 });
  });

  it('answers bad values, unknown identifiers, malformed JSON and oversized payloads with Alink codes and stays up', async () => {
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    const post = (id: string, params: unknown) =>
      client.publish(
        `${prefix()}/event/property/post`,
        JSON.stringify({ id, version: '1.0', params, method: 'thing.event.property.post' }),
      );

    post('201', { Brightness: 140 });
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '201')).body.code).toBe(5093);
    post('202', { Brightness: 40.5 });
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '202')).body.code).toBe(5093);
    post('203', { Mode: 7 });
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '203')).body.code).toBe(5093);
    post('204', { Colour: 1 });
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '204')).body.code).toBe(5092);
    client.publish(`${prefix()}/event/property/post`, '{"id":"205","params":');
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '205')).body.code).toBe(460);
    client.publish(
      `${prefix()}/event/property/post`,
      JSON.stringify({ id: '206', version: '1.0', params: {}, method: 'thing.wrong' }),
    );
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '206')).body.code).toBe(460);
    client.publish(
      `${prefix()}/event/property/post`,
      JSON.stringify({ id: '207', params: { Firmware: 'x'.repeat(5000) } }),
    );
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '207')).body.code).toBe(5095);
    client.publish(
      `${prefix()}/event/overheat/post`,
      JSON.stringify({
        id: '208',
        version: '1.0',
        params: { value: { temperature: 500 } },
        method: 'thing.event.overheat.post',
      }),
    );
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '208')).body.code).toBe(5093);
    client.publish(
      `${prefix()}/event/nosuch/post`,
      JSON.stringify({ id: '209', version: '1.0', params: { value: {} }, method: 'thing.event.nosuch.post' }),
    );
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '209')).body.code).toBe(5094);

    // Nothing bad was stored and the hub still answers.
    expect(
      (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().properties.Brightness,
    ).not.toBe(140);
    post('210', { Brightness: 10 });
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '210')).body.code).toBe(200);
    expect(client.connected).toBe(true);
  });

  it('puts events on the bus and the websocket stream', async () => {
    const seen: unknown[] = [];
    t.hub.bus.on('test', 'device.event', (payload) => {
      seen.push(payload);
    });
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    client.publish(
      `${prefix()}/event/overheat/post`,
      JSON.stringify({
        id: '301',
        version: '1.0',
        params: { value: { temperature: 81.5 }, time: 1_700_000_000_500 },
        method: 'thing.event.overheat.post',
      }),
    );
    expect((await box.next((m) => m.topic.endsWith('_reply') && m.body?.id === '301')).body.code).toBe(200);
    expect(seen).toContainEqual({
      homeId: light.home.id,
      deviceId: light.device.id,
      event: 'overheat',
      params: { temperature: 81.5 },
      at: 1_700_000_000_500,
    });
    t.hub.bus.off('test');
  });
});

describe('commands from the hub', () => {
  it('sets properties and returns the device reply', async () => {
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    const pending = t.request('POST', `/api/v1/devices/${light.device.id}/properties`, {
      body: { Brightness: 70 },
    });
    const set = await box.next((m) => m.topic === `${prefix()}/service/property/set`);
    expect(set.body).toMatchObject({ method: 'thing.service.property.set', params: { Brightness: 70 } });
    client.publish(
      `${prefix()}/service/property/set_reply`,
      JSON.stringify({ id: set.body.id, code: 200, data: {} }),
    );
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'replied', reply: { code: 200 } });
    expect((await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().properties.Brightness).toBe(
      70,
    );
  });

  it('validates before sending: read-only, out of range, unknown', async () => {
    const readOnly = await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, {
      body: { Firmware: 'x' },
    });
    expect(readOnly.status).toBe(400);
    expect(readOnly.json().code).toBe('property_invalid');
    expect(
      (
        await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, { body: { Brightness: -1 } })
      ).json().code,
    ).toBe('property_invalid');
    expect(
      (await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, { body: { Nope: 1 } })).json()
        .code,
    ).toBe('property_unknown');
    expect(
      (await t.request('POST', `/api/v1/devices/${light.device.id}/services/explode`, { body: {} })).json()
        .code,
    ).toBe('service_unknown');
  });

  it('invokes a service and returns its output', async () => {
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    const pending = t.request('POST', `/api/v1/devices/${light.device.id}/services/blink`, {
      body: { params: { times: 3 } },
    });
    const call = await box.next((m) => m.topic === `${prefix()}/service/blink`);
    expect(call.body).toMatchObject({ method: 'thing.service.blink', params: { times: 3 } });
    client.publish(
      `${prefix()}/service/blink_reply`,
      JSON.stringify({ id: call.body.id, code: 200, data: { done: 1 } }),
    );
    expect((await pending).json()).toMatchObject({
      status: 'replied',
      reply: { code: 200, data: { done: 1 } },
    });
  });

  it('answers 504 when the device stays silent and 409 when it is offline', async () => {
    const client = await connectLight();
    await subscribe(client, `${prefix()}/#`);
    const silent = await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, {
      body: { Brightness: 20 },
    });
    expect(silent.status).toBe(504);
    expect(silent.json().code).toBe('device_timeout');
    client.end(true);
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().online)
      .toBe(false);
    const offline = await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, {
      body: { Brightness: 20 },
    });
    expect(offline.status).toBe(409);
    expect(offline.json().code).toBe('device_offline');
  });

  it('queues desired state for an offline device and delivers it on reconnect', async () => {
    const queued = await t.request('POST', `/api/v1/devices/${light.device.id}/capabilities?queue=true`, {
      body: { power: false, brightness: 33 },
    });
    expect(queued.status).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'queued', properties: { LightSwitch: 0, Brightness: 33 } });

    const { device } = light;
    const mqttModule = await import('mqtt');
    const creds = alinkCredentials(device.productKey, device.deviceName, device.deviceSecret);
    // Subscribe inside the connect so that no downlink can arrive before the subscription exists (clean: false keeps it).
    const client = mqttModule.default.connect(`mqtt://127.0.0.1:${t.hub.ports.mqtt}`, {
      ...creds,
      reconnectPeriod: 0,
      clean: true,
    });
    open.push(client);
    const box = inbox(client);
    client.subscribe(`${prefix()}/#`, { qos: 1 });
    const set = await box.next((m) => m.topic === `${prefix()}/service/property/set`, 5000);
    expect(set.body.params).toEqual({ LightSwitch: 0, Brightness: 33 });
    client.publish(
      `${prefix()}/service/property/set_reply`,
      JSON.stringify({ id: set.body.id, code: 200, data: {} }),
    );
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().properties)
      .toMatchObject({ LightSwitch: 0, Brightness: 33 });
  });

  it('translates capabilities through the product mapping', async () => {
    const client = await connectLight();
    const box = inbox(client);
    await subscribe(client, `${prefix()}/#`);
    const pending = t.request('POST', `/api/v1/devices/${light.device.id}/capabilities`, {
      body: { power: true, brightness: 55 },
    });
    const set = await box.next((m) => m.topic === `${prefix()}/service/property/set`);
    expect(set.body.params).toEqual({ LightSwitch: 1, Brightness: 55 });
    client.publish(`${prefix()}/service/property/set_reply`, JSON.stringify({ id: set.body.id, code: 200 }));
    expect((await pending).status).toBe(200);
    const bad = await t.request('POST', `/api/v1/devices/${light.device.id}/capabilities`, {
      body: { targetTemperature: 20 },
    });
    expect(bad.status).toBe(400);
  });
});
