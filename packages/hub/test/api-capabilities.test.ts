import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// A screen drives a device by capability: it reads kinds, bounds and values in capability terms and
// sets { power: true }, and never sees the thing model's identifiers.

describe('device capabilities over HTTP', () => {
  let t: TestHub;
  let mine: Awaited<ReturnType<typeof createLight>>;
  let theirs: Awaited<ReturnType<typeof createLight>>;
  let token: string;
  let client: MqttClient;
  const sets: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    mine = await createLight(t, 'cap-mine');
    theirs = await createLight(t, 'cap-theirs');
    token = (
      await t.request('POST', '/api/v1/tokens', {
        body: { name: 'screen', role: 'household', homeId: mine.home.id },
      })
    ).json().token;
    const { productKey, deviceName, deviceSecret } = mine.device;
    const prefix = `/sys/${productKey}/${deviceName}/thing`;
    client = await connectRaw(t.hub.ports.mqtt, alinkCredentials(productKey, deviceName, deviceSecret));
    client.on('message', (topic, payload) => {
      if (topic !== `${prefix}/service/property/set`) return;
      const { id, params } = JSON.parse(payload.toString()) as {
        id: string;
        params: Record<string, unknown>;
      };
      sets.push(params);
      client.publish(`${prefix}/service/property/set_reply`, JSON.stringify({ id, code: 200, data: {} }));
      client.publish(
        `${prefix}/event/property/post`,
        JSON.stringify({ id: `${id}-r`, version: '1.0', params, method: 'thing.event.property.post' }),
      );
    });
    await client.subscribeAsync(`${prefix}/service/property/set`, { qos: 1 });
  });
  afterAll(async () => {
    client?.end(true);
    await t?.close();
  });

  const capabilities = async (deviceId: string, as = token) =>
    t.request('GET', `/api/v1/devices/${deviceId}/capabilities`, { token: as });

  it('lists capabilities with bounds in capability terms, no TSL identifiers', async () => {
    const response = await capabilities(mine.device.id);
    expect(response.status, response.body).toBe(200);
    const body = response.json();
    expect(body.deviceId).toBe(mine.device.id);
    const byName = Object.fromEntries(body.capabilities.map((c: { name: string }) => [c.name, c]));
    expect(byName.power).toMatchObject({ type: 'boolean', writable: true });
    expect(byName.brightness).toMatchObject({ type: 'number', min: 0, max: 100, unit: '%' });
    expect(byName.colorTemperature).toMatchObject({ type: 'number', unit: 'K' });
    expect(response.body).not.toContain('LightSwitch');
  });

  it('sets a capability by name; the device gets its own property and the read shows the new value', async () => {
    const set = await t.request('POST', `/api/v1/devices/${mine.device.id}/capabilities`, {
      token,
      body: { power: true, brightness: 40 },
    });
    expect(set.status, set.body).toBe(200);
    expect(sets.at(-1)).toMatchObject({ LightSwitch: 1 });
    await expect
      .poll(async () => {
        const list = (await capabilities(mine.device.id)).json().capabilities;
        return list.find((c: { name: string }) => c.name === 'power')?.value;
      })
      .toBe(true);
  });

  it('refuses a bad value in words, and keeps other homes out', async () => {
    const bad = await t.request('POST', `/api/v1/devices/${mine.device.id}/capabilities`, {
      token,
      body: { power: 'maybe' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    expect((await capabilities(theirs.device.id)).status).toBe(403);
    const foreign = await t.request('POST', `/api/v1/devices/${theirs.device.id}/capabilities`, {
      token,
      body: { power: true },
    });
    expect(foreign.status).toBe(403);
    expect((await capabilities(mine.device.id, 'not-a-token')).status).toBe(401);
  });
});
