/**
 * Verbs by what a device does: "make me a coffee" is the start of the coffee machine, "mow the
 * lawn" the mower's, "roll out the awning" a cover's position 100, "power up the washer" its power.
 * Each task says which capabilities carry it, in order, and which kind of appliance it is for; a
 * device with none of those capabilities is never moved by it, nor one of another kind. A task is
 * said by a verb of its own ("mow", "割草") or by a making verb with one of its objects ("fammi" +
 * "caffè", "passe" + "aspirateur", "扫" + "地"), in any order. Data, read by read.ts.
 */
import type { CapabilityName } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';
import type { Kind } from './kinds.js';
import type { Action } from './model.js';

/** The tasks a verb can name. */
export type TaskName =
  | 'brew'
  | 'mow'
  | 'clean'
  | 'laundry'
  | 'dishes'
  | 'dry'
  | 'boil'
  | 'water'
  | 'feed'
  | 'fire'
  | 'heat'
  | 'powerOn'
  | 'powerOff'
  | 'extend'
  | 'retract'
  | 'lightsOut';

/** What a task does. */
export interface TaskSpec {
  action: Action;
  /** The capabilities that carry it, in order ('power' is on for start and turn_on, off for turn_off). */
  needs: CapabilityName[];
  /** The kind of appliance it is for: nothing named, it goes to the home's devices of that kind. */
  kind?: Kind;
  /** Only ever on a device the words name ("warm up the towel rail"; "warm up the lounge" is not ours). */
  namedOnly?: boolean;
  /** Only on a device known to be of the kind: "retract" opens a roller blind but closes an awning. */
  strict?: boolean;
  /** The place said is where the work is done (a vacuum's room), not where the device stands. */
  where?: boolean;
  /** For the lights: "lights out in the lounge". */
  lights?: boolean;
}

export const taskSpecs: Record<TaskName, TaskSpec> = {
  brew: { action: 'start', needs: ['start'], kind: 'coffee' },
  mow: { action: 'start', needs: ['start'], kind: 'mower' },
  clean: { action: 'start', needs: ['start'], kind: 'vacuum', where: true },
  laundry: { action: 'start', needs: ['start', 'power'], kind: 'washer' },
  dishes: { action: 'start', needs: ['start', 'power'], kind: 'dishwasher' },
  dry: { action: 'start', needs: ['start', 'power'], kind: 'dryer' },
  boil: { action: 'start', needs: ['start', 'power'], kind: 'kettle' },
  water: { action: 'start', needs: ['start', 'power'], kind: 'sprinkler' },
  feed: { action: 'start', needs: ['start'], kind: 'feeder' },
  fire: { action: 'start', needs: ['start', 'power'], kind: 'fireplace' },
  heat: { action: 'turn_on', needs: ['power'], namedOnly: true },
  powerOn: { action: 'turn_on', needs: ['power'] },
  powerOff: { action: 'turn_off', needs: ['power'] },
  extend: { action: 'open', needs: ['position'], kind: 'awning', strict: true },
  retract: { action: 'close', needs: ['position'], kind: 'awning', strict: true },
  lightsOut: { action: 'turn_off', needs: ['power'], lights: true },
};

/** How one language says a task: verbs that say it alone; making verbs said with one of its objects. */
interface Said {
  verbs?: string[];
  makers?: string[];
  objects?: string[];
}

