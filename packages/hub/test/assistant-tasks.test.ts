import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Verbs by what a device does, judged at the device: a coffee machine and a robot mower whose
// names say nothing of what they are (their products do; the mower is filed as a vacuum), a vacuum
// and a lamp, each a real MQTT client recording what it receives. Names from no evaluation set.
let t: TestHub;
let homeId: string;
const calls: Record<string, string[]> = {};
const sets: Record<string, Array<Record<string, unknown>>> = {};
const open: Device[] = [];

const bool = (identifier: string) => ({
  identifier,
  name: identifier,
  accessMode: 'rw',
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});
const service = (identifier: string, name: string) => ({
  identifier,
  name,
  callType: 'async',
  inputData: [],
  outputData: [],
});

const products = {
  coffee: {
    name: 'Crema bean-to-cup coffee machine',
    category: 'switch',
    thingModel: { properties: [bool('Power')], services: [service('PullShot', 'Pull a shot')], events: [] },
    capabilities: { power: 'Power', start: 'PullShot' },
  },
  mower: {
    name: 'Erba robot lawn mower',
    category: 'vacuum',
    thingModel: {
      properties: [],
      services: [service('Cut', 'Start'), service('Hold', 'Hold'), service('Home', 'Home')],
      events: [],
    },
    capabilities: { start: 'Cut', pause: 'Hold', dock: 'Home' },
  },
  vacuum: {
    name: 'Polvo robot vacuum',
    category: 'vacuum',
    thingModel: {
      properties: [],
      services: [service('Sweep', 'Sweep'), service('Stop', 'Stop'), service('Base', 'Base')],
      events: [],
    },
    capabilities: { start: 'Sweep', pause: 'Stop', dock: 'Base' },
  },
  lamp: {
    name: 'Lumen lamp',
    category: 'light',
    thingModel: { properties: [bool('On')], services: [], events: [] },
    capabilities: { power: 'On' },
  },
};

const devices: Array<[key: string, product: keyof typeof products, name: string, aliases: string[]]> = [
  ['crema', 'coffee', 'Crema', ['克莉玛']],
  ['ortica', 'mower', 'Ortica', ['小草']],
  ['polvo', 'vacuum', 'Polvo', ['小尘']],
  ['lumen', 'lamp', 'Lumen', ['小灯']],
];

const say = async (text: string) => {
  const response = await t.request('POST', '/api/v1/conversation', { body: { text, homeId } });
  expect(response.status, response.body).toBe(200);
  return response.json() as { speech: { text: string }; language: string };
};
const clear = () => {
  for (const list of [...Object.values(calls), ...Object.values(sets)]) list.length = 0;
};
/** Every device that received anything, with what. */
const received = () =>
  Object.fromEntries(
    devices
      .map(([key]) => [key, [...(calls[key] ?? []), ...(sets[key] ?? []).map((s) => JSON.stringify(s))]])
      .filter(([, got]) => (got as string[]).length > 0),
  );

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  homeId = (
    await t.request('POST', '/api/v1/homes', { body: { name: 'Casa Ortica', language: 'en' } })
  ).json().id as string;
  const keys: Record<string, string> = {};
  for (const [kind, body] of Object.entries(products)) {
    const created = await t.request('POST', '/api/v1/products', { body });
    expect(created.status, created.body).toBeLessThan(300);
    keys[kind] = created.json().productKey;
  }
  for (const [key, product, name, aliases] of devices) {
    const created = await t.request('POST', '/api/v1/devices', {
      body: { productKey: keys[product], homeId, name, aliases },
    });
    expect(created.status, created.body).toBeLessThan(300);
    const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...created.json() });
    calls[key] = [];
    sets[key] = [];
    sdk.onSet(async (values) => {
      sets[key]?.push(values);
      await sdk.report(values);
    });
    for (const s of products[product].thingModel.services)
      sdk.onService(s.identifier, () => {
        calls[key]?.push(s.identifier);
        return {};
      });
    open.push(sdk);
  }
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});

describe('tasks at the device', () => {
  it('makes a coffee on the machine its product calls a coffee machine, in four languages', async () => {
    for (const text of ['make me a coffee', 'fammi un caffè', 'fais-moi un café', '来一杯咖啡']) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ crema: ['PullShot'] });
    }
    clear();
    expect((await say('make me a coffee')).speech.text).toBe('Started Crema.');
  });

  it('sends the mower out to mow and the vacuum to sweep, never one for the other', async () => {
    for (const text of ['mow the lawn', 'taglia il prato', 'tonds la pelouse', '割草']) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ ortica: ['Cut'] });
    }
    for (const text of ['start cleaning', "passa l'aspirapolvere", "passe l'aspirateur", '扫地']) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({ polvo: ['Sweep'] });
    }
  });

  it('moves nothing when the named device cannot do the task or the name is unknown', async () => {
    for (const text of ['Lumen, make me a coffee', 'send Rex out to mow the lawn', 'power up the mower']) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({});
    }
  });

  it('moves nothing for a sentence about what was done, and still acts when it asks', async () => {
    for (const text of [
      'Ortica did a great job on the lawn yesterday',
      "ieri Ortica ha tagliato l'erba benissimo, bravo",
      'Ortica a bien tondu la pelouse hier, bravo',
      '小草昨天草割得真不错',
      '小草干得好',
    ]) {
      clear();
      const turn = await say(text);
      expect(received(), `${text} -> ${turn.speech.text}`).toEqual({});
    }
    clear();
    await say('小草昨天割得不错，今天再帮我割一下草');
    expect(received()).toEqual({ ortica: ['Cut'] });
  });
});
