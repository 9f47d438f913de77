import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Humidity, CO2 and a fan's swing, asked and set in four languages and judged at the devices: a
// hygrometer, a CO2 monitor, a dehumidifier whose name says nothing of what it is (its product
// does), a fan that swings and a lamp beside it, each a real MQTT client recording what it gets.
// Names from no evaluation set.
let t: TestHub;
let homeId: string;
const sets: Record<string, Array<Record<string, unknown>>> = {};
const open: Device[] = [];

const reading = (identifier: string, type: 'int' | 'float', min: number, max: number, unit?: string) => ({
  identifier,
  name: identifier,
  accessMode: 'r',
  dataType: { type, specs: { min, max, step: type === 'int' ? 1 : 0.1, ...(unit ? { unit } : {}) } },
});
const bool = (identifier: string) => ({
  identifier,
  name: identifier,
  accessMode: 'rw',
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});
const model = (...properties: unknown[]) => ({ properties, services: [], events: [] });

const products = {
  hygrometer: {
    name: 'Tundra hygrometer',
    category: 'sensor',
    thingModel: model(reading('Temperature', 'float', -20, 60, '°C'), reading('hum', 'float', 0, 100, '%')),
  },
  co2: {
    name: 'Fiato air monitor',
    category: 'sensor',
    thingModel: model(reading('carbon_dioxide', 'int', 0, 5000, 'ppm'), reading('RH', 'int', 0, 100)),
  },
  dehumidifier: {
    name: 'Arid 20 L dehumidifier',
    category: 'airConditioner',
    thingModel: model(bool('PowerSwitch'), reading('CurrentHumidity', 'int', 0, 100, '%'), {
      identifier: 'target_humidity',
      name: 'Target humidity',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 35, max: 70, step: 5, unit: '%' } },
    }),
  },
  fan: {
    name: 'Vortice tower fan',
    category: 'fan',
    thingModel: model(bool('PowerSwitch'), bool('swing')),
  },
  lamp: {
    name: 'Lumo lamp',
    category: 'light',
    thingModel: model(bool('LightSwitch'), {
      identifier: 'Brightness',
      name: 'Brightness',
      accessMode: 'rw',
      dataType: { type: 'int', specs: { min: 0, max: 100, step: 1, unit: '%' } },
    }),
  },
};

const areas: Array<[string, string[]]> = [
  ['drying loft', ['stenditoio', 'séchoir', '晾衣间']],
  ['music room', ['sala musica', 'salle de musique', '琴房']],
  ['cellar', ['cantina', 'cave', '地下室']],
  ["Mira's room", ['camera di Mira', 'chambre de Mira', '米拉房间']],
];

const devices: Array<{
  key: string;
  product: keyof typeof products;
  area: string;
  aliases: string[];
  reports: Record<string, unknown>;
}> = [
  {
    key: 'Hygro',
    product: 'hygrometer',
    area: 'drying loft',
    aliases: [],
    reports: { Temperature: 19, hum: 38.5 },
  },
  {
    key: 'Soffio',
    product: 'co2',
    area: 'music room',
    aliases: [],
    reports: { carbon_dioxide: 870, RH: 47 },
  },
  {
    key: 'Sahara',
    product: 'dehumidifier',
    area: 'cellar',
    aliases: ['撒哈拉'],
    reports: { PowerSwitch: 1, CurrentHumidity: 64, target_humidity: 60 },
  },
  { key: 'Whirl', product: 'fan', area: "Mira's room", aliases: [], reports: { PowerSwitch: 1, swing: 0 } },
  {
    key: 'Lumo',
    product: 'lamp',
    area: "Mira's room",
    aliases: [],
    reports: { LightSwitch: 1, Brightness: 70 },
  },
];

