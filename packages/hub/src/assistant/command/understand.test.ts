import { describe, expect, it } from 'vitest';
import type { Device, ResolvedCapabilities } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import type { Area } from '../../homes/index.js';
import { loadGrammars } from '../nlu/grammar.js';
import { LanguageRecognizer, type ListEntry } from '../nlu/recognizer.js';
import { onlyRecounts, requestsWithValues, withoutTalk } from './clauses.js';
import type { Command } from './model.js';
import { ownerNames } from './owners.js';
import { phraseWords } from './phrases.js';
import { pluralOf } from './plural.js';
import { readCommand, withdrawn } from './read.js';
import { type HomeView, type Resolution, resolve } from './resolve.js';

// Words to devices in four languages, on a home of its own (names from no evaluation set): what a
// sentence comes to, judged by the operations resolution returns.

const names: Record<string, string[]> = {
  lantern: ['porch lantern', 'lanterna del portico', 'lanterne du porche', '门廊灯'],
  sconce: ['sconce', 'applique', 'applique murale', '壁灯'],
  pendant: ['pendant', 'sospensione', 'suspension', '吊灯'],
  gate: ['garage gate', 'cancello del garage', 'porte du garage', '车库门'],
  gust: ['desk fan', 'ventilatore da tavolo', 'ventilateur de bureau', '台扇'],
  breeze: ['pillar fan', 'ventilatore a torre', 'ventilateur tour', '落地扇'],
  boiler: ['water heater', 'scaldabagno', 'chauffe-eau', '热水器'],
  tint: ['bedside lamp', 'abat-jour', 'lampe de chevet', '床头灯'],
  warmer: ['heat pump', 'pompa di calore', 'pompe à chaleur', '热泵'],
  screen: ['TV', 'televisore', 'télé', '电视'],
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
const num = (
  identifier: string,
  type: 'int' | 'float',
  min: number,
  max: number,
  step: number,
  unit?: string,
) => ({
  identifier,
  kind: 'property' as const,
  writable: true,
  dataType: { type, specs: { min, max, step, ...(unit ? { unit } : {}) } },
});

const light = { power: bool('On') };
const caps: Record<string, ResolvedCapabilities> = {
  lantern: light,
  sconce: light,
  pendant: { ...light, brightness: num('Level', 'int', 0, 100, 1, '%') },
  gate: { position: num('Open', 'int', 0, 100, 1, '%') },
  // A desk fan with speeds 1..6, and a tower fan whose speeds are an enum of labelled steps.
  // It carries a light of its own: a change said of the fan is still its speed.
  gust: {
    power: bool('On'),
    fanSpeed: num('Speed', 'int', 1, 6, 1),
    brightness: num('Glow', 'int', 0, 100, 1, '%'),
  },
  shade: { position: num('Pos', 'int', 0, 100, 1, '%') },
  tint: {
    power: bool('On'),
    brightness: num('Level', 'int', 0, 100, 1, '%'),
    colorTemperature: num('Kelvin', 'int', 2700, 6500, 100, 'K'),
  },
  breeze: {
    power: bool('On'),
    fanSpeed: {
      identifier: 'Gear',
      kind: 'property',
      writable: true,
      dataType: { type: 'enum', specs: { '0': 'gear 1', '1': 'gear 2', '2': 'gear 3' } },
      values: {},
    },
  },
  boiler: { power: bool('On'), targetTemperature: num('Set', 'float', 30, 60, 0.5, '°C') },
  // A heat pump with a fan of its own (speeds 1..4): "the heat pump fan" is that fan, not another.
  warmer: {
    power: bool('On'),
    targetTemperature: num('Set', 'float', 16, 30, 0.5, '°C'),
    fanSpeed: num('Blow', 'int', 1, 4, 1),
  },
  screen: { power: bool('On') },
};
const state: Record<string, Record<string, unknown>> = {
  gust: { Speed: 3 },
  breeze: { Gear: 0, On: 0 },
  boiler: { Set: 45 },
  pendant: { Level: 60 },
  gate: { Open: 30 },
  tint: { Level: 50, Kelvin: 4000 },
  shade: { Pos: 80 },
};

const home: HomeView = {
  devices: [
    device('lantern', 'light', 'porch'),
    device('sconce', 'light', 'study'),
    device('pendant', 'light', 'study'),
    device('gate', 'curtain', 'porch'),
    device('gust', 'fan', 'study'),
    device('breeze', 'fan', 'nursery'),
    device('boiler', 'plug', 'scullery'),
    device('tint', 'light', 'nursery'),
    device('shade', 'curtain', 'nursery'),
    device('warmer', 'airConditioner', 'scullery'),
    device('screen', 'plug', 'leo'),
  ],
  areas: [area('study'), area('nursery'), area('scullery'), area('porch'), area('leo')],
  capabilities: async (d) => caps[d.id] ?? {},
  properties: async (d) => state[d.id] ?? {},
};
const lists = {
  name: Object.entries(names).flatMap(([value, texts]): ListEntry[] =>
    texts.map((text) => ({ text, value })),
  ),
  area: [
    ['study', ['study', 'studio', 'bureau', '书房']],
    ['porch', ['porch', 'portico', 'porche', '门廊']],
    ['nursery', ['nursery', 'cameretta', 'chambre de bébé', '婴儿房']],
    ['leo', ["Leo's room", 'camera di Leo', 'chambre de Léo', '乐乐房间']],
  ].flatMap(([value, texts]) => (texts as string[]).map((text): ListEntry => ({ text, value }))),
};
// "Leo's TV", "il televisore di Leo": the owner of a room names it, as the home's context adds.
lists.area.push(
  ...ownerNames(
    [{ id: 'leo', names: ["Leo's room", 'camera di Leo', 'chambre de Léo', '乐乐房间'] }],
    Object.values(names).flat(),
  ),
);

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

/** Read a sentence as a command. */
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
async function does(language: Language, text: string, previous: string[] = []): Promise<unknown> {
  const command = read(language, text);
  if (!command) return 'not understood';
  if (process.env.DEBUG_READ) console.log(text, JSON.stringify(command));
  const resolution: Resolution = await resolve(command, home, previous);
  if (resolution.kind !== 'act') return resolution.kind;
  return resolution.operations.map((o) => [o.device.id, o.capability, o.value]);
}

describe('fan speed through the command model', () => {
  it('sets a numbered speed, steps it a notch and takes it to the top, in four languages', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'put the desk fan on speed 5', [['gust', 'fanSpeed', 5]]],
      ['en', 'turn the desk fan up a notch', [['gust', 'fanSpeed', 4]]],
      ['en', 'desk fan on full', [['gust', 'fanSpeed', 6]]],
      ['it', 'metti il ventilatore da tavolo alla velocità 2', [['gust', 'fanSpeed', 2]]],
      ['it', 'abbassa di una tacca il ventilatore da tavolo', [['gust', 'fanSpeed', 2]]],
      ['it', 'ventilatore da tavolo al massimo', [['gust', 'fanSpeed', 6]]],
      ['fr', 'mets le ventilateur de bureau en vitesse 1', [['gust', 'fanSpeed', 1]]],
      ['fr', "monte le ventilateur de bureau d'un cran", [['gust', 'fanSpeed', 4]]],
      ['fr', 'ventilateur de bureau au minimum', [['gust', 'fanSpeed', 1]]],
      ['zh', '台扇调到5档', [['gust', 'fanSpeed', 5]]],
      ['zh', '台扇风速加一档', [['gust', 'fanSpeed', 4]]],
      ['zh', '台扇开到最大档', [['gust', 'fanSpeed', 6]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
  });

  it('moves along an enum of speeds by its labels, never past its ends', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'pillar fan up a notch', [['breeze', 'fanSpeed', 1]]],
      ['en', 'set the pillar fan to speed 3', [['breeze', 'fanSpeed', 2]]],
      ['it', 'ventilatore a torre al massimo', [['breeze', 'fanSpeed', 2]]],
      ['fr', "baisse le ventilateur tour d'un cran", [['breeze', 'fanSpeed', 0]]],
      ['zh', '落地扇调到2档', [['breeze', 'fanSpeed', 1]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
  });

  it('never reads a speed as degrees, nor a name holding a property word as that property', async () => {
    expect(await does('zh', '热水器调到50度')).toEqual([['boiler', 'targetTemperature', 50]]);
    expect(await does('en', 'set the water heater to 50 degrees')).toEqual([
      ['boiler', 'targetTemperature', 50],
    ]);
  });
});

describe('safety: nothing the home does not have, and no negated request, ever moves a device', () => {
  it('never widens an unknown place, or a known one made another by words it does not know', async () => {
    const cases: Array<[Language, string]> = [
      ['en', 'turn on the lights in the cellar'],
      ['en', 'turn off the guest study lights'],
      ['it', 'spegni le luci dello studio degli ospiti'],
      ['fr', 'éteins les lumières du bureau des enfants'],
      ['zh', '打开地下室的灯'],
      ['zh', '打开阁楼的灯'],
      // Words a task knows ("water the garden") are still a place the home does not have.
      ['en', 'turn on the garden lights'],
      ['fr', 'allume les lumières du jardin'],
    ];
    for (const [language, text] of cases) expect(await does(language, text), text).toBe('not_found');
  });

  it('never carries out a request negated before its verb, in four languages', async () => {
    for (const [language, text] of [
      ['en', "don't turn on the sconce"],
      ['it', "non accendere l'applique"],
      ['fr', "n'allume pas l'applique murale"],
      ['zh', '不要打开壁灯'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toBe('not understood');
  });

  it('reads a negation after the verb as what is left out', async () => {
    const cases: Array<[Language, string]> = [
      ['en', 'turn off all the lights but not the sconce'],
      ['it', "spegni tutte le luci, ma non l'applique"],
      ['fr', "éteins toutes les lumières, mais pas l'applique murale"],
      ['zh', '把所有的灯都关了，壁灯别关'],
      ['zh', '除了壁灯，其他灯都关了'],
    ];
    for (const [language, text] of cases)
      expect(await does(language, text), text).toEqual([
        ['lantern', 'power', false],
        ['pendant', 'power', false],
        ['tint', 'power', false],
      ]);
    expect(await does('zh', '关掉所有的灯，书房的别关'), 'a place left out').toEqual([
      ['lantern', 'power', false],
      ['tint', 'power', false],
    ]);
  });
});

describe('Chinese heard wrong', () => {
  it('takes a name that sounds exactly like a real one (tones aside), and only that one', async () => {
    expect(await does('zh', '打开书房的掉灯')).toEqual([['pendant', 'power', true]]);
    expect(await does('zh', '把币灯关了')).toEqual([['sconce', 'power', false]]);
    expect(await does('zh', '把杯灯关了')).toBe('not_found');
  });

  it('asks before opening a cover whose name was only heard by its sound', async () => {
    expect(await does('zh', '打开车酷门')).toBe('confirm');
    expect(await does('zh', '打开车库门')).toEqual([['gate', 'position', 100]]);
  });
});

describe('several targets, references and follow-ups', () => {
  it('acts on every device of a list said without commas, in four languages', async () => {
    const cases: Array<[Language, string]> = [
      ['en', 'turn off the sconce, the pendant and the porch lantern'],
      ['it', "spegni l'applique, la sospensione e la lanterna del portico"],
      ['fr', "éteins l'applique murale, la suspension et la lanterne du porche"],
      ['zh', '把壁灯、吊灯还有门廊灯都关了'],
    ];
    for (const [language, text] of cases)
      expect(await does(language, text), text).toEqual([
        ['sconce', 'power', false],
        ['pendant', 'power', false],
        ['lantern', 'power', false],
      ]);
  });

  it('reads "actually, turn them off" as a new request on the same devices, verbs carrying their object too', async () => {
    const previous = ['sconce', 'pendant'];
    for (const [language, text] of [
      ['en', 'actually turn them off'],
      ['it', 'anzi, spegnile'],
      ['fr', 'non, éteins-les'],
      ['zh', '算了，把它们都关掉'],
    ] as Array<[Language, string]>) {
      expect(read(language, text)?.correction, text).toBeUndefined();
      expect(await does(language, text, previous), text).toEqual([
        ['sconce', 'power', false],
        ['pendant', 'power', false],
      ]);
    }
  });

  it('gives a bare number to what the device has, and a value without a target to the last devices', async () => {
    expect(await does('en', 'set the water heater to 40')).toEqual([['boiler', 'targetTemperature', 40]]);
    expect(await does('it', 'metti lo scaldabagno a 40')).toEqual([['boiler', 'targetTemperature', 40]]);
    expect(await does('zh', '调到55度', ['boiler'])).toEqual([['boiler', 'targetTemperature', 55]]);
    expect(await does('fr', 'mets-le à 50', ['boiler'])).toEqual([['boiler', 'targetTemperature', 50]]);
  });

  it('reads "the X as well" as a follow-up on new targets', () => {
    for (const [language, text] of [
      ['en', 'and the sconce as well'],
      ['it', "e anche l'applique"],
      ['fr', "et l'applique murale aussi"],
      ['zh', '还有壁灯'],
    ] as Array<[Language, string]>) {
      const command = read(language, text);
      expect(command?.followUp, text).toBe(true);
      expect(
        command?.targets.map((t) => t.name?.ids),
        text,
      ).toEqual([['sconce']]);
    }
  });
});

describe('relative steps, halves and values said with a cover verb', () => {
  it('steps a little and says halves on covers, in four languages', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'dim the pendant a little', [['pendant', 'brightness', 50]]],
      ['it', "un po' più luce dalla sospensione", [['pendant', 'brightness', 70]]],
      ['fr', 'baisse un peu la suspension', [['pendant', 'brightness', 50]]],
      ['zh', '吊灯调暗一点', [['pendant', 'brightness', 50]]],
      ['zh', '热水器温度降一度', [['boiler', 'targetTemperature', 44]]],
      ['zh', '车库门开一半', [['gate', 'position', 50]]],
      ['zh', '车库门开到百分之七十', [['gate', 'position', 70]]],
      ['en', 'open the garage gate halfway', [['gate', 'position', 50]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
  });

  it('takes a number said with a lowering verb and a reference as a value, not as closing', async () => {
    expect(await does('it', 'abbassala al 10 per cento', ['pendant'])).toEqual([
      ['pendant', 'brightness', 10],
    ]);
    expect(await does('en', 'heat the water heater to 55 degrees')).toEqual([
      ['boiler', 'targetTemperature', 55],
    ]);
  });
});

describe('what a kind or a place alone reaches', () => {
  const acted = (result: unknown) => (Array.isArray(result) ? result.map((op) => (op as unknown[])[0]) : []);

  it('never moves a door or gate filed as a cover unless it is named', async () => {
    const bulk: Array<[Language, string]> = [
      ['en', 'close all the curtains'],
      ['it', 'chiudi tutte le tende'],
      ['fr', 'ferme tous les rideaux'],
      ['zh', '把所有窗帘都拉上'],
    ];
    for (const [language, text] of bulk)
      expect(acted(await does(language, text)), text).not.toContain('gate');
    expect(await does('en', 'close the garage gate')).toEqual([['gate', 'position', 0]]);
    expect(await does('it', 'chiudi il cancello del garage')).toEqual([['gate', 'position', 0]]);
  });

  it('switches a place\'s lights when only the place is said, everything when "everything" is', async () => {
    const lights: Array<[Language, string]> = [
      ['en', 'turn off the study'],
      ['it', 'spegni lo studio'],
      ['fr', 'éteins le bureau'],
      ['zh', '关掉书房'],
    ];
    for (const [language, text] of lights)
      expect(acted(await does(language, text)).sort(), text).toEqual(['pendant', 'sconce']);
    expect(acted(await does('en', 'turn off everything in the study')).sort()).toEqual([
      'gust',
      'pendant',
      'sconce',
    ]);
    expect(acted(await does('it', 'spegni tutto nello studio')).sort()).toEqual([
      'gust',
      'pendant',
      'sconce',
    ]);
  });

  it('takes words it does not know right after the verb as the thing asked for, not the place', async () => {
    const cases: Array<[Language, string]> = [
      ['en', 'switch off the stereo in the study'],
      ['en', 'turn on the sprinklers on the porch'],
      ['it', 'spegni lo stereo nello studio'],
      ['fr', 'éteins la chaîne hi-fi du bureau'],
    ];
    for (const [language, text] of cases) expect(await does(language, text), text).toBe('not_found');
  });

  it('asks before acting on a name only close in spelling', async () => {
    expect(await does('en', 'turn on the sconse')).toBe('confirm');
    expect(await does('en', 'turn on the sconce')).toEqual([['sconce', 'power', true]]);
  });

  it('never reads "both" as the number two', async () => {
    for (const [language, text] of [
      ['en', 'turn off both fans'],
      ['it', 'spegni tutti e due i ventilatori'],
      ['fr', 'éteins les deux ventilateurs'],
    ] as Array<[Language, string]>) {
      const result = await does(language, text);
      expect(
        Array.isArray(result) ? result.every((op) => (op as unknown[])[1] === 'power') : true,
        text,
      ).toBe(true);
    }
  });

  it('leaves out what "but leave … on" names', async () => {
    expect(
      acted(await does('en', 'switch off everything in the study but leave the desk fan on')).sort(),
    ).toEqual(['pendant', 'sconce']);
  });
});

describe('corrections, halves and requests taken back in one breath', () => {
  it('takes the value said after a correction, keeping the unit said before it', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'set the water heater to 50, no, 45', [['boiler', 'targetTemperature', 45]]],
      ['it', 'scaldabagno a 50 gradi, anzi 45', [['boiler', 'targetTemperature', 45]]],
      ['fr', 'mets le chauffe-eau à 50, non, 45', [['boiler', 'targetTemperature', 45]]],
      ['zh', '热水器调到50度，不对，45度', [['boiler', 'targetTemperature', 45]]],
      ['en', 'pendant to 30 percent, sorry, make that 50', [['pendant', 'brightness', 50]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
  });

  it('moves by half a degree and reads "45 and a half"', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'turn the water heater down half a degree', [['boiler', 'targetTemperature', 44.5]]],
      ['it', 'abbassa lo scaldabagno di mezzo grado', [['boiler', 'targetTemperature', 44.5]]],
      ['fr', "baisse le chauffe-eau d'un demi-degré", [['boiler', 'targetTemperature', 44.5]]],
      ['zh', '热水器调低半度', [['boiler', 'targetTemperature', 44.5]]],
      ['zh', '热水器调到46度半', [['boiler', 'targetTemperature', 46.5]]],
      ['it', 'scaldabagno a 46 gradi e mezzo', [['boiler', 'targetTemperature', 46.5]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
  });

  it('acts only on what is named after a correction', async () => {
    const cases: Array<[Language, string]> = [
      ['en', 'turn on the sconce, no wait, I mean the pendant'],
      ['it', "accendi l'applique, anzi no, la sospensione"],
      ['fr', "allume l'applique, euh non, la suspension"],
      ['zh', '打开壁灯，哦不对，是吊灯'],
    ];
    for (const [language, text] of cases)
      expect(await does(language, text), text).toEqual([['pendant', 'power', true]]);
    // "不是…" leaves out what follows it; it never asks for it.
    expect(await does('zh', '打开书房的灯，不是壁灯')).not.toContainEqual(['sconce', 'power', true]);
  });

  it('knows a request taken back after its verb, and not an exception said the Chinese way', () => {
    const takenBack = (language: Language, text: string) => {
      const { tokens, spans } = recognizer(language).spans(text, lists);
      return withdrawn(tokens, spans, language);
    };
    for (const [language, text] of [
      ['en', 'turn on the sconce... actually no, never mind'],
      ['it', "accendi l'applique... anzi no, lascia stare"],
      ['fr', "allume l'applique… non, laisse tomber"],
      ['zh', '打开壁灯……算了，不用开了'],
      ['zh', '车库门今晚就关着，别动它'],
    ] as Array<[Language, string]>)
      expect(takenBack(language, text), text).toBe(true);
    for (const [language, text] of [
      ['en', 'never mind, turn on the sconce'],
      ['zh', '把灯都关了，壁灯别动'],
      ['en', 'turn on the sconce'],
      ['it', "lascia stare, accendi l'applique"],
    ] as Array<[Language, string]>)
      expect(takenBack(language, text), text).toBe(false);
  });

  it('sends a cover all the way when lowered or raised with no amount, a step when "a bit" is said', async () => {
    expect(await does('en', 'lower the garage gate')).toEqual([['gate', 'position', 0]]);
    expect(await does('it', 'alza il cancello del garage')).toEqual([['gate', 'position', 100]]);
    expect(await does('fr', 'baisse la porte du garage')).toEqual([['gate', 'position', 0]]);
    expect(await does('en', 'raise the garage gate a bit')).toEqual([['gate', 'position', 40]]);
    expect(await does('en', 'dim the pendant')).toEqual([['pendant', 'brightness', 50]]);
  });
});

describe('plural names', () => {
  it('makes the plural of a name the way each language does', () => {
    expect(pluralOf('desk lamp', 'en')).toBe('desk lamps');
    expect(pluralOf('floor lamp by the bench', 'en')).toBe('floor lamps by the bench');
    expect(pluralOf('lampada da scrivania', 'it')).toBe('lampade da scrivania');
    expect(pluralOf('plafoniera', 'it')).toBe('plafoniere');
    expect(pluralOf('lampe de bureau', 'fr')).toBe('lampes de bureau');
    expect(pluralOf('plafonnier', 'fr')).toBe('plafonniers');
    expect(pluralOf('台灯', 'zh')).toBeNull();
  });
});

describe('clauses: talk around a request, and a value for each device', () => {
  const analyse = (language: Language) => (text: string) => recognizer(language).spans(text, lists);

  it('drops the talk around a request and keeps every clause that shapes it', () => {
    const cases: Array<[Language, string, string]> = [
      ['en', 'turn on the sconce, the baby is asleep', 'turn on the sconce'],
      ['it', "accendi l'applique, Marta dorme", "accendi l'applique"],
      ['fr', "allume l'applique, il fait nuit noire", "allume l'applique"],
      ['zh', '宝宝睡了，把壁灯关掉', '把壁灯关掉'],
      // A correction, a place, a verb carrying its object and a number are all part of the request.
      ['en', 'set the water heater to 50, no, 45', 'set the water heater to 50, no, 45'],
      ['en', 'turn on the lights, in the study', 'turn on the lights, in the study'],
      ['it', 'anzi, spegnile', 'anzi, spegnile'],
      ['en', 'thanks, that is all', 'thanks, that is all'],
      // Told, not asked: a clause about yesterday or praise is talk even when it names a device.
      ['en', 'the sconce was on all night yesterday, turn off the pendant', 'turn off the pendant'],
      ['zh', '壁灯昨天开了一晚上，把吊灯关掉', '把吊灯关掉'],
    ];
    for (const [language, text, expected] of cases)
      expect(withoutTalk(text, language, analyse(language)), text).toBe(expected);
  });

  it('knows a sentence that only tells from one that asks, whatever it names', () => {
    const told: Array<[Language, string]> = [
      ['en', 'the pendant worked great yesterday'],
      ['it', "ieri l'applique ha fatto un bel lavoro"],
      ['fr', "l'applique a bien marché hier, bravo"],
      ['zh', '吊灯昨天亮得真不错'],
    ];
    for (const [language, text] of told)
      expect(onlyRecounts(text, language, analyse(language)), text).toBe(true);
    const asked: Array<[Language, string]> = [
      ['en', 'please turn on the pendant like yesterday'],
      ['it', "puoi accendere l'applique come ieri"],
      ['fr', "peux-tu allumer l'applique comme hier"],
      ['zh', '把吊灯像昨天那样打开'],
      ['en', 'turn on the pendant'],
    ];
    for (const [language, text] of asked)
      expect(onlyRecounts(text, language, analyse(language)), text).toBe(false);
  });

  it('splits requests that each name a thing and give it a value, and nothing else', () => {
    expect(
      requestsWithValues('set the water heater to 50 and the pendant to 30 percent', 'en', analyse('en')),
    ).toEqual(['set the water heater to 50', 'the pendant to 30 percent']);
    expect(requestsWithValues('scaldabagno a 50 e sospensione a metà', 'it', analyse('it'))).toEqual([
      'scaldabagno a 50',
      'sospensione a metà',
    ]);
    expect(requestsWithValues('热水器调到50度，吊灯调到一半', 'zh', analyse('zh'))).toEqual([
      '热水器调到50度',
      '吊灯调到一半',
    ]);
    for (const [language, text] of [
      ['en', 'turn off the sconce and the pendant'],
      ['en', 'set the sconce and the pendant to 30 percent'],
      ['fr', 'mets le chauffe-eau à 50, non, 45'],
    ] as Array<[Language, string]>)
      expect(requestsWithValues(text, language, analyse(language)), text).toEqual([text]);
  });

  it('reads a verb said again as that verb', () => {
    for (const [language, text] of [
      ['it', 'richiudila'],
      ['it', 'riaccendile'],
      ['fr', 'referme-les'],
      ['fr', 'rallume-la'],
    ] as Array<[Language, string]>)
      expect(read(language, text)?.targets, text).toEqual([{ reference: true }]);
    expect(read('it', 'richiudila')?.action).toBe('close');
    expect(read('fr', 'rallume-la')?.action).toBe('turn_on');
  });
});

describe('what a change means on the device at hand', () => {
  it('reads warmth said of a lamp with no set point as its colour temperature, warmer being fewer kelvin', async () => {
    const cases: Array<[Language, string, unknown]> = [
      ['en', 'make the bedside lamp a bit warmer', [['tint', 'colorTemperature', 3600]]],
      ['it', "rendi un po' più calda l'abat-jour", [['tint', 'colorTemperature', 3600]]],
      ['fr', 'rends la lampe de chevet un peu plus chaude', [['tint', 'colorTemperature', 3600]]],
      ['zh', '床头灯暖一点', [['tint', 'colorTemperature', 3600]]],
      ['en', 'bedside lamp a bit cooler', [['tint', 'colorTemperature', 4400]]],
      ['en', 'set the colour temperature of the bedside lamp to 3000', [['tint', 'colorTemperature', 3000]]],
    ];
    for (const [language, text, expected] of cases)
      expect(await does(language, text), text).toEqual(expected);
    // Warmer on a water heater is still degrees.
    expect(await does('en', 'make the water heater a bit warmer')).toEqual([
      ['boiler', 'targetTemperature', 46],
    ]);
  });

  it('takes extremes said as "as cold as it goes", "più bassa possibile", "le plus froid possible"', async () => {
    for (const [language, text] of [
      ['en', 'set the water heater as low as it goes'],
      ['it', 'metti lo scaldabagno alla temperatura più bassa possibile'],
      ['fr', 'mets le chauffe-eau le plus bas possible'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual([['boiler', 'targetTemperature', 30]]);
  });

  it('acts on a Chinese name heard with characters of the same sound, without asking', async () => {
    expect(await does('zh', '把壁登关掉')).toEqual([['sconce', 'power', false]]);
  });
});

describe('requests said the way people talk', () => {
  const acted = (result: unknown) =>
    Array.isArray(result) ? result.map((op) => (op as unknown[])[0]).sort() : result;

  it("switches on a place's lights when it is said to be dark there", async () => {
    for (const [language, text] of [
      ['en', "it's getting dark up in the study"],
      ['en', "I can't see a thing in the study"],
      ['it', 'nello studio è buio'],
      ['fr', 'il fait sombre dans le bureau'],
      ['zh', '书房里太暗了'],
    ] as Array<[Language, string]>)
      expect(acted(await does(language, text)), text).toEqual(['pendant', 'sconce']);
    // A place the home does not have: nothing is switched on.
    expect(Array.isArray(await does('en', "it's getting dark up in the cellar"))).toBe(false);
  });

  it('opens or closes a cover a little when "a little" is said', async () => {
    expect(await does('en', 'open the garage gate a little')).toEqual([['gate', 'position', 40]]);
    expect(await does('it', "apri un po' il cancello del garage")).toEqual([['gate', 'position', 40]]);
    expect(await does('fr', 'ferme un peu la porte du garage')).toEqual([['gate', 'position', 20]]);
    expect(await does('zh', '车库门稍微开一点')).toEqual([['gate', 'position', 40]]);
  });

  it('keeps talk that only looks like a request out of it', () => {
    const analyse = (language: Language) => (text: string) => recognizer(language).spans(text, lists);
    expect(withoutTalk("the sun's glaring on my screen, close the garage gate", 'en', analyse('en'))).toBe(
      'close the garage gate',
    );
    expect(withoutTalk('把热水器关了，我们周末不在家', 'zh', analyse('zh'))).toBe('把热水器关了');
  });
});

describe('a place or a kind reaches what each device plainly does', () => {
  const acted = (result: unknown) =>
    Array.isArray(result) ? result.map((op) => (op as unknown[])[0]).sort() : [];

  it('switches off everything in a place without closing its covers, and warms it without touching a lamp', async () => {
    expect(acted(await does('en', 'switch off everything in the nursery'))).toEqual(['breeze', 'tint']);
    expect(acted(await does('it', 'spegni tutto nella cameretta'))).not.toContain('shade');
    expect(acted(await does('en', 'make the nursery a little warmer'))).not.toContain('tint');
    expect(await does('en', 'close the nursery blind')).toEqual([['shade', 'position', 0]]);
  });

  it('never takes a named device of another kind for the kind said with it', async () => {
    // "The light of the desk fan": the fan is no light (a plug or a relay may be one).
    expect(await does('en', 'turn on the light of the desk fan')).toBe('not_found');
    expect(await does('it', 'accendi la luce del ventilatore da tavolo')).toBe('not_found');
  });

  it('leaves a device as it is when asked to leave it', () => {
    for (const [language, text] of [
      ['en', 'leave the sconce off, it is late'],
      ['it', "lascia spenta l'applique"],
      ['fr', "laisse l'applique éteinte"],
    ] as Array<[Language, string]>) {
      const { tokens, spans } = recognizer(language).spans(text, lists);
      expect(withdrawn(tokens, spans, language), text).toBe(true);
    }
  });

  it('puts the device said after 不是…是 in place of the first', async () => {
    expect(await does('zh', '把车库门打开，哦不是，是壁灯')).toEqual([['sconce', 'power', true]]);
  });

  it('carries out requests that each have their own verb', () => {
    const analyse = (text: string) => recognizer('en').spans(text, lists);
    expect(requestsWithValues('open the garage gate halfway and turn off the sconce', 'en', analyse)).toEqual(
      ['open the garage gate halfway', 'turn off the sconce'],
    );
  });
});

describe('places, owners and parts of a device', () => {
  it('never takes a named device from another place, and says where it is', async () => {
    for (const [language, text] of [
      ['en', 'turn off the TV in the study'],
      ['it', 'spegni il televisore nello studio'],
      ['fr', 'éteins la télé du bureau'],
      ['zh', '把书房的电视关了'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toBe('not_there');
    expect(await does('en', 'turn off the TV in the hallway'), 'a place no one has').not.toBe('act');
  });

  it("finds a room by its owner's name: Leo's TV is the TV in Leo's room", async () => {
    for (const [language, text] of [
      ['en', "turn off Leo's TV"],
      ['it', 'spegni il televisore di Leo'],
      ['fr', 'éteins la télé de Léo'],
      ['zh', '把乐乐的电视关了'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual([['screen', 'power', false]]);
  });

  it("reads a device's own fan after its name as its speed, never another fan", async () => {
    for (const [language, text] of [
      ['en', 'put the heat pump fan on high'],
      ['it', 'metti la ventola della pompa di calore su alta'],
      ['zh', '热泵风速调成高风'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual([['warmer', 'fanSpeed', 'high']]);
  });

  it('leaves out what is kept after its name, with the place said with it', async () => {
    for (const [language, text] of [
      ['it', "spegni le luci dello studio, ma l'applique lasciala accesa"],
      ['fr', "éteins les lumières du bureau mais laisse l'applique murale allumée"],
      ['zh', '把书房的灯关了，壁灯留着别关'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual([['pendant', 'power', false]]);
  });

  it('moves the request to the place a correction names, for the same kind', async () => {
    expect(await does('en', 'turn off the study lights, sorry, I mean the nursery ones')).toEqual([
      ['tint', 'power', false],
    ]);
    expect(await does('it', 'spegni le luci dello studio, anzi, quelle della cameretta')).toEqual([
      ['tint', 'power', false],
    ]);
  });

  it('hears no value in the words of a name, and no "a little" in 一下', async () => {
    expect(await does('zh', '壁灯关一下')).toEqual([['sconce', 'power', false]]);
    expect(await does('zh', '门廊灯开一下')).toEqual([['lantern', 'power', true]]);
  });
});

describe('several verbs in one breath, kinds of heating and covers that come down as they go out', () => {
  const analyse = (language: Language) => (text: string) => recognizer(language).spans(text, lists);

  it('gives each switching verb the names said after it, and splits nothing inside a name', () => {
    expect(
      requestsWithValues(
        'turn on the sconce and the pendant, and switch off the desk fan',
        'en',
        analyse('en'),
      ),
    ).toEqual(['turn on the sconce and the pendant', 'switch off the desk fan']);
    expect(requestsWithValues('switch the sconce on and turn the desk fan off', 'en', analyse('en'))).toEqual(
      ['switch the sconce on', 'turn the desk fan off'],
    );
    expect(
      requestsWithValues(
        "accendi l'applique e la sospensione e spegni il ventilatore da tavolo",
        'it',
        analyse('it'),
      ),
    ).toEqual(["accendi l'applique e la sospensione", 'spegni il ventilatore da tavolo']);
    expect(requestsWithValues('turn on the sconce and the pendant', 'en', analyse('en'))).toEqual([
      'turn on the sconce and the pendant',
    ]);
  });

  it('turns off what heats the rooms for "the heating", never the water heater', async () => {
    for (const [language, text] of [
      ['en', 'turn off all the heating'],
      ['it', 'spegni tutto il riscaldamento'],
      ['fr', 'coupe tout le chauffage'],
      ['zh', '把所有暖气都关了'],
    ] as Array<[Language, string]>)
      expect(await does(language, text), text).toEqual([['warmer', 'power', false]]);
  });

  it('reads a name heard close to a verb as the verb ("温度调" is no 温度计)', async () => {
    expect(await does('zh', '热泵温度调到25度')).toEqual([['warmer', 'targetTemperature', 25]]);
  });
});

describe('what a speed, a flame and a start mean on the device said', () => {
  it('switches on a fan that is off when a speed is set on it, and only then', async () => {
    const command = read('en', 'set the pillar fan to speed 3');
    const off = command && (await resolve(command, home, []));
    expect(off?.kind === 'act' && off.operations.map((o) => [o.device.id, o.alsoOn])).toEqual([
      ['breeze', true],
    ]);
    const on = read('en', 'put the desk fan on speed 5');
    const running = on && (await resolve(on, home, []));
    expect(running?.kind === 'act' && running.operations.map((o) => [o.device.id, o.alsoOn])).toEqual([
      ['gust', undefined],
    ]);
  });

  it('steps what was just acted on when a notch is said alone', async () => {
    for (const [language, text] of [
      ['en', 'one more notch'],
      ['it', 'una tacca in più'],
      ['fr', 'un cran de plus'],
    ] as Array<[Language, string]>)
      expect(await does(language, text, ['gust']), text).toEqual([['gust', 'fanSpeed', 4]]);
  });

  it('hears a half said before the unit', async () => {
    expect(await does('en', 'set the water heater to forty five and a half degrees')).toEqual([
      ['boiler', 'targetTemperature', 45.5],
    ]);
    expect(await does('it', 'scaldabagno a quarantacinque e mezzo gradi')).toEqual([
      ['boiler', 'targetTemperature', 45.5],
    ]);
  });

  it("takes a fire's flames as its brightness", async () => {
    expect(await does('en', 'turn the pendant flames down to the lowest')).toEqual([
      ['pendant', 'brightness', 0],
    ]);
    expect(await does('fr', 'mets les flammes de la suspension au minimum')).toEqual([
      ['pendant', 'brightness', 0],
    ]);
  });
});
