/**
 * Reading a setting request: which device (by name, alias, or kind and place), which of its
 * settings (by its own words, the dictionary's, or a label of its), and what value or question.
 * The rules a user can trust:
 * - only a setting no capability carries is taken; when the words fit a capability of the device
 *   as well, the capability path has the request;
 * - one device only: several that fit are asked about, never all set; a device not named is only
 *   guessed when it is the home's only one with that setting and nothing else unknown was said;
 * - a label alone ("rainbow", "bluetooth") names a setting only on a device named, and never a
 *   generic one ("off", "auto");
 * - a setting said for a device that lacks it is said so, and nothing moves.
 */
import type { Device } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';
import type { Span } from '../nlu/recognizer.js';
import type { Setting } from './catalog.js';
import { type ConceptId, concepts } from './concepts.js';
import { coveredPhrases } from './covered.js';
import { cues } from './cues.js';
import { nounsOf } from './kinds.js';
import {
  numberIn,
  numericValue,
  occurrences,
  optionValue,
  type SettingValue,
  saysDirection,
  saysLoudness,
  switchValue,
} from './values.js';

/** A device with what settings reading needs of it. */
export interface SettingDevice {
  device: Device;
  kinds: ReadonlySet<string>;
  settings: readonly Setting[];
  /** The words of its names: they say which device, never which of its settings ("snow" of "snow-melt mat"). */
  identity: ReadonlySet<string>;
  /** A lock or an alarm: its settings are read when asked, never set. */
  guarded: boolean;
}

/** What the reader is given. */
export interface SettingInput {
  /** The utterance as said (its question mark counts). */
  text: string;
  language: Language;
  tokens: string[];
  spans: Span[];
  devices: readonly SettingDevice[];
  /** Words the language's grammar knows: anything else may be a device the home does not have. */
  vocabulary: ReadonlySet<string>;
  /** The words name a task of the command path ("make 4 cups of coffee" is a brew): no property is set. */
  task?: boolean;
}

/** What to do on one device. */
export type SettingAct =
  | { act: 'set'; deviceId: string; identifier: string; value: SettingValue }
  | { act: 'read'; deviceId: string; identifier: string }
  | { act: 'call'; deviceId: string; identifier: string; amount?: number }
  /** Named without a value it has: its choices are said. */
  | { act: 'choices'; deviceId: string; identifier: string }
  | { act: 'readOnly'; deviceId: string; identifier: string };

/** A setting request. */
export type SettingRequest =
  | SettingAct
  /** The setting was said for devices that do not have it. */
  | { act: 'lacks'; deviceIds: string[]; concept: ConceptId }
  /** Several devices have it: which one? */
  | { act: 'which'; choices: SettingAct[] };

/** Concepts whose words belong to no capability: said for a device without them, they are answered. */
const OWN_CONCEPTS = new Set<ConceptId>([
  'volume',
  'mute',
  'input',
  'spin',
  'cuttingHeight',
  'spectrum',
  'descale',
  'rinse',
  'dispense',
]);

/** Concepts a sentence may say without naming a device, when the home has one device with it. */
const UNNAMED_CONCEPTS = new Set<ConceptId>([...OWN_CONCEPTS, 'waterLevel', 'effect', 'programme']);

interface Match {
  setting: Setting;
  score: number;
  /** The positions its words took. */
  used: Set<number>;
  /** How it was named: its own or the dictionary's words, or a label alone. */
  by: 'words' | 'label' | 'loudness';
  value?: SettingValue;
  concept?: ConceptId;
}

interface Targets {
  devices: SettingDevice[];
  /** How the words named the devices: by a name, a kind ("the telly"), a category ("the lights"), a place, or not at all. */
  by: 'name' | 'kind' | 'category' | 'area' | 'none';
  taken: boolean[];
}

const isNumeric = (s: Setting) => ['int', 'float', 'double'].includes(s.dataType?.type ?? '');

