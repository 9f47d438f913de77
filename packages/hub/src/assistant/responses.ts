import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type Language, languages } from '../errors/index.js';

/** The reply sentences of one language, keyed by what happened. */
export type Responses = Record<string, string> & { attributes: Record<string, string> };

const dir = fileURLToPath(new URL('./responses', import.meta.url));

/** Load every language's responses (responses/<lang>.yaml). */
export function loadResponses(): Record<Language, Responses> {
  const out = {} as Record<Language, Responses>;
  for (const language of languages) {
    const doc = parse(readFileSync(`${dir}/${language}.yaml`, 'utf8')) as Responses;
    out[language] = doc;
  }
  const keys = Object.keys(out.en).sort().join();
  for (const language of languages) {
    if (Object.keys(out[language]).sort().join() !== keys)
      throw new Error(`responses/${language}.yaml does not have the same keys as en.yaml`);
  }
  return out;
}

/** Fill `{name}` placeholders; a missing key renders as "?" rather than disappearing silently. */
export function render(template: string | undefined, values: Record<string, string | number>): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (_m, key: string) =>
    key in values ? String(values[key]) : '?',
  );
}

/** "a, b and c" in a language. */
export function joinNames(names: readonly string[], responses: Responses, language: Language): string {
  if (names.length <= 1) return names[0] ?? '';
  const comma = language === 'zh' ? '、' : ', ';
  return `${names.slice(0, -1).join(comma)}${responses.and}${names[names.length - 1]}`;
}
