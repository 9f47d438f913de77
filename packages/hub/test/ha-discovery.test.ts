import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaDiscoveryBridge, type HaDiscoveryBridge } from '../src/links/ha-discovery/index.js';
import { createLogger } from '../src/log/index.js';
import { startTestHub, type TestHub } from './harness.js';

// Home Assistant discovery against the real Mosquitto on this machine, with configs shaped as
// Zigbee2MQTT publishes them. The hub reaches Mosquitto through a TCP relay the test can cut, to
// see the bridge reconnect.
const BROKER = process.env.GENIO_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
const brokerUrl = new URL(BROKER);
const run = randomBytes(4).toString('hex');
const prefix = `genio-test-${run}`;
const base = `z2m-${run}`;
const bridgeState = `${base}/bridge/state`;
const ieee = (n: number) => `0x${run}${String(n).padStart(8, '0')}`;
const availability = [{ topic: bridgeState, value_template: '{{ value_json.state }}' }];
const device = (n: number, name: string, extra: Record<string, unknown> = {}) => ({
  identifiers: [`zigbee2mqtt_${ieee(n)}`],
  manufacturer: 'IKEA',
  model: 'test',
  name,
  via_device: 'zigbee2mqtt_bridge_0x00124b0000000000',
  ...extra,
});
const origin = { name: 'Zigbee2MQTT', sw: '1.40.0', url: 'https://www.zigbee2mqtt.io' };
const topicOf = (component: string, n: number, objectId: string) =>
  `${prefix}/${component}/${ieee(n)}/${objectId}/config`;