/** The devices the words point at, and the words that pointed. */
function targetsOf(input: SettingInput): Targets {
  const { tokens, spans, devices, language } = input;
  const taken = tokens.map(() => false);
  const take = (start: number, end: number) => {
    for (let k = start; k < end; k++) taken[k] = true;
  };
  // "喂，…" opens a sentence as "hey": it feeds nobody.
  if (language === 'zh' && /^\s*喂\s*[，,。!！、\s]/.test(input.text)) take(0, 1);
  const ids = new Set<string>();
  let area: string | undefined;
  // "Metti la lavatrice sul programma lana": a place only close in spelling ("Lena") yields to a name said.
  const named = spans.some((s) => s.slot === 'name');
  for (const span of spans) {
    if (span.slot === 'area' && span.edits > 0 && named) continue;
    if (span.slot === 'name') {
      for (const id of Array.isArray(span.value) ? span.value : [span.value]) ids.add(String(id));
      take(span.start, span.end);
    } else if (span.slot === 'area') {
      area = String(span.value);
      take(span.start, span.end);
    }
  }
  const kinds = new Set<string>();
  for (const noun of nounsOf(language))
    for (const { start, end } of occurrences(tokens, [noun.words], (i) => !taken[i])) {
      kinds.add(noun.kind);
      take(start, end);
    }
  const categories = new Set<string>();
  for (const span of spans)
    if (span.slot === 'category' && !taken.slice(span.start, span.end).some(Boolean)) {
      categories.add(String(span.value));
      take(span.start, span.end);
    }
  const inArea = (list: SettingDevice[]) => (area ? list.filter((d) => d.device.areaId === area) : list);
  if (ids.size) {
    const named = devices.filter((d) => ids.has(d.device.id));
    const found = area && named.some((d) => d.device.areaId === area) ? inArea(named) : named;
    return { devices: found, by: 'name', taken };
  }
  if (kinds.size)
    return {
      devices: inArea(devices.filter((d) => [...d.kinds].some((k) => kinds.has(k)))),
      by: 'kind',
      taken,
    };
  if (categories.size)
    return {
      devices: inArea(devices.filter((d) => categories.has(d.device.category))),
      by: 'category',
      taken,
    };
  if (area) return { devices: inArea([...devices]), by: 'area', taken };
  return { devices: [...devices], by: 'none', taken };
}

/** Every phrase that names a setting in this language, strong ones apart from weak ones. */
function phrasesOf(
  setting: Setting,
  language: Language,
  identity: ReadonlySet<string>,
): { strong: string[][]; weak: string[][] } {
  const strong = setting.strong.filter((p) => !p.every((w) => identity.has(w)));
  for (const id of setting.concepts) strong.push(...concepts[id].said[language].map(tokenize));
  if (setting.concepts.includes('mute')) strong.push(...cues(language).mute, ...cues(language).unmute);
  if (setting.capability) strong.push(...coveredPhrases(setting.capability, language));
  return { strong: strong.filter((p) => p.length > 0), weak: setting.weak };
}

/** How well one setting is named by the free words, and the value said for it. */
function matchOf(
  setting: Setting,
  input: SettingInput,
  free: (i: number) => boolean,
  identity: ReadonlySet<string>,
): Match | null {
  const { tokens, language } = input;
  const { strong, weak } = phrasesOf(setting, language, identity);
  const used = new Set<number>();
  const mark = (list: Array<{ start: number; end: number }>) => {
    for (const { start, end } of list) for (let k = start; k < end; k++) used.add(k);
  };
  mark(occurrences(tokens, strong, free));
  const named = used.size > 0;
  if (named) mark(occurrences(tokens, weak, free));
  const rest = (i: number) => free(i) && !used.has(i);
  const concept = setting.concepts[0];
  let value: SettingValue | undefined;
  let by: Match['by'] = 'words';
  if (setting.kind === 'property') {
    const type = setting.dataType?.type;
    if (type === 'enum' && setting.options) {
      const option = optionValue(tokens, setting.options, language, rest);
      if (option) {
        value = { kind: 'option', key: option.key };
        for (let k = option.start; k < option.end; k++) used.add(k);
        if (!named && !option.distinctive) return null;
        if (!named) by = 'label';
      }
    } else if (type === 'bool') {
      // "Mute" both names the switch and says which way it goes.
      const muting = setting.concepts.includes('mute');
      const on = switchValue(tokens, language, muting ? free : rest, muting);
      if (on !== undefined) value = { kind: 'bool', on };
    } else if (isNumeric(setting)) value = numericValue(tokens, language, rest);
  }
  if (used.size === 0) return null;
  return {
    setting,
    score: used.size,
    used,
    by,
    ...(value ? { value } : {}),
    ...(concept ? { concept } : {}),
  };
}

