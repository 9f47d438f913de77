import { connect, type Device } from '@genio/device-sdk';
import { simulators } from '../../../examples/devices/index.js';
import type { TestHub } from './harness.js';

/**
 * A home written for the command-model tests (not tuned on any evaluation set): an attic, a laundry,
 * a hallway and a porch; a thermostat, two lamps of different brightness ranges, two plugs, a vacuum,
 * a curtain and a Chinese-named desk lamp. Every device is a real MQTT client that records what it
 * receives, so tests judge by what the device got, not by the intent name.
 */
const bool = (id: string) => ({
  identifier: id,
  name: id,
  accessMode: 'rw',
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});
const int = (id: string, min: number, max: number, step: number, unit?: string) => ({
  identifier: id,
  name: id,
  accessMode: 'rw',
  dataType: {
    type: 'int',
    specs: { min: String(min), max: String(max), step: String(step), ...(unit ? { unit } : {}) },
  },
});
const model = (properties: unknown[]) => ({ properties, services: [], events: [] });

interface Product {
  category: string;
  thingModel: unknown;
  capabilities?: Record<string, string>;
}

const products: Record<string, Product> = {
  percentLamp: {
    category: 'light',
    thingModel: model([bool('LightSwitch'), int('Brightness', 1, 100, 1, '%')]),
    capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
  },
  byteLamp: {
    category: 'light',
    thingModel: model([bool('LightSwitch'), int('Brightness', 0, 255, 1)]),
    capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
  },
  plug: { category: 'plug', thingModel: model([bool('PowerSwitch')]) },
  thermostat: {
    category: 'airConditioner',
    thingModel: model([
      bool('PowerSwitch'),
      {
        identifier: 'TargetTemperature',
        name: 'Target',
        accessMode: 'rw',
        dataType: { type: 'float', specs: { min: '10', max: '30', step: '0.5', unit: '°C' } },
      },
    ]),
  },
  curtain: { category: 'curtain', thingModel: model([int('CurtainPosition', 0, 100, 1, '%')]) },
};

/** What one device received: property sets and service calls, in order. */
export type Received = Array<{ set: Record<string, unknown> } | { call: string; params: unknown }>;

/** The test home: ids by device name, and what each device received. */
export interface CommandHome {
  homeId: string;
  ids: Record<string, string>;
  received: Record<string, Received>;
  say(text: string, extra?: Record<string, unknown>): Promise<TurnBody>;
  /** Every property set any device received since the last `clear()`. */
  sets(name: string): Array<Record<string, unknown>>;
  calls(name: string): string[];
  clear(): void;
  close(): Promise<void>;
}

/** The parts of a turn's answer the tests read. */
export interface TurnBody {
  conversationId: string;
  language: string;
  intent: { name: string; slots: Record<string, { value: unknown; text: string }> } | null;
  speech: { text: string };
  card?: { type: string; items?: Array<{ id: string; title: string }> };
  continueConversation: boolean;
}

type Spec = [name: string, product: keyof typeof products | 'vacuum', area: string | null, aliases: string[]];

const devices: Spec[] = [
  ['thermostat', 'thermostat', 'Hallway', ['termostato', 'thermostat', '温控器']],
  ['reading lamp', 'percentLamp', 'Attic', ['lampada da lettura', 'lampe de lecture', '阅读灯']],
  ['wall light', 'byteLamp', 'Hallway', ['applique', '壁灯']],
  ['printer', 'plug', 'Attic', ['stampante', 'imprimante', '打印机']],
  ['Christmas tree', 'plug', 'Hallway', ['albero di natale', 'sapin de noël', '圣诞树']],
  ['Robby', 'vacuum', null, ['扫地机器人']],
  ['curtains', 'curtain', 'Laundry', ['tende', 'rideaux', '窗帘']],
  ['台灯', 'percentLamp', 'Attic', ['desk lamp']],
  ['porch lamp', 'percentLamp', 'Porch', ['lampione', 'lampe du perron', '门廊灯']],
  ['night light', 'percentLamp', 'Attic', ['luce notturna', 'veilleuse', '夜灯']],
  ['night light', 'percentLamp', 'Laundry', ['luce notturna', 'veilleuse', '夜灯']],
];

const areas: Array<[string, string[]]> = [
  ['Attic', ['soffitta', 'grenier', '阁楼']],
  ['Laundry', ['lavanderia', 'buanderie', '洗衣房']],
  ['Hallway', ['corridoio', 'couloir', '走廊']],
  ['Porch', ['portico', 'perron', '门廊']],
];

/** Build the home in a running test hub; `only` keeps a subset of the devices. */
export async function buildCommandHome(
  t: TestHub,
  options: { language?: string; only?: string[] } = {},
): Promise<CommandHome> {
  const homeId = (
    await t.request('POST', '/api/v1/homes', {
      body: { name: 'Casa Lago', language: options.language ?? 'en' },
    })
  ).json().id as string;
  const areaIds: Record<string, string> = {};
  for (const [name, aliases] of areas)
    areaIds[name] = (
      await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name, aliases } })
    ).json().id;
  const productKeys: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const received: Record<string, Received> = {};
  const open: Device[] = [];
  for (const [name, kind, area, aliases] of devices) {
    if (options.only && !options.only.includes(name)) continue;
    if (!productKeys[kind]) {
      const body =
        kind === 'vacuum'
          ? {
              name: 'Vacuum',
              category: 'vacuum',
              thingModel: (simulators.vacuum as { thingModel: unknown }).thingModel,
            }
          : { name: kind, ...products[kind] };
      const created = await t.request('POST', '/api/v1/products', { body });
      if (created.status !== 201 && created.status !== 200) throw new Error(created.body);
      productKeys[kind] = created.json().productKey;
    }
    const created = await t.request('POST', '/api/v1/devices', {
      body: {
        productKey: productKeys[kind],
        homeId,
        name,
        aliases,
        ...(area ? { areaId: areaIds[area] } : {}),
      },
    });
    if (created.status !== 201 && created.status !== 200) throw new Error(created.body);
    const device = created.json();
    // A second device of the same name is known by its area: "night light (Laundry)".
    const key = ids[name] ? `${name} (${area})` : name;
    ids[key] = device.id;
    const log: Received = [];
    received[key] = log;
    const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...device });
    sdk.onSet(async (values) => {
      log.push({ set: values });
      await sdk.report(values);
    });
    for (const service of ['start', 'pause', 'dock'])
      sdk.onService(service, (params) => {
        log.push({ call: service, params });
        return {};
      });
    open.push(sdk);
  }
  return {
    homeId,
    ids,
    received,
    async say(text, extra = {}) {
      const response = await t.request('POST', '/api/v1/conversation', { body: { text, homeId, ...extra } });
      if (response.status !== 200) throw new Error(`${response.status} ${response.body}`);
      return response.json();
    },
    sets: (name) => (received[name] ?? []).flatMap((r) => ('set' in r ? [r.set] : [])),
    calls: (name) => (received[name] ?? []).flatMap((r) => ('call' in r ? [r.call] : [])),
    clear() {
      for (const log of Object.values(received)) log.length = 0;
    },
    async close() {
      for (const d of open) await d.close();
    },
  };
}

/** Names of every device that received anything. */
export function touched(home: CommandHome): string[] {
  return Object.entries(home.received)
    .filter(([, log]) => log.length > 0)
    .map(([name]) => name);
}
