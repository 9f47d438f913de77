/**
 * Setting concepts: what a thing model's identifier or name says a setting is, and what people call
 * it in each language. A concept joins a property named in one language ("Volume", "SpinSpeed",
 * "音量") to the words a speaker of another uses ("声音", "centrifuga", "essorage"). Data, read by
 * catalog.ts (which settings a device has) and read.ts (which one the words name).
 */
import type { Language } from '../../errors/index.js';

/** The setting concepts the dictionary knows. */
export type ConceptId =
  | 'volume'
  | 'mute'
  | 'input'
  | 'programme'
  | 'spin'
  | 'washTemperature'
  | 'effect'
  | 'cuttingHeight'
  | 'spectrum'
  | 'waterLevel'
  | 'access'
  | 'descale'
  | 'rinse'
  | 'dispense';

/** One concept: where it lives in thing models and how it is said. */
export interface Concept {
  /** A property's concept or a service's. */
  on: 'property' | 'service';
  /** Words of identifiers and names (any language, split) that carry the concept. */
  keys: string[];
  /** Words that, among an identifier's or name's, mean it is something else ("WaterVolume" is no sound volume). */
  unless?: string[];
  /** What people say for it, by language. */
  said: Record<Language, string[]>;
  /** How a reply names it: with its article in Italian and French ("il volume", "l'effet"). */
  called: Record<Language, string>;
  /** For a service: what the device is now doing, as a reply says it ("is descaling"). */
  doing?: Record<Language, string>;
}

