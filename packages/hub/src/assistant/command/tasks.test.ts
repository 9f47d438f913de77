import { describe, expect, it } from 'vitest';
import type { Device, ResolvedCapabilities } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import type { Area } from '../../homes/index.js';
import { loadGrammars } from '../nlu/grammar.js';
import { LanguageRecognizer, type ListEntry } from '../nlu/recognizer.js';
import type { Command } from './model.js';
import { phraseWords } from './phrases.js';
import { readCommand } from './read.js';
import { type HomeView, type Resolution, resolve } from './resolve.js';

// Verbs by what a device does, in four languages, on a home of its own (names from no evaluation
// set): a coffee machine known only by its product, a robot mower filed as a vacuum, a vacuum, an
// awning, a washer behind a plug, a dishwasher, a towel radiator, a lamp and a gate.

const names: Record<string, string[]> = {
  gaggia: ['Gaggia', 'Gaggia', 'Gaggia', '加吉亚'],
  bruno: ['Bruno', 'Bruno', 'Bruno', '小布'],
  dusty: ['Dusty', 'Dusty', 'Dusty', '小灰'],
  canopy: ['canopy', 'tendalino', 'auvent', '雨篷'],
  washer: ['washer', 'lavatrice', 'lave-linge', '洗衣机'],
  dishwasher: ['dishwasher', 'lavastoviglie', 'lave-vaisselle', '洗碗机'],
  radiator: ['towel radiator', 'termosifone', 'radiateur', '暖气片'],
  lamp: ['reading lamp', 'lampada da lettura', 'lampe de lecture', '阅读灯'],
  gate: ['side gate', 'cancelletto', 'portillon', '侧门'],
  drip: ['drip valve', 'valvola a goccia', 'vanne goutte à goutte', '滴灌阀'],
  bowl: ['kibble box', 'ciotola smart', 'gamelle', '猫粮机'],
  moka: ['moka coffee maker', 'moka', 'moka', '摩卡咖啡机'],
  hearth: ['Ember', 'Ember', 'Ember', '小火'],
  lawnlights: ['lawn lights', 'luci del prato', 'lumières de la pelouse', '草坪灯'],
};

const device = (id: string, category: Device['category'], areaId: string | null): Device => ({
  id,
  productKey: id,
  deviceName: id,
  category,
  homeId: 'h',
  areaId,
  name: names[id]?.[0] ?? id,
  aliases: names[id]?.slice(1) ?? [],
  online: true,
  disabled: false,
  lastSeen: null,
  properties: {},
  createdAt: 0,
});
const area = (id: string): Area => ({ id, homeId: 'h', name: id, aliases: [], createdAt: 0, updatedAt: 0 });
const bool = (identifier: string) => ({
  identifier,
  kind: 'property' as const,
  writable: true,
  dataType: { type: 'bool' as const, specs: { '0': 'off', '1': 'on' } },
});
const percent = (identifier: string) => ({
  identifier,
  kind: 'property' as const,
  writable: true,
  dataType: { type: 'int' as const, specs: { min: 0, max: 100, step: 1, unit: '%' } },
});
const service = (identifier: string) => ({ identifier, kind: 'service' as const, writable: true });

const caps: Record<string, ResolvedCapabilities> = {
  gaggia: { power: bool('On'), start: service('Espresso') },
  bruno: { start: service('Cut'), pause: service('Halt'), dock: service('Home') },
  dusty: { start: service('Clean'), pause: service('Halt'), dock: service('Home') },
  canopy: { position: percent('Out') },
  washer: { power: bool('Relay') },
  dishwasher: { power: bool('On'), start: service('Run') },
  radiator: { power: bool('On'), targetTemperature: percent('Set') },
  lamp: { power: bool('On') },
  gate: { position: percent('Open') },
  drip: { power: bool('Valve') },
  bowl: { start: service('Dispense') },
  moka: { start: service('Brew') },
  hearth: { power: bool('Flame') },
  lawnlights: { power: bool('On') },
};
// What each product says of itself: the coffee machine and the mower are known by it alone.
const products: Record<string, string[]> = {
  gaggia: ['Gaggia Classic bean-to-cup coffee machine', 'Pull a shot'],
  bruno: ['Verdura robot lawn mower', 'Start'],
  dusty: ['Polvo robot vacuum cleaner', 'Start'],
  drip: ['Aqua smart watering controller'],
  bowl: ['Miao smart pet feeder', 'Dispense a portion'],
  hearth: ['Focolare pellet stove'],
};