const written: Record<Language, Partial<Record<TaskName, Said>>> = {
  en: {
    brew: {
      verbs: ['brew'],
      makers: [
        'make',
        'get',
        'prepare',
        'pour',
        'fix',
        'want',
        'like',
        'love',
        'fancy',
        'have',
        'put',
        'start',
      ],
      objects: ['coffee', 'coffees', 'espresso', 'cappuccino', 'latte', 'americano'],
    },
    mow: { verbs: ['mow', 'mowing'], makers: ['cut', 'trim'], objects: ['lawn', 'grass', 'lawns'] },
    clean: {
      verbs: ['sweep', 'sweeping', 'mop', 'mopping', 'vacuum', 'hoover'],
      makers: ['clean', 'do'],
      objects: ['floor', 'floors', 'carpet', 'carpets', 'rugs'],
    },
    laundry: {
      makers: ['do', 'run', 'start', 'put on'],
      objects: ['laundry', 'the washing', 'a wash', 'a load'],
    },
    dishes: { makers: ['do', 'run', 'start', 'wash'], objects: ['dishes'] },
    dry: { verbs: ['tumble dry'], makers: ['dry'], objects: ['clothes', 'washing', 'laundry', 'towels'] },
    boil: { makers: ['boil', 'heat', 'heat up', 'put on'], objects: ['water', 'kettle'] },
    water: { makers: ['water'], objects: ['garden', 'lawn', 'plants', 'flowers', 'beds'] },
    feed: {
      makers: ['feed', 'give food to'],
      objects: ['cat', 'cats', 'dog', 'dogs', 'fish', 'pet', 'pets', 'chickens', 'hens'],
    },
    fire: { makers: ['light', 'start', 'get'], objects: ['fire', 'a fire', 'the fire'] },
    heat: { verbs: ['warm up', 'heat up', 'preheat', 'pre heat'] },
    powerOn: { verbs: ['power up', 'power on', 'give power to'] },
    powerOff: { verbs: ['power down', 'power off', 'cut the power to', 'cut power to'] },
    extend: { verbs: ['roll out', 'extend', 'unroll', 'let out', 'pull out'] },
    retract: { verbs: ['roll in', 'retract', 'wind in', 'pull in', 'bring in'] },
    lightsOut: { verbs: ['lights out'] },
  },
  it: {
    brew: {
      makers: [
        'fammi',
        'fai',
        'faresti',
        'fare',
        'prepara',
        'preparami',
        'prepari',
        'prepareresti',
        'vorrei',
        'voglio',
        'servimi',
        'metti su',
      ],
      objects: ['caffè', 'caffettino', 'espresso', 'cappuccino'],
    },
    mow: {
      verbs: ['tosa', 'tosare', 'falcia', 'falciare'],
      makers: ['taglia', 'tagliare', 'tagli'],
      objects: ['erba', 'prato'],
    },
    clean: {
      verbs: ['spazza', 'spazzare'],
      makers: ['passa', 'passare', 'pulisci', 'pulire', 'lava', 'lavare'],
      objects: ['aspirapolvere', 'pavimento', 'pavimenti', 'per terra'],
    },
    laundry: {
      makers: ['fai', 'fare', 'avvia', 'fai partire', 'lancia'],
      objects: ['bucato', 'una lavatrice', 'un lavaggio'],
    },
    dishes: { makers: ['lava', 'lavare', 'fai', 'avvia'], objects: ['piatti', 'stoviglie'] },
    dry: { makers: ['asciuga', 'asciugare', 'avvia'], objects: ['panni', 'vestiti'] },
    boil: {
      makers: ['bolli', 'bollire', 'fai bollire', 'scalda', 'scaldare', 'metti su'],
      objects: ['acqua', 'bollitore'],
    },
    water: {
      verbs: ['annaffia', 'innaffia', 'annaffiare', 'innaffiare'],
      objects: ['giardino', 'prato', 'piante', 'fiori'],
    },
    feed: {
      makers: ['dai da mangiare', 'dare da mangiare', 'nutri'],
      objects: ['gatto', 'gatti', 'cane', 'cani', 'pesci', 'pesciolini', 'galline'],
    },
    fire: { makers: ['accendi', 'accendere', 'fai'], objects: ['fuoco', 'il fuoco'] },
    heat: { verbs: ['scalda', 'scaldare', 'riscalda', 'riscaldare', 'fai scaldare', 'preriscalda'] },
    powerOn: { verbs: ['dai corrente', 'dai la corrente', 'dare corrente', 'metti sotto tensione'] },
    powerOff: { verbs: ['togli corrente', 'togli la corrente', 'stacca la corrente'] },
    extend: { verbs: ['srotola', 'estendi', 'stendi', 'allunga', 'tira fuori'] },
    retract: { verbs: ['riavvolgi', 'ritira', 'ritrai', 'arrotola', 'raccogli'] },
    lightsOut: { verbs: ['luci spente'] },
  },
  fr: {
    brew: {
      makers: ['fais', 'faire', 'prepare', 'preparer', 'sers', 'voudrais', 'veux', 'aimerais', 'lance'],
      objects: ['café', 'cafés', 'expresso', 'espresso', 'cappuccino'],
    },
    mow: {
      verbs: ['tondre', 'tonds', 'tond'],
      makers: ['coupe', 'couper', 'taille', 'tailler'],
      objects: ['pelouse', 'gazon', 'herbe'],
    },
    clean: {
      verbs: ['balaye', 'balayer', 'balaie'],
      makers: ['passe', 'passer', 'nettoie', 'nettoyer', 'lave', 'laver', 'fais'],
      objects: ['aspirateur', 'aspi', 'sol', 'sols', 'par terre', 'ménage'],
    },
    laundry: {
      makers: ['lance', 'fais', 'faire', 'démarre'],
      objects: ['lessive', 'une machine', 'un lavage'],
    },
    dishes: { makers: ['lance', 'fais', 'faire', 'lave', 'démarre'], objects: ['vaisselle'] },
    dry: { makers: ['sèche', 'sécher', 'lance'], objects: ['linge', 'vêtements'] },
    boil: {
      makers: ['fais bouillir', 'faire bouillir', 'fais chauffer', 'chauffe', 'mets'],
      objects: ['eau', 'bouilloire'],
    },
    water: { verbs: ['arrose', 'arroser'], objects: ['jardin', 'pelouse', 'plantes', 'fleurs'] },
    feed: {
      makers: ['donne à manger', 'donner à manger', 'nourris', 'nourrir'],
      objects: ['chat', 'chats', 'chien', 'chiens', 'poissons', 'poules'],
    },
    fire: { makers: ['allume', 'allumer', 'fais', 'faire'], objects: ['feu', 'du feu', 'un feu', 'le feu'] },
    heat: { verbs: ['chauffe', 'réchauffe', 'fais chauffer', 'préchauffe'] },
    powerOn: { verbs: ['sous tension', 'donne du courant à', 'remets le courant'] },
    powerOff: { verbs: ['hors tension', 'coupe le courant', "coupe l'alimentation"] },
    extend: { verbs: ['déroule', 'déplie', 'déploie', 'étends', 'sors'] },
    retract: { verbs: ['enroule', 'replie', 'ramène'] },
    lightsOut: { verbs: ['extinction des feux'] },
  },
  zh: {
    brew: { makers: ['煮', '来', '做', '冲', '泡', '弄', '要'], objects: ['咖啡'] },
    mow: { verbs: ['割草', '剪草'], makers: ['割', '剪', '修剪'], objects: ['草坪', '草地', '草'] },
    clean: { verbs: ['扫地', '拖地', '吸尘'], makers: ['扫', '拖', '吸'], objects: ['地板', '地面', '地'] },
    laundry: { verbs: ['洗衣服', '开始洗', '开洗'], makers: ['洗'], objects: ['衣服'] },
    dishes: { verbs: ['洗碗'], makers: ['洗'], objects: ['碗筷', '碗'] },
    dry: { verbs: ['烘衣服'], makers: ['烘', '烘干'], objects: ['衣服'] },
    boil: { verbs: ['烧水', '烧开水'], makers: ['烧', '煮'], objects: ['开水', '水'] },
    water: { verbs: ['浇水', '浇花', '浇草坪'], makers: ['浇'], objects: ['花园', '草坪', '花'] },
    feed: {
      verbs: ['喂猫', '喂狗', '喂鱼', '喂鸡'],
      makers: ['喂'],
      objects: ['猫', '狗', '鱼', '宠物', '鸡'],
    },
    fire: { verbs: ['生火', '生个火', '点火'] },
    heat: { verbs: ['热一下', '热热', '预热'] },
    powerOn: { verbs: ['通电', '通个电', '上电', '接通电源'] },
    powerOff: { verbs: ['断电', '断个电', '断开电源', '切断电源'] },
    extend: { verbs: ['放出来', '展开', '伸出来', '伸出', '拉出来'] },
    retract: { verbs: ['收起来', '收回来', '收回', '收起', '缩回'] },
    lightsOut: { verbs: ['熄灯'] },
  },
};

