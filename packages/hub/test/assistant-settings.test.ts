import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

// Settings outside the capability vocabulary, said in four languages and judged at real MQTT
// devices: a TV (volume, mute, input, and a picture brightness the capabilities carry), a washing
// machine, an LED strip, a mower, a coffee machine, a pet feeder, a speaker, a grow light, a dog
// flap and a floor lamp beside them. Each device records every set and service call it gets.
// Names from no evaluation set.
let t: TestHub;
let homeId: string;
type Got = { set: Record<string, unknown> } | { call: string; params: Record<string, unknown> };
const got: Record<string, Got[]> = {};
const open: Device[] = [];

const bool = (identifier: string, name = identifier) => ({
  identifier,
  name,
  accessMode: 'rw',
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});
const int = (
  identifier: string,
  name: string,
  min: number,
  max: number,
  step: number,
  unit?: string,
  mode = 'rw',
) => ({
  identifier,
  name,
  accessMode: mode,
  dataType: { type: 'int', specs: { min, max, step, ...(unit ? { unit } : {}) } },
});
const choice = (identifier: string, name: string, labels: string[]) => ({
  identifier,
  name,
  accessMode: 'rw',
  dataType: { type: 'enum', specs: Object.fromEntries(labels.map((l, i) => [String(i), l])) },
});
const service = (identifier: string, name: string, inputData: unknown[] = []) => ({
  identifier,
  name,
  callType: 'async',
  inputData,
  outputData: [],
});
const model = (properties: unknown[], services: unknown[] = []) => ({ properties, services, events: [] });

const products = {
  tv: {
    name: 'Vista 55 smart TV',
    category: 'switch',
    thingModel: model([
      bool('PowerSwitch'),
      int('Volume', 'Volume', 0, 100, 1),
      bool('Muted', 'Mute'),
      choice('InputSource', 'Input', ['HDMI1', 'HDMI2', 'TV']),
      int('Brightness', 'Picture brightness', 0, 100, 1, '%'),
    ]),
  },
  washer: {
    name: 'Lindo 8 kg washer',
    category: 'plug',
    thingModel: model(
      [
        bool('PowerSwitch'),
        choice('Programme', 'Programme', ['Cotton', 'Wool', 'Quick']),
        choice('WashTemp', 'Wash temperature', ['Cold', '30°C', '40°C', '60°C']),
        int('SpinSpeed', 'Spin speed', 400, 1400, 200, 'rpm'),
      ],
      [service('StartCycle', 'Start cycle')],
    ),
  },
  strip: {
    name: 'Glow RGB strip',
    category: 'light',
    thingModel: model([
      bool('LightSwitch'),
      int('Brightness', 'Brightness', 1, 100, 1, '%'),
      choice('Effect', 'Effect', ['Static', 'Rainbow', 'Breathe', 'Music']),
    ]),
  },
  mower: {
    name: 'Trim robot mower',
    category: 'vacuum',
    thingModel: model([int('CutHeight', 'Cut height', 20, 60, 5, 'mm')], [service('Start', 'Start mowing')]),
  },
  coffee: {
    name: 'Crema bean-to-cup',
    category: 'switch',
    thingModel: model(
      [bool('PowerSwitch'), int('WaterLevel', 'Water level', 0, 100, 1, '%', 'r')],
      [service('Descale', 'Descale'), service('Rinse', 'Rinse')],
    ),
  },
  feeder: {
    name: 'Nibble feeder',
    category: 'switch',
    thingModel: model(
      [],
      [
        service('Dispense', 'Dispense', [
          {
            identifier: 'portions',
            name: 'Portions',
            dataType: { type: 'int', specs: { min: 1, max: 5, step: 1 } },
          },
        ]),
      ],
    ),
  },
  speaker: {
    name: 'Aria smart speaker',
    category: 'switch',
    thingModel: model([
      bool('PowerSwitch'),
      int('Volume', 'Volume', 0, 30, 1),
      bool('Muted', 'Mute'),
      choice('Source', 'Source', ['Bluetooth', 'AUX', 'Wi-Fi']),
    ]),
  },
  growLight: {
    name: 'Verde grow light',
    category: 'light',
    thingModel: model([
      bool('LightSwitch'),
      choice('Spectrum', 'Spectrum', ['Vegetative', 'Flowering', 'Full spectrum']),
    ]),
  },
  flap: {
    name: 'Snout pet door',
    category: 'switch',
    thingModel: model([choice('FlapMode', 'Access mode', ['In only', 'Out only', 'Locked', 'Open'])]),
  },
  lamp: {
    name: 'Lumo lamp',
    category: 'light',
    thingModel: model([bool('LightSwitch'), int('Brightness', 'Brightness', 0, 100, 1, '%')]),
  },
};

