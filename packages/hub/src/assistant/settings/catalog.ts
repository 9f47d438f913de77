/**
 * A product's settings as the assistant can name them: every property and service of its thing
 * model, with the words that name it (its name and its identifier split into words, and the
 * dictionary's concepts it carries), its enum labels with the words that name each, and whether a
 * capability already carries it (then it is the capability path's, never this module's).
 */
import type { CapabilityName, DataType, Field, LoadedProduct } from '../../devices/index.js';
import { tokenize } from '../nlu/normalize.js';
import { joinTokens } from '../nlu/recognizer.js';
import { type ConceptId, conceptIds, concepts } from './concepts.js';
import { genericLabels, labelGroups } from './labels.js';

/** One choice of an enum setting. */
export interface SettingOption {
  key: number;
  /** The label as the brand wrote it. */
  label: string;
  /** Token phrases that name it: its own words, and the dictionary's in every language. */
  phrases: string[][];
  /** The label's letters and digits run together ("hdmi1"), for "HDMI 1" said with a space. */
  squashed: string;
  /** A label that is a number ("800", "40°C"): said as that number. */
  number?: number;
  /** Whether saying it alone names the setting ("rainbow" does; "off" and "auto" do not). */
  distinctive: boolean;
  /** The dictionary group the label belongs to (labels.ts), for saying it in the reply's language. */
  group?: number;
}

/** One property or service of a product. */
export interface Setting {
  kind: 'property' | 'service';
  identifier: string;
  name: string;
  /** The capability that carries it, if any: then the capability path handles it. */
  capability?: CapabilityName;
  writable: boolean;
  concepts: ConceptId[];
  /** Phrases of its own that name it (a word of its name or identifier that means something). */
  strong: string[][];
  /** Words of its own that name nothing alone ("mode", "level", "switch"). */
  weak: string[][];
  dataType?: DataType;
  options?: SettingOption[];
  /** A service's inputs. */
  inputs?: Field[];
  /** A lock's bolt, an alarm: read when asked, never set or called by voice. */
  guarded: boolean;
}

/** Words of names and identifiers that name nothing alone. */
const GENERIC = new Set(
  [
    'switch',
    'mode',
    'level',
    'state',
    'status',
    'set',
    'setting',
    'settings',
    'value',
    'enable',
    'enabled',
    'current',
    'target',
    'time',
    'type',
    'speed',
    'control',
    'function',
    'config',
    'manual',
    'auto',
    'num',
    'number',
    'count',
    'flag',
    'select',
    'selection',
    'option',
    'info',
    'data',
    'percent',
    'degree',
    'degrees',
    'power',
    'the',
    'and',
    'for',
    'with',
    'start',
    'stop',
    'run',
    'begin',
    'action',
    'cmd',
    'command',
    'execute',
    'trigger',
    'key',
    'button',
    'remaining',
    'left',
    'minute',
    'minutes',
    'hour',
    'hours',
    'second',
    'seconds',
    'min',
    'sec',
    'mins',
    'secs',
    'ms',
    'on',
    'off',
    'open',
    'opened',
    'opening',
    'close',
    'closed',
    'closing',
    'full',
    'empty',
    'low',
    'high',
    'white',
    'red',
    'green',
    'blue',
    'yellow',
    'light',
    'lights',
    'lamp',
    'led',
    'color',
    'colour',
    'screen',
    'device',
    'main',
    'unit',
    'modalita',
    'livello',
    'stato',
    'impostazione',
    'velocita',
    'niveau',
    'etat',
    'reglage',
    'vitesse',
    'della',
    'dello',
    'del',
    'des',
  ].map((w) => tokenize(w).join(' ')),
);

/** "SpinSpeed", "cut_height_mm", "TVVolume" -> words. */
export function splitIdentifier(identifier: string): string[] {
  const spaced = identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ');
  return tokenize(spaced);
}

const HAN = /\p{Script=Han}/u;

/** Words of a lock or an alarm: what opens a home is never moved by a setting said (a child lock is a washer's). */
export const GUARDED =
  /\b(lock|locks|locked|unlock|deadbolt|bolt|latch|alarm|arm|disarm|armed|security|serratura|serrure|verrou|allarme|alarme)\b|锁|报警|布防|撤防/iu;
const CHILD = /\b(child|children|kid|kids|bambin[oi]|enfants?)\b|童/iu;

/** Whether a name or an identifier is a lock's or an alarm's. */
export function isGuarded(...texts: string[]): boolean {
  return texts.some((t) => {
    const words = /\p{Script=Han}/u.test(t) ? t : [...tokenize(t), ...splitIdentifier(t)].join(' ');
    return GUARDED.test(words) && !CHILD.test(words);
  });
}
const isStrongWord = (word: string) => (HAN.test(word) ? false : word.length >= 3 && !GENERIC.has(word));

/** Whether `words` occur in `tokens` as a whole run. */
function holds(tokens: readonly string[], words: readonly string[]): boolean {
  for (let i = 0; i + words.length <= tokens.length; i++)
    if (words.every((w, k) => tokens[i + k] === w)) return true;
  return false;
}

