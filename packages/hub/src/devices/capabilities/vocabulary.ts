import { type Language, languages } from '../../errors/index.js';
import type { Category } from './names.js';

/** Labels a power enum must have: the hub sends true and false as these keys. */
export const powerValues = ['on', 'off'] as const;

/** Standard modes, by the category that uses them. */
export const modeValuesByCategory = {
  airConditioner: ['auto', 'cool', 'heat', 'dry', 'fan'],
  light: ['normal', 'night', 'reading'],
  fan: ['normal', 'sleep', 'natural'],
  fridge: ['normal', 'eco', 'holiday', 'quickFreeze'],
} as const satisfies Partial<Record<Category, readonly string[]>>;

/** Every standard mode. */
export const modeValues = [
  'auto',
  'cool',
  'heat',
  'dry',
  'fan',
  'normal',
  'night',
  'reading',
  'sleep',
  'natural',
  'eco',
  'holiday',
  'quickFreeze',
] as const;

/** Standard fan speeds, slowest first. */
export const fanSpeedValues = ['auto', 'low', 'medium', 'high', 'turbo'] as const;

/** Standard work states of a vacuum. */
export const workStateValues = ['idle', 'cleaning', 'paused', 'returning', 'charging', 'error'] as const;

/** The two states of a lock, locked first (the state a bool's 1 means when its labels do not say). */
export const lockValues = ['locked', 'unlocked'] as const;

/** A standard value of an enum capability. */
export type StandardValue =
  | (typeof powerValues)[number]
  | (typeof modeValues)[number]
  | (typeof fanSpeedValues)[number]
  | (typeof workStateValues)[number]
  | (typeof lockValues)[number];

type Words = Record<Language, readonly string[]>;
type Labels = Record<Language, string>;

/**
 * Words brands and people use for each standard value, per language. Thing-model enum labels are
 * matched against them; the first word of each language is the one the assistant says.
 */
