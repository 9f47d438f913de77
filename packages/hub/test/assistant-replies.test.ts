import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// Replies heard through the conversation API, from real devices on MQTT: articles, gender, the new
// state after acting, numbers and units per language, a polite closing, and a gender set by PATCH.
let t: TestHub;
let homeId: string;
const ids: Record<string, string> = {};
const open: Device[] = [];

const thermometerModel = {
  properties: [
    {
      identifier: 'Temperature',
      name: 'Temperature',
      accessMode: 'r',
      dataType: { type: 'float', specs: { min: '-40', max: '80', step: '0.1', unit: '°C' } },
    },
  ],
  services: [],
  events: [],
};

async function product(category: string, thingModel: unknown, capabilities: Record<string, string>) {
  const created = await t.request('POST', '/api/v1/products', {
    body: { name: category, category, thingModel, capabilities },
  });
  expect(created.status, created.body).toBe(201);
  return created.json().productKey as string;
}

async function addDevice(productKey: string, name: string, report: Record<string, unknown> = {}) {
  const device = (await t.request('POST', '/api/v1/devices', { body: { productKey, homeId, name } })).json();
  ids[name] = device.id;
  const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...device });
  sdk.onSet(async (values) => {
    await sdk.report(values);
  });
  if (Object.keys(report).length) await sdk.report(report);
  open.push(sdk);
}

const say = async (text: string, language: string, conversationId?: string) => {
  const response = await t.request('POST', '/api/v1/conversation', {
    body: { text, homeId, language, ...(conversationId ? { conversationId } : {}) },
  });
  expect(response.status, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'it' } })).json().id;
  const light = await product('light', lightModel, { power: 'LightSwitch', brightness: 'Brightness' });
  const plug = await product('plug', lightModel, { power: 'LightSwitch' });
  const sensor = await product('sensor', thermometerModel, { currentTemperature: 'Temperature' });
  for (const name of [
    'luce del soggiorno',
    'lampe du salon',
    'living room light',
    '客厅灯',
    'applique',
    'Toto',
  ])
    await addDevice(light, name);
  for (const name of ['stampante', 'imprimante']) await addDevice(plug, name);
  for (const name of ['termometro', 'thermomètre', 'thermometer', '温度计'])
    await addDevice(sensor, name, { Temperature: 14.5 });
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});

describe('replies a native speaker would write', () => {
  it('uses the article and agrees in gender in Italian', async () => {
    expect((await say("accendi l'applique", 'it')).speech.text).toBe("Ho acceso l'applique.");
    expect((await say('accendi la stampante', 'it')).speech.text).toBe('Ho acceso la stampante.');
    expect((await say('la stampante è accesa', 'it')).speech.text).toBe('La stampante è accesa.');
  });

  it('uses the article and agrees in gender in French', async () => {
    expect((await say("allume l'imprimante", 'fr')).speech.text).toBe("J'ai allumé l'imprimante.");
    expect((await say("l'imprimante est allumée", 'fr')).speech.text).toBe("L'imprimante est allumée.");
  });

  it('says the new state after acting, with the percentage as each language writes it', async () => {
    expect((await say('set the living room light to 30 percent', 'en')).speech.text).toBe(
      'The living room light is at 30%.',
    );
    expect((await say('imposta la luce del soggiorno al 30 per cento', 'it')).speech.text).toBe(
      'La luce del soggiorno è al 30%.',
    );
    expect((await say('mets la lampe du salon à 30 %', 'fr')).speech.text).toBe(
      'La lampe du salon est à 30 %.',
    );
    expect((await say('把客厅灯调到百分之三十', 'zh')).speech.text).toBe('客厅灯已调到30%。');
  });

  it('writes a temperature with the decimal separator and unit spacing of each language', async () => {
    expect((await say('qual è la temperatura del termometro', 'it')).speech.text).toBe(
      'La temperatura del termometro è 14,5 °C.',
    );
    expect((await say('quelle est la température du thermomètre', 'fr')).speech.text).toBe(
      'La température du thermomètre est de 14,5 °C.',
    );
    expect((await say('what is the temperature of the thermometer', 'en')).speech.text).toBe(
      'The temperature of the thermometer is 14.5 °C.',
    );
    expect((await say('温度计的温度是多少', 'zh')).speech.text).toBe('温度计的温度是14.5°C。');
  });

  it('repeats what was said with its accents', async () => {
    const turn = await say("apri l'app Meteo Città", 'it');
    expect(turn.intent?.name).toBe('miniapp.open');
    expect(turn.speech.text).toContain('aprire Meteo Città:');
  });

  it('ends the conversation politely when thanked', async () => {
    const cases: Array<[string, string, string]> = [
      ["thanks, that's all", 'en', "You're welcome. Talk soon!"],
      ['grazie, basta così', 'it', 'Prego, a presto!'],
      ["merci, c'est tout", 'fr', 'Avec plaisir, à bientôt !'],
      ['谢谢，就这样', 'zh', '不客气，再见！'],
      ['thank you', 'en', "You're welcome. Talk soon!"],
      ['grazie', 'it', 'Prego, a presto!'],
      ['merci', 'fr', 'Avec plaisir, à bientôt !'],
      ['谢谢', 'zh', '不客气，再见！'],
    ];
    for (const [text, language, answer] of cases) {
      const turn = await say(text, language);
      expect(turn.intent?.name).toBe('system.close');
      expect(turn.speech.text).toBe(answer);
      expect(turn.continueConversation).toBe(false);
    }
  });

  it('takes a gender set on the device through PATCH over the guess from the name', async () => {
    await say('accendi Toto', 'it');
    expect((await say('Toto è acceso', 'it')).speech.text).toBe('Toto è acceso.');
    const patched = await t.request('PATCH', `/api/v1/devices/${ids.Toto}`, {
      body: { genders: { it: 'feminine' } },
    });
    expect(patched.status, patched.body).toBe(200);
    expect(patched.json().genders).toEqual({ it: 'feminine' });
    expect((await t.request('GET', `/api/v1/devices/${ids.Toto}`)).json().genders).toEqual({
      it: 'feminine',
    });
    expect((await say('Toto è acceso', 'it')).speech.text).toBe('Toto è accesa.');
    const bad = await t.request('PATCH', `/api/v1/devices/${ids.Toto}`, {
      body: { genders: { it: 'neuter' } },
    });
    expect(bad.status).toBe(400);
  });

  it('answers "how cold is it outside?" from a thermometer outdoors, and says when there is none', async () => {
    expect((await say('how cold is it outside?', 'en')).speech.text).toBe(
      "I don't know of a thermometer outside in this home.",
    );
    const sensor = await product('sensor', thermometerModel, { currentTemperature: 'Temperature' });
    await addDevice(sensor, 'garden thermometer', { Temperature: 6.5 });
    expect((await say('how cold is it outside?', 'en')).speech.text).toContain('6.5 °C');
    expect((await say('quanti gradi ci sono fuori?', 'it')).speech.text).toContain('6,5 °C');
    expect((await say('il fait combien dehors ?', 'fr')).speech.text).toContain('6,5 °C');
    expect((await say('外面现在几度？', 'zh')).speech.text).toContain('6.5°C');
  });
});
