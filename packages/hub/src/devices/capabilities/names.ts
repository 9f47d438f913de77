import {
  type CapabilityName,
  type Category,
  capabilityNames,
  categories,
  type ServiceCapability,
  serviceCapabilities,
} from '@genio/contracts';
import type { Language } from '../../errors/index.js';

// The vocabulary itself is part of the contract with clients (packages/contracts); the hub adds its rules.
export {
  type CapabilityName,
  type Category,
  capabilityNames,
  categories,
  type PropertyCapability,
  propertyCapabilities,
  type ServiceCapability,
  serviceCapabilities,
} from '@genio/contracts';

/** Whether a string names a category. */
export function isCategory(value: unknown): value is Category {
  return (categories as readonly unknown[]).includes(value);
}

/** Whether a string names a capability (exactly, with case). */
export function isCapabilityName(value: unknown): value is CapabilityName {
  return (capabilityNames as readonly unknown[]).includes(value);
}

/** Whether a capability is carried by a service. */
export function isServiceCapability(name: CapabilityName): name is ServiceCapability {
  return (serviceCapabilities as readonly string[]).includes(name);
}

/** What the assistant calls each capability, in each language. */
export const capabilityLabels: Record<CapabilityName, Record<Language, string>> = {
  power: { zh: '电源', en: 'power', it: 'accensione', fr: 'alimentation' },
  brightness: { zh: '亮度', en: 'brightness', it: 'luminosità', fr: 'luminosité' },
  colorTemperature: {
    zh: '色温',
    en: 'colour temperature',
    it: 'temperatura del colore',
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
  fanSpeed: { zh: '风速', en: 'fan speed', it: 'velocità della ventola', fr: 'vitesse de ventilation' },
  position: { zh: '开合度', en: 'position', it: 'apertura', fr: 'ouverture' },
  batteryLevel: { zh: '电量', en: 'battery level', it: 'livello della batteria', fr: 'niveau de batterie' },
  workState: { zh: '工作状态', en: 'status', it: 'stato', fr: 'état' },
  heartRate: { zh: '心率', en: 'heart rate', it: 'frequenza cardiaca', fr: 'fréquence cardiaque' },
  steps: { zh: '步数', en: 'steps', it: 'passi', fr: 'pas' },
  currentHumidity: { zh: '湿度', en: 'humidity', it: 'umidità', fr: 'humidité' },
  targetHumidity: {
    zh: '目标湿度',
    en: 'target humidity',
    it: 'umidità impostata',
    fr: 'humidité de consigne',
  },
  co2: { zh: '二氧化碳浓度', en: 'CO2 level', it: 'livello di CO2', fr: 'taux de CO2' },
  oscillation: { zh: '摇头', en: 'oscillation', it: 'oscillazione', fr: 'oscillation' },
  lock: { zh: '门锁', en: 'lock', it: 'serratura', fr: 'serrure' },
  start: { zh: '开始', en: 'start', it: 'avvia', fr: 'démarrer' },
  pause: { zh: '暂停', en: 'pause', it: 'pausa', fr: 'pause' },
  dock: { zh: '回充', en: 'return to the dock', it: 'torna alla base', fr: 'retour à la base' },
};
