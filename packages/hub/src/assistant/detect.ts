import type { Language } from '../errors/index.js';
import { tokenize } from './nlu/normalize.js';
import type { LanguageRecognizer, ListEntry, Recognition } from './nlu/recognizer.js';

// Frequent short words that tell the Latin-script languages apart when no sentence matches.
const markers: Record<'en' | 'it' | 'fr', ReadonlySet<string>> = {
  en: new Set([
    'the',
    'turn',
    'on',
    'off',
    'what',
    'is',
    'set',
    'please',
    'to',
    'in',
    'of',
    'and',
    'how',
    'my',
    'switch',
    'lights',
    'light',
  ]),
  it: new Set([
    'il',
    'lo',
    'la',
    'i',
    'gli',
    'le',
    'accendi',
    'spegni',
    'che',
    'della',
    'del',
    'nella',
    'per',
    'favore',
    'e',
    'luce',
    'luci',
    'imposta',
    "l'",
  ]),
  fr: new Set([
    'le',
    'la',
    'les',
    'allume',
    'eteins',
    'quelle',
    'quel',
    'est',
    'du',
    'de',
    'des',
    'dans',
    'lumiere',
    'mets',
    "l'",
    "s'il",
    'plait',
  ]),
};

/**
 * The language of an utterance: Chinese characters say zh; otherwise the language whose grammar
 * matches (the preferred one on a tie), then the language with most marker words, then `preferred`.
 * Returns the recognition found on the way, so the turn does not recognise twice.
 */
export function detectLanguage(
  text: string,
  recognizers: Record<Language, LanguageRecognizer>,
  lists: Record<string, readonly ListEntry[]>,
  preferred: Language,
): { language: Language; recognition: Recognition | null } {
  if (/\p{Script=Han}/u.test(text))
    return { language: 'zh', recognition: recognizers.zh.recognize(text, lists) };
  const latin = ['en', 'it', 'fr'] as const;
  const order = [...latin].sort((a, b) => (a === preferred ? -1 : b === preferred ? 1 : 0));
  // Words of the home's own names say nothing about the language the sentence around them is in.
  const named = new Set(Object.values(lists).flatMap((entries) => entries.flatMap((e) => tokenize(e.text))));
  const words = tokenize(text).filter((t) => !named.has(t));
  const scored = order.map((l) => {
    const r = recognizers[l].recognize(text, lists);
    const known = words.filter((w) => recognizers[l].vocabulary.has(w)).length;
    return { l, r, known, exact: r !== null && r.confidence === 1 };
  });
  // An exact sentence first; then the language that knows most of the words, one that understood
  // the request before one that did not, the home's language before the others.
  const rank = (m: (typeof scored)[number]) => (m.exact ? 1e6 : 0) + m.known * 2 + (m.r ? 1 : 0);
  const chosen = scored.reduce((best, m) => (rank(m) > rank(best) ? m : best));
  if (chosen.r || chosen.known > 0) return { language: chosen.l, recognition: chosen.r };
  const tokens = tokenize(text);
  let best: Language = preferred;
  let score = 0;
  for (const l of latin) {
    const s = tokens.filter((t) => markers[l].has(t)).length;
    if (s > score) {
      score = s;
      best = l;
    }
  }
  return { language: best, recognition: null };
}
