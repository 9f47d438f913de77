/**
 * The assistant's sentence templates as a JSGF grammar and a pronouncing dictionary for
 * pocketsphinx, the way Home Assistant's speech-to-phrase builds a closed vocabulary: the recogniser
 * can only hear what the assistant can understand, which is what makes a small model accurate.
 * A word missing from the dictionary is pronounced from dictionary words it is made of ("aircon" =
 * "air" + "con"), else letter by letter ("tv"); the written form stays the word that is heard.
 */
import { createHash } from 'node:crypto';
import { parseRules, parseTemplate, type TemplateNode } from '../assistant/index.js';
import type { RecognitionVocabulary } from './types.js';

/** word -> pronunciations (phone strings). */
export type PronouncingDictionary = ReadonlyMap<string, readonly string[]>;

/** A compiled grammar: JSGF text, the dictionary lines it needs, and a hash naming both. */
export interface CompiledGrammar {
  jsgf: string;
  dictionary: string;
  hash: string;
  /** Sentences left out (a slot with no list, or nothing sayable). */
  skipped: number;
}

/** Parse a CMU-style dictionary ("word PH ONES", alternatives as "word(2) ..."). */
export function parseDictionary(text: string): Map<string, string[]> {
  const dict = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^(\S+?)(?:\(\d+\))?\s+([A-Z ]+?)\s*(?:#.*)?$/.exec(line);
    if (!match) continue;
    const [, word, phones] = match as unknown as [string, string, string];
    const list = dict.get(word);
    if (list) list.push(phones);
    else dict.set(word, [phones]);
  }
  return dict;
}

const letterNames: Record<string, string> = {
  a: 'EY',
  b: 'B IY',
  c: 'S IY',
  d: 'D IY',
  e: 'IY',
  f: 'EH F',
  g: 'JH IY',
  h: 'EY CH',
  i: 'AY',
  j: 'JH EY',
  k: 'K EY',
  l: 'EH L',
  m: 'EH M',
  n: 'EH N',
  o: 'OW',
  p: 'P IY',
  q: 'K Y UW',
  r: 'AA R',
  s: 'EH S',
  t: 'T IY',
  u: 'Y UW',
  v: 'V IY',
  w: 'D AH B AH L Y UW',
  x: 'EH K S',
  y: 'W AY',
  z: 'Z IY',
};
const digitWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Symbols in templates and how they are said. */
const symbolWords: Record<string, string> = { '%': 'percent', '°': 'degrees' };

