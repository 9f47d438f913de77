/**
 * Kinds of appliance that the capability categories do not tell apart: a coffee machine is filed
 * as a switch, a robot mower as a vacuum, a washing machine behind a plug as a plug. A device's kind
 * is read from its own names first, then from what its product says of itself (the product's name,
 * its start service's name), then from its category; a verb for one kind ("brew", "mow") moves only
 * devices of that kind, and "the vacuum" never reaches a mower.
 */
import type { Category, Device } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';

/** The kinds of appliance a verb can be for. */
export type Kind =
  | 'coffee'
  | 'mower'
  | 'vacuum'
  | 'washer'
  | 'dishwasher'
  | 'dryer'
  | 'kettle'
  | 'sprinkler'
  | 'feeder'
  | 'awning'
  | 'fireplace'
  | 'heater'
  | 'waterHeater'
  | 'dehumidifier'
  | 'humidifier'
  | 'sauna';

/** Words that name each kind, by language (the nouns a user says for the device). */
const nouns: Record<Kind, Record<Language, string[]>> = {
  coffee: {
    en: ['coffee machine', 'coffee maker', 'espresso machine', 'espresso maker', 'coffee'],
    it: ['macchina del caffè', 'macchinetta del caffè', 'macchina per il caffè', 'caffettiera', 'caffè'],
    fr: ['machine à café', 'machine à expresso', 'cafetière', 'café'],
    zh: ['咖啡机', '咖啡'],
  },
  mower: {
    en: ['lawn mower', 'lawnmower', 'robot mower', 'mower'],
    it: ['robot tosaerba', 'tosaerba', 'rasaerba', 'tagliaerba'],
    fr: ['robot tondeuse', 'tondeuse'],
    zh: ['割草机器人', '割草机'],
  },
  vacuum: {
    en: ['robot vacuum', 'vacuum cleaner', 'vacuum', 'hoover'],
    it: ['robot aspirapolvere', 'aspirapolvere'],
    fr: ['robot aspirateur', 'aspirateur'],
    zh: ['扫地机器人', '扫地机', '吸尘器'],
  },
  washer: {
    en: ['washing machine', 'washer'],
    it: ['lavatrice'],
    fr: ['machine à laver', 'lave-linge'],
    zh: ['洗衣机'],
  },
  dishwasher: {
    en: ['dishwasher'],
    it: ['lavastoviglie'],
    fr: ['lave-vaisselle'],
    zh: ['洗碗机'],
  },
  dryer: {
    en: ['tumble dryer', 'dryer'],
    it: ['asciugatrice'],
    fr: ['sèche-linge'],
    zh: ['烘干机', '干衣机'],
  },
  kettle: {
    en: ['kettle'],
    it: ['bollitore'],
    fr: ['bouilloire'],
    zh: ['电水壶', '烧水壶', '水壶'],
  },
  sprinkler: {
    en: ['sprinklers', 'sprinkler', 'irrigation', 'watering system'],
    it: ['irrigatore', 'irrigatori', 'irrigazione', 'impianto di irrigazione'],
    fr: ['arroseur', 'arroseurs', 'arrosage', 'système d’arrosage'],
    zh: ['洒水器', '喷灌', '浇水系统', '灌溉系统'],
  },
  awning: {
    en: ['awning', 'sunshade', 'sun shade', 'canopy'],
    it: ['tenda da sole', 'tenda parasole', 'tendalino', 'tenda a bracci'],
    fr: ['store banne', 'banne', 'auvent', 'marquise'],
    zh: ['遮阳篷', '遮阳棚', '雨篷', '凉篷'],
  },
  fireplace: {
    en: ['fireplace', 'wood stove', 'log burner', 'pellet stove'],
    it: ['camino', 'caminetto', 'stufa a pellet', 'stufa a legna'],
    fr: ['cheminée', 'poêle à bois', 'poêle à granulés', 'insert'],
    zh: ['壁炉', '火炉'],
  },
  // "Turn off all the heating": whatever heats the rooms, whatever its maker filed it as.
  heater: {
    en: [
      'heating',
      'heater',
      'heaters',
      'radiator',
      'radiators',
      'heat pump',
      'floor heating',
      'underfloor heating',
    ],
    it: [
      'riscaldamento',
      'termosifone',
      'termosifoni',
      'radiatore',
      'radiatori',
      'stufetta',
      'pompa di calore',
    ],
    fr: ['chauffage', 'chauffages', 'radiateur', 'radiateurs', 'pompe à chaleur', 'plancher chauffant'],
    zh: ['暖气', '取暖设备', '取暖器', '地暖', '热泵', '供暖', '暖风机'],
  },
  // Hot water, not heating: "turn off the heating" leaves the water heater alone.
  waterHeater: {
    en: ['water heater', 'boiler', 'immersion heater', 'immersion', 'hot water'],
    it: ['scaldabagno', 'scaldacqua', 'boiler', 'caldaia'],
    fr: ['chauffe-eau', 'cumulus', 'ballon d’eau chaude', "ballon d'eau chaude"],
    zh: ['热水器', '电热水器', '锅炉'],
  },
  dehumidifier: {
    en: ['dehumidifier'],
    it: ['deumidificatore'],
    fr: ['déshumidificateur'],
    zh: ['除湿机', '抽湿机'],
  },
  humidifier: {
    en: ['humidifier'],
    it: ['umidificatore'],
    fr: ['humidificateur'],
    zh: ['加湿器'],
  },
  // A sauna's stove is known by what its product says ("Sauna heater"), never by a word of the
  // user's: "sauna" is a room ("the lights in the sauna"), and a word known here is never a missing name.
  sauna: { en: [], it: [], fr: [], zh: [] },
  feeder: {
    en: ['pet feeder', 'cat feeder', 'feeder'],
    it: ['distributore di cibo', 'mangiatoia'],
    fr: ['distributeur de croquettes', 'distributeur de nourriture'],
    zh: ['喂食器', '自动喂食器'],
  },
};

