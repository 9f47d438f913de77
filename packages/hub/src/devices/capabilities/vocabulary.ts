import type { Language } from '../../errors/index.js';

/** Product categories. */
export const categories = [
  'light',
  'plug',
  'switch',
  'airConditioner',
  'fridge',
  'vacuum',
  'curtain',
  'fan',
  'wearable',
  'sensor',
] as const;
/** A product category. */
export type Category = (typeof categories)[number];

/** Capabilities carried by properties. */
export const propertyCapabilities = [
  'power',
  'brightness',
  'colorTemperature',
  'color',
  'targetTemperature',
  'freezerTargetTemperature',
  'currentTemperature',
  'mode',
  'fanSpeed',
  'position',
  'batteryLevel',
  'workState',
  'heartRate',
  'steps',
] as const;
/** Capabilities carried by services. */
export const serviceCapabilities = ['start', 'pause', 'dock'] as const;
/** Every capability name. */
export const capabilityNames = [...propertyCapabilities, ...serviceCapabilities] as const;
/** A capability name. */
export type CapabilityName = (typeof capabilityNames)[number];
/** A capability carried by a property. */
export type PropertyCapability = (typeof propertyCapabilities)[number];

/** How a capability's value is expressed to the assistant. */
export type CapabilityKind =
  | 'onOff'
  | 'percent'
  | 'kelvin'
  | 'celsius'
  | 'color'
  | 'enum'
  | 'count'
  | 'service';

/** What the assistant can rely on for each capability: kind, unit, usual range, standard values. */
export interface CapabilitySpec {
  kind: CapabilityKind;
  unit?: string;
  range?: readonly [number, number];
  /** Standard enum values, by category where the vocabulary differs. */
  values?: Partial<Record<Category | 'default', readonly string[]>>;
}

const modeValues = {
  airConditioner: ['auto', 'cool', 'heat', 'dry', 'fan'],
  light: ['normal', 'night', 'reading'],
  fan: ['normal', 'sleep', 'natural'],
  fridge: ['normal', 'eco', 'holiday', 'quickFreeze'],
  default: [
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
  ],
} as const;

/** The capability table. */
export const capabilitySpecs: Record<CapabilityName, CapabilitySpec> = {
  power: { kind: 'onOff' },
  brightness: { kind: 'percent', unit: '%', range: [0, 100] },
  colorTemperature: { kind: 'kelvin', unit: 'K', range: [1000, 10000] },
  color: { kind: 'color' },
  targetTemperature: { kind: 'celsius', unit: '°C', range: [-30, 40] },
  freezerTargetTemperature: { kind: 'celsius', unit: '°C', range: [-30, 0] },
  currentTemperature: { kind: 'celsius', unit: '°C', range: [-50, 100] },
  mode: { kind: 'enum', values: modeValues },
  fanSpeed: { kind: 'enum', values: { default: ['auto', 'low', 'medium', 'high', 'turbo'] } },
  position: { kind: 'percent', unit: '%', range: [0, 100] },
  batteryLevel: { kind: 'percent', unit: '%', range: [0, 100] },
  workState: {
    kind: 'enum',
    values: { default: ['idle', 'cleaning', 'paused', 'returning', 'charging', 'error'] },
  },
  heartRate: { kind: 'count', unit: 'bpm', range: [0, 250] },
  steps: { kind: 'count', unit: 'steps', range: [0, 1_000_000] },
  start: { kind: 'service' },
  pause: { kind: 'service' },
  dock: { kind: 'service' },
};

/** The standard values of an enum capability for a category. */
export function standardValues(capability: CapabilityName, category?: Category): readonly string[] {
  const values = capabilitySpecs[capability].values;
  if (!values) return [];
  return (category && values[category]) || values.default || [];
}

