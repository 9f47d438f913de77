import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { standardValues, valueWords } from '../../devices/index.js';
import { type Language, languages } from '../../errors/index.js';
import { cueNames } from './frames.js';
import type { Grammar, IntentSentences, ListEntry } from './recognizer.js';

/** Where the sentence files live: sentences/<lang>/*.yaml beside this module's parent. */
export const sentencesDir = fileURLToPath(new URL('../sentences', import.meta.url));

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}: must be a mapping`);
  return value as Record<string, unknown>;
}

/** Load one language's grammar from its folder of YAML files (merged in file name order). */
export function loadGrammar(language: Language, dir: string = sentencesDir): Grammar {
  const grammar: Grammar = { language, rules: {}, lists: {}, intents: [], fillers: [], cues: {} };
  const folder = join(dir, language);
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const where = `${language}/${file}`;
    const doc = asRecord(parse(readFileSync(join(folder, file), 'utf8')), where);
    if (doc.language !== undefined && doc.language !== language)
      throw new Error(`${where}: language is ${String(doc.language)}, expected ${language}`);
    for (const [name, text] of Object.entries(asRecord(doc.rules, `${where} rules`))) {
      if (typeof text !== 'string') throw new Error(`${where}: rule ${name} must be a string`);
      grammar.rules[name] = text;
    }
    for (const [name, entries] of Object.entries(asRecord(doc.lists, `${where} lists`))) {
      if (!Array.isArray(entries)) throw new Error(`${where}: list ${name} must be a sequence`);
      grammar.lists[name] = [...(grammar.lists[name] ?? []), ...(entries as ListEntry[])];
    }
    if (Array.isArray(doc.fillers)) grammar.fillers.push(...doc.fillers.map(String));
    for (const [name, words] of Object.entries(asRecord(doc.cues, `${where} cues`))) {
      if (!(cueNames as readonly string[]).includes(name)) throw new Error(`${where}: unknown cue ${name}`);
      if (!Array.isArray(words)) throw new Error(`${where}: cue ${name} must be a sequence`);
      const cues = grammar.cues as Record<string, string[]>;
      cues[name] = [...(cues[name] ?? []), ...words.map(String)];
    }
    for (const intent of (doc.intents ?? []) as IntentSentences[]) {
      if (typeof intent.intent !== 'string' || !Array.isArray(intent.sentences))
        throw new Error(`${where}: each intent needs intent and sentences`);
      grammar.intents.push(intent);
    }
  }
  // The capability vocabulary already knows every language's words for modes and fan speeds.
  const vocabulary = (values: readonly string[]): ListEntry[] =>
    values.flatMap((value) => (valueWords[value]?.[language] ?? []).map((text) => ({ text, value })));
  grammar.lists.mode = [...vocabulary(standardValues('mode')), ...(grammar.lists.mode ?? [])];
  grammar.lists.fan_speed = [...vocabulary(standardValues('fanSpeed')), ...(grammar.lists.fan_speed ?? [])];
  return grammar;
}

/** Every language's grammar. */
export function loadGrammars(dir: string = sentencesDir): Record<Language, Grammar> {
  return Object.fromEntries(languages.map((l) => [l, loadGrammar(l, dir)])) as Record<Language, Grammar>;
}