const tok = (list: readonly string[]) => list.map(tokenize).filter((t) => t.length > 0);
const conceptKeys = new Map<ConceptId, { keys: string[][]; unless: string[][] }>(
  conceptIds.map((id) => [id, { keys: tok(concepts[id].keys), unless: tok(concepts[id].unless ?? []) }]),
);

/** The concepts a name and an identifier carry. */
function conceptsOf(kind: 'property' | 'service', name: string, identifier: string): ConceptId[] {
  const texts = [tokenize(name), splitIdentifier(identifier), [joinTokens(tokenize(identifier))]];
  // A Chinese name is one run of characters: its concepts are the keys it contains.
  const hanName = tokenize(name).filter((t) => HAN.test(t));
  return conceptIds.filter((id) => {
    if (concepts[id].on !== kind) return false;
    const { keys, unless } = conceptKeys.get(id) ?? { keys: [], unless: [] };
    const carries = (words: string[][]) =>
      words.some((k) => texts.some((t) => holds(t, k)) || (hanName.length > 0 && holds(hanName, k)));
    return carries(keys) && !carries(unless);
  });
}

/** The phrases of a name or identifier: the whole, each meaningful word alone, and the generic words. */
function ownPhrases(name: string, identifier: string): { strong: string[][]; weak: string[][] } {
  const strong: string[][] = [];
  const weak: string[][] = [];
  for (const words of [tokenize(name), splitIdentifier(identifier)]) {
    if (words.length === 0) continue;
    if (words.some((w) => isStrongWord(w)) || words.every((w) => HAN.test(w))) strong.push(words);
    for (const w of words) {
      if (isStrongWord(w)) strong.push([w]);
      else if (!HAN.test(w)) weak.push([w]);
    }
  }
  return { strong, weak };
}

const groupPhrases = labelGroups.map((group) => tok(Object.values(group).flat()));
const generic = new Set([...genericLabels].map((w) => joinTokens(tokenize(w))));
const squash = (words: readonly string[]) => words.join('').replace(/[^\p{L}\p{N}]/gu, '');

/** A label that is a number with at most a unit: "800", "40°C", "1200 rpm". */
function labelNumber(label: string): number | undefined {
  const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*(°\s*c|°|c|rpm|%|mm|cm|giri|tours|tr\/min|转|度|℃)?\s*$/i.exec(label);
  return m ? Number((m[1] as string).replace(',', '.')) : undefined;
}

/** The choices of an enum, each with the words that name it. */
function optionsOf(specs: Record<string, string>): SettingOption[] {
  return Object.entries(specs).map(([key, label]) => {
    const words = tokenize(label.replace(/_/g, ' '));
    const split = splitIdentifier(label);
    const own = [words, split].filter((p) => p.length > 0);
    const squashed = squash(words);
    const group = groupPhrases.findIndex((phrases) =>
      phrases.some((p) => own.some((o) => o.join(' ') === p.join(' ')) || squash(p) === squashed),
    );
    const phrases = [...own, ...(group >= 0 ? (groupPhrases[group] ?? []) : [])];
    const number = labelNumber(label);
    const distinctive =
      number === undefined && squashed.length > 1 && !own.some((p) => generic.has(joinTokens(p)));
    return {
      key: Number(key),
      label,
      phrases,
      squashed,
      ...(number !== undefined ? { number } : {}),
      distinctive,
      ...(group >= 0 ? { group } : {}),
    };
  });
}

/** A product's settings, every property and service of its thing model. */
export function catalogOf(product: LoadedProduct): Setting[] {
  const covered = new Map<string, CapabilityName>();
  for (const [capability, target] of Object.entries(product.resolved))
    if (target) covered.set(`${target.kind}:${target.identifier}`, capability as CapabilityName);
  const settings: Setting[] = [];
  for (const p of product.thingModel.properties) {
    const capability = covered.get(`property:${p.identifier}`);
    settings.push({
      kind: 'property',
      identifier: p.identifier,
      name: p.name,
      ...(capability ? { capability } : {}),
      writable: p.accessMode === 'rw',
      concepts: conceptsOf('property', p.name, p.identifier),
      ...ownPhrases(p.name, p.identifier),
      dataType: p.dataType,
      ...(p.dataType.type === 'enum' ? { options: optionsOf(p.dataType.specs) } : {}),
      guarded: isGuarded(p.name, p.identifier),
    });
  }
  for (const s of product.thingModel.services) {
    const capability = covered.get(`service:${s.identifier}`);
    settings.push({
      kind: 'service',
      identifier: s.identifier,
      name: s.name,
      ...(capability ? { capability } : {}),
      writable: true,
      concepts: conceptsOf('service', s.name, s.identifier),
      ...ownPhrases(s.name, s.identifier),
      inputs: s.inputData,
      guarded: isGuarded(s.name, s.identifier),
    });
  }
  return settings;
}
