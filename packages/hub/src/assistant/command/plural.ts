/**
 * Plurals of device names, so that "the desk lamps", "le plafoniere", "les plafonniers" name every
 * device called "desk lamp", "plafoniera", "plafonnier". The noun and its adjectives before the first
 * preposition take the plural ("lampada da scrivania" -> "lampade da scrivania"); Chinese has none.
 */
import type { Language } from '../../errors/index.js';
import { foldText } from '../nlu/normalize.js';

const english = (word: string): string => {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
};

const italian = (word: string): string => {
  if (/[ài]$|[^aeiouàèéìòù]$/.test(word)) return word;
  if (/[cg]a$/.test(word)) return `${word.slice(0, -1)}he`;
  if (/[cg]o$/.test(word) && word.length > 4) return `${word.slice(0, -1)}hi`;
  if (/io$/.test(word)) return word.slice(0, -1);
  if (/a$/.test(word)) return `${word.slice(0, -1)}e`;
  return `${word.slice(0, -1)}i`;
};

const french = (word: string): string => {
  if (/[sxz]$/.test(word)) return word;
  if (/(eau|au|eu)$/.test(word)) return `${word}x`;
  if (/al$/.test(word)) return `${word.slice(0, -2)}aux`;
  return `${word}s`;
};

const PREPOSITIONS: Record<Exclude<Language, 'zh'>, ReadonlySet<string>> = {
  en: new Set(['of', 'in', 'on', 'for', 'with', 'by']),
  it: new Set([
    'da',
    'di',
    'del',
    'della',
    'dello',
    'dei',
    'delle',
    'in',
    'nel',
    'nella',
    'a',
    'al',
    'per',
    'con',
    'su',
  ]),
  fr: new Set(['de', 'du', 'des', 'a', 'au', 'aux', 'en', 'pour', 'avec', 'sur', "d'"]),
};

/** The plural of a name in a language, or null when it has none (Chinese, or already the same). */
export function pluralOf(name: string, language: Language): string | null {
  if (language === 'zh') return null;
  const words = foldText(name).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const stop = words.findIndex((w, i) => i > 0 && (PREPOSITIONS[language].has(w) || w.startsWith("d'")));
  const end = stop < 0 ? words.length : stop;
  const plural = words.map((w, i) => {
    if (language === 'en') return i === end - 1 ? english(w) : w;
    // Articles and numbers inside a name stay as they are.
    if (i >= end || /\d/.test(w) || w.length < 3) return w;
    return language === 'it' ? italian(w) : french(w);
  });
  const text = plural.join(' ');
  return text === words.join(' ') ? null : text;
}

/** Whether the words said are the plural of a name rather than the name itself. */
export function isPluralOf(said: string, names: readonly string[], language: Language): boolean {
  const heard = foldText(said).trim();
  return names.some((n) => foldText(n) !== heard && pluralOf(n, language) === heard);
}
