import { describe, expect, it } from 'vitest';
import {
  type Category,
  type Device,
  type LoadedProduct,
  parseThingModel,
  resolveCapabilities,
} from '../../devices/index.js';
import { type Language, languages } from '../../errors/index.js';
import { phraseWords, readCommand } from '../command/index.js';
import { loadGrammars } from '../nlu/grammar.js';
import { tokenize } from '../nlu/normalize.js';
import { LanguageRecognizer, type ListEntry } from '../nlu/recognizer.js';
import { catalogOf, isGuarded } from './catalog.js';
import { kindsOf } from './kinds.js';
import { readSetting, type SettingDevice, type SettingRequest } from './read.js';

// Setting requests read in four languages on a home of its own (names from no evaluation set):
// which device, which of its settings, what value. Each request is written as one line:
// "set <device> <identifier> <value>", "read …", "call …", "lacks …", "which …", or "none".

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
  dataType: {
    type: 'int',
    specs: { min: String(min), max: String(max), step: String(step), ...(unit ? { unit } : {}) },
  },
});
const choice = (identifier: string, name: string, labels: string[]) => ({
  identifier,
  name,
  accessMode: 'rw',
  dataType: { type: 'enum', specs: Object.fromEntries(labels.map((l, i) => [String(i), l])) },
});
const service = (identifier: string, name: string) => ({
  identifier,
  name,
  callType: 'async',
  inputData: [],
  outputData: [],
});

const models: Record<
  string,
  { name: string; category: Category; properties: unknown[]; services?: unknown[] }
> = {
  tv: {
    name: 'Vista 55 smart TV',
    category: 'switch',
    properties: [
      bool('PowerSwitch'),
      int('Volume', 'Volume', 0, 100, 1),
      bool('Muted', 'Mute'),
      choice('InputSource', 'Input', ['HDMI1', 'HDMI2', 'TV']),
      int('Brightness', 'Picture brightness', 0, 100, 1, '%'),
    ],
  },
  washer: {
    name: 'Lindo washer',
    category: 'plug',
    properties: [
      bool('PowerSwitch'),
      choice('wash_program', 'Programma', ['Cotone', 'Lana', 'Rapido']),
      choice('WashTemp', 'Wash temperature', ['Cold', '30°C', '40°C', '60°C']),
      int('SpinSpeed', 'Spin speed', 400, 1400, 200, 'rpm'),
      choice('ChildLock', 'Child lock', ['Off', 'On']),
    ],
    services: [service('StartCycle', 'Start cycle')],
  },
  strip: {
    name: 'Glow RGB strip',
    category: 'light',
    properties: [
      bool('LightSwitch'),
      int('Brightness', 'Brightness', 1, 100, 1, '%'),
      choice('LightEffect', '灯效', ['静态', '彩虹', '呼吸', '音乐']),
      choice('work_mode', 'Work mode', ['white', 'colour', 'scene']),
    ],
  },
  mower: {
    name: 'Trim robot mower',
    category: 'vacuum',
    properties: [int('cut_height', '割草高度', 20, 60, 5, 'mm')],
    services: [service('Start', 'Start')],
  },
  coffee: {
    name: 'Crema bean-to-cup',
    category: 'switch',
    properties: [
      bool('PowerSwitch'),
      int('WaterLevel', 'Water level', 0, 100, 1, '%', 'r'),
      int('Cups', 'Cups', 1, 8, 1),
      int('BrewMinutes', 'Brew time', 1, 10, 1),
      choice('Strength', 'Strength', ['Light', 'Regular', 'Bold']),
    ],
    services: [service('Descale', 'Détartrage'), service('Rinse', 'Rinse'), service('Brew', 'Brew')],
  },
  feeder: {
    name: 'Nibble feeder',
    category: 'switch',
    properties: [],
    services: [service('Dispense', 'Dispense')],
  },
  speaker: {
    name: 'Aria smart speaker',
    category: 'switch',
    properties: [
      bool('PowerSwitch'),
      int('Volume', 'Volume', 0, 30, 1),
      bool('Muted', 'Mute'),
      choice('Source', 'Source', ['Bluetooth', 'AUX', 'Wi-Fi']),
    ],
  },
  grow: {
    name: 'Verde grow light',
    category: 'light',
    properties: [bool('LightSwitch'), choice('Spectrum', 'Spectre', ['Croissance', 'Floraison', 'Complet'])],
  },
  flap: {
    name: 'Snout pet door',
    category: 'switch',
    properties: [choice('FlapMode', 'Access mode', ['In only', 'Out only', 'Locked', 'Open'])],
  },
  lamp: {
    name: 'Lumo lamp',
    category: 'light',
    properties: [bool('LightSwitch'), int('Brightness', 'Brightness', 0, 100, 1, '%')],
  },
  lock: {
    name: 'Chiave smart lock',
    category: 'switch',
    properties: [
      choice('LockState', 'Lock', ['Locked', 'Unlocked']),
      int('Battery', 'Battery', 0, 100, 1, '%', 'r'),
    ],
  },
  plug: {
    name: 'Yard plug',
    category: 'plug',
    properties: [bool('PowerSwitch'), int('Countdown', 'Switch-off countdown', 0, 720, 1, 'min')],
  },
  mat: {
    name: 'Snofri heated mat',
    category: 'plug',
    properties: [bool('PowerSwitch'), bool('AutoMode', 'Snow sensor auto')],
  },
  ac: {
    name: 'Brezza split',
    category: 'airConditioner',
    properties: [
      bool('PowerSwitch'),
      choice('WorkMode', 'Mode', ['auto', 'cool', 'heat', 'dry', 'fan']),
      { ...int('TargetTemperature', 'Target temperature', 16, 30, 1, '°C') },
      bool('Buzzer', 'Beep'),
    ],
  },
};

