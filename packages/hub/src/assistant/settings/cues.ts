/**
 * The little words that shape a setting request, per language: units said after a number, which
 * way a relative change goes, questions, switching a setting on or off, and muting. Data, read by
 * read.ts; tokenised once per language by `cues()`.
 */
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';

/** Units a value can be said in. */
export type Unit = 'mm' | 'cm' | 'percent' | 'degrees' | 'rpm';

interface Written {
  units: Record<Unit, string[]>;
  /** Generic directions: "turn the telly up" is its volume (no "brighter": that is a light's). */
  up: string[];
  down: string[];
  /** Directions that say the property too: "louder" is the volume. */
  louder: string[];
  quieter: string[];
  /** "A bit", "un po'", "un peu", "一点": one step. */
  bit: string[];
  by: string[];
  max: string[];
  min: string[];
  half: string[];
  /** Words that make a question of the sentence ("what's", "combien", "多少"). */
  question: string[];
  on: string[];
  off: string[];
  /** "Mute", "coupe le son", "静音": the mute switch on. */
  mute: string[];
  /** "Unmute", "remets le son", "取消静音": the mute switch off. */
  unmute: string[];
  /** Verbs that switch, start or move a whole device ("turn off", "spegni", "démarre", "关掉"). */
  power: string[];
}

const written: Record<Language, Written> = {
  en: {
    units: {
      mm: ['mm', 'millimetre', 'millimetres', 'millimeter', 'millimeters', 'mil'],
      cm: ['cm', 'centimetre', 'centimetres', 'centimeter', 'centimeters', 'cms'],
      percent: ['%', 'percent', 'per cent', 'pc'],
      degrees: ['degrees', 'degree', 'c', 'celsius', 'degrees celsius'],
      rpm: ['rpm', 'revs', 'revolutions', 'revolutions per minute', 'turns'],
    },
    up: ['up', 'turn up', 'raise', 'increase', 'higher', 'more', 'crank up', 'pump up', 'boost'],
    down: ['down', 'turn down', 'lower', 'decrease', 'reduce', 'less', 'drop'],
    louder: ['louder', 'a bit louder', 'louder please'],
    quieter: ['quieter', 'softer', 'less loud'],
    bit: [
      'a bit',
      'a little',
      'a little bit',
      'slightly',
      'a touch',
      'a notch',
      'one notch',
      'a step',
      'one step',
    ],
    by: ['by'],
    max: ['maximum', 'max', 'full', 'all the way up', 'highest', 'as high as it goes', 'as loud as it goes'],
    min: ['minimum', 'min', 'lowest', 'all the way down', 'as low as it goes'],
    half: ['half', 'halfway', 'half way', 'the middle'],
    question: [
      'what',
      "what's",
      'whats',
      'how much',
      'how many',
      'how high',
      'how loud',
      'which',
      'is there',
      'tell me',
      'is it',
    ],
    on: ['on', 'turn on', 'switch on', 'enable', 'activate', 'start'],
    off: ['off', 'turn off', 'switch off', 'disable', 'deactivate', 'stop'],
    mute: ['mute', 'silence', 'put on mute'],
    unmute: ['unmute', 'un mute', 'turn the sound back on', 'sound back on', 'take off mute'],
    power: [
      'turn on',
      'turn off',
      'switch on',
      'switch off',
      'power on',
      'power off',
      'shut off',
      'shut down',
      'start',
      'run',
      'open',
      'close',
    ],
  },
  it: {
    units: {
      mm: ['mm', 'millimetri', 'millimetro'],
      cm: ['cm', 'centimetri', 'centimetro'],
      percent: ['%', 'per cento', 'percento'],
      degrees: ['gradi', 'grado', 'c', 'gradi centigradi'],
      rpm: ['giri', 'giri al minuto', 'rpm', 'giri minuto'],
    },
    up: ['alza', 'alzi', 'aumenta', 'aumenti', 'più alto', 'alzare', 'aumentare', 'alzalo', 'alzala'],
    down: [
      'abbassa',
      'abbassi',
      'diminuisci',
      'riduci',
      'più basso',
      'abbassare',
      'diminuire',
      'abbassalo',
      'abbassala',
    ],
    louder: ['più forte', 'più alto il volume'],
    quieter: ['più piano', 'più basso il volume', 'meno forte'],
    bit: [
      "un po'",
      'un po',
      'un poco',
      'un pochino',
      'leggermente',
      'un tantino',
      'di un tacca',
      'una tacca',
    ],
    by: ['di'],
    max: ['massimo', 'al massimo', 'massima', 'tutto'],
    min: ['minimo', 'al minimo', 'minima'],
    half: ['metà', 'a metà', 'mezzo'],
    question: [
      'quanto',
      'quanta',
      'quanti',
      'quante',
      'quale',
      'qual',
      "qual'",
      "com'",
      'come',
      'cosa',
      "c'",
      'dimmi',
    ],
    on: ['accendi', 'attiva', 'abilita', 'acceso', 'attivo'],
    off: ['spegni', 'disattiva', 'disabilita', 'spento', 'disattivo', 'togli'],
    mute: [
      'silenzia',
      'metti in muto',
      'metti muto',
      'muto',
      'togli l audio',
      "togli l'audio",
      'azzera l audio',
    ],
    unmute: [
      'togli il muto',
      'riattiva l audio',
      "riattiva l'audio",
      "rimetti l'audio",
      'rimetti l audio',
      'togli muto',
    ],
    power: ['accendi', 'spegni', 'accendere', 'spegnere', 'avvia', 'fai partire', 'apri', 'chiudi'],
  },
  fr: {
    units: {
      mm: ['mm', 'millimètres', 'millimètre'],
      cm: ['cm', 'centimètres', 'centimètre'],
      percent: ['%', 'pour cent', 'pourcent'],
      degrees: ['degrés', 'degré', 'c'],
      rpm: ['tours', 'tours minute', 'tours par minute', 'tr', 'tr min', 'trs'],
    },
    up: ['monte', 'montez', 'augmente', 'augmentez', 'plus haut', 'hausse', 'remonte', 'monter', 'augmenter'],
    down: [
      'baisse',
      'baissez',
      'diminue',
      'diminuez',
      'réduis',
      'réduisez',
      'plus bas',
      'baisser',
      'diminuer',
    ],
    louder: ['plus fort'],
    quieter: ['moins fort', 'plus doucement', 'moins de bruit'],
    bit: ['un peu', 'légèrement', 'un cran', "d'un cran", 'un petit peu', 'un poil'],
    by: ['de'],
    max: ['maximum', 'au maximum', 'max', 'à fond', 'au max'],
    min: ['minimum', 'au minimum', 'min', 'au min'],
    half: ['moitié', 'à moitié', 'mi-chemin', 'milieu'],
    question: [
      'combien',
      'quel',
      'quelle',
      'quels',
      'quelles',
      'est-ce',
      'est ce',
      'dis-moi',
      'dis moi',
      'reste-t-il',
    ],
    on: ['allume', 'active', 'activez', 'allumez', 'mets en marche'],
    off: ['éteins', 'désactive', 'désactivez', 'éteignez', 'arrête', 'enlève', 'retire'],
    mute: [
      'coupe le son',
      'coupez le son',
      'mets en sourdine',
      'mettez en sourdine',
      'sourdine',
      'muet',
      'mets le en muet',
    ],
    unmute: [
      'remets le son',
      'remettez le son',
      'réactive le son',
      'rétablis le son',
      'enlève la sourdine',
      'enlève le mode muet',
    ],
    power: ['allume', 'éteins', 'allumez', 'éteignez', 'allumer', 'éteindre', 'démarre', 'ouvre', 'ferme'],
  },
  zh: {
    units: {
      mm: ['毫米', 'mm'],
      cm: ['厘米', '公分', 'cm'],
      percent: ['%', '百分之'],
      degrees: ['度', '摄氏度'],
      rpm: ['转', '转每分钟', 'rpm', '转速'],
    },
    up: ['调大', '调高', '开大', '加大', '大', '高', '升高', '提高', '增加'],
    down: ['调小', '调低', '关小', '减小', '小', '低', '降低', '减少'],
    louder: ['大声', '大声点', '大声一点'],
    quieter: ['小声', '小声点', '小声一点', '轻点', '轻一点'],
    bit: ['一点', '一些', '一点点', '点', '一下', '一档', '一格'],
    by: [],
    max: ['最大', '最高', '调到最大'],
    min: ['最小', '最低', '调到最小'],
    half: ['一半', '中间'],
    question: ['多少', '几', '什么', '吗', '呢', '多高', '多大', '还剩', '剩多少'],
    on: ['打开', '开启', '开', '启用'],
    off: ['关闭', '关掉', '关', '停用', '取消'],
    mute: ['静音', '调成静音', '设为静音'],
    unmute: ['取消静音', '关闭静音', '恢复声音', '解除静音', '关掉静音'],
    power: ['打开', '关掉', '关闭', '开启', '关上', '启动'],
  },
};