const configs: Record<string, unknown> = {
  [topicOf('light', 1, 'light')]: {
    availability,
    brightness: true,
    brightness_scale: 254,
    color_mode: true,
    command_topic: `${base}/Living lamp/set`,
    device: device(1, 'Living lamp', { suggested_area: 'Living room' }),
    effect: true,
    effect_list: ['blink', 'breathe'],
    max_mireds: 454,
    min_mireds: 250,
    name: null,
    object_id: 'living_lamp',
    origin,
    schema: 'json',
    state_topic: `${base}/Living lamp`,
    supported_color_modes: ['xy', 'color_temp'],
    unique_id: `${ieee(1)}_light_zigbee2mqtt`,
  },
  [topicOf('sensor', 1, 'linkquality')]: {
    availability,
    device: device(1, 'Living lamp'),
    enabled_by_default: false,
    entity_category: 'diagnostic',
    name: 'Linkquality',
    state_topic: `${base}/Living lamp`,
    unique_id: `${ieee(1)}_linkquality_zigbee2mqtt`,
    value_template: '{{ value_json.linkquality }}',
  },
  [topicOf('switch', 2, 'switch')]: {
    availability: [
      ...availability,
      { topic: `${base}/Plug/availability`, value_template: '{{ value_json.state }}' },
    ],
    availability_mode: 'all',
    command_topic: `${base}/Plug/set`,
    device: device(2, 'Plug'),
    name: null,
    object_id: 'plug',
    origin,
    payload_off: 'OFF',
    payload_on: 'ON',
    state_topic: `${base}/Plug`,
    unique_id: `${ieee(2)}_switch_zigbee2mqtt`,
    value_template: '{{ value_json.state }}',
  },
  [topicOf('climate', 3, 'climate')]: {
    action_template:
      "{% set values = {None:None,'idle':'idle','heat':'heating'} %}{{ values[value_json.running_state] }}",
    action_topic: `${base}/TRV`,
    availability,
    current_temperature_template: '{{ value_json.local_temperature }}',
    current_temperature_topic: `${base}/TRV`,
    device: device(3, 'TRV'),
    max_temp: '30',
    min_temp: '5',
    mode_command_topic: `${base}/TRV/set/system_mode`,
    mode_state_template: '{{ value_json.system_mode }}',
    mode_state_topic: `${base}/TRV`,
    modes: ['off', 'heat', 'auto'],
    name: null,
    object_id: 'trv',
    origin,
    precision: 0.5,
    temp_step: 0.5,
    temperature_command_topic: `${base}/TRV/set/occupied_heating_setpoint`,
    temperature_state_template: '{{ value_json.occupied_heating_setpoint }}',
    temperature_state_topic: `${base}/TRV`,
    temperature_unit: 'C',
    unique_id: `${ieee(3)}_climate_zigbee2mqtt`,
  },
  [topicOf('cover', 4, 'cover')]: {
    availability,
    command_topic: `${base}/Blind/set`,
    device: device(4, 'Blind'),
    name: null,
    object_id: 'blind',
    origin,
    position_template: '{{ value_json.position }}',
    position_topic: `${base}/Blind`,
    set_position_template: '{ "position": {{ position }} }',
    set_position_topic: `${base}/Blind/set`,
    state_closing: 'DOWN',
    state_opening: 'UP',
    state_stopped: 'STOP',
    state_topic: `${base}/Blind`,
    unique_id: `${ieee(4)}_cover_zigbee2mqtt`,
    value_template: '{{ value_json.state }}',
  },
  // Two sensors with the same object id on different nodes: removing one must leave the other.
  [topicOf('sensor', 5, 'temperature')]: {
    availability,
    device: device(5, 'Bedroom sensor'),
    device_class: 'temperature',
    enabled_by_default: true,
    name: 'Temperature',
    object_id: 'bedroom_sensor_temperature',
    origin,
    state_class: 'measurement',
    state_topic: `${base}/Bedroom sensor`,
    unique_id: `${ieee(5)}_temperature_zigbee2mqtt`,
    unit_of_measurement: '°C',
    value_template: '{{ value_json.temperature }}',
  },
  [topicOf('sensor', 6, 'temperature')]: {
    availability,
    device: device(6, 'Hall sensor'),
    device_class: 'temperature',
    name: 'Temperature',
    object_id: 'hall_sensor_temperature',
    origin,
    state_topic: `${base}/Hall sensor`,
    unique_id: `${ieee(6)}_temperature_zigbee2mqtt`,
    unit_of_measurement: '°C',
    value_template: '{{ value_json.temperature }}',
  },
  [topicOf('sensor', 6, 'battery')]: {
    availability,
    device: device(6, 'Hall sensor'),
    device_class: 'battery',
    name: 'Battery',
    state_topic: `${base}/Hall sensor`,
    unique_id: `${ieee(6)}_battery_zigbee2mqtt`,
    unit_of_measurement: '%',
    value_template: '{{ value_json.battery }}',
  },
  [topicOf('fan', 7, 'fan')]: {
    availability,
    command_topic: `${base}/Fan/set/fan_state`,
    device: device(7, 'Fan'),
    name: null,
    percentage_command_template:
      "{{ {0: 'off', 33: 'low', 66: 'medium', 100: 'high'}[value] | default('') }}",
    percentage_command_topic: `${base}/Fan/set/fan_mode`,
    percentage_state_topic: `${base}/Fan`,
    percentage_value_template:
      "{{ {'off': 0, 'low': 33, 'medium': 66, 'high': 100}[value_json.fan_mode] | default('None') }}",
    state_topic: `${base}/Fan`,
    state_value_template: '{{ value_json.fan_state }}',
    unique_id: `${ieee(7)}_fan_zigbee2mqtt`,
  },
};
const doorTopic = topicOf('binary_sensor', 8, 'contact');
const extraTopics = [
  doorTopic,
  `${prefix}/light/0xbad/light/config`,
  `${prefix}/switch/0xbad/nocommand/config`,
];

// A second bridge built by hand from the hub's parts: an explicit home, the bus, config changes.
const prefix2 = `${prefix}-direct`;
const plugTopic2 = `${prefix2}/switch/tasmota_ABC/relay_1/config`;
let direct: HaDiscoveryBridge | undefined;

let t: TestHub;
let peer: MqttClient;
let relay: Server;
const relayed = new Set<Socket>();
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

async function props(id: string): Promise<Record<string, unknown>> {
  return (await t.request('GET', `/api/v1/devices/${id}`)).json().properties;
}

/** The last payload published on a topic after `since` messages were seen. */
async function sent(topic: string, since: number): Promise<string> {
  await expect.poll(() => seen.slice(since).some((m) => m.topic === topic), { timeout: 3000 }).toBe(true);
  const found = seen.slice(since).filter((m) => m.topic === topic);
  return (found[found.length - 1] as { payload: string }).payload;
}

