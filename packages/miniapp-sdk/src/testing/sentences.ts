/**
 * Local recognition of an app's sentences for the harness: the manifest's templates (`(a|b)`, `[x]`,
 * `{slot}`) become anchored regular expressions. On a speaker the assistant's own recogniser does this
 * (with fuzzy names and number words in four languages); the harness is exact, so a test that passes
 * here uses sentences the manifest really declares.
 */
import type { SlotValue } from '../events.js';
import type { IntentDefinition, Language, Manifest } from '../manifest.js';

interface CompiledTemplate {
  pattern: RegExp;
  slots: string[];
}

/** A template that cannot be read, with where. */
export class TemplateSyntaxError extends Error {}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** No punctuation, single spaces (case is kept: slots carry the user's words; matching ignores case). */
export function normalise(text: string): string {
  return text
    .replace(/[.,!?;:¿¡。，！？；：、"“”'’]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Compile one template; words may be separated by spaces or not (Chinese has none). */
export function compileSentence(template: string): CompiledTemplate {
  const slots: string[] = [];
  let source = '';
  const open: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '(' || ch === '[') {
      open.push(ch);
      source += '(?:';
    } else if (ch === ')' || ch === ']') {
      const expected = ch === ')' ? '(' : '[';
      if (open.pop() !== expected) throw new TemplateSyntaxError(`unexpected ${ch} in "${template}"`);
      source += ch === ')' ? ')' : ')?';
    } else if (ch === '|') {
      source += '|';
    } else if (ch === '{') {
      const end = template.indexOf('}', i);
      const name = template.slice(i + 1, end).trim();
      if (end === -1 || !/^[a-z_][a-z0-9_]*$/i.test(name))
        throw new TemplateSyntaxError(`bad slot at ${i} in "${template}"`);
      slots.push(name);
      source += '(.+?)';
      i = end;
    } else if (/\s/.test(ch)) {
      if (!source.endsWith('\\s*')) source += '\\s*';
    } else {
      source += escapeRegExp(normalise(ch));
    }
  }
  if (open.length) throw new TemplateSyntaxError(`unclosed ${open.at(-1)} in "${template}"`);
  return { pattern: new RegExp(`^\\s*${source}\\s*$`, 'iu'), slots };
}

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  uno: 1,
  due: 2,
  tre: 3,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
};

function slotValue(
  intent: IntentDefinition,
  name: string,
  text: string,
  language: Language,
): SlotValue | undefined {
  const definition = intent.slots?.[name];
  const words = text.trim();
  if (definition?.type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(words) ? Number(words) : numberWords[words.toLowerCase()];
  }
  if (definition?.type === 'duration') {
    const match =
      /^(\d+)\s*(seconds?|minutes?|hours?|秒|分钟|小时|secondi|minuti|ore|secondes|minutes|heures)$/i.exec(
        words,
      );
    if (!match) return undefined;
    const unit = (match[2] ?? '').toLowerCase();
    const scale = /^(h|小时|ore|heure)/.test(unit) ? 3600 : /^(m|分钟)/.test(unit) ? 60 : 1;
    return Number(match[1]) * scale;
  }
  if (definition?.type === 'list') {
    const values = definition.values?.[language] ?? [];
    const found = values.find((v) => normalise(v.text).toLowerCase() === normalise(words).toLowerCase());
    return found?.value;
  }
  return words;
}

/** The first intent of the app one of whose sentences says `text`, with its slots. */
export function matchIntent(
  manifest: Manifest,
  text: string,
  language: Language,
): { intent: string; slots: Record<string, SlotValue> } | null {
  const said = normalise(text);
  for (const intent of manifest.intents) {
    for (const sentence of intent.sentences[language] ?? []) {
      const { pattern, slots } = compileSentence(sentence);
      const match = pattern.exec(said);
      if (!match) continue;
      const values: Record<string, SlotValue> = {};
      let ok = true;
      slots.forEach((name, index) => {
        const captured = match[index + 1];
        if (captured === undefined) return;
        const value = slotValue(intent, name, captured, language);
        if (value === undefined) ok = false;
        else values[name] = value;
      });
      if (ok) return { intent: intent.name, slots: values };
    }
  }
  return null;
}

/** How a user opens an app in each language; `{rest}` is a one-shot request. */
const invocations: Record<Language, { open: string[]; ask: string[] }> = {
  en: {
    open: ['(open|launch|start) [the] [app] {app}'],
    ask: ['ask {app} (for|to|about) {rest}', 'tell {app} [to] {rest}'],
  },
  zh: { open: ['(打开|启动){app}'], ask: ['(问|让|叫){app}{rest}'] },
  it: { open: ["(apri|avvia) [l'] [app] {app}"], ask: ['chiedi (a|ad) {app} {rest}'] },
  fr: { open: ["(ouvre|lance) [l'application] {app}"], ask: ['demande à {app} [de] {rest}'] },
};

/** Words that leave the app. */
export const exitWords: Record<Language, string[]> = {
  en: ['exit', 'quit', 'leave', 'exit the app', 'quit the app', 'leave the app', 'close the app'],
  zh: ['退出', '退出应用'],
  it: ['esci', "esci dall'app"],
  fr: ['quitte', "quitte l'application"],
};

/** Whether `text` opens the app (`rest` is the one-shot request after its name, if any). */
export function matchInvocation(
  manifest: Manifest,
  text: string,
  language: Language,
): { rest: string | null } | null {
  // An English name is also said in other languages ("apri Kiki Chicken"), as on a speaker.
  const names = [...new Set([...(manifest.invocation[language] ?? []), ...manifest.invocation.en])]
    .map((name) => name.replace(/[()[\]{}<>|]/g, ' ').trim())
    .filter(Boolean);
  const said = normalise(text);
  for (const kind of ['ask', 'open'] as const) {
    for (const template of invocations[language][kind]) {
      for (const name of names) {
        const { pattern, slots } = compileSentence(template.replace('{app}', name));
        const match = pattern.exec(said);
        if (!match) continue;
        return { rest: slots.includes('rest') ? (match[slots.indexOf('rest') + 1] ?? null) : null };
      }
    }
  }
  return null;
}
