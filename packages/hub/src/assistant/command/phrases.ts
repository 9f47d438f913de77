/**
 * The words that shape a command, per language: which way a relative change goes and how far,
 * extremes, references to what was said before, corrections, "and", "except", the little words
 * between a verb and its object, and verbs by what they do. Data, read by read.ts.
 */
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';
import { kindWords } from './kinds.js';
import type { Action, Property } from './model.js';
import { taskVocabulary } from './tasks.js';

/** One language's command words, as written (folded into tokens by `phrases()`). */
interface Written {
  up: string[];
  down: string[];
  bit: string[];
  notch: string[];
  by: string[];
  max: string[];
  min: string[];
  half: string[];
  /** "Both", "tutte e due", "tous les deux": a quantity of targets, never a value. */
  both: string[];
  /** "Everything", "tutto", "tout", "所有": every device of a place, not only its lights. */
  everything: string[];
  reference: string[];
  /** Endings of a verb that carry the object ("accendila", "mets-la"): Italian and French clitics. */
  clitics: string[];
  correction: string[];
  and: string[];
  except: string[];
  /** "As well", "anche", "aussi", "也": the previous request again, on what is named now. */
  also: string[];
  /** "The others", "其他": what ends an "except" stretch ("除了床头灯，其他灯都打开"). */
  others: string[];
  /** Words that negate: a request negated before its verb is never carried out. */
  negation: string[];
  /** "Never mind", "lascia stare", "laisse tomber", "算了": said after a request, they take it back. */
  cancel: string[];
  /** "Lasciala accesa", "laisse-la allumée", "留着": said after a name, they leave that device out. */
  keep: string[];
  /** "It's dark in the attic", "in garage non si vede niente": the place's lights, switched on. */
  dark: string[];
  /** A time before now ("yesterday", "昨天"), or praise ("well done", "割得真不错"): a sentence with them tells, it does not ask. */
  recount: string[];
  /** "Please", "could you", "请", "帮我", "把": what turns even a sentence about yesterday into a request. */
  asking: string[];
  /** Words that never name a device: articles, prepositions, possessives, politeness. */
  glue: string[];
  /** Words that introduce a place: what follows them is an area. */
  locative: string[];
  verbs: Partial<Record<Action, string[]>>;
  properties: Record<Property, string[]>;
  percent: string[];
  degrees: string[];
}