/** Pronunciations of a word the dictionary lacks; null when it cannot be said in English phones. */
export function pronounce(word: string, dict: PronouncingDictionary): string[] | null {
  const known = dict.get(word);
  if (known) return [...known];
  if (/^\d+$/.test(word))
    return [
      [...word]
        .map((d) => dict.get(digitWords[Number(d)] as string)?.[0])
        .filter(Boolean)
        .join(' '),
    ];
  if (!/^[a-z']+$/.test(word)) return null;
  // Fewest dictionary pieces that spell the word (pieces of 3+ letters, so "tv" falls to letters).
  const best: Array<{ pieces: number; phones: string } | null> = [{ pieces: 0, phones: '' }];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 20); start <= end - 3; start++) {
      const before = best[start];
      const phones = dict.get(word.slice(start, end))?.[0];
      if (!before || !phones) continue;
      const current = best[end];
      if (!current || before.pieces + 1 < current.pieces)
        best[end] = { pieces: before.pieces + 1, phones: `${before.phones} ${phones}`.trim() };
    }
  }
  const whole = best[word.length];
  if (whole) return [whole.phones];
  const letters = [...word.replace(/'/g, '')].map((l) => letterNames[l]);
  return letters.every(Boolean) ? [letters.join(' ')] : null;
}

/** Words of a piece of template text as a recogniser hears them. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[%°]/g, (s) => ` ${symbolWords[s]} `)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

class Unsayable extends Error {}

/** Compile a vocabulary for a dictionary; sentences that cannot be said are left out. */
export function compileGrammar(
  vocabulary: RecognitionVocabulary,
  dict: PronouncingDictionary,
): CompiledGrammar {
  const rules = parseRules(vocabulary.rules ?? {});
  const lists = vocabulary.lists ?? {};
  const used = new Map<string, string[]>();
  const bodies = new Map<string, string>();
  const building = new Set<string>();

  const word = (w: string): string => {
    if (!used.has(w)) {
      const phones = pronounce(w, dict);
      if (!phones) throw new Unsayable(w);
      used.set(w, phones);
    }
    // JSGF tokens with quotes or digits first are quoted.
    return /^[a-z][a-z']*$/.test(w) ? w : `"${w}"`;
  };

  const named = (kind: 'r' | 's', name: string, build: () => string): string => {
    const id = `${kind}_${name}`;
    if (bodies.has(id)) return `<${id}>`;
    if (building.has(id)) throw new Unsayable(`recursive ${id}`);
    building.add(id);
    try {
      bodies.set(id, build());
    } finally {
      building.delete(id);
    }
    return `<${id}>`;
  };

  const expand = (node: TemplateNode): string => {
    switch (node.kind) {
      case 'text': {
        const words = wordsOf(node.text);
        return words.length ? words.map(word).join(' ') : '<NULL>';
      }
      case 'seq': {
        const parts = node.items.map(expand).filter((p) => p !== '<NULL>');
        return parts.length ? parts.join(' ') : '<NULL>';
      }
      case 'opt': {
        // An optional part that cannot be said (a home with no areas) is simply left out.
        let inner: string;
        try {
          inner = expand(node.inner);
        } catch (error) {
          if (!(error instanceof Unsayable)) throw error;
          return '<NULL>';
        }
        return inner === '<NULL>' ? '<NULL>' : `[${inner}]`;
      }
      case 'alt': {
        const options: string[] = [];
        let empty = false;
        for (const option of node.options) {
          try {
            const text = expand(option);
            if (text === '<NULL>') empty = true;
            else options.push(text);
          } catch (error) {
            if (!(error instanceof Unsayable)) throw error;
          }
        }
        if (!options.length) {
          if (empty) return '<NULL>';
          throw new Unsayable('no sayable alternative');
        }
        const group = `(${[...new Set(options)].join(' | ')})`;
        return empty ? `[${group}]` : group;
      }
      case 'ref': {
        const rule = rules.get(node.name);
        if (!rule) throw new Unsayable(`rule ${node.name}`);
        return named('r', node.name, () => expand(rule));
      }
      case 'slot': {
        const known = (vocabulary.aliases?.[node.name] ?? []).filter((p) =>
          wordsOf(p).every((w) => dict.has(w)),
        );
        const phrases = [...(lists[node.name] ?? []), ...known];
        if (!phrases.length) throw new Unsayable(`slot ${node.name}`);
        return named('s', node.name, () =>
          expand({ kind: 'alt', options: phrases.map((p) => parseTemplate(p)) }),
        );
      }
    }
  };

  const sentences = new Set<string>();
  let skipped = 0;
  for (const template of vocabulary.sentences) {
    try {
      const text = expand(parseTemplate(template));
      if (text === '<NULL>') skipped++;
      else sentences.add(text);
    } catch (error) {
      if (!(error instanceof Unsayable)) throw error;
      skipped++;
    }
  }
  const fillers: string[] = [];
  for (const filler of vocabulary.fillers ?? []) {
    try {
      const words = wordsOf(filler);
      if (words.length) fillers.push(words.map(word).join(' '));
    } catch (error) {
      if (!(error instanceof Unsayable)) throw error;
    }
  }
  const lines = ['#JSGF V1.0;', 'grammar genio;'];
  const top = sentences.size ? [...sentences].map((_, i) => `<u${i}>`).join(' | ') : '<VOID>';
  const filler = fillers.length ? `[(${[...new Set(fillers)].join(' | ')})]` : '';
  lines.push(`public <genio> = ${filler} (${top}) ${filler};`);
  for (const [i, sentence] of [...sentences].entries()) lines.push(`<u${i}> = ${sentence};`);
  for (const [id, body] of bodies) lines.push(`<${id}> = ${body};`);
  const jsgf = `${lines.join('\n')}\n`;
  const dictionary = `${[...used]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([w, prons]) => prons.map((p, i) => (i === 0 ? `${w} ${p}` : `${w}(${i + 1}) ${p}`)))
    .join('\n')}\n`;
  const hash = createHash('sha256').update(jsgf).update(dictionary).digest('hex').slice(0, 16);
  return { jsgf, dictionary, hash, skipped };
}
