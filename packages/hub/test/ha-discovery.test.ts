import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Home Assistant discovery against the real Mosquitto on this machine, with configs shaped as Zigbee2MQTT publishes them.
const BROKER = process.env.GENIO_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const run = randomBytes(4).toString('hex');
const prefix = `genio-test-${run}`;
const base = `z2m-${run}`;
const bridgeState = `${base}/bridge/state`;
const availability = [{ topic: bridgeState, value_template: '{{ value_json.state }}' }];
const device = (id: string, name: string) => ({
  identifiers: [`zigbee2mqtt_${id}`],
  manufacturer: 'IKEA',
  model: 'test',
  name,
});

const configs: Record<string, unknown> = {
  [`${prefix}/light/0x01/light/config`]: {
    availability,
    brightness: true,
    brightness_scale: 254,
    command_topic: `${base}/Living lamp/set`,
    device: device('0x01', 'Living lamp'),
    max_mireds: 454,
    min_mireds: 250,
    name: null,
    object_id: 'living_lamp',
    schema: 'json',
    state_topic: `${base}/Living lamp`,
    supported_color_modes: ['color_temp'],
    unique_id: `0x01_light_${run}`,
  },
  [`${prefix}/switch/0x02/switch/config`]: {
    availability,
    command_topic: `${base}/Plug/set`,
    device: device('0x02', 'Plug'),
    name: null,
    object_id: 'plug',
    payload_off: 'OFF',
    payload_on: 'ON',
    state_topic: `${base}/Plug`,
    unique_id: `0x02_switch_${run}`,
    value_template: '{{ value_json.state }}',
  },
  [`${prefix}/climate/0x03/climate/config`]: {
    availability,
    current_temperature_template: '{{ value_json.local_temperature }}',
    current_temperature_topic: `${base}/TRV`,
    device: device('0x03', 'TRV'),
    max_temp: '30',
    min_temp: '5',
    mode_command_topic: `${base}/TRV/set/system_mode`,
    mode_state_template: '{{ value_json.system_mode }}',
    mode_state_topic: `${base}/TRV`,
    modes: ['off', 'heat', 'auto'],
    name: null,
    object_id: 'trv',
    temp_step: 0.5,
    temperature_command_topic: `${base}/TRV/set/occupied_heating_setpoint`,
    temperature_state_template: '{{ value_json.occupied_heating_setpoint }}',
    temperature_state_topic: `${base}/TRV`,
    unique_id: `0x03_climate_${run}`,
  },
  [`${prefix}/cover/0x04/cover/config`]: {
    availability,
    command_topic: `${base}/Blind/set`,
    device: device('0x04', 'Blind'),
    name: null,
    object_id: 'blind',
    position_template: '{{ value_json.position }}',
    position_topic: `${base}/Blind`,
    set_position_template: '{ "position": {{ position }} }',
    set_position_topic: `${base}/Blind/set`,
    state_topic: `${base}/Blind`,
    unique_id: `0x04_cover_${run}`,
    value_template: '{{ value_json.state }}',
  },
  [`${prefix}/sensor/0x05/temperature/config`]: {
    availability,
    device: device('0x05', 'Bedroom sensor'),
    device_class: 'temperature',
    name: 'Temperature',
    object_id: 'bedroom_sensor_temperature',
    state_class: 'measurement',
    state_topic: `${base}/Bedroom sensor`,
    unique_id: `0x05_temperature_${run}`,
    unit_of_measurement: '°C',
    value_template: '{{ value_json.temperature }}',
  },
};

let t: TestHub;
let peer: MqttClient;
const seen: Array<{ topic: string; payload: string }> = [];

function publish(topic: string, payload: string, retain = false): Promise<void> {
  return new Promise((resolve, reject) =>
    peer.publish(topic, payload, { qos: 1, retain }, (e) => (e ? reject(e) : resolve())),
  );
}

async function devicesByName(): Promise<Record<string, any>> {
  const list = (await t.request('GET', '/api/v1/devices')).json() as Array<{ name: string }>;
  return Object.fromEntries(list.map((d) => [d.name, d]));
}

async function sent(topic: string) {
  await expect.poll(() => seen.some((m) => m.topic === topic), { timeout: 3000 }).toBe(true);
  const found = seen.filter((m) => m.topic === topic);
  return (found[found.length - 1] as { payload: string }).payload;
}

beforeAll(async () => {
  peer = await mqtt.connectAsync(BROKER, { clientId: `genio-test-peer-${run}`, reconnectPeriod: 0 });
  await peer.subscribeAsync(`${base}/#`);
  peer.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
  await publish(bridgeState, JSON.stringify({ state: 'online' }), true);
  for (const [topic, body] of Object.entries(configs)) await publish(topic, JSON.stringify(body), true);
  t = await startTestHub('sqlite', { haDiscoveryUrl: BROKER, haDiscoveryPrefix: prefix });
});

afterAll(async () => {
  await t?.close();
  for (const topic of [...Object.keys(configs), bridgeState, `${prefix}/binary_sensor/0x06/contact/config`])
    await publish(topic, '', true);
  await peer?.endAsync();
});