const written: Record<Language, Written> = {
  en: {
    up: ['brighter', 'warmer', 'hotter', 'higher', 'up', 'raise', 'increase', 'more', 'turn up', 'louder'],
    down: [
      'dimmer',
      'darker',
      'cooler',
      'colder',
      'lower',
      'down',
      'decrease',
      'less',
      'reduce',
      'turn down',
      'dim',
    ],
    bit: ['a bit', 'a little', 'a little bit', 'slightly', 'a touch'],
    notch: [
      'a notch',
      'one notch',
      'a step',
      'one step',
      'a level',
      'one level',
      'one speed',
      'a speed',
      'one setting',
    ],
    by: ['by'],
    max: [
      'maximum',
      'max',
      'full',
      'fully',
      'all the way up',
      'highest',
      'brightest',
      'warmest',
      'hottest',
      'as high as it goes',
      'as high as possible',
      'as hot as it goes',
      'as warm as it goes',
      'as bright as it goes',
      'as bright as possible',
    ],
    min: [
      'minimum',
      'min',
      'lowest',
      'all the way down',
      'dimmest',
      'coolest',
      'coldest',
      'as low as it goes',
      'as low as possible',
      'as cold as it goes',
      'as cold as possible',
      'as dim as it goes',
    ],
    half: ['half', 'halfway', 'half way'],
    both: ['both', 'both of', 'the two'],
    everything: ['everything', 'all', 'every device', 'all devices', 'anything'],
    reference: ['it', 'them', 'that one', 'that', 'those', 'this one', 'the same'],
    clitics: [],
    correction: ['actually', 'no', 'instead', 'rather', 'i mean', 'i meant', 'sorry', 'make that'],
    and: ['and', 'plus', 'as well as'],
    except: [
      'except',
      'except for',
      'but not',
      'apart from',
      'other than',
      'besides',
      'not',
      'but leave',
      'but keep',
      'leaving',
    ],
    also: ['and', 'also', 'too', 'as well', 'and also'],
    others: ['the others', 'the other ones', 'everything else', 'the rest'],
    negation: ["don't", 'do not', 'not', 'never'],
    recount: [
      'yesterday',
      'last night',
      'the other day',
      'last week',
      'good job',
      'great job',
      'nice job',
      'well done',
      'good work',
    ],
    asking: ['please', 'can you', 'could you', 'would you', 'will you', "i'd like", 'i want', "let's"],
    keep: ['leave it on', 'keep it on', 'leave it off', 'keep it off'],
    cancel: [
      'never mind',
      'forget it',
      'forget that',
      'scratch that',
      'cancel that',
      'leave it',
      'leave it alone',
      "don't bother",
      "don't touch it",
      'oh wait',
      'hold on',
    ],
    dark: [
      "can't see a thing",
      "can't see anything",
      "it's dark",
      "it's so dark",
      'getting dark',
      'too dark',
      'pitch black',
    ],
    glue: [
      'the',
      'my',
      'our',
      'a',
      'an',
      'please',
      'to',
      'at',
      'of',
      'all',
      'every',
      'one',
      'on',
      'off',
      'in',
      'too',
      's',
      "'s",
    ],
    locative: ['in', 'on', 'at', 'inside', 'of'],
    verbs: {
      turn_on: ['turn on', 'switch on', 'power on', 'on'],
      turn_off: ['turn off', 'switch off', 'shut off', 'power off', 'kill', 'off'],
      start: ['start', 'run', 'launch', 'begin'],
      pause: ['pause', 'stop'],
      dock: ['dock', 'send home', 'go home', 'back to base'],
      open: ['open', 'raise', 'draw back'],
      close: ['close', 'shut', 'draw'],
      set: ['set', 'put', 'make', 'change', 'turn', 'bring', 'go', 'switch'],
    },
    properties: {
      brightness: [
        'brightness',
        'brighter',
        'dimmer',
        'darker',
        'bright',
        'brightest',
        'dimmest',
        'dim',
        'brighten',
        'light',
      ],
      temperature: [
        'temperature',
        'warmer',
        'cooler',
        'hotter',
        'colder',
        'heating',
        'heat',
        'degrees',
        'warmest',
        'coolest',
        'cold',
        'coldest',
        'hot',
        'hottest',
        'warm',
      ],
      position: ['position', 'open', 'closed'],
      fanSpeed: ['speed', 'fan speed', 'setting'],
      colorTemperature: ['colour temperature', 'color temperature', 'white tone', 'warmth', 'kelvin'],
    },
    percent: ['percent', 'per cent', '%'],
    degrees: ['degrees', 'degree', 'celsius'],
  },
  it: {
    up: [
      'alza',
      'aumenta',
      'piu luminosa',
      'piu luminoso',
      'piu luce',
      'piu caldo',
      'piu calda',
      'piu alta',
      'piu alto',
      'su',
      'alzala',
      'alzalo',
      'schiarisci',
    ],
    down: [
      'abbassa',
      'diminuisci',
      'riduci',
      'meno luminosa',
      'meno luce',
      'piu fresco',
      'piu freddo',
      'piu bassa',
      'piu basso',
      'giu',
      'abbassala',
      'abbassalo',
      'attenua',
    ],
    bit: ["un po'", 'un poco', 'un pochino', 'un po'],
    notch: ['di una tacca', 'di un livello', 'una tacca', 'di un grado', 'di una velocita'],
    by: ['di'],
    max: [
      'al massimo',
      'massimo',
      'massima',
      'tutta',
      'piu alta possibile',
      'piu alto possibile',
      'piu calda possibile',
      'piu caldo possibile',
    ],
    min: [
      'al minimo',
      'minimo',
      'minima',
      'piu bassa possibile',
      'piu basso possibile',
      'piu fredda possibile',
      'piu freddo possibile',
    ],
    half: ['a meta', 'meta', 'al cinquanta per cento'],
    both: ['tutte e due', 'tutti e due', 'entrambe', 'entrambi', 'ambedue'],
    everything: ['tutto', 'tutti', 'tutte', 'ogni cosa', 'qualsiasi cosa'],
    reference: ['quello', 'quella', 'quelli', 'quelle'],
    clitics: ['la', 'lo', 'li', 'le'],
    correction: [
      'anzi',
      'no',
      'invece',
      'piuttosto',
      'cioe',
      'in realta',
      'scusa',
      'volevo dire',
      'intendevo',
    ],
    and: ['e', 'ed', 'anche'],
    except: [
      'tranne',
      'eccetto',
      'tranne che',
      'a parte',
      'fuorche',
      'meno',
      'ma non',
      'non',
      'ma lascia',
      'pero lascia',
      'lasciando',
    ],
    also: ['anche', 'e', 'pure', 'e anche'],
    others: ['gli altri', 'le altre', 'tutto il resto', 'il resto'],
    negation: ['non', 'mai'],
    recount: [
      'ieri',
      "l'altro giorno",
      'la settimana scorsa',
      'bravo',
      'brava',
      'ottimo lavoro',
      'bel lavoro',
      'gran lavoro',
    ],
    asking: ['per favore', 'per piacere', 'puoi', 'potresti', 'vorrei', 'mi serve'],
    keep: [
      'lasciala accesa',
      'lascialo acceso',
      'lasciale accese',
      'lasciali accesi',
      'lasciala',
      'lascialo',
      'lasciale',
      'lasciali',
    ],
    cancel: [
      'lascia stare',
      'lascia perdere',
      'lasciamo stare',
      'lasciamo perdere',
      'non importa',
      'lasciala stare',
      'lascialo stare',
      'non toccarla',
      'non toccarlo',
      'annulla',
      'aspetta',
      'no aspetta',
    ],
    dark: ['e buio', 'troppo buio', 'non si vede niente', 'non si vede nulla', 'non ci si vede', 'fa buio'],
    glue: [
      'il',
      'lo',
      'la',
      "l'",
      'i',
      'gli',
      'le',
      'del',
      'dello',
      'della',
      "dell'",
      'dei',
      'degli',
      'delle',
      'di',
      'a',
      'al',
      'alla',
      'in',
      'nel',
      'nella',
      "nell'",
      'mio',
      'mia',
      'per',
      'favore',
      'tutte',
      'tutti',
      'tutto',
      'sul',
      'sulla',
      'da',
      'un',
      'una',
      'anche',
    ],
    locative: [
      'in',
      'nel',
      'nella',
      'nello',
      'negli',
      'nelle',
      "nell'",
      'del',
      'della',
      'dello',
      "dell'",
      'di',
      'sul',
      'sulla',
      'sullo',
    ],
    verbs: {
      turn_on: ['accendi', 'accendere', 'attiva'],
      turn_off: ['spegni', 'spegnere', 'disattiva'],
      start: ['avvia', 'fai partire', 'lancia', 'inizia', 'parti'],
      pause: ['metti in pausa', 'pausa', 'ferma'],
      dock: ['manda alla base', 'torna alla base', 'rimanda alla base'],
      open: ['apri', 'alza'],
      close: ['chiudi', 'abbassa'],
      set: ['imposta', 'metti', 'porta', 'regola', 'fai'],
    },
    properties: {
      brightness: ['luminosita', 'luce', 'luminosa', 'luminoso', 'schiarisci', 'attenua'],
      temperature: ['temperatura', 'caldo', 'calda', 'fresco', 'freddo', 'riscaldamento', 'gradi'],
      position: ['posizione', 'aperta', 'aperte', 'chiuse'],
      fanSpeed: ['velocita', 'velocita della ventola', 'ventola', 'tacca'],
      colorTemperature: [
        'temperatura del colore',
        'temperatura colore',
        'tonalita',
        'tono di bianco',
        'kelvin',
      ],
    },
    percent: ['per cento', 'percento', '%'],
    degrees: ['gradi', 'grado'],
  },
  fr: {
    up: [
      'monte',
      'augmente',
      'plus fort',
      'plus chaud',
      'plus chaude',
      'plus claire',
      'plus clair',
      'plus forte',
      'plus lumineux',
      'plus lumineuse',
      'plus haut',
      'remonte',
      'eclaire plus',
    ],
    down: [
      'baisse',
      'diminue',
      'moins fort',
      'plus frais',
      'plus froid',
      'plus froide',
      'plus fraiche',
      'moins forte',
      'plus sombre',
      'moins lumineux',
      'moins lumineuse',
      'plus bas',
      'tamise',
      'reduis',
    ],
    bit: ['un peu', 'un petit peu', 'legerement'],
    notch: ["d'un cran", 'un cran', "d'un niveau", "d'une vitesse"],
    by: ['de'],
    max: [
      'au maximum',
      'au max',
      'maximum',
      'a fond',
      'au plus fort',
      'le plus chaud possible',
      'le plus haut possible',
      'au plus haut',
    ],
    min: ['au minimum', 'au min', 'minimum', 'au plus bas', 'le plus froid possible', 'le plus bas possible'],
    half: ['a moitie', 'a mi-hauteur', 'moitie', 'a demi'],
    both: ['tous les deux', 'toutes les deux', 'les deux'],
    everything: ['tout', 'tous', 'toutes', 'tous les appareils'],
    reference: ['celui-la', 'celle-la', 'ca'],
    clitics: ['la', 'le', 'les'],
    correction: [
      'plutot',
      'non',
      'en fait',
      'finalement',
      'pardon',
      'je veux dire',
      'je voulais dire',
      'desole',
    ],
    and: ['et', 'ainsi que'],
    except: ['sauf', 'a part', 'excepte', 'hormis', 'mais pas', 'pas', 'mais laisse', 'en laissant'],
    also: ['aussi', 'et', 'egalement', 'et aussi'],
    others: ['les autres', 'tout le reste', 'le reste'],
    negation: ['ne', "n'", 'pas', 'jamais'],
    recount: [
      'hier',
      'avant-hier',
      "l'autre jour",
      'la semaine derniere',
      'bravo',
      'bon travail',
      'beau travail',
      'bien joue',
    ],
    asking: [
      "s'il te plait",
      "s'il vous plait",
      'peux-tu',
      'pourrais-tu',
      'tu peux',
      'je voudrais',
      'je veux',
    ],
    keep: [
      'laisse-la allumee',
      'laisse-le allume',
      'laisse-les allumes',
      'laisse-la',
      'laisse-le',
      'laisse-les',
    ],
    cancel: [
      'laisse tomber',
      'laissez tomber',
      'oublie',
      'oubliez',
      'laisse-la',
      'laisse-le',
      'laisse comme ca',
      "n'y touche pas",
      'annule',
      'tant pis',
      'attends',
      'non attends',
      'non laisse',
    ],
    dark: [
      "on n'y voit rien",
      'on ne voit rien',
      'il fait sombre',
      'il fait noir',
      'trop sombre',
      'fait tout noir',
    ],
    glue: [
      'le',
      'la',
      "l'",
      'les',
      'du',
      'de',
      'des',
      "d'",
      'a',
      'au',
      'aux',
      'dans',
      'mon',
      'ma',
      'mes',
      'sur',
      'tous',
      'toutes',
      'tout',
      "s'il",
      'te',
      'plait',
      'vous',
      'un',
      'une',
      'aussi',
      'en',
      'des',
    ],
    locative: ['dans', 'du', 'de', "d'", 'au', 'sur', 'en'],
    verbs: {
      turn_on: ['allume', 'allumer', 'allumez', 'active'],
      turn_off: ['eteins', 'eteindre', 'eteignez', 'coupe', 'desactive'],
      start: ['demarre', 'lance', 'demarrer', 'lancer', 'commence'],
      pause: ['mets en pause', 'pause', 'arrete'],
      dock: ['renvoie a la base', 'retourne a la base', 'a la base'],
      open: ['ouvre', 'ouvrir', 'ouvrez', 'remonte'],
      close: ['ferme', 'fermer', 'fermez', 'descends'],
      set: ['mets', 'regle', 'met', 'passe', 'fixe', 'fais'],
    },
    properties: {
      brightness: ['luminosite', 'lumineux', 'lumineuse', 'lumiere', 'eclaire', 'tamise'],
      temperature: [
        'temperature',
        'chaud',
        'chaude',
        'frais',
        'fraiche',
        'froid',
        'froide',
        'chauffage',
        'degres',
      ],
      position: ['position', 'ouverts', 'ouvertes', 'fermes'],
      fanSpeed: ['vitesse', 'ventilation', 'cran'],
      colorTemperature: ['temperature de couleur', 'temperature de la lumiere', 'teinte', 'kelvin'],
    },
    percent: ['pour cent', 'pourcent', '%'],
    degrees: ['degres', 'degre'],
  },
  zh: {
    up: [
      '调亮',
      '调高',
      '亮一点',
      '高一点',
      '亮些',
      '升高',
      '加',
      '提高',
      '暖一点',
      '热一点',
      '调大',
      '大一点',
      '大一档',
      '高一档',
      '强一档',
      '升',
    ],
    down: [
      '调暗',
      '调低',
      '暗一点',
      '低一点',
      '暗些',
      '降低',
      '减',
      '凉一点',
      '冷一点',
      '调小',
      '小一点',
      '小一档',
      '低一档',
      '弱一档',
      '降',
    ],
    bit: ['一点', '一些', '一下', '点'],
    notch: ['一档', '一格', '一级'],
    by: [],
    max: ['最大', '最亮', '最高', '开到最大', '调到最大', '最热'],
    min: ['最小', '最暗', '最低', '调到最小', '最冷'],
    half: ['一半'],
    both: ['两个', '两盏', '两台', '两个都', '俩'],
    everything: ['所有', '全部', '一切', '都'],
    reference: ['它们', '它', '那个', '这个', '那些'],
    clitics: [],
    correction: ['不对', '其实', '还是', '改成', '不是', '不', '算了', '我是说', '我说的是'],
    and: ['和', '跟', '还有', '以及', '与'],
    except: ['除了', '不是', '不包括', '但不'],
    also: ['还有', '也', '和', '再'],
    others: ['其他', '其它', '别的', '其余'],
    negation: ['不要', '别', '不用', '不准', '不许'],
    recount: [
      '昨天',
      '昨晚',
      '前天',
      '上次',
      '上周',
      '得真不错',
      '得不错',
      '得很好',
      '得真好',
      '得挺好',
      '干得好',
      '真棒',
      '辛苦了',
    ],
    asking: ['请', '帮我', '帮', '把', '一下', '麻烦', '能不能', '可不可以', '可以', '给我'],
    keep: ['留着', '留下', '开着'],
    cancel: ['算了', '不用了', '不用开了', '不用关了', '别动', '别动它', '不要动', '别碰', '取消吧'],
    dark: ['太暗了', '太暗', '黑乎乎', '看不见', '好暗', '太黑了', '黑漆漆'],
    glue: [
      '的',
      '把',
      '给',
      '请',
      '帮',
      '我',
      '一下',
      '吧',
      '里',
      '里面',
      '所有',
      '全部',
      '都',
      '也',
      '在',
      '以外',
      '之外',
      '其他',
      '别的',
      '个',
      '盏',
      '这',
      '那',
      '些',
      '每个',
      '了',
      '家里',
      '家中',
      '东西',
      '设备',
      '电器',
      '屋里',
      '全屋',
      '整个',
    ],
    locative: ['在'],
    verbs: {
      turn_on: ['打开', '开', '开启'],
      turn_off: ['关掉', '关闭', '关上', '关'],
      start: ['启动', '开始', '开始扫地', '开始清扫', '打扫', '清扫', '扫地', '拖地', '吸尘'],
      pause: ['暂停'],
      dock: ['回充', '回去充电', '回基座'],
      open: ['打开', '拉开', '开'],
      close: ['关上', '拉上', '关'],
      set: ['调到', '设为', '设置为', '设成', '调成', '调', '设'],
    },
    properties: {
      brightness: ['亮度', '亮', '暗'],
      temperature: ['温度', '暖', '热', '冷', '凉', '度'],
      position: ['位置'],
      fanSpeed: ['风速', '档', '风量'],
      colorTemperature: ['色温', '冷暖', '开尔文'],
    },
    percent: ['%', '百分之'],
    degrees: ['度', '摄氏度'],
  },
};