/** A language's setting cues, tokenised the way utterances are. */
export interface Cues {
  units: Record<Unit, string[][]>;
  up: string[][];
  down: string[][];
  louder: string[][];
  quieter: string[][];
  bit: string[][];
  by: string[][];
  max: string[][];
  min: string[][];
  half: string[][];
  question: string[][];
  on: string[][];
  off: string[][];
  mute: string[][];
  unmute: string[][];
  power: string[][];
}

const tok = (list: readonly string[]) => list.map(tokenize).filter((t) => t.length > 0);
const cache = new Map<Language, Cues>();

/** A language's cues. */
export function cues(language: Language): Cues {
  let found = cache.get(language);
  if (found) return found;
  const w = written[language];
  found = {
    units: Object.fromEntries(Object.entries(w.units).map(([unit, list]) => [unit, tok(list)])) as Record<
      Unit,
      string[][]
    >,
    up: tok(w.up),
    down: tok(w.down),
    louder: tok(w.louder),
    quieter: tok(w.quieter),
    bit: tok(w.bit),
    by: tok(w.by),
    max: tok(w.max),
    min: tok(w.min),
    half: tok(w.half),
    question: tok(w.question),
    on: tok(w.on),
    off: tok(w.off),
    mute: tok(w.mute),
    unmute: tok(w.unmute),
    power: tok(w.power),
  };
  cache.set(language, found);
  return found;
}