/** The dictionary. Specific concepts only: words such as "mode" or "level" alone name nothing. */
export const concepts: Record<ConceptId, Concept> = {
  volume: {
    on: 'property',
    keys: ['volume', 'vol', 'sound level', 'speaker volume', 'loudness', '音量', 'lautstarke'],
    unless: ['water', 'tank', 'acqua', 'eau', '水', 'capacity', 'milk', 'bean'],
    said: {
      en: ['volume', 'sound', 'loudness'],
      it: ['volume', 'audio', 'suono'],
      fr: ['volume', 'son'],
      zh: ['音量', '声音', '声'],
    },
    called: { en: 'volume', it: 'il volume', fr: 'le volume', zh: '音量' },
  },
  mute: {
    on: 'property',
    keys: ['mute', 'muted', 'silent', 'silence', 'muting', '静音', 'muto', 'muet', 'sourdine'],
    said: {
      en: ['mute', 'muted', 'unmute', 'silence'],
      it: ['muto', 'silenzia', 'silenzioso', 'togli il muto'],
      fr: ['muet', 'sourdine', 'coupe le son', 'couper le son', 'remets le son'],
      zh: ['静音'],
    },
    called: { en: 'mute', it: 'il muto', fr: 'la sourdine', zh: '静音' },
  },
  input: {
    on: 'property',
    keys: [
      'input',
      'source',
      'input source',
      'signal source',
      'audio source',
      'sorgente',
      'ingresso',
      'entree',
      '信号源',
      '输入',
      '输入源',
      '音源',
      '信源',
    ],
    said: {
      en: ['input', 'source', 'input source'],
      it: ['sorgente', 'ingresso'],
      fr: ['source', 'entrée'],
      zh: ['信号源', '输入', '输入源', '音源', '信源'],
    },
    called: { en: 'input', it: 'la sorgente', fr: 'la source', zh: '信号源' },
  },
  programme: {
    on: 'property',
    keys: [
      'programme',
      'program',
      'wash program',
      'wash programme',
      'wash cycle',
      'wash mode',
      'washing program',
      'cycle',
      'course',
      'prog',
      'programma',
      'ciclo',
      'cycle de lavage',
      '程序',
      '洗涤程序',
      '洗衣程序',
    ],
    // "Cycle state", "Phase": where a running cycle is, not which programme it runs.
    unless: ['state', 'status', 'phase', 'left', 'remaining', 'time', 'stato', 'etat', '状态'],
    said: {
      en: ['programme', 'program', 'cycle', 'wash', 'wash cycle', 'wash programme', 'wash program'],
      it: ['programma', 'ciclo', 'lavaggio', 'programma di lavaggio'],
      fr: ['programme', 'cycle', 'lavage', 'programme de lavage'],
      zh: ['程序', '洗涤程序', '洗衣程序', '模式'],
    },
    called: { en: 'programme', it: 'il programma', fr: 'le programme', zh: '程序' },
  },
  spin: {
    on: 'property',
    keys: [
      'spin',
      'spin speed',
      'spin rpm',
      'spin level',
      'centrifuga',
      'essorage',
      '脱水',
      '转速',
      '甩干',
      '脱水转速',
    ],
    said: {
      en: ['spin', 'spin speed', 'spin cycle'],
      it: ['centrifuga', 'velocità di centrifuga', 'velocità della centrifuga'],
      fr: ['essorage', "vitesse d'essorage"],
      zh: ['脱水', '转速', '脱水转速', '甩干'],
    },
    called: { en: 'spin speed', it: 'la centrifuga', fr: "l'essorage", zh: '脱水转速' },
  },
  washTemperature: {
    on: 'property',
    keys: [
      'wash temp',
      'wash temperature',
      'washing temperature',
      'temperatura di lavaggio',
      'temperatura lavaggio',
      'temperature de lavage',
      '洗涤温度',
      '洗衣温度',
    ],
    said: {
      en: ['temperature', 'wash temperature', 'temp'],
      it: ['temperatura', 'temperatura di lavaggio'],
      fr: ['température', 'température de lavage'],
      zh: ['温度', '水温', '洗涤温度'],
    },
    called: {
      en: 'wash temperature',
      it: 'la temperatura di lavaggio',
      fr: 'la température de lavage',
      zh: '洗涤温度',
    },
  },
  effect: {
    on: 'property',
    keys: [
      'effect',
      'effects',
      'scene',
      'light effect',
      'lighting effect',
      'animation',
      'pattern',
      'dynamic mode',
      'effetto',
      'effet',
      'scena',
      'scène',
      '效果',
      '灯效',
      '场景',
      '情景',
    ],
    said: {
      en: ['effect', 'scene', 'animation', 'pattern', 'light effect'],
      it: ['effetto', 'scena', 'animazione', 'effetto luce'],
      fr: ['effet', 'scène', 'animation', 'effet lumineux'],
      zh: ['效果', '灯效', '场景', '情景', '模式'],
    },
    called: { en: 'effect', it: "l'effetto", fr: "l'effet", zh: '灯效' },
  },
  cuttingHeight: {
    on: 'property',
    keys: [
      'cut height',
      'cutting height',
      'mow height',
      'mowing height',
      'blade height',
      'cutting level',
      'altezza di taglio',
      'altezza taglio',
      'hauteur de coupe',
      'hauteur de tonte',
      '割草高度',
      '刀盘高度',
      '割草高',
    ],
    said: {
      en: ['cutting height', 'cut height', 'height', 'mowing height', 'blade height'],
      it: ['altezza di taglio', 'altezza del taglio', 'altezza'],
      fr: ['hauteur de coupe', 'hauteur de tonte', 'hauteur'],
      zh: ['割草高度', '高度', '刀盘高度'],
    },
    called: {
      en: 'cutting height',
      it: "l'altezza di taglio",
      fr: 'la hauteur de coupe',
      zh: '割草高度',
    },
  },
  spectrum: {
    on: 'property',
    keys: ['spectrum', 'light spectrum', 'grow spectrum', 'grow mode', 'spettro', 'spectre', '光谱'],
    said: {
      en: ['spectrum', 'light spectrum', 'grow mode'],
      it: ['spettro', 'spettro luminoso'],
      fr: ['spectre', 'spectre lumineux'],
      zh: ['光谱'],
    },
    called: { en: 'spectrum', it: 'lo spettro', fr: 'le spectre', zh: '光谱' },
  },
  waterLevel: {
    on: 'property',
    keys: [
      'water level',
      'water tank',
      'tank level',
      'remaining water',
      'water remaining',
      'water left',
      'water amount',
      'reservoir',
      'livello acqua',
      "livello dell'acqua",
      'serbatoio',
      "niveau d'eau",
      '水量',
      '水位',
      '水箱',
      '剩余水量',
    ],
    said: {
      en: ['water', 'water level', 'water tank', 'tank'],
      it: ['acqua', "livello dell'acqua", 'serbatoio'],
      fr: ['eau', "niveau d'eau", 'réservoir'],
      zh: ['水量', '水位', '水箱', '水'],
    },
    called: { en: 'water level', it: "il livello dell'acqua", fr: "le niveau d'eau", zh: '水量' },
  },
  access: {
    on: 'property',
    keys: [
      'flap mode',
      'access',
      'access mode',
      'entry mode',
      'lock mode',
      'locking mode',
      'door mode',
      'pet access',
      'accesso',
      'modalita di accesso',
      'acces',
      "mode d'acces",
      '进出模式',
      '通行模式',
      '出入模式',
    ],
    said: {
      en: ['access', 'access mode', 'flap mode', 'lock mode'],
      it: ['accesso', 'modalità di accesso'],
      fr: ['accès', "mode d'accès"],
      zh: ['进出模式', '通行模式', '出入模式'],
    },
    called: { en: 'access mode', it: 'la modalità di accesso', fr: "le mode d'accès", zh: '进出模式' },
  },
  descale: {
    on: 'service',
    keys: [
      'descale',
      'descaling',
      'decalcify',
      'decalcification',
      'decalc',
      'limescale',
      'decalcificazione',
      'decalcifica',
      'detartrage',
      '除垢',
      '除钙',
    ],
    said: {
      en: ['descale', 'descaling', 'decalcify', 'decalcification', 'limescale'],
      it: ['decalcificazione', 'decalcifica', 'decalcificare', 'decalcifichi', 'anticalcare'],
      fr: ['détartrage', 'détartre', 'détartrer', 'détartrez'],
      zh: ['除垢', '除钙', '去水垢', '除水垢'],
    },
    called: { en: 'descaling', it: 'la decalcificazione', fr: 'le détartrage', zh: '除垢' },
    doing: {
      en: 'is descaling',
      it: 'sta facendo la decalcificazione',
      fr: 'lance le détartrage',
      zh: '开始除垢',
    },
  },
  rinse: {
    on: 'service',
    keys: ['rinse', 'rinsing', 'flush', 'purge', 'risciacquo', 'rincage', '冲洗'],
    said: {
      en: ['rinse', 'rinsing', 'flush'],
      it: ['risciacquo', 'risciacqua', 'risciacquare', 'sciacqua'],
      fr: ['rinçage', 'rince', 'rincer', 'rincez'],
      zh: ['冲洗', '冲一下', '冲一冲'],
    },
    called: { en: 'rinse', it: 'il risciacquo', fr: 'le rinçage', zh: '冲洗' },
    doing: { en: 'is rinsing', it: 'sta facendo il risciacquo', fr: 'lance le rinçage', zh: '开始冲洗' },
  },
  dispense: {
    on: 'service',
    keys: [
      'dispense',
      'dispensing',
      'feed',
      'feeding',
      'manual feed',
      'serve food',
      'portion',
      'erogazione',
      'eroga',
      'distribution',
      'distribuer',
      '出粮',
      '喂食',
      '投喂',
      '放粮',
    ],
    said: {
      en: ['feed', 'dispense', 'give food', 'serve food', 'give some food', 'feeding'],
      it: [
        'dai da mangiare',
        'dare da mangiare',
        'da da mangiare',
        'nutri',
        'eroga',
        'distribuisci',
        'dai la pappa',
        'dai il cibo',
        'dai le crocchette',
      ],
      fr: [
        'donne à manger',
        'donner à manger',
        'nourris',
        'nourrir',
        'distribue',
        'donne des croquettes',
        'donne les croquettes',
      ],
      zh: ['喂', '喂食', '出粮', '投喂', '放粮', '喂一下'],
    },
    called: { en: 'feeding', it: "l'erogazione del cibo", fr: 'la distribution', zh: '出粮' },
    doing: {
      en: 'is dispensing food',
      it: 'sta erogando il cibo',
      fr: 'distribue une portion',
      zh: '开始出粮',
    },
  },
};

/** The concept ids, in dictionary order. */
export const conceptIds = Object.keys(concepts) as ConceptId[];