/** A language's command words, tokenised the way utterances are. */
export interface Phrases {
  up: string[][];
  down: string[][];
  bit: string[][];
  notch: string[][];
  by: string[][];
  max: string[][];
  min: string[][];
  half: string[][];
  both: string[][];
  everything: string[][];
  reference: string[][];
  clitics: string[];
  correction: string[][];
  and: string[][];
  except: string[][];
  others: string[][];
  also: string[][];
  negation: string[][];
  cancel: string[][];
  keep: string[][];
  dark: string[][];
  recount: string[][];
  asking: string[][];
  glue: Set<string>;
  locative: Set<string>;
  verbs: Array<{ action: Action; phrase: string[] }>;
  properties: Record<Property, string[][]>;
  percent: string[][];
  degrees: string[][];
  /** Every command phrase and little word, whole: in Chinese a character is known only inside one. */
  known: string[][];
}

/** Words that make a device a light whatever its maker filed it as (a relay called "utility light"). */
export const LIGHT_WORDS =
  /\b(lights?|lamps?|bulbs?|luce|luci|lampad[aei]n?[ae]?|lumieres?|lampes?|ampoules?|eclairage)\b|灯/u;

const cache = new Map<Language, Phrases>();
const tok = (list: string[]) => list.map(tokenize).filter((t) => t.length > 0);