const devices = [
  device('gaggia', 'switch', 'kitchen'),
  device('bruno', 'vacuum', 'yard'),
  device('dusty', 'vacuum', 'den'),
  device('canopy', 'curtain', 'yard'),
  device('washer', 'plug', 'scullery'),
  device('dishwasher', 'plug', 'kitchen'),
  device('radiator', 'airConditioner', 'scullery'),
  device('lamp', 'light', 'den'),
  device('gate', 'curtain', 'yard'),
  device('drip', 'switch', 'yard'),
  device('bowl', 'switch', 'kitchen'),
  device('hearth', 'plug', 'den'),
];
// Not in the main home: a second coffee machine, and lights named after the lawn.
const more = [device('moka', 'switch', 'den'), device('lawnlights', 'light', 'yard')];

const view = (ids?: string[]): HomeView => ({
  devices: ids ? [...devices, ...more].filter((d) => ids.includes(d.id)) : devices,
  areas: [area('kitchen'), area('yard'), area('den'), area('scullery')],
  capabilities: async (d) => caps[d.id] ?? {},
  properties: async () => ({}),
  describe: async (d) => products[d.id] ?? [],
});
const home = view();

const lists = {
  name: Object.entries(names).flatMap(([value, texts]): ListEntry[] =>
    texts.map((text) => ({ text, value })),
  ),
  area: [
    ['den', ['den', 'tinello', 'coin lecture', '小书房']],
    ['yard', ['yard', 'lawn', 'prato', 'pelouse', '草坪']],
    ['kitchen', ['kitchen', 'cucina', 'cuisine', '厨房']],
  ].flatMap(([value, texts]) => (texts as string[]).map((text): ListEntry => ({ text, value }))),
};

const grammars = loadGrammars();
const recognizers = new Map<Language, LanguageRecognizer>();
function recognizer(language: Language): LanguageRecognizer {
  let r = recognizers.get(language);
  if (!r) {
    r = new LanguageRecognizer(grammars[language]);
    for (const word of phraseWords(language)) r.vocabulary.add(word);
    recognizers.set(language, r);
  }
  return r;
}

function read(language: Language, text: string): Command | null {
  const r = recognizer(language);
  const { tokens, spans } = r.spans(text, lists);
  return readCommand({
    language,
    tokens,
    spans,
    recognition: r.recognize(text, lists),
    vocabulary: r.vocabulary,
    negated: r.negates(text),
  });
}

/** What a sentence does: each device's capability and value, or the kind of answer. */
async function does(language: Language, text: string, where: HomeView = home): Promise<unknown> {
  const command = read(language, text);
  if (!command) return 'not understood';
  if (process.env.DEBUG_READ) console.log(text, JSON.stringify(command));
  const resolution: Resolution = await resolve(command, where, []);
  if (resolution.kind !== 'act') return resolution.kind;
  return resolution.operations.map((o) => [o.device.id, o.capability, o.value]);
}

const check = async (cases: Array<[Language, string, unknown]>) => {
  for (const [language, text, expected] of cases)
    expect(await does(language, text), `${language}: ${text}`).toEqual(expected);
};

