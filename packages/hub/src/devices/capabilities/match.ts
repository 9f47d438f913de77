import type { BoolDataType, EnumDataType } from '../tsl/types.js';
import type { CapabilityName, Category } from './names.js';
import { standardValues } from './specs.js';
import { type StandardValue, valueWords } from './vocabulary.js';

/**
 * Lower case without accents, words split by single spaces. camelCase and the edges of Chinese
 * runs also split words, so "FanOnly", "fan_only" and "ECO模式" compare by their words.
 */
export function normalizeLabel(text: string): string {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\p{Script=Han}+)/gu, ' $1 ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Phrase {
  spaced: string;
  compact: string;
  han: boolean;
}

function phrase(text: string): Phrase {
  const spaced = normalizeLabel(text);
  return { spaced, compact: spaced.replaceAll(' ', ''), han: /\p{Script=Han}/u.test(spaced) };
}

const wordCache = new Map<StandardValue, Phrase[]>();

/** A standard value's own name plus its words in every language. */
function wordsOf(value: StandardValue): Phrase[] {
  let words = wordCache.get(value);
  if (!words) {
    const all = [value, ...Object.values(valueWords[value]).flat()].map(phrase);
    words = all.filter((w, i) => w.compact && all.findIndex((o) => o.compact === w.compact) === i);
    wordCache.set(value, words);
  }
  return words;
}

/**
 * How well a label names a word: 2 when equal, 1 when it contains the word (whole words for
 * Latin scripts, since Chinese has no spaces between words), 0 otherwise.
 */
function tier(label: Phrase, word: Phrase): 0 | 1 | 2 {
  if (label.compact === word.compact) return 2;
  if (word.han) return label.compact.includes(word.compact) ? 1 : 0;
  return ` ${label.spaced} `.includes(` ${word.spaced} `) ? 1 : 0;
}

/** The standard value (among `candidates`) that a word names exactly, such as "freddo" for cool. */
export function valueForWord(text: string, candidates: readonly StandardValue[]): StandardValue | undefined {
  const wanted = phrase(text).compact;
  if (!wanted) return undefined;
  return candidates.find((value) => wordsOf(value).some((w) => w.compact === wanted));
}

/** The key of an enum whose label equals `text` (without case, accents or punctuation). */
export function keyForLabel(text: string, dataType: EnumDataType): number | undefined {
  const wanted = phrase(text).compact;
  const found = Object.entries(dataType.specs).find(([, label]) => phrase(label).compact === wanted);
  return wanted && found ? Number(found[0]) : undefined;
}

/**
 * Match a TSL enum's labels to a capability's standard values. Equal labels beat labels that only
 * contain a word, the category's own values beat the others, longer words beat shorter ones; each
 * value and each key is used at most once. Labels that match nothing are left out.
 */
export function matchEnumLabels(
  dataType: EnumDataType,
  capability: CapabilityName,
  category?: Category,
): Record<string, number> {
  const vocabulary = standardValues(capability);
  const preferred = new Set(standardValues(capability, category));
  const labels = Object.entries(dataType.specs).map(([key, label]) => ({
    key: Number(key),
    label: phrase(label),
  }));
  const candidates: Array<{ value: StandardValue; key: number; rank: number[] }> = [];
  vocabulary.forEach((value, order) => {
    for (const { key, label } of labels) {
      let best: { tier: number; length: number } | null = null;
      for (const word of wordsOf(value)) {
        const t = tier(label, word);
        if (t && (!best || t > best.tier || (t === best.tier && word.compact.length > best.length)))
          best = { tier: t, length: word.compact.length };
      }
      if (best)
        candidates.push({
          value,
          key,
          rank: [best.tier, preferred.has(value) ? 1 : 0, best.length, -order, -key],
        });
    }
  });
  candidates.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) {
      const d = (b.rank[i] as number) - (a.rank[i] as number);
      if (d) return d;
    }
    return 0;
  });
  const chosen = new Map<StandardValue, number>();
  const taken = new Set<number>();
  for (const { value, key } of candidates) {
    if (chosen.has(value) || taken.has(key)) continue;
    chosen.set(value, key);
    taken.add(key);
  }
  const out: Record<string, number> = {};
  for (const value of vocabulary) {
    const key = chosen.get(value);
    if (key !== undefined) out[value] = key;
  }
  return out;
}

/**
 * The keys of a two-state capability (a lock's locked and unlocked) on a bool or an enum. The labels
 * decide, never the keys: brands number them either way. Labels naming both states come first, then
 * labels meaning on and off (on is the first state: a "LockSwitch" on is locked), and on a bool whose
 * labels say neither, 1 is the first state. An enum whose labels say neither gets nothing.
 */
export function matchStateLabels(
  dataType: BoolDataType | EnumDataType,
  capability: CapabilityName,
): Record<string, number> {
  const [first, second] = standardValues(capability);
  if (first === undefined || second === undefined) return {};
  const labels: EnumDataType = { type: 'enum', specs: dataType.specs };
  const named = matchEnumLabels(labels, capability);
  if (first in named && second in named) return named;
  const power = matchEnumLabels(labels, 'power');
  if (power.on !== undefined && power.off !== undefined) return { [first]: power.on, [second]: power.off };
  return dataType.type === 'bool' ? { [first]: 1, [second]: 0 } : {};
}