const products: Record<string, LoadedProduct> = Object.fromEntries(
  Object.entries(models).map(([key, m]) => {
    const thingModel = parseThingModel({ properties: m.properties, services: m.services ?? [], events: [] });
    const resolved = resolveCapabilities(thingModel, undefined, m.category);
    return [
      key,
      {
        productKey: key,
        name: m.name,
        category: m.category,
        thingModel,
        capabilities: {},
        resolved,
        ownerTokenId: null,
        createdAt: 0,
        updatedAt: 0,
      },
    ];
  }),
);

const areaNames: Record<string, string[]> = {
  lounge: ['lounge', 'soggiorno', 'salon', '客厅'],
  kitchen: ['kitchen', 'cucina', 'cuisine', '厨房'],
  garden: ['garden', 'giardino', 'jardin', '花园'],
};

const homeDevices: Array<[id: string, product: string, area: string, names: string[]]> = [
  ['Bravia', 'tv', 'lounge', ['Bravia']],
  ['washer', 'washer', 'kitchen', ['washing machine', 'lavatrice', 'lave-linge', '洗衣机']],
  ['strip', 'strip', 'lounge', ['colour strip', 'striscia colorata', 'ruban coloré', '彩色灯带']],
  ['Woolly', 'mower', 'garden', ['Woolly']],
  ['coffee', 'coffee', 'kitchen', ['espresso machine', 'macchina del caffè', 'machine à café', '咖啡机']],
  ['feeder', 'feeder', 'kitchen', ['cat feeder', '喂食器']],
  ['Boombox', 'speaker', 'kitchen', ['Boombox']],
  ['grow', 'grow', 'garden', ['grow light', 'lampada per piante', 'lampe horticole', '植物灯']],
  ['flap', 'flap', 'kitchen', ['dog flap', 'porta del cane', 'chatière', '狗门']],
  ['lamp', 'lamp', 'lounge', ['floor lamp', 'lampada', 'lampadaire', '落地灯']],
  ['ac', 'ac', 'lounge', ['air conditioner', 'condizionatore', 'climatiseur', '空调']],
  ['door', 'lock', 'kitchen', ['front door', 'porta di casa', "porte d'entrée", '大门']],
  ['plug', 'plug', 'garden', ['garden plug', 'presa del giardino', 'prise du jardin', '花园插座']],
  ['mat', 'mat', 'garden', ['snow melt mat', 'tappetino antineve', 'tapis chauffant', '融雪垫']],
];