/** Words said around a task that name no device ("send … out to mow", "让小布去割草"). */
const around: Record<Language, string[]> = {
  en: [
    'send',
    'tell',
    'ask',
    'let',
    'get',
    'have',
    'out',
    'we',
    'really',
    'nice',
    'cup',
    'mug',
    'pot',
    'fresh',
  ],
  it: ['manda', 'mandare', 'di', 'chiedi', 'fai', 'tazza', 'tazzina', 'caraffa', 'per', 'minuti', 'minuto'],
  fr: ['envoie', 'envoyer', 'dis', 'demande', 'tasse', 'petit', 'pendant', 'minutes', 'minute'],
  zh: ['让', '叫', '去', '请', '来', '要', '杯', '壶', '份'],
};

/** Articles: a task verb that is also a noun ("vacuum", "hoover") is no verb after one ("turn off the vacuum"). */
const articles: Record<Language, string[]> = {
  en: ['the', 'a', 'an', 'my', 'our', 'your', 'this', 'that'],
  it: ['il', 'lo', 'la', "l'", 'i', 'gli', 'le', 'un', 'una', 'mio', 'mia'],
  fr: ['le', 'la', "l'", 'les', 'un', 'une', 'mon', 'ma'],
  zh: ['这个', '那个', '的'],
};

