import type { EnumDataType } from '../tsl/index.js';
import { type CapabilityName, type Category, standardValues, valueWords } from './vocabulary.js';

/** Lower case, no accents, no spaces or punctuation: how labels and words are compared. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

const onOffWords: Record<'on' | 'off', readonly string[]> = {
  on: [
    'on',
    'open',
    'enabled',
    '开',
    '开启',
    '打开',
    '启动',
    'acceso',
    'accesa',
    'attivo',
    'allume',
    'allumé',
    'marche',
  ],
  off: [
    'off',
    'close',
    'closed',
    'disabled',
    '关',
    '关闭',
    '停止',
    'spento',
    'spenta',
    'disattivo',
    'eteint',
    'éteint',
    'arret',
    'arrêt',
  ],
};

function wordsFor(value: string): string[] {
  const words = valueWords[value];
  const spelled = value.replace(/([a-z])([A-Z])/g, '$1 $2');
  const all = [
    value,
    spelled,
    ...(words ? Object.values(words).flat() : (onOffWords[value as 'on' | 'off'] ?? [])),
  ];
  return [...new Set(all.map(normalizeLabel))].filter(Boolean);
}

/**
 * Match a TSL enum's labels to standard values: exact word first, then the longest word the
 * label contains ("制冷模式" is cool). Each standard value takes at most one key.
 */
export function matchEnumLabels(
  dataType: EnumDataType,
  capability: CapabilityName,
  category?: Category,
): Record<string, number> {
  const vocabulary = capability === 'power' ? ['on', 'off'] : standardValues(capability, category);
  const labels = Object.entries(dataType.specs).map(([key, label]) => ({
    key: Number(key),
    label: normalizeLabel(label),
  }));
  const out: Record<string, number> = {};
  const taken = new Set<number>();
  for (const pass of ['exact', 'contains'] as const) {
    for (const value of vocabulary) {
      if (value in out) continue;
      let best: { key: number; length: number } | null = null;
      for (const word of wordsFor(value)) {
        for (const { key, label } of labels) {
          if (taken.has(key)) continue;
          const hit = pass === 'exact' ? label === word : word.length >= 2 && label.includes(word);
          if (hit && (!best || word.length > best.length)) best = { key, length: word.length };
        }
      }
      if (best) {
        out[value] = best.key;
        taken.add(best.key);
      }
    }
  }
  return out;
}