const devices: SettingDevice[] = homeDevices.map(([id, product, area, [name, ...aliases]]) => {
  const device: Device = {
    id,
    productKey: product,
    deviceName: id,
    category: products[product]?.category ?? 'switch',
    homeId: 'h',
    areaId: area,
    name: name ?? id,
    aliases,
    online: true,
    disabled: false,
    lastSeen: null,
    properties: {},
    createdAt: 0,
  };
  const loaded = products[product] as LoadedProduct;
  const names = [device.name, ...device.aliases];
  return {
    device,
    kinds: kindsOf(device, loaded.name),
    settings: catalogOf(loaded),
    identity: new Set(names.flatMap(tokenize)),
    guarded: isGuarded(...names, loaded.name),
  };
});

const lists: Record<string, ListEntry[]> = {
  name: devices.flatMap((d) =>
    [d.device.name, ...d.device.aliases].map((text) => ({ text, value: d.device.id })),
  ),
  area: Object.entries(areaNames).flatMap(([id, names]) => names.map((text) => ({ text, value: id }))),
};
const grammars = loadGrammars();
const recognizers = Object.fromEntries(
  languages.map((l) => {
    const r = new LanguageRecognizer(grammars[l]);
    for (const word of phraseWords(l)) r.vocabulary.add(word);
    return [l, r];
  }),
) as Record<Language, LanguageRecognizer>;

function line(request: SettingRequest | null): string {
  if (!request) return 'none';
  switch (request.act) {
    case 'set': {
      const v = request.value;
      const value =
        v.kind === 'number'
          ? `${v.amount}${v.unit ? ` ${v.unit}` : ''}`
          : v.kind === 'relative'
            ? `${v.direction > 0 ? 'up' : 'down'}${v.amount !== undefined ? ` ${v.amount}` : ''}`
            : v.kind === 'extreme'
              ? v.which
              : v.kind === 'option'
                ? `#${v.key}`
                : v.on
                  ? 'on'
                  : 'off';
      return `set ${request.deviceId} ${request.identifier} ${value}`;
    }
    case 'call':
      return `call ${request.deviceId} ${request.identifier}${request.amount !== undefined ? ` ${request.amount}` : ''}`;
    case 'lacks':
      return `lacks ${request.deviceIds.join(',')} ${request.concept}`;
    case 'which':
      return `which ${request.choices.map((c) => c.deviceId).join(',')}`;
    default:
      return `${request.act} ${request.deviceId} ${request.identifier}`;
  }
}

function read(text: string, language: Language): string {
  const recognizer = recognizers[language];
  const { tokens, spans } = recognizer.spans(text, lists);
  const vocabulary = recognizer.vocabulary;
  // As the assistant does: a task the command path reads ("make 4 cups of coffee") sets no property.
  const recognition = recognizer.recognize(text, lists);
  const negated = recognizer.negates(text);
  const task = readCommand({ language, tokens, spans, recognition, vocabulary, negated })?.task !== undefined;
  return line(readSetting({ text, language, tokens, spans, devices, vocabulary, task }));
}

function check(cases: Array<[Language, string, string]>) {
  for (const [language, text, expected] of cases)
    expect(read(text, language), `${language}: ${text}`).toBe(expected);
}

