import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type Language, languages } from '../errors/index.js';
import { formatList } from './replies/index.js';

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

/** "a, b and c" in a language (Intl.ListFormat; `responses` is kept for existing callers). */
export function joinNames(names: readonly string[], _responses: Responses, language: Language): string {
  return formatList(names, language);
}

/** "1 hour and 30 minutes", "1 ora e 30 minuti", "1小时30分钟". */
export function formatDuration(totalSeconds: number, responses: Responses, language: Language): string {
  const [s1, sN, m1, mN, h1, hN, and] = (responses.units ?? '').split('|');
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const space = language === 'zh' ? '' : ' ';
  const parts: string[] = [];
  if (h) parts.push(`${h}${space}${h === 1 ? h1 : hN}`);
  if (m) parts.push(`${m}${space}${m === 1 ? m1 : mN}`);
  if (s || parts.length === 0) parts.push(`${s}${space}${s === 1 ? s1 : sN}`);
  if (parts.length === 1) return parts[0] as string;
  return language === 'zh'
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')}${and}${parts[parts.length - 1]}`;
}