/** A language's command words. */
export function phrases(language: Language): Phrases {
  let found = cache.get(language);
  if (found) return found;
  const w = written[language];
  found = {
    up: tok(w.up),
    down: tok(w.down),
    bit: tok(w.bit),
    notch: tok(w.notch),
    by: tok(w.by),
    max: tok(w.max),
    min: tok(w.min),
    half: tok(w.half),
    both: tok(w.both),
    everything: tok(w.everything),
    reference: tok(w.reference),
    clitics: w.clitics,
    correction: tok(w.correction),
    and: tok(w.and),
    except: tok(w.except),
    others: tok(w.others),
    also: tok(w.also),
    negation: tok(w.negation),
    cancel: tok(w.cancel),
    keep: tok(w.keep),
    dark: tok(w.dark),
    recount: tok(w.recount),
    asking: tok(w.asking),
    glue: new Set(w.glue.flatMap(tokenize)),
    locative: new Set(w.locative.flatMap(tokenize)),
    verbs: Object.entries(w.verbs).flatMap(([action, list]) =>
      tok(list ?? []).map((phrase) => ({ action: action as Action, phrase })),
    ),
    properties: {
      brightness: tok(w.properties.brightness),
      temperature: tok(w.properties.temperature),
      position: tok(w.properties.position),
      fanSpeed: tok(w.properties.fanSpeed),
      colorTemperature: tok(w.properties.colorTemperature),
    },
    percent: tok(w.percent),
    degrees: tok(w.degrees),
    known: tok(allWords(w)),
  };
  cache.set(language, found);
  return found;
}

function allWords(w: Written): string[] {
  const lists = [
    w.up,
    w.down,
    w.bit,
    w.notch,
    w.max,
    w.min,
    w.half,
    w.both,
    w.everything,
    w.reference,
    w.correction,
    w.and,
    w.except,
    w.others,
    w.also,
    w.negation,
    w.cancel,
    w.keep,
    w.dark,
    w.recount,
    w.asking,
    w.glue,
  ];
  return [
    ...lists.flat(),
    ...Object.values(w.verbs).flat(),
    ...Object.values(w.properties).flat(),
    ...w.percent,
    ...w.degrees,
    ...w.locative,
  ];
}

/** Every word of a language's command phrases (so that telling languages apart knows them too). */
export function phraseWords(language: Language): string[] {
  const words = [...allWords(written[language]), ...taskVocabulary(language), ...kindWords(language)];
  return [...new Set(words.flatMap(tokenize))];
}