/** A language's articles. */
export function taskArticles(language: Language): ReadonlySet<string> {
  return once(`articles:${language}`, () => new Set(articles[language].flatMap(tokenize)));
}

const sets = new Map<string, ReadonlySet<string>>();
const once = (key: string, make: () => ReadonlySet<string>) => {
  let found = sets.get(key);
  if (!found) {
    found = make();
    sets.set(key, found);
  }
  return found;
};

/** A language's words said around tasks. */
export function taskGlue(language: Language): ReadonlySet<string> {
  return once(`around:${language}`, () => new Set(around[language].flatMap(tokenize)));
}

/** One task as a language says it, tokenised. */
export interface TaskWords {
  task: TaskName;
  verbs: string[][];
  makers: string[][];
  objects: string[][];
}

const cache = new Map<Language, TaskWords[]>();
const tok = (list: readonly string[] = []) => list.map(tokenize).filter((t) => t.length > 0);

/** A language's tasks, tokenised the way utterances are. */
export function taskWords(language: Language): TaskWords[] {
  let found = cache.get(language);
  if (!found) {
    found = Object.entries(written[language]).map(([task, said]) => ({
      task: task as TaskName,
      verbs: tok(said?.verbs),
      makers: tok(said?.makers),
      objects: tok(said?.objects),
    }));
    cache.set(language, found);
  }
  return found;
}

/** Every word of a language's tasks (known words, never a name the home lacks). */
/**
 * The objects of tasks ("garden", "lawn", "caffè"): words of the language, yet a place or a thing of
 * their own unless a task took them ("the garden lights" in a home with no garden name no lights).
 */
export function taskObjects(language: Language): ReadonlySet<string> {
  let found = objectsCache.get(language);
  if (!found) {
    found = new Set(Object.values(written[language]).flatMap((w) => (w?.objects ?? []).flatMap(tokenize)));
    objectsCache.set(language, found);
  }
  return found;
}
const objectsCache = new Map<Language, ReadonlySet<string>>();

export function taskVocabulary(language: Language): string[] {
  const said = Object.values(written[language]).flatMap((w) => [
    ...(w?.verbs ?? []),
    ...(w?.makers ?? []),
    ...(w?.objects ?? []),
  ]);
  return [...said, ...around[language]].flatMap(tokenize);
}