/** What a product may call what it does ("Start mowing", "Brew"), beyond the nouns. */
const activities: Partial<Record<Kind, string[]>> = {
  coffee: ['brew', 'espresso', 'cappuccino'],
  mower: ['mow', 'mowing'],
  vacuum: ['sweep', 'sweeping', 'vacuuming'],
  sprinkler: ['watering'],
  feeder: ['feed', 'feeding'],
};

/**
 * Words that tell what a device is when its names or its product hold them, but that a user's request
 * never reads as the kind: "sauna" is also the room ("the lights in the sauna").
 */
const selfWords: Partial<Record<Kind, string[]>> = {
  sauna: [
    'sauna heater',
    'sauna stove',
    'sauna',
    'stufa della sauna',
    'stufa sauna',
    'poêle du sauna',
    'poêle de sauna',
    '桑拿炉',
    '桑拿',
  ],
};

/** The kind a category means when nothing else tells. */
const byCategory: Partial<Record<Category, Kind>> = { vacuum: 'vacuum' };

const kinds = Object.keys(nouns) as Kind[];
const tok = (list: readonly string[]) => list.map(tokenize).filter((t) => t.length > 0);

/** Every kind's nouns in every language, longest first: a home may name its devices in any of them. */
const anyLanguage: Array<{ kind: Kind; words: string[] }> = kinds
  .flatMap((kind) => tok(Object.values(nouns[kind]).flat()).map((words) => ({ kind, words })))
  .sort((a, b) => b.words.length - a.words.length);
const own = kinds.flatMap((kind) => tok(selfWords[kind] ?? []).map((words) => ({ kind, words })));
/** What a device's own names may say it is ("sauna heater" is a sauna's, not a room heater). */
const nameWords = [...anyLanguage, ...own].sort((a, b) => b.words.length - a.words.length);
/** The same with what products call what they do ("Start mowing"), for product words only. */
const productWords: Array<{ kind: Kind; words: string[] }> = [
  ...nameWords,
  ...kinds.flatMap((kind) => tok(activities[kind] ?? []).map((words) => ({ kind, words }))),
].sort((a, b) => b.words.length - a.words.length);

/** Whether `words` occur in `tokens` as a whole (Chinese characters anywhere in a run). */
function holds(tokens: readonly string[], words: readonly string[]): boolean {
  for (let i = 0; i + words.length <= tokens.length; i++)
    if (words.every((w, k) => tokens[i + k] === w)) return true;
  return false;
}

/** The kind some text names, if any (the longest words win: "robot mower" over "robot"). */
export function kindIn(text: string, words = anyLanguage): Kind | undefined {
  const tokens = tokenize(text);
  return words.find((k) => holds(tokens, k.words))?.kind;
}

/**
 * A device's kind: from its names, else from what its product says of itself, else from its
 * category. Undefined when nothing tells (a lamp, a plug called "Bosch").
 */
export async function deviceKind(
  device: Device,
  product: () => Promise<readonly string[]> = async () => [],
): Promise<Kind | undefined> {
  for (const text of [device.name, ...device.aliases]) {
    const kind = kindIn(text, nameWords);
    if (kind) return kind;
  }
  for (const text of await product()) {
    const kind = kindIn(text, productWords);
    if (kind) return kind;
  }
  return byCategory[device.category];
}

const byLanguage = new Map<Language, Array<{ kind: Kind; words: string[] }>>();

/** A language's nouns for each kind, tokenised, longest first. */
export function kindNouns(language: Language): Array<{ kind: Kind; words: string[] }> {
  let found = byLanguage.get(language);
  if (!found) {
    found = kinds
      .flatMap((kind) => tok(nouns[kind][language]).map((words) => ({ kind, words })))
      .sort((a, b) => b.words.length - a.words.length);
    byLanguage.set(language, found);
  }
  return found;
}

/** Every word of a language's kind nouns (known words, never a name the home lacks). */
export function kindWords(language: Language): string[] {
  return kinds.flatMap((kind) => nouns[kind][language].flatMap(tokenize));
}

/** Whether a value of Target.kind is one of these kinds (not a capability category). */
export function isKind(value: string): value is Kind {
  return (kinds as string[]).includes(value);
}