describe('a verb for what a kind of device does reaches that device’s start', () => {
  it('makes a coffee on the coffee machine, known by its product alone', async () => {
    const brewed = [['gaggia', 'start', {}]];
    await check([
      ['en', 'brew me a coffee', brewed],
      ['en', 'could you make me an espresso', brewed],
      ['it', 'fammi un caffè', brewed],
      ['it', 'mi prepari un caffè per favore', brewed],
      ['en', 'make me a strong coffee', brewed],
      ['it', 'fammi un caffè al massimo', brewed],
      ['fr', 'fais-moi un café', brewed],
      ['fr', 'prépare-moi un expresso', brewed],
      ['zh', '帮我煮一杯咖啡', brewed],
      ['zh', '来一杯咖啡', brewed],
    ]);
  });

  it('takes "coffee" alone, or the kind said, as the coffee machine', async () => {
    const off = [['gaggia', 'power', false]];
    await check([
      ['en', 'turn off the coffee machine', off],
      ['it', 'spegni la macchina del caffè', off],
      ['fr', 'éteins la machine à café', off],
      ['zh', '把咖啡机关了', off],
      ['en', 'switch the coffee off', off],
    ]);
  });

  it('sends the mower out to mow, with or without its name, and never as a vacuum', async () => {
    const mowing = [['bruno', 'start', {}]];
    await check([
      ['en', 'send Bruno out to mow the lawn', mowing],
      ['en', 'mow the lawn', mowing],
      ['it', "manda Bruno a tagliare l'erba", mowing],
      ['it', 'taglia il prato', mowing],
      ['fr', 'envoie Bruno tondre la pelouse', mowing],
      ['fr', 'tonds la pelouse', mowing],
      ['zh', '让小布去割草', mowing],
      ['zh', '割草', mowing],
    ]);
  });

  it('sweeps with the vacuum, never with the mower filed as one', async () => {
    const sweeping = [['dusty', 'start', {}]];
    await check([
      ['en', 'sweep the floor', sweeping],
      ['en', 'start cleaning', sweeping],
      ['it', "passa l'aspirapolvere", sweeping],
      ['fr', "passe l'aspirateur", sweeping],
      ['zh', '去把地扫一下', sweeping],
      ['zh', '扫地', sweeping],
    ]);
    for (const [language, text] of [
      ['en', 'start the vacuum'],
      ['it', "avvia l'aspirapolvere"],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual(sweeping);
  });

  it('waters the garden, feeds the cat and lights the fire, by what each product says it is', async () => {
    const watering = [['drip', 'power', true]];
    const feeding = [['bowl', 'start', {}]];
    await check([
      ['en', 'water the plants', watering],
      ['it', 'annaffia il prato', watering],
      ['fr', 'arrose la pelouse', watering],
      ['zh', '给花园浇水', watering],
      ['en', 'feed the cat', feeding],
      ['it', 'dai da mangiare al gatto', feeding],
      ['fr', 'donne à manger au chat', feeding],
      ['zh', '喂猫', feeding],
    ]);
    const fire = [['hearth', 'power', true]];
    await check([
      ['en', 'light the fire', fire],
      ['it', 'accendi il fuoco', fire],
      ['fr', 'allume le feu', fire],
      ['zh', '生个火', fire],
    ]);
  });

  it('reads a verb that is also a noun as the verb only where no article makes it the noun', async () => {
    expect(await does('en', 'hoover the den')).toEqual([['dusty', 'start', { area: 'den' }]]);
    expect(await does('en', 'pause the hoover')).toEqual([['dusty', 'pause', {}]]);
    expect(read('en', 'send the vacuum back to its base')?.action).toBe('dock');
  });

  it('starts a dishwasher and runs a washing machine behind a plug', async () => {
    const dishes = [['dishwasher', 'start', {}]];
    const laundry = [['washer', 'power', true]];
    await check([
      ['en', 'start the dishwasher', dishes],
      ['en', 'do the dishes', dishes],
      ['it', 'fai partire la lavastoviglie', dishes],
      ['it', 'lava i piatti', dishes],
      ['fr', 'lance le lave-vaisselle', dishes],
      ['fr', 'fais la vaisselle', dishes],
      ['zh', '洗碗', dishes],
      ['en', 'run the washing machine', laundry],
      ['en', 'do the laundry', laundry],
      ['it', 'fai il bucato', laundry],
      ['fr', 'lance une lessive', laundry],
      ['zh', '洗衣服', laundry],
    ]);
  });
});

describe('covers rolled out and in, power words, lights out, warming up', () => {
  it('rolls an awning out to 100 and in to 0, in four languages', async () => {
    await check([
      ['en', 'roll out the canopy', [['canopy', 'position', 100]]],
      ['en', 'extend the canopy halfway', [['canopy', 'position', 50]]],
      ['it', 'srotola il tendalino', [['canopy', 'position', 100]]],
      ['fr', "déroule l'auvent", [['canopy', 'position', 100]]],
      ['zh', '把雨篷放出来', [['canopy', 'position', 100]]],
      ['zh', '雨篷展开', [['canopy', 'position', 100]]],
      ['en', 'retract the canopy', [['canopy', 'position', 0]]],
      ['it', 'riavvolgi il tendalino', [['canopy', 'position', 0]]],
      ['fr', "enroule l'auvent", [['canopy', 'position', 0]]],
      ['zh', '把雨篷收起来', [['canopy', 'position', 0]]],
    ]);
  });

  it('switches on by power words, and only what has power', async () => {
    const on = [['washer', 'power', true]];
    await check([
      ['en', 'power up the washer', on],
      ['it', 'dai corrente alla lavatrice', on],
      ['fr', 'mets le lave-linge sous tension', on],
      ['zh', '给洗衣机通个电', on],
      ['en', 'power down the washer', [['washer', 'power', false]]],
      ['zh', '给洗衣机断电', [['washer', 'power', false]]],
      ['en', 'power up the canopy', []],
    ]);
  });

  it('turns off a place’s lights on "lights out", and nothing else there', async () => {
    const out = [['lamp', 'power', false]];
    await check([
      ['en', 'lights out in the den', out],
      ['it', 'luci spente nel tinello', out],
      ['fr', 'extinction des feux dans le coin lecture', out],
      ['zh', '小书房熄灯', out],
    ]);
  });

  it('switches on a heater said to be warmed up', async () => {
    const on = [['radiator', 'power', true]];
    await check([
      ['en', 'warm up the towel radiator', on],
      ['it', 'scalda il termosifone', on],
      ['fr', 'fais chauffer le radiateur', on],
      ['zh', '把暖气片热一下', on],
    ]);
  });
});

describe('safety: a task moves only a device that can do it and that the words name or imply', () => {
  it('never moves a device of another kind, or one without the capability', async () => {
    await check([
      ['en', 'Bruno, make me a coffee', []],
      ['en', 'roll out the reading lamp', []],
      ['it', 'srotola la lampada da lettura', []],
      ['fr', "mets l'auvent sous tension", []],
    ]);
    // Nothing named and no device of the kind: nothing is guessed.
    expect(await does('en', 'make me a coffee', view(['bruno', 'dusty', 'lamp']))).toBe('unable');
    expect(await does('zh', '割草', view(['dusty', 'lamp']))).toBe('unable');
    // Two devices of the kind that can do it: asked; a name that only holds a task's object is no kind.
    expect(await does('en', 'make me a coffee', view(['gaggia', 'moka', 'lamp']))).toBe('ask');
    expect(await does('en', 'mow the lawn', view(['bruno', 'lawnlights']))).toEqual([['bruno', 'start', {}]]);
    // "Roll out" is an awning's: never a gate, nor a blind it would mean the opposite for.
    expect(await does('en', 'roll out', view(['gate']))).toBe('unable');
    expect(await does('en', 'roll out', view(['canopy', 'gate']))).toEqual([['canopy', 'position', 100]]);
    expect(await does('en', 'retract the side gate')).toEqual([]);
  });

  it('moves nothing for a name the home does not have', async () => {
    for (const [language, text] of [
      ['en', 'send Rex out to mow the lawn'],
      ['it', "manda Rex a tagliare l'erba"],
      ['fr', 'envoie Rex tondre la pelouse'],
      ['zh', '让小黑去割草'],
      ['en', 'roll out the pergola'],
      ['it', 'dai corrente al forno'],
      ['fr', 'mets le four sous tension'],
    ] as Array<[Language, string]>) {
      const result = await does(language, text);
      expect(Array.isArray(result) ? result : [], `${language}: ${text}`).toEqual([]);
    }
  });

  it('leaves a timer, a pause and a negated request alone', async () => {
    expect(read('en', 'set a coffee timer for 4 minutes')).toBeNull();
    expect(read('it', 'fai partire un timer bucato da 40 minuti')).toBeNull();
    expect(await does('it', 'metti in pausa Bruno')).toEqual([['bruno', 'pause', {}]]);
    // Another verb said beside a task is the request; a task word inside a kind is the kind.
    expect(await does('en', "stop Bruno, I'll cut the grass myself")).toEqual([['bruno', 'pause', {}]]);
    expect(await does('zh', '割草机暂停一下')).toEqual([['bruno', 'pause', {}]]);
    // Two requests in one breath: the switching verb's own devices, never the task's object as one.
    expect(await does('it', 'spegni la lampada da lettura e fammi un caffè')).toEqual([
      ['lamp', 'power', false],
    ]);
    expect(await does('en', 'turn on the reading lamp and make me a coffee')).toEqual([
      ['lamp', 'power', true],
    ]);
    expect(await does('it', 'accendi la macchina del caffè e fammi un caffè')).toEqual([
      ['gaggia', 'start', {}],
    ]);
    expect(await does('en', "don't make me a coffee")).toBe('not understood');
    // A task negated in a clause of its own is no request ("…, le linge ne sèche pas").
    expect(read('fr', 'le linge ne sèche pas')?.task).toBeUndefined();
    expect(read('fr', 'sèche le linge')?.task).toBe('dry');
    expect(await does('zh', '不要煮咖啡')).toBe('not understood');
  });
});
