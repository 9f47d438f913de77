import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Language, languages } from '../errors/index.js';
import { loadGrammar } from './nlu/grammar.js';
import { LanguageRecognizer, type ListEntry } from './nlu/recognizer.js';

// Sentence tests as data: tests/<lang>/*.yaml, each case an utterance and the intent and slots it must give.
interface Case {
  text: string;
  intent: string | null;
  slots?: Record<string, unknown>;
}

const dir = fileURLToPath(new URL('./tests', import.meta.url));
const home = parse(readFileSync(join(dir, 'home.yaml'), 'utf8')) as Record<string, ListEntry[]>;

function casesOf(language: Language): Array<Case & { file: string }> {
  const folder = join(dir, language);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      ((parse(readFileSync(join(folder, file), 'utf8')) as { cases: Case[] }).cases ?? []).map((c) => ({
        ...c,
        file,
      })),
    );
}

describe.each(languages)('sentences in %s', (language) => {
  const recognizer = new LanguageRecognizer(loadGrammar(language));
  const cases = casesOf(language);

  it.each(cases)('$text', ({ text, intent, slots }) => {
    const found = recognizer.recognize(text, home);
    if (intent === null) {
      expect(found).toBeNull();
      return;
    }
    expect(found?.intent).toBe(intent);
    const values = Object.fromEntries(Object.entries(found?.slots ?? {}).map(([k, v]) => [k, v.value]));
    expect(values).toEqual(expect.objectContaining(slots ?? {}));
    for (const key of Object.keys(values))
      if (!(key in (slots ?? {})) && !['attribute', 'category'].includes(key))
        expect.soft(key).toBe('an expected slot');
  });
});