const expectedNames = [
  'Bedroom sensor Temperature',
  'Blind',
  'Fan',
  'Hall sensor Battery',
  'Hall sensor Temperature',
  'Living lamp',
  'Plug',
  'TRV',
];

beforeAll(async () => {
  relay = createServer((socket) => {
    const upstream = tcpConnect(Number(brokerUrl.port || 1883), brokerUrl.hostname);
    for (const s of [socket, upstream]) {
      relayed.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        relayed.delete(s);
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = (relay.address() as { port: number }).port;

  peer = await mqtt.connectAsync(BROKER, { clientId: `genio-test-peer-${run}`, reconnectPeriod: 0 });
  await peer.subscribeAsync(`${base}/#`);
  peer.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString() }));
  await publish(bridgeState, JSON.stringify({ state: 'online' }), true);
  await publish(`${base}/Plug/availability`, JSON.stringify({ state: 'online' }), true);
  for (const [topic, body] of Object.entries(configs)) await publish(topic, JSON.stringify(body), true);
  t = await startTestHub('sqlite', {
    haDiscoveryUrl: `mqtt://127.0.0.1:${relayPort}`,
    haDiscoveryPrefix: prefix,
  });
});

afterAll(async () => {
  await direct?.stop();
  await t?.close();
  for (const s of relayed) s.destroy();
  await new Promise((resolve) => relay?.close(resolve));
  if (peer) {
    for (const topic of [...Object.keys(configs), ...extraTopics, bridgeState, `${base}/Plug/availability`])
      await publish(topic, '', true);
    await publish(plugTopic2, '', true);
    await peer.endAsync();
  }
});