describe('a TV and a speaker: volume, mute, input', () => {
  it('reads a volume said with a number, in four languages', () => {
    check([
      ['en', 'TV volume to 25', 'set Bravia Volume 25'],
      ['en', 'set the telly volume to 25', 'set Bravia Volume 25'],
      ['en', 'set the volume of Bravia to 40 percent', 'set Bravia Volume 40 percent'],
      ['it', 'metti il volume della tv a 30', 'set Bravia Volume 30'],
      ['it', 'volume della televisione al massimo', 'set Bravia Volume max'],
      ['fr', 'mets le son de la télé à 20', 'set Bravia Volume 20'],
      ['fr', 'règle le volume du téléviseur à moitié', 'set Bravia Volume half'],
      ['zh', '电视音量调到25', 'set Bravia Volume 25'],
      ['zh', '把电视的声音调到一半', 'set Bravia Volume half'],
    ]);
  });

  it('reads "up" and "down" said to a TV as its volume, never its picture brightness', () => {
    check([
      ['en', 'turn the TV up a bit', 'set Bravia Volume up'],
      ['en', 'turn the telly down', 'set Bravia Volume down'],
      ['en', 'make the TV louder', 'set Bravia Volume up'],
      ['en', 'turn the TV up by 5', 'set Bravia Volume up 5'],
      ['it', "alza un po' il volume della tv", 'set Bravia Volume up'],
      ['it', 'abbassa la tv', 'set Bravia Volume down'],
      ['fr', 'baisse un peu le son de la télé', 'set Bravia Volume down'],
      ['fr', 'monte la télé', 'set Bravia Volume up'],
      ['zh', '电视声音小一点', 'set Bravia Volume down'],
      ['zh', '电视大声一点', 'set Bravia Volume up'],
    ]);
  });

  it('leaves to the capabilities what they carry: brightness, power, a mode, a temperature', () => {
    check([
      ['en', 'set the TV brightness to 70', 'none'],
      ['en', 'turn off the TV', 'none'],
      ['en', 'turn on the telly', 'none'],
      ['en', 'dim the lights', 'none'],
      ['en', 'dim the floor lamp', 'none'],
      ['en', 'make the colour strip brighter', 'none'],
      ['en', 'set the floor lamp to 40%', 'none'],
      ['en', 'set the air conditioner to cool', 'none'],
      ['en', 'set the temperature to 22 degrees', 'none'],
      ['it', "metti l'aria condizionata a 22 gradi", 'none'],
      ['fr', 'allume la télé', 'none'],
      ['fr', 'baisse la luminosité de la télé', 'none'],
      ['zh', '把电视亮度调到60', 'none'],
      ['zh', '关掉洗衣机', 'none'],
      ['en', 'turn off the washing machine', 'none'],
      ['en', 'start the washing machine', 'none'],
      ['en', 'what time is it', 'none'],
      ['en', 'turn up the heating', 'none'],
    ]);
  });

  it('mutes and unmutes, and switches the input or the source', () => {
    check([
      ['en', 'mute the TV', 'set Bravia Muted on'],
      ['en', 'unmute the telly', 'set Bravia Muted off'],
      ['en', 'mute the speaker', 'set Boombox Muted on'],
      ['it', 'silenzia la cassa', 'set Boombox Muted on'],
      ['it', 'togli il muto alla tv', 'set Bravia Muted off'],
      ['fr', "coupe le son de l'enceinte", 'set Boombox Muted on'],
      ['fr', 'remets le son de la télé', 'set Bravia Muted off'],
      ['zh', '音箱静音', 'set Boombox Muted on'],
      ['zh', '电视取消静音', 'set Bravia Muted off'],
      ['en', 'switch the TV to HDMI 2', 'set Bravia InputSource #1'],
      ['en', 'set the TV input to HDMI1', 'set Bravia InputSource #0'],
      ['fr', "passe l'enceinte en bluetooth", 'set Boombox Source #0'],
      ['it', 'metti la cassa su aux', 'set Boombox Source #1'],
      ['zh', '音箱切换到蓝牙', 'set Boombox Source #0'],
    ]);
  });

  it('reads questions about a setting', () => {
    check([
      ['en', "what's the TV volume?", 'read Bravia Volume'],
      ['it', 'quanto è alto il volume della tv?', 'read Bravia Volume'],
      ['fr', 'quel est le volume de la télé ?', 'read Bravia Volume'],
      ['zh', '电视音量是多少', 'read Bravia Volume'],
      ['en', 'is the speaker muted?', 'read Boombox Muted'],
      ['en', 'is the speaker muted', 'read Boombox Muted'],
      ['en', 'is the washing machine on wool', 'read washer wash_program'],
    ]);
  });

  it('asks which device when several have the setting and none is named', () => {
    check([
      ['en', 'turn the volume up', 'which Bravia,Boombox'],
      ['it', "alza un po' il volume", 'which Bravia,Boombox'],
      ['zh', '声音小一点', 'which Bravia,Boombox'],
      ['en', 'turn the volume up in the kitchen', 'set Boombox Volume up'],
    ]);
  });
});