const say = async (text: string) => {
  const response = await t.request('POST', '/api/v1/conversation', { body: { text, homeId } });
  expect(response.status, response.body).toBe(200);
  return response.json() as { speech: { text: string }; language: string };
};
const clear = () => {
  for (const list of Object.values(sets)) list.length = 0;
};
/** Every device that received a set, with what. */
const received = () => Object.fromEntries(Object.entries(sets).filter(([, got]) => got.length > 0));

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa Brina', language: 'en' } })).json()
    .id as string;
  const areaIds: Record<string, string> = {};
  for (const [name, aliases] of areas) {
    const created = await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name, aliases } });
    expect(created.status, created.body).toBeLessThan(300);
    areaIds[name] = created.json().id;
  }
  const keys: Record<string, string> = {};
  const ids: string[] = [];
  for (const [kind, body] of Object.entries(products)) {
    const created = await t.request('POST', '/api/v1/products', { body });
    expect(created.status, created.body).toBeLessThan(300);
    keys[kind] = created.json().productKey;
  }
  for (const { key, product, area, aliases, reports } of devices) {
    const created = await t.request('POST', '/api/v1/devices', {
      body: { productKey: keys[product], homeId, name: key, aliases, areaId: areaIds[area] },
    });
    expect(created.status, created.body).toBeLessThan(300);
    ids.push(created.json().id);
    const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...created.json() });
    sets[key] = [];
    sdk.onSet(async (values) => {
      sets[key]?.push(values);
      await sdk.report(values);
    });
    await sdk.report(reports);
    open.push(sdk);
  }
  // The readings are in the hub before anyone asks.
  const reported = async (id: string) => {
    const got = await t.request('GET', `/api/v1/devices/${id}/capabilities`);
    return (got.json().capabilities as Array<{ value?: unknown }>).every((c) => c.value !== undefined);
  };
  for (const id of ids)
    for (let tries = 0; !(await reported(id)); tries++) {
      if (tries > 100) throw new Error(`device ${id} never reported`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});

describe('humidity and CO2 asked, in four languages', () => {
  it('says the humidity of a place with its unit, numbers written as each language writes them', async () => {
    const asked: Array<[string, string]> = [
      ["what's the humidity in the drying loft?", '38.5%'],
      ["quanta umidità c'è nello stenditoio?", '38,5%'],
      ["quel est le taux d'humidité dans le séchoir ?", '38,5 %'],
      ['晾衣间的湿度是多少', '38.5%'],
      ['what is the humidity in the cellar', '64%'],
    ];
    for (const [text, value] of asked) {
      clear();
      const turn = await say(text);
      expect(turn.speech.text, text).toContain(value);
      expect(received(), text).toEqual({});
    }
  });

  it('says the CO2 of a place in ppm', async () => {
    for (const text of [
      "how's the CO2 level in the music room?",
      "quanta CO2 c'è nella sala musica?",
      'il y a combien de CO2 dans la salle de musique ?',
      '琴房的二氧化碳浓度是多少',
    ]) {
      const turn = await say(text);
      expect(turn.speech.text, text).toMatch(/870 ppm/);
      expect(turn.speech.text, text).not.toMatch(/47/);
    }
  });
});

describe('a dehumidifier’s humidity and a fan’s swing set, in four languages', () => {
  it('sets the target humidity of the dehumidifier its product calls one, and nothing else', async () => {
    const told: Array<[string, number]> = [
      ['set the dehumidifier to 45 percent humidity', 45],
      ['imposta il deumidificatore al 50 per cento di umidità', 50],
      ["règle le déshumidificateur sur 55 % d'humidité", 55],
      ['除湿机的湿度设成40%', 40],
      ['set Sahara to 65% humidity', 65],
    ];
    for (const [text, value] of told) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ Sahara: [{ target_humidity: value }] });
      expect(turn.speech.text, text).toContain(String(value));
    }
  });

  it('makes the fan swing and stops it, leaving the lamp beside it alone', async () => {
    const told: Array<[string, number]> = [
      ["make Mira's fan swing", 1],
      ['stop the fan swinging', 0],
      ['fai oscillare il ventilatore', 1],
      ["ferma l'oscillazione del ventilatore", 0],
      ['fais osciller le ventilateur', 1],
      ["arrête l'oscillation du ventilateur", 0],
      ['风扇开摇头', 1],
      ['风扇关摇头', 0],
    ];
    for (const [text, swing] of told) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ Whirl: [{ swing }] });
      expect(turn.speech.text, text).toMatch(/swinging|oscillazione|oscillation|摇头/);
    }
  });

  it('moves nothing that cannot swing or hold a humidity, and the dehumidifier is still switched by its kind', async () => {
    for (const text of ['make Lumo swing', 'set Lumo to 45 percent humidity', 'set Whirl to 50% humidity']) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({});
    }
    clear();
    await say('turn off the dehumidifier');
    expect(received()).toEqual({ Sahara: [{ PowerSwitch: 0 }] });
  });
});
