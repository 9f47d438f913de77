/**
 * Numbers, units and lists as each language writes them, through Intl: "14,5 °C" in Italian and
 * French, "14.5 °C" in English, "14.5°C" in Chinese; "30 %" in French and "30%" elsewhere.
 * Intl's non-breaking spaces become plain ones so that a reply reads and compares the same everywhere.
 */
import type { Language } from '../../errors/index.js';

/** The locale each reply language is formatted in. */
export const locales: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', it: 'it-IT', fr: 'fr-FR' };

const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

// Building an Intl formatter costs far more than using one: each is made once per language and style.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}:${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locales[language], options);
    numberFormats.set(key, format);
  }
  return format;
}
const listFormats = new Map<string, Intl.ListFormat>();
function listFormat(language: Language, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
  const key = `${language}:${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(locales[language], { style: 'long', type });
    listFormats.set(key, format);
  }
  return format;
}

/** A number with at most `fraction` decimals. */
export function formatNumber(value: number, language: Language, fraction = 1): string {
  return plainSpaces(numberFormat(language, { maximumFractionDigits: fraction }).format(value));
}

/** A percentage given as 0..100. */
export function formatPercent(value: number, language: Language): string {
  return plainSpaces(
    numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100),
  );
}

/** A temperature in degrees Celsius. */
export function formatTemperature(value: number, language: Language): string {
  // English follows the SI spacing ("14.5 °C"), which Intl's en locales leave out.
  if (language === 'en') return `${formatNumber(value, language)} °C`;
  return plainSpaces(
    numberFormat(language, { style: 'unit', unit: 'celsius', maximumFractionDigits: 1 }).format(value),
  );
}

/** "a, b and c" / "a, b o c" / "a、b和c". */
export function formatList(items: readonly string[], language: Language, type: 'and' | 'or' = 'and'): string {
  return listFormat(language, type === 'and' ? 'conjunction' : 'disjunction').format(items);
}

/** Whether an Italian number is said starting with a vowel (uno, otto, undici, ottanta...): "all'80%". */
export function italianVowelNumber(value: number): boolean {
  const whole = String(Math.trunc(Math.abs(value)));
  return value >= 0 && (whole === '1' || whole === '11' || whole.startsWith('8'));
}

const percentCapabilities = new Set([
  'brightness',
  'batteryLevel',
  'position',
  'currentHumidity',
  'targetHumidity',
]);
const temperatureCapabilities = new Set([
  'currentTemperature',
  'targetTemperature',
  'freezerTargetTemperature',
]);

/** A capability's value as a reply says it ("21,5 °C", "40 %", "72 bpm"). */
export function formatValue(capability: string, value: unknown, language: Language): string {
  if (typeof value !== 'number') return String(value);
  if (temperatureCapabilities.has(capability)) return formatTemperature(value, language);
  if (percentCapabilities.has(capability)) return formatPercent(value, language);
  if (capability === 'heartRate') return `${formatNumber(value, language, 0)} bpm`;
  if (capability === 'co2') return `${formatNumber(value, language, 0)} ppm`;
  return formatNumber(value, language);
}