describe('a washer, a strip, a mower, a grow light, a flap', () => {
  it('reads programmes, labels in another language than the brand’s, spin and temperature', () => {
    check([
      ['en', 'put the washer on the wool programme', 'set washer wash_program #1'],
      ['en', 'put the washing machine on cotton', 'set washer wash_program #0'],
      ['it', 'metti la lavatrice sul programma rapido', 'set washer wash_program #2'],
      ['fr', 'mets le lave-linge sur le programme laine', 'set washer wash_program #1'],
      ['zh', '洗衣机调到羊毛程序', 'set washer wash_program #1'],
      ['it', 'imposta la centrifuga della lavatrice a 800 giri', 'set washer SpinSpeed 800 rpm'],
      ['fr', "règle l'essorage du lave-linge à 1200 tours", 'set washer SpinSpeed 1200 rpm'],
      ['en', 'set the washer spin to 1000', 'set washer SpinSpeed 1000'],
      ['zh', '洗衣机脱水转速调到600转', 'set washer SpinSpeed 600 rpm'],
      ['en', 'wash at 40 degrees on the washing machine', 'set washer WashTemp #2'],
      ['en', 'set the washing machine temperature to 40 degrees', 'set washer WashTemp #2'],
      ['en', 'turn on the child lock of the washer', 'set washer ChildLock #1'],
      ['en', 'start a cycle on the washing machine', 'call washer StartCycle'],
      ['en', 'put the washing machine on the delicates programme', 'choices washer wash_program'],
    ]);
  });

  it('reads effects, spectra, access modes, cutting heights', () => {
    check([
      ['en', 'put the colour strip on the rainbow effect', 'set strip LightEffect #1'],
      ['it', 'metti la striscia colorata su arcobaleno', 'set strip LightEffect #1'],
      ['fr', 'mets le ruban coloré en mode arc-en-ciel', 'set strip LightEffect #1'],
      ['zh', '彩色灯带切换到呼吸模式', 'set strip LightEffect #2'],
      ['en', 'switch the grow light to the flowering spectrum', 'set grow Spectrum #1'],
      ['it', 'metti la lampada per piante in fioritura', 'set grow Spectrum #1'],
      ['fr', 'passe la lampe horticole en croissance', 'set grow Spectrum #0'],
      ['zh', '植物灯切换到开花光谱', 'set grow Spectrum #1'],
      ['en', 'set the dog flap to in only', 'set flap FlapMode #0'],
      ['it', 'imposta la porta del cane su solo uscita', 'set flap FlapMode #1'],
      ['fr', 'mets la chatière en entrée seulement', 'set flap FlapMode #0'],
      ['zh', '狗门设为只出不进', 'set flap FlapMode #1'],
      ['en', "set Woolly's cutting height to 4 centimetres", 'set Woolly cut_height 4 cm'],
      ['it', "imposta l'altezza di taglio di Woolly a 35 millimetri", 'set Woolly cut_height 35 mm'],
      ['fr', 'règle la hauteur de coupe de la tondeuse à 5 cm', 'set Woolly cut_height 5 cm'],
      ['zh', '割草机的割草高度调到4厘米', 'set Woolly cut_height 4 cm'],
      ['en', "what's Woolly's cutting height?", 'read Woolly cut_height'],
    ]);
  });

  it('never takes a label alone for a device not named, nor a generic one', () => {
    check([
      ['en', 'rainbow', 'none'],
      ['en', 'put it on rainbow', 'none'],
      ['en', 'turn on the TV', 'none'],
      ['en', 'switch off the washer', 'none'],
    ]);
  });
});

