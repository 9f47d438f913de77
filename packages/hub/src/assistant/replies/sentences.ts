/**
 * Whole reply sentences about devices, from a language's templates (responses/<lang>.yaml) and
 * the grammar of the devices named: the subject with its article and capital, the verb and the
 * adjective agreeing with it ("La stampante è accesa", "Les volets sont fermés"), values through Intl.
 */
import { valueLabel } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import type { Agreement } from './gender.js';
import { formatList, formatPercent, formatTemperature, formatValue, italianVowelNumber } from './numbers.js';
import {
  agreementOfAll,
  capitalize,
  type Mention,
  type Phrase,
  phraseOf,
  withPreposition,
} from './phrases.js';

/** One language's templates, keyed by what happened. */
export type Templates = Record<string, unknown>;

/** What a device is now, to be said after acting on it or asked about. */
export type State =
  | { kind: 'on' }
  | { kind: 'off' }
  | { kind: 'brightness'; value: number }
  | { kind: 'temperature'; value: number }
  | { kind: 'position'; value: number }
  | { kind: 'mode'; value: string }
  | { kind: 'fanSpeed'; value: string }
  | { kind: 'humidity'; value: number }
  | { kind: 'oscillation'; on: boolean }
  | { kind: 'locked' };

/** Why a device did not do what was asked. */
export type Problem = 'offline' | 'timeout' | 'failed' | 'no_capability';

/** Fill `{key}` placeholders; a missing key renders as "?" rather than disappearing silently. */
export function fill(template: unknown, values: Record<string, string | number>): string {
  return (typeof template === 'string' ? template : '').replace(/\{(\w+)\}/g, (_m, key: string) =>
    key in values ? String(values[key]) : '?',
  );
}

/** Pick the form of "m|f|m-plural|f-plural" that agrees. */
export function agree(forms: unknown, { gender, plural }: Agreement): string {
  const list = (typeof forms === 'string' ? forms : '').split('|');
  const index = (plural ? 2 : 0) + (gender === 'feminine' ? 1 : 0);
  return list[index] ?? list[0] ?? '';
}

/** The placeholders every device sentence can use: subject, its agreeing verb and adjectives. */
function subjectValues(
  templates: Templates,
  language: Language,
  phrases: readonly Phrase[],
): Record<string, string> {
  const subject = formatList(
    phrases.map((p) => p.text),
    language,
  );
  const agreement = agreementOfAll(phrases);
  const values: Record<string, string> = { subject, Subject: capitalize(subject), targets: subject };
  for (const [key, forms] of Object.entries(templates))
    if (key.startsWith('forms_')) values[key.slice('forms_'.length)] = agree(forms, agreement);
  return values;
}

/** Name several devices in a sentence: "the desk lamp and the printer", "l'applique e la lampada". */
export function sayTargets(mentions: readonly Mention[], language: Language): string {
  return formatList(
    mentions.map((m) => phraseOf(m, language).text),
    language,
  );
}

/** A sentence about what was done to devices ("Ho acceso l'applique."), from the template `key`. */
export function sayDone(
  templates: Templates,
  language: Language,
  key: string,
  mentions: readonly Mention[],
  extra: Record<string, string | number> = {},
): string {
  return sayTemplate(templates, language, templates[key], mentions, extra);
}

/** Like sayDone, with the template itself rather than its key. */
export function sayTemplate(
  templates: Templates,
  language: Language,
  template: unknown,
  mentions: readonly Mention[],
  extra: Record<string, string | number> = {},
): string {
  const phrases = mentions.map((m) => phraseOf(m, language));
  return fill(template, { ...extra, ...subjectValues(templates, language, phrases) });
}

/** "The living room light is at 30%.", "Il termostato è impostato a 21,5 °C.", "Le rideau est à moitié ouvert." */
export function sayState(
  templates: Templates,
  language: Language,
  mentions: readonly Mention[],
  state: State,
): string {
  switch (state.kind) {
    case 'on':
      return sayDone(templates, language, 'now_on', mentions);
    case 'off':
      return sayDone(templates, language, 'now_off', mentions);
    case 'brightness':
      return sayDone(templates, language, 'now_percent', mentions, percentValues(state.value, language));
    case 'temperature':
      return sayDone(templates, language, 'now_temperature', mentions, {
        value: formatTemperature(state.value, language),
      });
    case 'mode':
      return sayDone(templates, language, 'now_mode', mentions, { value: valueLabel(state.value, language) });
    case 'fanSpeed': {
      const phrase = phraseOf(mentions[0] ?? { name: '' }, language);
      return sayDone(templates, language, 'now_fan_speed', mentions, {
        value: valueLabel(state.value, language),
        of_subject: withPreposition(phrase, 'of', language),
      });
    }
    case 'humidity': {
      const phrase = phraseOf(mentions[0] ?? { name: '' }, language);
      return sayDone(templates, language, 'now_humidity', mentions, {
        ...percentValues(state.value, language),
        of_subject: withPreposition(phrase, 'of', language),
      });
    }
    case 'oscillation': {
      const phrase = phraseOf(mentions[0] ?? { name: '' }, language);
      return sayDone(templates, language, state.on ? 'now_swinging' : 'now_still', mentions, {
        of_subject: withPreposition(phrase, 'of', language),
      });
    }
    case 'locked':
      return sayDone(templates, language, 'now_locked', mentions);
    case 'position': {
      const key =
        state.value >= 100
          ? 'now_open'
          : state.value <= 0
            ? 'now_closed'
            : state.value === 50
              ? 'now_half_open'
              : 'now_open_at';
      return sayDone(templates, language, key, mentions, percentValues(state.value, language));
    }
  }
}

/** A percentage and the Italian "al"/"all'" before it. */
function percentValues(value: number, language: Language): Record<string, string> {
  return { value: formatPercent(value, language), al: italianVowelNumber(value) ? "all'" : 'al ' };
}

/** Why one device did not act: "La stampante è offline.", "Le ventilateur n'a pas répondu." */
export function sayProblem(
  templates: Templates,
  language: Language,
  problem: Problem,
  mention: Mention,
): string {
  return sayDone(templates, language, problem, [mention]);
}

/** A reported value: "La temperatura del termostato è di 21,5 °C." */
export function sayValue(
  templates: Templates,
  language: Language,
  mention: Mention,
  capability: string,
  value: unknown,
): string {
  const phrase = phraseOf(mention, language);
  const attribute = attributeOf(templates, capability);
  return fill(templates.query_value, {
    ...subjectValues(templates, language, [phrase]),
    attribute,
    Attribute: capitalize(attribute),
    of_subject: withPreposition(phrase, 'of', language),
    attribute_is: agree(templates.forms_is, {
      gender: 'masculine',
      plural: PLURAL_ATTRIBUTE[language].test(attribute),
    }),
    value: formatValue(capability, value, language),
  });
}

/** An attribute named in the plural ("i passi", "les pas", "steps") takes a plural verb. */
const PLURAL_ATTRIBUTE: Record<Language, RegExp> = {
  en: /^steps$/,
  it: /^(i|gli|le) /,
  fr: /^les /,
  zh: /^$/,
};

/** A device that has not reported what was asked: "Il termostato non ha ancora comunicato la temperatura." */
export function sayNoValue(
  templates: Templates,
  language: Language,
  mention: Mention,
  capability: string,
): string {
  return sayDone(templates, language, 'no_value', [mention], {
    attribute: attributeOf(templates, capability),
  });
}

function attributeOf(templates: Templates, capability: string): string {
  const attributes = templates.attributes as Record<string, string> | undefined;
  return attributes?.[capability] ?? capability;
}
