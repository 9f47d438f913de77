/**
 * Replies about settings, from the templates of responses/<lang>.yaml: the device with its
 * article, the setting named as the dictionary names it in the reply's language (else as its
 * brand wrote it), values with their units as each language writes them ("60 %", "800 giri").
 */
import type { Language } from '../../errors/index.js';
import type { TurnScope } from '../dispatch.js';
import type { Mention } from '../replies/index.js';
import {
  capitalize,
  fill,
  formatList,
  formatNumber,
  formatPercent,
  formatTemperature,
  phraseOf,
} from '../replies/index.js';
import { withPreposition } from '../replies/phrases.js';
import type { Setting } from './catalog.js';
import { type ConceptId, concepts } from './concepts.js';
import { labelGroups } from './labels.js';
import { unitOf } from './values.js';

/** How a reply names a setting: with its article ("il volume"), and bare ("volume"). */
export interface Attribute {
  called: string;
  bare: string;
}

const ARTICLE: Record<Language, RegExp> = {
  en: /^the\s+/i,
  it: /^(il|lo|la|i|gli|le)\s+|^l'/i,
  fr: /^(le|la|les)\s+|^l'/i,
  zh: /^$/,
};

/** A setting named in a language. */
export function attributeOf(setting: Setting, language: Language): Attribute {
  const concept = setting.concepts[0];
  if (concept) {
    const called = concepts[concept].called[language];
    const bare = called.replace(ARTICLE[language], '');
    return { called: language === 'en' ? `the ${called}` : called, bare };
  }
  const name = setting.name.trim() || setting.identifier;
  const lower = /^\p{Lu}[\p{Ll}\s]*$/u.test(name) ? name.toLowerCase() : name;
  if (language === 'zh') return { called: name, bare: name };
  if (language === 'en') return { called: `the ${lower}`, bare: lower };
  return { called: phraseOf({ name: lower }, language).text, bare: lower };
}

const rpm: Record<Language, string> = { en: 'rpm', it: 'giri', fr: 'tours/min', zh: '转' };

/** A number of a setting with its unit. */
export function numberText(setting: Setting, value: number, language: Language): string {
  const t = setting.dataType;
  const numeric = t?.type === 'int' || t?.type === 'float' || t?.type === 'double' ? t : undefined;
  const unit = numeric ? unitOf(numeric) : undefined;
  if (unit === 'percent') return formatPercent(value, language);
  if (unit === 'degrees') return formatTemperature(value, language);
  const n = formatNumber(value, language);
  const shown =
    unit === 'rpm' ? rpm[language] : unit === 'mm' || unit === 'cm' ? unit : (numeric?.specs.unit ?? '');
  if (!shown) return n;
  return language === 'zh' ? `${n}${shown}` : `${n} ${shown}`;
}

/** An enum label in the reply's language when the dictionary knows it, else as the brand wrote it. */
export function labelText(setting: Setting, key: number, language: Language): string {
  const option = setting.options?.find((o) => o.key === key);
  if (!option) return String(key);
  const group = option.group !== undefined ? labelGroups[option.group] : undefined;
  return group?.[language][0] ?? option.label;
}

/** What a setting holds, as a reply says it. */
export function valueText(
  setting: Setting,
  raw: unknown,
  language: Language,
  r: Record<string, unknown>,
): string {
  if (setting.dataType?.type === 'enum' && typeof raw === 'number') return labelText(setting, raw, language);
  if (setting.dataType?.type === 'bool')
    return String(raw === 1 || raw === true ? r.setting_state_on : r.setting_state_off);
  if (typeof raw === 'number') return numberText(setting, raw, language);
  return String(raw);
}

/** Whether a setting's numbers are percentages. */
export function isPercent(setting: Setting): boolean {
  const t = setting.dataType;
  return (
    t !== undefined &&
    (t.type === 'int' || t.type === 'float' || t.type === 'double') &&
    unitOf(t) === 'percent'
  );
}

/** The Italian "al 60%"/"all'80%"/"a 25" and the French "à 25" before a value. */
function prepositioned(value: string, percent: boolean, language: Language): { to: string; at: string } {
  if (language === 'it') {
    if (percent) {
      const al = /^(8|11\D|1\D|11$|1$)/.test(value) ? "all'" : 'al ';
      return { to: `${al}${value}`, at: `${al}${value}` };
    }
    return { to: `a ${value}`, at: value };
  }
  if (language === 'fr') return { to: `à ${value}`, at: value };
  return { to: value, at: value };
}

/** The setting named by a concept alone (for a device that lacks it). */
export function conceptAttribute(concept: ConceptId, language: Language): Attribute {
  const called = concepts[concept].called[language];
  return {
    called: language === 'en' ? `the ${called}` : called,
    bare: called.replace(ARTICLE[language], ''),
  };
}

/** A reply sentence about one setting of one device. */
export function saySetting(
  scope: Pick<TurnScope, 'language' | 'responses'>,
  key: string,
  device: Mention,
  attribute: Attribute | null,
  extra: {
    value?: string;
    percent?: boolean;
    name?: string;
    doing?: string;
    min?: string;
    max?: string;
    options?: string;
  } = {},
): string {
  const { language, responses } = scope;
  const phrase = phraseOf(device, language);
  const named = attribute ?? { called: '', bare: '' };
  const value = extra.value ?? '';
  const { to, at } = prepositioned(value, extra.percent === true, language);
  const values: Record<string, string | number> = {
    subject: phrase.text,
    Subject: capitalize(phrase.text),
    of_subject: withPreposition(phrase, 'of', language),
    at_subject: withPreposition(phrase, 'at', language),
    attribute: named.called,
    Attribute: capitalize(named.called),
    setting: named.bare,
    value,
    to_value: to,
    at_value: at,
  };
  for (const [name, v] of Object.entries(extra)) if (typeof v === 'string') values[name] = v;
  return fill(responses[key], values);
}

/** "Cotton, Wool or Quick", in the reply's language. */
export function choicesText(setting: Setting, language: Language): string {
  return formatList(
    (setting.options ?? []).map((o) => labelText(setting, o.key, language)),
    language,
    'or',
  );
}