const areas: Array<[string, string[]]> = [
  ['lounge', ['soggiorno', 'salon', '客厅']],
  ['utility room', ['lavanderia', 'buanderie', '洗衣房']],
  ['kitchen', ['cucina', 'cuisine', '厨房']],
  ['garden', ['giardino', 'jardin', '花园']],
];

const devices: Array<{
  key: string;
  product: keyof typeof products;
  area: string;
  aliases: string[];
  reports: Record<string, unknown>;
}> = [
  // Named by a brand word: "the TV", "la télé", "电视" find it by its product's kind.
  {
    key: 'Bravia',
    product: 'tv',
    area: 'lounge',
    aliases: [],
    reports: { PowerSwitch: 1, Volume: 20, Muted: 0, InputSource: 0, Brightness: 50 },
  },
  {
    key: 'washing machine',
    product: 'washer',
    area: 'utility room',
    aliases: ['lavatrice', 'lave-linge', '洗衣机'],
    reports: { PowerSwitch: 1, Programme: 0, WashTemp: 1, SpinSpeed: 1000 },
  },
  {
    key: 'colour strip',
    product: 'strip',
    area: 'lounge',
    aliases: ['striscia colorata', 'ruban coloré', '彩色灯带'],
    reports: { LightSwitch: 1, Brightness: 60, Effect: 0 },
  },
  { key: 'Woolly', product: 'mower', area: 'garden', aliases: [], reports: { CutHeight: 30 } },
  {
    key: 'espresso machine',
    product: 'coffee',
    area: 'kitchen',
    aliases: ['macchina del caffè', 'machine à café', '咖啡机'],
    reports: { PowerSwitch: 1, WaterLevel: 60 },
  },
  { key: 'cat feeder', product: 'feeder', area: 'kitchen', aliases: ['喂食器'], reports: {} },
  {
    key: 'Boombox',
    product: 'speaker',
    area: 'kitchen',
    aliases: [],
    reports: { PowerSwitch: 1, Volume: 12, Muted: 0, Source: 2 },
  },
  {
    key: 'grow light',
    product: 'growLight',
    area: 'garden',
    aliases: ['lampada per piante', 'lampe horticole', '植物灯'],
    reports: { LightSwitch: 1, Spectrum: 0 },
  },
  {
    key: 'dog flap',
    product: 'flap',
    area: 'kitchen',
    aliases: ['porta del cane', 'chatière', '狗门'],
    reports: { FlapMode: 3 },
  },
  {
    key: 'floor lamp',
    product: 'lamp',
    area: 'lounge',
    aliases: ['lampada', 'lampadaire', '落地灯'],
    reports: { LightSwitch: 1, Brightness: 70 },
  },
];

const say = async (text: string) => {
  const response = await t.request('POST', '/api/v1/conversation', { body: { text, homeId } });
  expect(response.status, response.body).toBe(200);
  return response.json() as {
    speech: { text: string };
    language: string;
    continueConversation: boolean;
    conversationId: string;
    intent: { name: string } | null;
  };
};
/** Every device that received anything, with what. */
const received = () => Object.fromEntries(Object.entries(got).filter(([, list]) => list.length > 0));
const clear = () => {
  for (const list of Object.values(got)) list.length = 0;
};

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa Nido', language: 'en' } })).json()
    .id as string;
  const areaIds: Record<string, string> = {};
  for (const [name, aliases] of areas)
    areaIds[name] = (
      await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name, aliases } })
    ).json().id;
  const keys: Record<string, string> = {};
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
    const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...created.json() });
    const list: Got[] = [];
    got[key] = list;
    sdk.onSet(async (values) => {
      list.push({ set: values });
      await sdk.report(values);
    });
    for (const s of products[product].thingModel.services as Array<{ identifier: string }>)
      sdk.onService(s.identifier, (params) => {
        list.push({ call: s.identifier, params });
        return {};
      });
    if (Object.keys(reports).length) await sdk.report(reports);
    open.push(sdk);
  }
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});