/** A sound device's volume, for "turn the telly up" and "louder": no other setting or capability said. */
function loudness(d: SettingDevice, input: SettingInput, free: (i: number) => boolean): Match | null {
  const volume = d.settings.find((s) => !s.capability && s.concepts.includes('volume') && isNumeric(s));
  if (!volume) return null;
  const { tokens, language } = input;
  if (!saysDirection(tokens, language, free)) return null;
  // A generic "up" is the volume only on a device for sound, or one with no level of another kind.
  const sound = d.kinds.has('tv') || d.kinds.has('speaker');
  const levels = d.settings.some((s) => s.capability && isNumeric(s) && s.writable);
  if (!saysLoudness(tokens, language, free) && !sound && levels) return null;
  const value = numericValue(tokens, language, free);
  if (!value) return null;
  return { setting: volume, score: 0, used: new Set(), by: 'loudness', value, concept: 'volume' };
}

/** The best setting of one device for the words, or null when none (or a capability's) is named. */
function bestOf(
  d: SettingDevice,
  input: SettingInput,
  free: (i: number) => boolean,
  question: boolean,
): Match | 'capability' | null {
  const matches = d.settings
    .map((s) => matchOf(s, input, free, d.identity))
    // A lock's bolt or an alarm is only ever read.
    .filter((m): m is Match => m !== null && (question || !(m.setting.guarded || d.guarded)));
  if (matches.length === 0) return loudness(d, input, free);
  // More words first; then a setting the value fits; then a capability's (never taken from it).
  matches.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.value !== undefined) - Number(a.value !== undefined) ||
      Number(b.setting.capability !== undefined) - Number(a.setting.capability !== undefined),
  );
  const best = matches[0] as Match;
  return best.setting.capability ? 'capability' : best;
}

const HAN = /\p{Script=Han}/u;

/** Whether the words ask rather than tell. */
function asks(input: SettingInput, free: (i: number) => boolean): boolean {
  if (/[?？]\s*$/.test(input.text)) return true;
  // "Is the speaker muted", heard without its question mark.
  if (input.language === 'en' && /^(is|are|does|do|has)$/.test(input.tokens[0] ?? '')) return true;
  return occurrences(input.tokens, cues(input.language).question, free).length > 0;
}

/** Words nobody's grammar knows and no setting took: maybe a device the home does not have. */
function strangers(input: SettingInput, free: (i: number) => boolean, known: ReadonlySet<number>): string[] {
  return input.tokens.filter(
    (t, i) => free(i) && !known.has(i) && !input.vocabulary.has(t) && !/^\d/.test(t) && !HAN.test(t),
  );
}

/** What one device is asked, from its best match. */
function actOf(
  d: SettingDevice,
  m: Match,
  question: boolean,
  input: SettingInput,
  free: (i: number) => boolean,
): SettingAct | null {
  const deviceId = d.device.id;
  const identifier = m.setting.identifier;
  if (m.setting.kind === 'service') {
    if (question) return null;
    const amount = numericValue(input.tokens, input.language, (i) => free(i) && !m.used.has(i));
    return {
      act: 'call',
      deviceId,
      identifier,
      ...(amount?.kind === 'number' ? { amount: amount.amount } : {}),
    };
  }
  // "Is the washer on wool?", "is the door locked?": asked, never set.
  if (question) return { act: 'read', deviceId, identifier };
  if (m.value === undefined) {
    // "Turn off the X" with no value for a setting that is no switch is the device's power.
    if (occurrences(input.tokens, cues(input.language).power, () => true).length) return null;
    // "On the delicates programme" for a washer without one: its choices are said. Only when the
    // setting was named by the dictionary and something it does not know was said for its value.
    const unknown =
      strangers(input, free, m.used).length > 0 ||
      numberIn(input.tokens, input.language, (i) => free(i) && !m.used.has(i));
    return m.setting.options && m.concept && unknown ? { act: 'choices', deviceId, identifier } : null;
  }
  if (!m.setting.writable) return { act: 'readOnly', deviceId, identifier };
  return { act: 'set', deviceId, identifier, value: m.value };
}

