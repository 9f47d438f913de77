/**
 * What a recogniser should expect in a home right now: the assistant's sentence templates (built-in
 * and contributed intents), its rules and fixed lists, and the home's own device names and areas.
 * Numbers and durations are spelled out as words, the way a recogniser hears them.
 */
import type { Grammar, IntentRegistry } from '../assistant/index.js';
import { answerWords, commandPhrases, numberSlots } from '../assistant/index.js';
import type { Language } from '../errors/index.js';
import { commandShapes } from './command-shapes.js';
import type { RecognitionVocabulary } from './types.js';

/** A home's live names: devices (with aliases) and areas (with aliases). */
export interface HomeNames {
  names: string[];
  areas: string[];
  /** Other names of devices and areas (often in other languages). */
  nameAliases?: string[];
  areaAliases?: string[];
  /**
   * Categories of the home's devices (`light`, `plug`, …). When given, kind words of categories the
   * home has no device of ("fridge", "fan") are left out: nothing could act on them, and each one is
   * a path a misheard name can be forced onto ("switch the fridge off" for "the printer").
   */
  categories?: string[];
}

/** Lists whose entries are kinds of device, by category value. */
const kindLists = new Set(['category', 'compartment']);

/** Whether a kind word belongs in a home with these categories; relays (`switch`) are often lights. */
function kindPresent(value: unknown, categories: ReadonlySet<string>): boolean {
  if (typeof value !== 'string') return true;
  return categories.has(value) || (value === 'light' && categories.has('switch'));
}

const ones = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const teens = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** Number words 0..100 and durations as templates, per language (English only for now). */
const spokenNumbers: Partial<Record<Language, { rules: Record<string, string>; duration: string[] }>> = {
  en: {
    rules: {
      genio_number: `(${[...ones, ...teens].join('|')}|(${tens.join('|')}) [${ones.slice(1).join('|')}]|[a|one] hundred)`,
      genio_unit: '(second|seconds|minute|minutes|hour|hours)',
    },
    duration: [
      '<genio_number> <genio_unit> [and <genio_number> <genio_unit>]',
      '(a|an) (second|minute|hour)',
      '(half an hour|an hour and a half|a minute and a half|<genio_number> and a half (minutes|hours))',
    ],
  },
};

/** Text of a name made safe for templates: letters, digits, spaces, apostrophes only. */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `timer[s]` is a suffix in the assistant's templates; a recogniser needs whole words. */
function wholeWords(template: string): string {
  return template.replace(/([\p{L}']+)\[([\p{L}']+)\]/gu, '($1|$1$2)');
}

/** Build the vocabulary of one home in one language. */
export function buildVocabulary(
  grammar: Grammar,
  contributed: ReturnType<IntentRegistry['sentences']>,
  home: HomeNames,
  language: Language,
): RecognitionVocabulary {
  const numbers = spokenNumbers[language];
  const lists: Record<string, string[]> = {};
  const add = (slot: string, phrases: string[]) => {
    const clean = phrases.map(plain).filter(Boolean);
    if (clean.length) lists[slot] = [...new Set([...(lists[slot] ?? []), ...clean])];
  };
  const categories = home.categories ? new Set(home.categories) : null;
  for (const [slot, entries] of Object.entries(grammar.lists))
    add(
      slot,
      entries
        .filter((e) => !categories || !kindLists.has(slot) || kindPresent(e.value, categories))
        .map((e) => e.text),
    );
  for (const intent of contributed)
    for (const [slot, entries] of Object.entries(intent.lists))
      add(
        slot,
        entries.map((e) => e.text),
      );
  add('name', home.names);
  add('area', home.areas);
  if (numbers) {
    for (const slot of numberSlots) if (slot !== 'duration') lists[slot] = ['<genio_number>'];
    lists.duration = numbers.duration;
  }
  // Short answers to a question the assistant asked: "yes", "no", "the second one". A bare name or
  // area as an answer is left out: as a sentence of its own it draws commands onto it.
  const answers = [
    ...answerWords(language).map(plain).filter(Boolean),
    `[the] (${['first', 'second', 'third', 'fourth'].join('|')}) [one]`,
  ];
  const sentences = [
    ...grammar.intents.flatMap((i) => i.sentences),
    ...contributed.flatMap((i) => i.sentences),
    ...(language === 'en' ? commandShapes(commandPhrases(language)) : []),
    ...(language === 'en' ? answers : answers.slice(0, -1)),
  ].map(wholeWords);
  const rules = Object.fromEntries(
    Object.entries({ ...grammar.rules, ...(numbers?.rules ?? {}) }).map(([k, v]) => [k, wholeWords(v)]),
  );
  const aliases = {
    name: (home.nameAliases ?? []).map(plain).filter(Boolean),
    area: (home.areaAliases ?? []).map(plain).filter(Boolean),
  };
  return { sentences, rules, lists, aliases, fillers: grammar.fillers.map(plain).filter(Boolean) };
}