/** Put every device back where it started, so that each test reads from known values. */
beforeEach(async () => {
  for (const { key, reports } of devices) {
    const sdk = open[devices.findIndex((d) => d.key === key)];
    if (sdk && Object.keys(reports).length) await sdk.report(reports);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  clear();
});

async function expectOnly(text: string, expected: Record<string, Got[]>): Promise<string> {
  clear();
  const turn = await say(text);
  expect(received(), `${text} -> ${turn.speech.text}`).toEqual(expected);
  return turn.speech.text;
}

/** What the capability path does, done by it and not by the settings. */
async function expectCapability(text: string, expected: Record<string, Got[]>): Promise<void> {
  clear();
  const turn = await say(text);
  expect(received(), `${text} -> ${turn.speech.text}`).toEqual(expected);
  expect(turn.intent?.name, text).not.toBe('device.setting');
}

describe('a TV’s volume, never its picture brightness', () => {
  it('turns the TV up a bit and down a bit by its volume, in four languages', async () => {
    const told: Array<[string, number]> = [
      // Each from where the one before left it: 20 -> 30 -> 20 -> 30 -> 20 -> 10 -> 20.
      ['turn the TV up a bit', 30],
      ['turn the telly down a bit', 20],
      ["alza un po' il volume della tv", 30],
      ['baisse un peu le son de la télé', 20],
      ['电视声音小一点', 10],
      ['make the TV louder', 20],
    ];
    for (const [text, volume] of told) {
      const speech = await expectOnly(text, { Bravia: [{ set: { Volume: volume } }] });
      expect(speech, text).toContain(String(volume));
    }
  });

  it('sets the volume said, in four languages, and says it', async () => {
    const told: Array<[string, number, RegExp]> = [
      ['TV volume to 25', 25, /^The volume of Bravia \(lounge\) is now 25\.$/],
      ['imposta il volume della televisione a 35', 35, /^Il volume di Bravia \(lounge\) passa a 35\.$/],
      ['mets le volume de la télé à 15', 15, /^Le volume de Bravia \(lounge\) passe à 15\.$/],
      ['把电视音量调到40', 40, /^Bravia（lounge）的音量已设为40。$/],
    ];
    for (const [text, volume, reply] of told) {
      const speech = await expectOnly(text, { Bravia: [{ set: { Volume: volume } }] });
      expect(speech, text).toMatch(reply);
    }
  });

  it('mutes, unmutes and switches the input of the TV', async () => {
    await expectOnly('mute the TV', { Bravia: [{ set: { Muted: 1 } }] });
    await expectOnly('unmute the TV', { Bravia: [{ set: { Muted: 0 } }] });
    await expectOnly('switch the TV to HDMI 2', { Bravia: [{ set: { InputSource: 1 } }] });
    await expectOnly('metti la tv sulla sorgente HDMI 2', { Bravia: [{ set: { InputSource: 1 } }] });
  });

  it('still sets the picture brightness through the capability, and switches the TV off', async () => {
    await expectCapability('set the Bravia brightness to 70', { Bravia: [{ set: { Brightness: 70 } }] });
    await expectCapability('turn off Bravia', { Bravia: [{ set: { PowerSwitch: 0 } }] });
    await expectCapability('set the floor lamp to 40%', { 'floor lamp': [{ set: { Brightness: 40 } }] });
    await expectCapability('dim the colour strip to 30 percent', {
      'colour strip': [{ set: { Brightness: 30 } }],
    });
  });

  it('says the TV volume when asked, in four languages', async () => {
    for (const [text, reply] of [
      ["what's the TV volume?", 'The volume of Bravia (lounge) is 20.'],
      ['quanto è alto il volume della tv?', 'Il volume di Bravia (lounge) è 20.'],
      ['quel est le volume de la télé ?', 'Le volume de Bravia (lounge) est de 20.'],
      ['电视音量是多少', 'Bravia（lounge）的音量是20。'],
    ] as Array<[string, string]>) {
      const speech = await expectOnly(text, {});
      expect(speech, text).toBe(reply);
    }
  });
});

describe('safety: nothing reaches a device not meant', () => {
  it('never dims the TV with the lights', async () => {
    clear();
    const turn = await say('dim the lights');
    expect(got.Bravia, turn.speech.text).toEqual([]);
  });

  it('moves nothing for a volume said to a lamp, and says so', async () => {
    for (const [text, reply] of [
      ['set the floor lamp volume to 20', /^The floor lamp \(lounge\) has no volume setting\.$/],
      ['alza il volume della lampada', /non ha un'impostazione per il volume\.$/],
      ['mets le volume du lampadaire à 20', /n'a pas de réglage pour le volume\.$/],
      ['把落地灯的音量调到20', /没有音量这个设置。$/],
    ] as Array<[string, RegExp]>) {
      const speech = await expectOnly(text, {});
      expect(speech, text).toMatch(reply);
    }
  });

  it('sets no read-only value and no value out of range', async () => {
    let speech = await expectOnly('set the espresso machine water level to 50', {});
    expect(speech).toMatch(/only read/);
    speech = await expectOnly('set the washing machine spin speed to 2000 rpm', {});
    expect(speech).toMatch(/400 rpm to 1,400 rpm/);
  });

  it('asks which one when two devices have the setting and none is named', async () => {
    clear();
    const turn = await say('turn the volume up');
    expect(received()).toEqual({});
    expect(turn.continueConversation).toBe(true);
    const answer = await t.request('POST', '/api/v1/conversation', {
      body: { text: 'the kitchen', homeId, conversationId: turn.conversationId },
    });
    expect(answer.json().speech.text).toBe('The volume of Boombox (kitchen) is now 15.');
    expect(received()).toEqual({ Boombox: [{ set: { Volume: 15 } }] });
  });
});

describe('a washing machine’s programme, temperature and spin', () => {
  it('puts the washer on the programme said, in four languages', async () => {
    for (const [text, key] of [
      ['put the washer on the wool programme', 1],
      ['metti la lavatrice sul programma cotone', 0],
      ['mets le lave-linge sur le programme rapide', 2],
      ['洗衣机调到羊毛程序', 1],
    ] as Array<[string, number]>)
      await expectOnly(text, { 'washing machine': [{ set: { Programme: key } }] });
  });

  it('sets the spin in rpm and the wash temperature by its label', async () => {
    let speech = await expectOnly('imposta la centrifuga della lavatrice a 800 giri', {
      'washing machine': [{ set: { SpinSpeed: 800 } }],
    });
    expect(speech).toMatch(/^La centrifuga della .* passa a 800 giri\.$/);
    speech = await expectOnly("règle l'essorage du lave-linge à 1200 tours", {
      'washing machine': [{ set: { SpinSpeed: 1200 } }],
    });
    expect(speech).toMatch(/^L'essorage .* passe à 1 200 tours\/min\.$/);
    await expectOnly('set the washing machine temperature to 40 degrees', {
      'washing machine': [{ set: { WashTemp: 2 } }],
    });
    await expectOnly('洗衣机脱水转速调到600转', { 'washing machine': [{ set: { SpinSpeed: 600 } }] });
  });

  it('starts the wash cycle with its service', async () => {
    await expectOnly('start a cycle on the washing machine', {
      'washing machine': [{ call: 'StartCycle', params: {} }],
    });
  });

  it('lists the programmes when one it lacks is asked', async () => {
    const speech = await expectOnly('put the washing machine on the delicates programme', {});
    expect(speech).toBe('The programme of the washing machine (utility room) can be cotton, wool or quick.');
  });
});

describe('an LED strip, a mower, a grow light, a speaker and a dog flap', () => {
  it('puts the colour strip on an effect, in four languages', async () => {
    for (const [text, key] of [
      ['put the colour strip on the rainbow effect', 1],
      ["metti l'effetto arcobaleno sulla striscia colorata", 1],
      ['mets le ruban coloré sur l’effet respiration', 2],
      ['彩色灯带切换到音乐模式', 3],
    ] as Array<[string, number]>)
      await expectOnly(text, { 'colour strip': [{ set: { Effect: key } }] });
  });

  it('sets the mower’s cutting height in millimetres from what was said', async () => {
    for (const [text, mm] of [
      ["set Woolly's cutting height to 4 centimetres", 40],
      ["imposta l'altezza di taglio di Woolly a 35 millimetri", 35],
      ['règle la hauteur de coupe de Woolly à 5 cm', 50],
      ['把Woolly的割草高度调到4.5厘米', 45],
      ['set the mower cutting height to half', 40],
    ] as Array<[string, number]>) {
      const speech = await expectOnly(text, { Woolly: [{ set: { CutHeight: mm } }] });
      expect(speech, text).toContain(`${mm}`);
    }
  });

  it('switches the grow light’s spectrum, the dog flap’s access and the speaker’s source', async () => {
    await expectOnly('switch the grow light to the flowering spectrum', {
      'grow light': [{ set: { Spectrum: 1 } }],
    });
    await expectOnly('metti la lampada per piante in crescita', { 'grow light': [{ set: { Spectrum: 0 } }] });
    await expectOnly('set the dog flap to in only', { 'dog flap': [{ set: { FlapMode: 0 } }] });
    await expectOnly('狗门设为只出不进', { 'dog flap': [{ set: { FlapMode: 1 } }] });
    await expectOnly("passe l'enceinte en bluetooth", { Boombox: [{ set: { Source: 0 } }] });
    await expectOnly('mute the speaker', { Boombox: [{ set: { Muted: 1 } }] });
    const speech = await expectOnly('muto alla cassa', { Boombox: [{ set: { Muted: 1 } }] });
    expect(speech).toBe("Ho tolto l'audio a Boombox (kitchen).");
  });
});

describe('services of a coffee machine and a pet feeder', () => {
  it('descales and rinses the coffee machine, in four languages', async () => {
    for (const [text, call] of [
      ['run a descaling cycle on the espresso machine', 'Descale'],
      ['fai la decalcificazione della macchinetta', 'Descale'],
      ['lance le détartrage de la machine à café', 'Descale'],
      ['咖啡机冲洗一下', 'Rinse'],
      ['rinse the espresso machine', 'Rinse'],
    ] as Array<[string, string]>)
      await expectOnly(text, { 'espresso machine': [{ call, params: {} }] });
  });

  it('feeds Miso, the pet, through the only feeder, with its default portion', async () => {
    for (const text of [
      'feed Miso',
      'dai da mangiare a Miso',
      'donne à manger à Miso',
      '喂一下Miso',
      'feed the cat two portions',
    ]) {
      const expected = text.includes('two') ? { portions: 2 } : { portions: 1 };
      await expectOnly(text, { 'cat feeder': [{ call: 'Dispense', params: expected }] });
    }
  });

  it('says how much water is left, with its unit, in the language asked', async () => {
    for (const [text, reply] of [
      ["il reste combien d'eau dans la machine à café ?", /^Le niveau d'eau de .* est de 60 %\.$/],
      ["quanta acqua c'è nella macchina del caffè?", /^Il livello dell'acqua .* è al 60%\.$/],
      [
        'how much water is left in the espresso machine?',
        /^The water level of the espresso machine \(kitchen\) is 60%\.$/,
      ],
      ['咖啡机还剩多少水', /的水量是60%。$/],
    ] as Array<[string, RegExp]>) {
      const speech = await expectOnly(text, {});
      expect(speech, text).toMatch(reply);
    }
  });
});
