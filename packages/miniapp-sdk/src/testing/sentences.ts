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
): SlotValue | null {
  const definition = intent.slots?.[name];
  const words = text.trim();
  if (definition?.type === 'number') {
    const value = /^-?\d+(\.\d+)?$/.test(words) ? Number(words) : numberWords[words.toLowerCase()];
    return value === undefined ? null : { value, text: words };
  }
  if (definition?.type === 'list') {
    const values = definition.values?.[language] ?? [];
    const found = values.find((v) => normalise(v).toLowerCase() === normalise(words).toLowerCase());
    return found === undefined ? null : { value: found, text: words };
  }
  return { value: words, text: words };
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
        if (value) values[name] = value;
        else ok = false;
      });
      if (ok) return { intent: intent.name, slots: values };
    }
  }
  return null;
}

/** How a user opens an app in each language; `{rest}` is a one-shot request. */
const invocations: Record<Language, { open: string[]; ask: string[] }> = {
  en: { open: ['(open|start|launch) {app}'], ask: ['ask {app} (to|for) {rest}'] },
  zh: { open: ['(打开|启动){app}'], ask: ['(让|叫){app}{rest}'] },
  it: { open: ['(apri|avvia) {app}'], ask: ['chiedi a {app} (di|per) {rest}'] },
  fr: { open: ['(ouvre|lance) {app}'], ask: ['demande à {app} (de|pour) {rest}'] },
};

/** Words that leave the app. */
export const exitWords: Record<Language, string[]> = {
  en: ['exit', 'quit', 'stop', 'goodbye'],
  zh: ['退出', '再见'],
  it: ['esci', 'basta'],
  fr: ['quitte', 'quitter', 'au revoir'],
};

/** Whether `text` opens the app (`rest` is the one-shot request after its name, if any). */
export function matchInvocation(
  manifest: Manifest,
  text: string,
  language: Language,
): { rest: string | null } | null {
  const names = (manifest.invocation[language] ?? []).map((n) => normalise(n).toLowerCase());
  const said = normalise(text);
  for (const kind of ['ask', 'open'] as const) {
    for (const template of invocations[language][kind]) {
      const { pattern, slots } = compileSentence(template);
      const match = pattern.exec(said);
      if (!match) continue;
      const app = match[slots.indexOf('app') + 1] ?? '';
      if (!names.includes(normalise(app).toLowerCase())) continue;
      const rest = slots.includes('rest') ? (match[slots.indexOf('rest') + 1] ?? null) : null;
      return { rest };
    }
  }
  return null;
}