export const valueWords: Record<StandardValue, Words> & Partial<Record<string, Words>> = {
  on: {
    zh: ['开', '开启', '打开', '通电'],
    en: ['on', 'power on', 'turned on', 'enabled'],
    it: ['acceso', 'accesa', 'attivo', 'on'],
    fr: ['allumé', 'allumée', 'marche', 'activé'],
  },
  // A TV or a set-top box is "off" on standby: its power enum reads Standby/On.
  off: {
    zh: ['关', '关闭', '断电', '待机'],
    en: ['off', 'power off', 'turned off', 'disabled', 'standby', 'stand-by'],
    it: ['spento', 'spenta', 'disattivo', 'off', 'standby', 'in attesa'],
    fr: ['éteint', 'éteinte', 'arrêt', 'désactivé', 'veille', 'en veille'],
  },
  auto: {
    zh: ['自动', '智能'],
    en: ['auto', 'automatic', 'smart'],
    it: ['automatico', 'automatica', 'auto'],
    fr: ['automatique', 'auto'],
  },
  cool: {
    zh: ['制冷', '冷', '冷气', '冷风'],
    en: ['cool', 'cooling', 'cold'],
    it: ['raffreddamento', 'freddo', 'raffrescamento'],
    fr: ['froid', 'refroidissement', 'climatisation'],
  },
  heat: {
    zh: ['制热', '热', '暖气', '暖风', '加热'],
    en: ['heat', 'heating', 'warm', 'hot'],
    it: ['riscaldamento', 'caldo'],
    fr: ['chaud', 'chauffage'],
  },
  dry: {
    zh: ['除湿', '抽湿', '干燥'],
    en: ['dry', 'dehumidify', 'dehumidifying', 'dehumidification'],
    it: ['deumidificazione', 'deumidifica', 'secco'],
    fr: ['déshumidification', 'déshumidificateur', 'sec'],
  },
  fan: {
    zh: ['送风', '通风', '仅送风'],
    en: ['fan', 'fan only', 'ventilation', 'wind'],
    it: ['ventilazione', 'solo ventilazione', 'ventola'],
    fr: ['ventilation', 'ventilateur'],
  },
  normal: {
    zh: ['普通', '正常', '标准'],
    en: ['normal', 'standard', 'regular'],
    it: ['normale', 'standard'],
    fr: ['normal', 'standard'],
  },
  night: {
    zh: ['夜灯', '夜间', '夜晚'],
    en: ['night', 'night light', 'nightlight'],
    it: ['notte', 'luce notturna', 'notturna'],
    fr: ['nuit', 'veilleuse'],
  },
  reading: {
    zh: ['阅读', '读书'],
    en: ['reading', 'read'],
    it: ['lettura'],
    fr: ['lecture'],
  },
  sleep: {
    zh: ['睡眠', '安睡'],
    en: ['sleep', 'sleeping'],
    it: ['sonno', 'riposo'],
    fr: ['sommeil', 'repos'],
  },
  natural: {
    zh: ['自然风', '自然'],
    en: ['natural', 'natural wind', 'breeze'],
    it: ['naturale', 'brezza'],
    fr: ['naturel', 'brise'],
  },
  eco: {
    zh: ['节能', '经济'],
    en: ['eco', 'energy saving', 'economy'],
    it: ['eco', 'risparmio energetico', 'risparmio'],
    fr: ['éco', 'économie', 'économique'],
  },
  holiday: {
    zh: ['假日', '度假', '假期'],
    en: ['holiday', 'vacation', 'away'],
    it: ['vacanza', 'vacanze'],
    fr: ['vacances'],
  },
  quickFreeze: {
    zh: ['速冻', '快速冷冻', '急冻'],
    en: ['quick freeze', 'fast freeze', 'super freeze'],
    it: ['congelamento rapido', 'supercongelamento', 'super congelamento'],
    fr: ['congélation rapide', 'supercongélation', 'super congélation'],
  },
  low: {
    zh: ['低', '低速', '低风', '低档', '弱', '弱风'],
    en: ['low', 'slow', 'quiet', 'silent'],
    it: ['bassa', 'basso', 'lenta', 'minima'],
    fr: ['basse', 'bas', 'faible', 'lente'],
  },
  medium: {
    zh: ['中', '中速', '中风', '中档'],
    en: ['medium', 'mid', 'middle', 'standard'],
    it: ['media', 'medio', 'intermedia'],
    fr: ['moyenne', 'moyen', 'intermédiaire'],
  },
  high: {
    zh: ['高', '高速', '高风', '高档', '强', '强风'],
    en: ['high', 'fast', 'strong'],
    it: ['alta', 'alto', 'veloce', 'forte'],
    fr: ['haute', 'haut', 'élevée', 'forte', 'rapide'],
  },
  turbo: {
    zh: ['超强', '强劲', '涡轮', '最大', '极速'],
    en: ['turbo', 'max', 'maximum', 'boost'],
    it: ['turbo', 'massima', 'massimo'],
    fr: ['turbo', 'maximum', 'max'],
  },
  idle: {
    zh: ['待机', '空闲', '闲置', '待命'],
    en: ['idle', 'standby', 'ready'],
    it: ['in attesa', 'inattivo', 'pronto', 'standby'],
    fr: ['en veille', 'veille', 'inactif', 'prêt'],
  },
  cleaning: {
    zh: ['清扫中', '清扫', '清洁中', '清洁', '工作中'],
    en: ['cleaning', 'working', 'sweeping', 'running'],
    it: ['in pulizia', 'pulizia', 'al lavoro'],
    fr: ['en nettoyage', 'nettoyage', 'en cours'],
  },
  paused: {
    zh: ['暂停', '已暂停', '暂停中'],
    en: ['paused', 'pause'],
    it: ['in pausa', 'pausa'],
    fr: ['en pause', 'pause'],
  },
  returning: {
    zh: ['回充中', '回充', '返回充电', '返回中', '返回'],
    en: ['returning', 'returning to dock', 'going home', 'docking', 'return to base'],
    it: ['in rientro', 'rientro', 'ritorno alla base'],
    fr: ['retour à la base', 'en retour', 'retour'],
  },
  charging: {
    zh: ['充电中', '充电'],
    en: ['charging', 'docked', 'charge'],
    it: ['in carica', 'in ricarica', 'ricarica'],
    fr: ['en charge', 'charge', 'recharge'],
  },
  error: {
    zh: ['故障', '错误', '异常'],
    en: ['error', 'fault', 'stuck', 'failure'],
    it: ['errore', 'guasto', 'anomalia'],
    fr: ['erreur', 'panne', 'défaut'],
  },
  // A lock's labels by brand: a bolt thrown or retracted, a door closed or open, 上锁 or 开锁.
  locked: {
    zh: ['已上锁', '上锁', '锁定', '已锁', '锁上', '关锁', '反锁', '落锁'],
    en: ['locked', 'lock', 'thrown', 'bolted', 'latched', 'secured', 'closed', 'engaged'],
    it: ['chiuso a chiave', 'chiusa a chiave', 'bloccato', 'bloccata', 'serrato', 'chiuso', 'chiusa'],
    fr: ['verrouillé', 'verrouillée', 'fermé à clé', 'fermée à clé', 'fermé', 'fermée', 'bloqué'],
  },
  unlocked: {
    zh: ['未上锁', '已开锁', '开锁', '解锁', '未锁', '已解锁', '解除锁定'],
    en: [
      'unlocked',
      'unlock',
      'retracted',
      'unbolted',
      'unlatched',
      'unsecured',
      'not locked',
      'open',
      'released',
    ],
    it: ['sbloccato', 'sbloccata', 'aperto', 'aperta', 'non chiuso a chiave', 'non bloccato'],
    fr: ['déverrouillé', 'déverrouillée', 'ouvert', 'ouverte', 'non verrouillé', 'débloqué'],
  },
};

/** Every standard value, once. */
export const allStandardValues: readonly StandardValue[] = [
  ...new Set([...powerValues, ...modeValues, ...fanSpeedValues, ...workStateValues, ...lockValues]),
];

/** What the assistant calls each standard value, per language: the first of its words. */
export const valueLabels = Object.fromEntries(
  allStandardValues.map((value) => [
    value,
    Object.fromEntries(languages.map((language) => [language, valueWords[value][language][0] ?? value])),
  ]),
) as Record<StandardValue, Labels> & Partial<Record<string, Labels>>;

/** Whether a string is a standard value. */
export function isStandardValue(value: unknown): value is StandardValue {
  return typeof value === 'string' && Object.hasOwn(valueWords, value);
}

/** What to call a standard value (or, for a product's own label, the label itself) in a language. */
export function valueLabel(value: string, language: Language): string {
  return isStandardValue(value) ? valueLabels[value][language] : value;
}