describe('services, questions and what a device lacks', () => {
  it('calls services by the words for them', () => {
    check([
      ['en', 'run a descaling cycle on the espresso machine', 'call coffee Descale'],
      ['en', 'descale the coffee machine', 'call coffee Descale'],
      ['it', 'fai la decalcificazione della macchinetta', 'call coffee Descale'],
      ['fr', 'lance le détartrage de la machine à café', 'call coffee Descale'],
      ['zh', '咖啡机冲洗一下', 'call coffee Rinse'],
      ['en', 'rinse the espresso machine', 'call coffee Rinse'],
      ['en', 'feed Miso', 'call feeder Dispense'],
      ['en', 'feed the cat 2 portions', 'call feeder Dispense 2'],
      ['it', 'dai da mangiare a Miso', 'call feeder Dispense'],
      ['fr', 'donne à manger à Miso', 'call feeder Dispense'],
      ['zh', '喂一下Miso', 'call feeder Dispense'],
      ['zh', '喂，把落地灯打开', 'none'],
    ]);
  });

  it('reads how much water is left, and never sets a value that is only read', () => {
    check([
      ['fr', "il reste combien d'eau dans la machine à café ?", 'read coffee WaterLevel'],
      ['it', "quanta acqua c'è nella macchina del caffè?", 'read coffee WaterLevel'],
      ['en', 'how much water is left in the espresso machine?', 'read coffee WaterLevel'],
      ['zh', '咖啡机还剩多少水', 'read coffee WaterLevel'],
      ['en', 'set the espresso machine water level to 50', 'readOnly coffee WaterLevel'],
    ]);
  });

  it('says what a device named lacks, and takes nothing for a device it does not know', () => {
    check([
      ['en', 'set the floor lamp volume to 20', 'lacks lamp volume'],
      ['it', 'alza il volume della lampada', 'lacks lamp volume'],
      ['fr', 'mets le volume du lampadaire à 20', 'lacks lamp volume'],
      ['zh', '把落地灯的音量调到20', 'lacks lamp volume'],
      ['en', 'descale the floor lamp', 'lacks lamp descale'],
      ['en', 'set the oven volume to 20', 'none'],
      ['en', 'set the radio volume to 20', 'none'],
    ]);
  });

  it('leaves tasks, locks and a device’s own name words to the command path', () => {
    check([
      ['en', 'make 4 cups of coffee', 'none'],
      ['en', 'brew coffee for 5 minutes', 'none'],
      ['en', 'set the espresso machine to 4 cups', 'set coffee Cups 4'],
      ['en', 'boil some water', 'none'],
      ['zh', '烧点水', 'none'],
      ['en', 'lock the front door', 'none'],
      ['en', 'unlock the front door', 'none'],
      ['it', 'sblocca la porta di casa', 'none'],
      ['en', 'is the front door locked?', 'read door LockState'],
      ['en', 'turn on the snow mat', 'none'],
      ['en', 'turn on the snow melt mat', 'none'],
      ['en', 'turn on the snow sensor of the snow melt mat', 'set mat AutoMode on'],
      ['en', 'turn on the light in the kitchen', 'none'],
      ['en', 'turn on the kitchen light', 'none'],
      ['en', 'set the colour strip to white', 'none'],
      ['en', 'make the espresso machine bold', 'set coffee Strength #2'],
      ['en', 'turn off the garden plug in 10 minutes', 'none'],
      ['en', 'start the washing machine on wool', 'none'],
      ['en', 'put the washing machine on wool', 'set washer wash_program #1'],
      ['en', 'set everything in the kitchen to rainbow', 'none'],
    ]);
  });
});