describe('Home Assistant discovery import (real Mosquitto)', () => {
  it('imports Zigbee2MQTT entities as devices with categories and capabilities, online from availability', async () => {
    await expect
      .poll(async () => Object.keys(await devicesByName()).sort(), { timeout: 5000 })
      .toEqual(['Bedroom sensor Temperature', 'Blind', 'Living lamp', 'Plug', 'TRV']);
    const byName = await devicesByName();
    expect(byName['Living lamp']).toMatchObject({ category: 'light', online: true });
    expect(byName.Plug.category).toBe('switch');
    expect(byName.TRV.category).toBe('airConditioner');
    expect(byName.Blind.category).toBe('curtain');
    expect(byName['Bedroom sensor Temperature'].category).toBe('sensor');
    const lamp = (await t.request('GET', `/api/v1/products/${byName['Living lamp'].productKey}`)).json();
    expect(Object.keys(lamp.capabilities).sort()).toEqual(['brightness', 'colorTemperature', 'power']);
    const homes = (await t.request('GET', '/api/v1/homes')).json();
    expect(homes.map((h: { name: string }) => h.name)).toContain('Home Assistant');
  });

  it('follows state topics through value templates', async () => {
    const byName = await devicesByName();
    await publish(`${base}/Living lamp`, JSON.stringify({ state: 'ON', brightness: 127, color_temp: 370 }));
    await publish(
      `${base}/TRV`,
      JSON.stringify({ local_temperature: 19.3, occupied_heating_setpoint: 21, system_mode: 'heat' }),
    );
    await publish(`${base}/Bedroom sensor`, JSON.stringify({ temperature: 22.75, humidity: 40 }));
    await publish(`${base}/Blind`, JSON.stringify({ position: 60, state: 'OPEN' }));
    const props = async (name: string) =>
      (await t.request('GET', `/api/v1/devices/${byName[name].id}`)).json().properties;
    await expect
      .poll(() => props('Living lamp'))
      .toEqual({ power: 1, brightness: 50, colorTemperature: 2703 });
    await expect
      .poll(() => props('TRV'))
      .toMatchObject({ currentTemperature: 19.3, targetTemperature: 21, mode: 1, power: 1 });
    await expect.poll(() => props('Bedroom sensor Temperature')).toEqual({ currentTemperature: 22.75 });
    await expect.poll(() => props('Blind')).toEqual({ position: 60 });
  });

  it('sends capability commands to the command topics in the shape Zigbee2MQTT expects', async () => {
    const byName = await devicesByName();
    const call = (name: string, body: unknown) =>
      t.request('POST', `/api/v1/devices/${byName[name].id}/capabilities`, { body });
    expect((await call('Living lamp', { power: false, brightness: 100 })).status).toBe(200);
    expect(JSON.parse(await sent(`${base}/Living lamp/set`))).toEqual({ state: 'OFF', brightness: 254 });
    expect((await call('Plug', { power: true })).status).toBe(200);
    expect(await sent(`${base}/Plug/set`)).toBe('ON');
    expect((await call('TRV', { targetTemperature: 21.5 })).status).toBe(200);
    expect(await sent(`${base}/TRV/set/occupied_heating_setpoint`)).toBe('21.5');
    expect((await call('TRV', { power: false })).status).toBe(200);
    expect(await sent(`${base}/TRV/set/system_mode`)).toBe('off');
    expect((await call('Blind', { position: 30 })).status).toBe(200);
    expect(JSON.parse(await sent(`${base}/Blind/set`))).toEqual({ position: 30 });
    expect(
      (await t.request('POST', `/api/v1/devices/${byName.Blind.id}/services/close`, { body: {} })).status,
    ).toBe(200);
    expect(await sent(`${base}/Blind/set`)).toBe('CLOSE');
  });

  it('marks devices offline when the bridge says so', async () => {
    const byName = await devicesByName();
    await publish(bridgeState, JSON.stringify({ state: 'offline' }), true);
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${byName.Plug.id}`)).json().online)
      .toBe(false);
    expect(
      (await t.request('POST', `/api/v1/devices/${byName.Plug.id}/capabilities`, { body: { power: false } }))
        .status,
    ).toBe(409);
    await publish(bridgeState, JSON.stringify({ state: 'online' }), true);
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${byName.Plug.id}`)).json().online)
      .toBe(true);
  });

  it('ignores a malformed config and keeps importing; an empty config removes the entity', async () => {
    await publish(`${prefix}/light/0xbad/light/config`, '{not json');
    await publish(
      `${prefix}/binary_sensor/0x06/contact/config`,
      JSON.stringify({
        device: device('0x06', 'Door'),
        name: null,
        payload_on: false,
        payload_off: true,
        state_topic: `${base}/Door`,
        value_template: '{{ value_json.contact }}',
        unique_id: `0x06_contact_${run}`,
      }),
      true,
    );
    await expect.poll(async () => (await devicesByName()).Door?.online).toBe(true);
    const door = (await devicesByName()).Door;
    await publish(`${base}/Door`, JSON.stringify({ contact: false }));
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${door.id}`)).json().properties)
      .toEqual({ detected: 1 });
    const sensorId = (await devicesByName())['Bedroom sensor Temperature'].id;
    await publish(`${prefix}/sensor/0x05/temperature/config`, '', true);
    await expect.poll(async () => (await t.request('GET', `/api/v1/devices/${sensorId}`)).status).toBe(404);
  });
});