/** A concept of the dictionary said in the free words, for a device that lacks it. */
function conceptSaid(input: SettingInput, free: (i: number) => boolean): ConceptId | undefined {
  const { tokens, language } = input;
  for (const id of OWN_CONCEPTS) {
    const said = concepts[id].said[language].map(tokenize).filter((p) => p.join('').length >= 2);
    if (occurrences(tokens, said, free).length) return id;
  }
  return undefined;
}

/** Read a setting request, or null when the words are not one (the capability path's, or nothing). */
export function readSetting(input: SettingInput): SettingRequest | null {
  const targets = targetsOf(input);
  const free = (i: number) => !targets.taken[i];
  const question = asks(input, free);
  const named = targets.by !== 'none';
  const found: Array<{ d: SettingDevice; m: Match }> = [];
  for (const d of targets.devices) {
    const best = bestOf(d, input, free, question);
    // A capability of a device named fits the words: the whole request is the capability path's.
    if (best === 'capability') return null;
    if (!best) continue;
    // A label alone ("rainbow", "bluetooth") only for a device named or said by its kind, for a
    // setting that can be set (a state word of a read-only one answers a question only), and never
    // after a verb that switches or moves the device ("start the dishwasher on eco" is its start).
    if (
      best.by === 'label' &&
      ((targets.by !== 'name' && targets.by !== 'kind') ||
        (!best.setting.writable && !question) ||
        occurrences(input.tokens, cues(input.language).power, free).length > 0)
    )
      continue;
    found.push({ d, m: best });
  }
  if (found.length === 0) {
    const concept = named ? conceptSaid(input, free) : undefined;
    const something = question || numericValue(input.tokens, input.language, free) !== undefined;
    const service = concept !== undefined && concepts[concept].on === 'service';
    if (concept && targets.devices.length && (something || service || concept === 'mute'))
      return { act: 'lacks', deviceIds: targets.devices.map((d) => d.device.id), concept };
    return null;
  }
  let chosen = found;
  if (!named) {
    // Nothing named: a concept of the dictionary only (no label, no word of a brand's), and nothing
    // else unknown said, unless it is a pet's name for the only feeder ("feed Miso").
    chosen = found.filter(
      (f) =>
        f.m.by !== 'label' &&
        // "A bit less" names no sound: only "louder", "quieter" make it the volume of nothing named.
        (f.m.by !== 'loudness' || saysLoudness(input.tokens, input.language, free)) &&
        f.m.concept &&
        UNNAMED_CONCEPTS.has(f.m.concept) &&
        // "Boil some water" is the kettle's task, not a question about a tank: a value or a question, or a service.
        (question || f.m.value !== undefined || f.m.setting.kind === 'service'),
    );
    const known = new Set(chosen.flatMap((f) => [...f.m.used]));
    const feeding = chosen.length === 1 && chosen[0]?.m.concept === 'dispense';
    if (chosen.length === 0 || (!feeding && strangers(input, free, known).length > 0)) return null;
  }
  const acts = chosen
    .map((f) => actOf(f.d, f.m, question, input, free))
    .filter((a): a is SettingAct => a !== null && !(input.task && a.act !== 'call' && a.act !== 'read'));
  if (acts.length === 0) return null;
  if (acts.length > 1) return { act: 'which', choices: acts };
  return acts[0] as SettingAct;
}