/** Words that name each standard value in labels brands write, in zh, en, it and fr. First of each language is the one spoken. */
export const valueWords: Record<string, Record<Language, readonly string[]>> = {
  auto: {
    zh: ['自动', '智能'],
    en: ['auto', 'automatic', 'smart'],
    it: ['automatico', 'auto'],
    fr: ['automatique', 'auto'],
  },
  cool: {
    zh: ['制冷', '冷', '冷风'],
    en: ['cool', 'cooling', 'cold'],
    it: ['raffreddamento', 'freddo', 'raffrescamento'],
    fr: ['froid', 'refroidissement', 'clim'],
  },
  heat: {
    zh: ['制热', '热', '暖风', '加热'],
    en: ['heat', 'heating', 'warm', 'hot'],
    it: ['riscaldamento', 'caldo'],
    fr: ['chaud', 'chauffage'],
  },
  dry: {
    zh: ['除湿', '抽湿', '干燥'],
    en: ['dry', 'dehumidify', 'dehumidification'],
    it: ['deumidificazione', 'deumidificatore', 'secco'],
    fr: ['déshumidification', 'déshumidificateur', 'sec'],
  },
  fan: {
    zh: ['送风', '通风', '风扇'],
    en: ['fan', 'fan only', 'ventilation', 'wind'],
    it: ['ventilazione', 'ventola', 'solo ventola'],
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
  reading: { zh: ['阅读', '读书'], en: ['reading', 'read'], it: ['lettura'], fr: ['lecture'] },
  sleep: { zh: ['睡眠'], en: ['sleep', 'sleeping'], it: ['notte silenziosa', 'sonno'], fr: ['sommeil'] },
  natural: {
    zh: ['自然风', '自然'],
    en: ['natural', 'natural wind', 'breeze'],
    it: ['naturale', 'brezza'],
    fr: ['naturel', 'brise'],
  },
  eco: {
    zh: ['节能', '智能节能'],
    en: ['eco', 'energy saving', 'economy'],
    it: ['eco', 'risparmio energetico'],
    fr: ['éco', 'économie'],
  },
  holiday: {
    zh: ['假日', '度假'],
    en: ['holiday', 'vacation'],
    it: ['vacanza', 'vacanze'],
    fr: ['vacances'],
  },
  quickFreeze: {
    zh: ['速冻', '快速冷冻'],
    en: ['quick freeze', 'fast freeze', 'super freeze'],
    it: ['congelamento rapido', 'super congelamento'],
    fr: ['congélation rapide', 'super congélation'],
  },
  low: {
    zh: ['低', '低速', '低风', '弱'],
    en: ['low', 'quiet', 'silent'],
    it: ['bassa', 'basso', 'minima'],
    fr: ['bas', 'faible', 'silencieux'],
  },
  medium: {
    zh: ['中', '中速', '中风'],
    en: ['medium', 'mid', 'middle', 'standard'],
    it: ['media', 'medio'],
    fr: ['moyen', 'moyenne'],
  },
  high: {
    zh: ['高', '高速', '高风', '强'],
    en: ['high', 'strong'],
    it: ['alta', 'alto', 'massima'],
    fr: ['haut', 'élevé', 'fort'],
  },
  turbo: {
    zh: ['超强', '强劲', '涡轮', '最大'],
    en: ['turbo', 'max', 'maximum', 'boost'],
    it: ['turbo', 'massimo'],
    fr: ['turbo', 'maximum', 'max'],
  },
  idle: {
    zh: ['空闲', '待机', '闲置'],
    en: ['idle', 'standby', 'ready'],
    it: ['inattivo', 'in attesa', 'pronto'],
    fr: ['inactif', 'en veille', 'prêt'],
  },
  cleaning: {
    zh: ['清扫中', '清扫', '清洁中', '工作中'],
    en: ['cleaning', 'working', 'sweeping'],
    it: ['pulizia', 'in pulizia', 'al lavoro'],
    fr: ['nettoyage', 'en nettoyage', 'en cours'],
  },
  paused: {
    zh: ['暂停', '已暂停'],
    en: ['paused', 'pause'],
    it: ['in pausa', 'pausa'],
    fr: ['en pause', 'pause'],
  },
  returning: {
    zh: ['回充中', '回充', '返回充电', '返回'],
    en: ['returning', 'going home', 'docking', 'return to dock'],
    it: ['rientro', 'ritorno alla base', 'in rientro'],
    fr: ['retour', 'retour à la base', 'en retour'],
  },
  charging: {
    zh: ['充电中', '充电'],
    en: ['charging', 'docked', 'charge'],
    it: ['in carica', 'ricarica'],
    fr: ['en charge', 'charge'],
  },
  error: {
    zh: ['故障', '错误', '异常'],
    en: ['error', 'fault', 'stuck'],
    it: ['errore', 'guasto'],
    fr: ['erreur', 'panne'],
  },
};

/** What to call a standard value in a language. */
export function valueLabel(value: string, language: Language): string {
  return valueWords[value]?.[language][0] ?? value;
}

/** What to call each capability in each language. */
export const capabilityLabels: Record<CapabilityName, Record<Language, string>> = {
  power: { zh: '电源', en: 'power', it: 'accensione', fr: 'alimentation' },
  brightness: { zh: '亮度', en: 'brightness', it: 'luminosità', fr: 'luminosité' },
  colorTemperature: {
    zh: '色温',
    en: 'colour temperature',
    it: 'temperatura colore',
    fr: 'température de couleur',
  },
  color: { zh: '颜色', en: 'colour', it: 'colore', fr: 'couleur' },
  targetTemperature: { zh: '温度', en: 'temperature', it: 'temperatura', fr: 'température' },
  freezerTargetTemperature: {
    zh: '冷冻室温度',
    en: 'freezer temperature',
    it: 'temperatura del congelatore',
    fr: 'température du congélateur',
  },
  currentTemperature: {
    zh: '当前温度',
    en: 'current temperature',
    it: 'temperatura attuale',
    fr: 'température actuelle',
  },
  mode: { zh: '模式', en: 'mode', it: 'modalità', fr: 'mode' },
  fanSpeed: { zh: '风速', en: 'fan speed', it: 'velocità della ventola', fr: 'vitesse du ventilateur' },
  position: { zh: '位置', en: 'position', it: 'posizione', fr: 'position' },
  batteryLevel: { zh: '电量', en: 'battery level', it: 'livello della batteria', fr: 'niveau de batterie' },
  workState: { zh: '工作状态', en: 'state', it: 'stato', fr: 'état' },
  heartRate: { zh: '心率', en: 'heart rate', it: 'frequenza cardiaca', fr: 'fréquence cardiaque' },
  steps: { zh: '步数', en: 'steps', it: 'passi', fr: 'pas' },
  start: { zh: '开始', en: 'start', it: 'avvia', fr: 'démarrer' },
  pause: { zh: '暂停', en: 'pause', it: 'pausa', fr: 'pause' },
  dock: { zh: '回充', en: 'return to dock', it: 'torna alla base', fr: 'retour à la base' },
};