describe('Home Assistant discovery import (real Mosquitto)', () => {
  it('imports Zigbee2MQTT entities as devices with categories and capabilities, online from availability', async () => {
    await expect
      .poll(async () => Object.keys(await devicesByName()).sort(), { timeout: 8000 })
      .toEqual(expectedNames);
    await expect
      .poll(async () => Object.values(await devicesByName()).every((d) => d.online), { timeout: 5000 })
      .toBe(true);
    const byName = await devicesByName();
    const categories = Object.fromEntries(Object.entries(byName).map(([n, d]) => [n, d.category]));
    expect(categories).toEqual({
      'Bedroom sensor Temperature': 'sensor',
      Blind: 'curtain',
      Fan: 'fan',
      'Hall sensor Battery': 'sensor',
      'Hall sensor Temperature': 'sensor',
      'Living lamp': 'light',
      Plug: 'switch',
      TRV: 'airConditioner',
    });
    const capabilities = async (name: string) =>
      Object.keys(
        (await t.request('GET', `/api/v1/products/${byName[name].productKey}`)).json().capabilities,
      ).sort();
    expect(await capabilities('Living lamp')).toEqual(['brightness', 'color', 'colorTemperature', 'power']);
    expect(await capabilities('Plug')).toEqual(['power']);
    expect(await capabilities('TRV')).toEqual(['currentTemperature', 'mode', 'power', 'targetTemperature']);
    expect(await capabilities('Blind')).toEqual(['position']);
    expect(await capabilities('Bedroom sensor Temperature')).toEqual(['currentTemperature']);
    expect(await capabilities('Hall sensor Battery')).toEqual(['batteryLevel']);
    expect(await capabilities('Fan')).toEqual(['fanSpeed', 'power']);
    // Both temperature sensors share one product; the long Zigbee2MQTT unique ids fit Genio's device names.
    expect(byName['Hall sensor Temperature'].productKey).toBe(
      byName['Bedroom sensor Temperature'].productKey,
    );
    expect(byName['Living lamp'].deviceName).toMatch(/^[A-Za-z0-9_.:@-]{4,32}$/);
    const homes = (await t.request('GET', '/api/v1/homes')).json();
    const home = homes.find((h: { name: string }) => h.name === 'Home Assistant');
    expect(home).toBeTruthy();
    expect(byName['Living lamp'].homeId).toBe(home.id);
    const areas = (await t.request('GET', `/api/v1/homes/${home.id}/areas`)).json();
    expect(areas.find((a: { id: string }) => a.id === byName['Living lamp'].areaId)?.name).toBe(
      'Living room',
    );
  });

  it('follows state topics through value templates', async () => {
    const byName = await devicesByName();
    await publish(
      `${base}/Living lamp`,
      JSON.stringify({
        state: 'ON',
        brightness: 127,
        color_temp: 370,
        color_mode: 'color_temp',
        linkquality: 90,
      }),
    );
    await publish(
      `${base}/TRV`,
      JSON.stringify({ local_temperature: 19.3, occupied_heating_setpoint: 21, system_mode: 'heat' }),
    );
    await publish(`${base}/Bedroom sensor`, JSON.stringify({ temperature: 22.75, humidity: 40 }));
    await publish(`${base}/Hall sensor`, JSON.stringify({ temperature: 18.5, battery: 87 }));
    await publish(`${base}/Blind`, JSON.stringify({ position: 60, state: 'OPEN' }));
    await publish(`${base}/Fan`, JSON.stringify({ fan_state: 'ON', fan_mode: 'medium' }));
    await publish(`${base}/Plug`, JSON.stringify({ state: 'OFF', power: 0 }));
    await expect
      .poll(() => props(byName['Living lamp'].id))
      .toEqual({ power: 1, brightness: 50, colorTemperature: 2703 });
    await expect
      .poll(() => props(byName.TRV.id))
      .toEqual({ currentTemperature: 19.3, targetTemperature: 21, mode: 1, power: 1 });
    await expect
      .poll(() => props(byName['Bedroom sensor Temperature'].id))
      .toEqual({ currentTemperature: 22.75 });
    await expect
      .poll(() => props(byName['Hall sensor Temperature'].id))
      .toEqual({ currentTemperature: 18.5 });
    await expect.poll(() => props(byName['Hall sensor Battery'].id)).toEqual({ batteryLevel: 87 });
    await expect.poll(() => props(byName.Blind.id)).toEqual({ position: 60 });
    await expect.poll(() => props(byName.Fan.id)).toEqual({ power: 1, fanSpeed: 66 });
    await expect.poll(() => props(byName.Plug.id)).toEqual({ power: 0 });
  });

  it('sends capability commands to the command topics in the shape Zigbee2MQTT expects', async () => {
    const byName = await devicesByName();
    const call = (name: string, body: unknown) =>
      t.request('POST', `/api/v1/devices/${byName[name].id}/capabilities`, { body });
    let mark = seen.length;
    const off = await call('Plug', { power: false });
    expect(off.status).toBe(200);
    expect(off.json().reply.code).toBe(200);
    expect(await sent(`${base}/Plug/set`, mark)).toBe('OFF');
    mark = seen.length;
    expect((await call('Plug', { power: true })).status).toBe(200);
    expect(await sent(`${base}/Plug/set`, mark)).toBe('ON');
    mark = seen.length;
    expect((await call('Living lamp', { power: false, brightness: 100 })).status).toBe(200);
    expect(JSON.parse(await sent(`${base}/Living lamp/set`, mark))).toEqual({
      state: 'OFF',
      brightness: 254,
    });
    mark = seen.length;
    expect((await call('Living lamp', { color: '#ff0000' })).status).toBe(200);
    expect(JSON.parse(await sent(`${base}/Living lamp/set`, mark))).toEqual({
      state: 'ON',
      color: { x: 0.6401, y: 0.33 },
    });
    mark = seen.length;
    expect((await call('TRV', { targetTemperature: 21.5 })).status).toBe(200);
    expect(await sent(`${base}/TRV/set/occupied_heating_setpoint`, mark)).toBe('21.5');
    mark = seen.length;
    expect((await call('TRV', { power: false })).status).toBe(200);
    expect(await sent(`${base}/TRV/set/system_mode`, mark)).toBe('off');
    mark = seen.length;
    expect((await call('TRV', { mode: 'auto' })).status).toBe(200);
    expect(await sent(`${base}/TRV/set/system_mode`, mark)).toBe('auto');
    mark = seen.length;
    expect((await call('Blind', { position: 30 })).status).toBe(200);
    expect(JSON.parse(await sent(`${base}/Blind/set`, mark))).toEqual({ position: 30 });
    mark = seen.length;
    const close = await t.request('POST', `/api/v1/devices/${byName.Blind.id}/services/close`, { body: {} });
    expect(close.status).toBe(200);
    expect(await sent(`${base}/Blind/set`, mark)).toBe('CLOSE');
    mark = seen.length;
    expect((await call('Fan', { fanSpeed: 'high' })).status).toBe(200);
    expect(await sent(`${base}/Fan/set/fan_mode`, mark)).toBe('high');
    // A speed the fan's template has no word for is refused by the device side, not published.
    const odd = await call('Fan', { fanSpeed: 50 });
    expect(odd.json().reply.code).toBe(460);
    // A sensor takes no commands.
    expect((await call('Hall sensor Temperature', { currentTemperature: 3 })).status).toBe(400);
  });

  it('follows availability: all sources for availability_mode all; offline devices refuse commands', async () => {
    const byName = await devicesByName();
    const online = async (name: string) =>
      (await t.request('GET', `/api/v1/devices/${byName[name].id}`)).json().online;
    await publish(`${base}/Plug/availability`, JSON.stringify({ state: 'offline' }), true);
    await expect.poll(() => online('Plug')).toBe(false);
    expect(await online('Living lamp')).toBe(true);
    const refused = await t.request('POST', `/api/v1/devices/${byName.Plug.id}/capabilities`, {
      body: { power: false },
    });
    expect(refused.status).toBe(409);
    await publish(`${base}/Plug/availability`, JSON.stringify({ state: 'online' }), true);
    await expect.poll(() => online('Plug')).toBe(true);
    await publish(bridgeState, JSON.stringify({ state: 'offline' }), true);
    await expect.poll(() => online('Living lamp')).toBe(false);
    await expect.poll(() => online('Plug')).toBe(false);
    await publish(bridgeState, JSON.stringify({ state: 'online' }), true);
    await expect.poll(() => online('Living lamp')).toBe(true);
    await expect.poll(() => online('Plug')).toBe(true);
  });

  it('reconnects when the broker connection drops, and keeps working', async () => {
    const byName = await devicesByName();
    const online = async () => (await t.request('GET', `/api/v1/devices/${byName.Plug.id}`)).json().online;
    for (const s of relayed) s.destroy();
    await expect.poll(online, { timeout: 5000 }).toBe(false);
    await expect.poll(online, { timeout: 10_000 }).toBe(true);
    const mark = seen.length;
    expect(
      (await t.request('POST', `/api/v1/devices/${byName.Plug.id}/capabilities`, { body: { power: false } }))
        .status,
    ).toBe(200);
    expect(await sent(`${base}/Plug/set`, mark)).toBe('OFF');
    await publish(`${base}/Hall sensor`, JSON.stringify({ temperature: 17, battery: 80 }));
    await expect.poll(() => props(byName['Hall sensor Temperature'].id)).toEqual({ currentTemperature: 17 });
    expect(Object.keys(await devicesByName()).sort()).toEqual(expectedNames);
  });

  it('keeps the same devices across a hub restart', async () => {
    const before = await devicesByName();
    await t.restart();
    await expect
      .poll(async () => Object.values(await devicesByName()).every((d) => d.online), { timeout: 10_000 })
      .toBe(true);
    const after = await devicesByName();
    expect(Object.keys(after).sort()).toEqual(expectedNames);
    for (const name of expectedNames) expect(after[name].id, name).toBe(before[name].id);
  });

  it('ignores malformed configs and keeps importing; an empty config removes only its entity', async () => {
    await publish(`${prefix}/light/0xbad/light/config`, '{not json', true);
    await publish(
      `${prefix}/switch/0xbad/nocommand/config`,
      JSON.stringify({ name: 'Broken', unique_id: `broken_${run}` }),
      true,
    );
    await publish(
      doorTopic,
      JSON.stringify({
        availability,
        device: device(8, 'Door'),
        device_class: 'door',
        name: null,
        payload_on: false,
        payload_off: true,
        state_topic: `${base}/Door`,
        value_template: '{{ value_json.contact }}',
        unique_id: `${ieee(8)}_contact_zigbee2mqtt`,
      }),
      true,
    );
    await expect.poll(async () => (await devicesByName()).Door?.online).toBe(true);
    const door = (await devicesByName()).Door;
    await publish(`${base}/Door`, JSON.stringify({ contact: false }));
    await expect.poll(() => props(door.id)).toEqual({ detected: 1 });
    expect(Object.keys(await devicesByName())).not.toContain('Broken');

    const byName = await devicesByName();
    await publish(topicOf('sensor', 5, 'temperature'), '', true);
    await expect
      .poll(
        async () =>
          (await t.request('GET', `/api/v1/devices/${byName['Bedroom sensor Temperature'].id}`)).status,
      )
      .toBe(404);
    expect((await t.request('GET', `/api/v1/devices/${byName['Hall sensor Temperature'].id}`)).status).toBe(
      200,
    );
    // The Hall sensor still follows its state.
    await publish(`${base}/Hall sensor`, JSON.stringify({ temperature: 16 }));
    await expect.poll(() => props(byName['Hall sensor Temperature'].id)).toEqual({ currentTemperature: 16 });
  });
});

describe('Home Assistant discovery bridge built from the hub parts', () => {
  it('imports into a given home, follows config changes, and re-imports a device deleted in Genio', async () => {
    const home = (
      await t.request('POST', '/api/v1/homes', { body: { name: `Flat ${run}`, language: 'en' } })
    ).json();
    direct = createHaDiscoveryBridge({
      url: BROKER,
      prefix: prefix2,
      homeId: home.id,
      devices: t.hub.devices,
      homes: t.hub.homes,
      bus: t.hub.bus,
      log: createLogger(process.env.HA_DEBUG ? 'debug' : 'silent'),
    });
    await direct.start();
    // Tasmota's abbreviated form.
    const tasmota = {
      '~': `tasmota-${run}/`,
      name: 'Relay',
      stat_t: '~stat/POWER',
      cmd_t: '~cmnd/POWER',
      avty_t: '~tele/LWT',
      pl_avail: 'Online',
      pl_not_avail: 'Offline',
      pl_on: 'ON',
      pl_off: 'OFF',
      uniq_id: `ABC_RL_1_${run}`,
      dev: { ids: ['ABC'], name: 'Kettle plug' },
    };
    await publish(`tasmota-${run}/tele/LWT`, 'Online', true);
    await publish(plugTopic2, JSON.stringify(tasmota), true);
    const inHome = async () =>
      (
        (await t.request('GET', `/api/v1/devices?homeId=${home.id}`)).json() as Array<Record<string, unknown>>
      ).filter((d) => d.homeId === home.id);
    await expect
      .poll(async () => (await inHome()).map((d) => [d.name, d.category, d.online]))
      .toEqual([['Kettle plug Relay', 'switch', true]]);
    const first = (await inHome())[0] as { id: string };
    expect(direct.entities().get(plugTopic2)).toBe(first.id);

    // The same entity announced as an outlet is a plug now: a new product, the old device replaced.
    await publish(plugTopic2, JSON.stringify({ ...tasmota, dev_cla: 'outlet' }), true);
    await expect.poll(async () => (await inHome()).map((d) => d.category)).toEqual(['plug']);
    const second = (await inHome())[0] as { id: string };
    expect(second.id).not.toBe(first.id);
    expect((await t.request('GET', `/api/v1/devices/${first.id}`)).status).toBe(404);

    // Deleted in Genio: forgotten, and imported again when the entity is next announced.
    expect((await t.request('DELETE', `/api/v1/devices/${second.id}`)).status).toBe(204);
    await expect.poll(() => direct?.entities().has(plugTopic2)).toBe(false);
    await publish(plugTopic2, JSON.stringify({ ...tasmota, dev_cla: 'outlet' }), true);
    await expect.poll(async () => (await inHome()).map((d) => d.online)).toEqual([true]);
    const third = (await inHome())[0] as { id: string; online: boolean };
    expect(third.id).not.toBe(second.id);

    const mark = seen.length;
    await peer.subscribeAsync(`tasmota-${run}/#`);
    expect(
      (await t.request('POST', `/api/v1/devices/${third.id}/capabilities`, { body: { power: true } })).status,
    ).toBe(200);
    expect(await sent(`tasmota-${run}/cmnd/POWER`, mark)).toBe('ON');
    expect(direct.stats()).toMatchObject({ imported: 3, commands: 1 });
    await publish(`tasmota-${run}/tele/LWT`, '', true);
  });
});
