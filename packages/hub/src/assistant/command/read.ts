/**
 * Read a request as a command (model.ts): the recogniser's intent and slots when a sentence matched,
 * completed from the words themselves — every target named ("the lamp and the printer"), what is
 * excepted, a relative or extreme value, a reference to the previous request, a correction, and the
 * words that name something the home does not have (kept, so that resolution never widens them).
 */
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';
import { readNumber } from '../nlu/numbers.js';
import type { Recognition, Span } from '../nlu/recognizer.js';
import { kindIn } from './kinds.js';
import type { Action, Command, Property, Target, Value } from './model.js';
import { LIGHT_WORDS, type Phrases, phrases } from './phrases.js';
import { findLockRequest, type LockRequest } from './read-lock.js';
import { type FoundTask, findTask, kindSpans } from './read-task.js';
import { taskGlue, taskObjects, taskSpecs, taskWords } from './tasks.js';

/** What the reader is given: the utterance's words, what the recogniser found in them, and its vocabulary. */
export interface ReadInput {
  /** Targets are read from this word on (what a correction replaced comes before it). */
  from?: number;
  language: Language;
  tokens: string[];
  spans: Span[];
  recognition: Recognition | null;
  /** Words the language's grammar knows (anything else may be a name the home does not have). */
  vocabulary: ReadonlySet<string>;
  /** "Don't turn on…": a negated request is never carried out. */
  negated: boolean;
  /** Words a task took ("brew", "the lawn" of "mow the lawn"): known, and no name or place. */
  claimed?: ReadonlySet<number>;
}

const fromIntent: Record<string, Action> = {
  'device.turn_on': 'turn_on',
  'device.turn_off': 'turn_off',
  'device.set_brightness': 'set',
  'device.set_temperature': 'set',
  'device.set_position': 'set',
  'device.set_fan_speed': 'set',
  'vacuum.start': 'start',
  'vacuum.pause': 'pause',
  'vacuum.dock': 'dock',
};
const intentProperty: Record<string, Property> = {
  'device.set_brightness': 'brightness',
  'device.set_temperature': 'temperature',
  'device.set_position': 'position',
  'device.set_fan_speed': 'fanSpeed',
};

/** Where each phrase of a list occurs (longest phrase at a position). */
function find(tokens: readonly string[], list: readonly string[][]): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    let best = 0;
    for (const phrase of list)
      if (phrase.length > best && phrase.every((w, k) => tokens[i + k] === w)) best = phrase.length;
    if (best) {
      out.push({ start: i, end: i + best });
      i += best - 1;
    }
  }
  return out;
}
const has = (tokens: readonly string[], list: readonly string[][]) => find(tokens, list).length > 0;

function unitAt(
  tokens: readonly string[],
  at: number,
  p: Phrases,
): { unit?: 'percent' | 'degrees'; end: number } {
  for (const [unit, list] of [
    ['percent', p.percent],
    ['degrees', p.degrees],
  ] as const)
    for (const phrase of list)
      if (phrase.every((w, k) => tokens[at + k] === w)) return { unit, end: at + phrase.length };
  return { end: at };
}

/** The first number said (with its unit), outside words that only look like numbers ("a bit", "一点"). */
function number(
  tokens: readonly string[],
  language: Language,
  p: Phrases,
  skip: ReadonlySet<number>,
): { amount: number; unit?: 'percent' | 'degrees'; start: number; end: number } | null {
  for (let i = 0; i < tokens.length; i++) {
    if (skip.has(i)) continue;
    const percentFirst =
      language === 'zh' && tokens[i] === '百' && tokens[i + 1] === '分' && tokens[i + 2] === '之';
    const at = percentFirst ? i + 3 : i;
    const n = readNumber(tokens, at, language);
    if (!n) continue;
    // An article read as one ("a notch", "un po'") is no number anyone said.
    if (n.value === 1 && !/\d/.test(tokens[at] ?? '') && !percentFirst) continue;
    const { unit, end } = percentFirst ? { unit: 'percent' as const, end: n.end } : unitAt(tokens, n.end, p);
    // "21度半", "22 gradi e mezzo", "22 degrees and a half": the half after the unit.
    const half = unit ? halfAfter(tokens, end, language) : 0;
    return {
      amount: n.value + (half ? 0.5 : 0),
      ...(unit ? { unit } : {}),
      start: i,
      end: end + half,
    };
  }
  return null;
}

const HALVES: Record<Language, string[][]> = {
  en: [['and', 'a', 'half']],
  it: [
    ['e', 'mezzo'],
    ['e', 'mezza'],
  ],
  fr: [
    ['et', 'demi'],
    ['et', 'demie'],
  ],
  zh: [['半']],
};
/** How many words of "and a half" stand at `at` (0 when none). */
function halfAfter(tokens: readonly string[], at: number, language: Language): number {
  return HALVES[language].find((h) => h.every((w, k) => tokens[at + k] === w))?.length ?? 0;
}

const HALF_WORDS = new Set(['half', 'mezzo', 'mezza', 'demi', 'demie', '半']);
/** "Half a degree", "mezzo grado", "un demi-degré", "半度": half of the unit said. */
function halfOfUnit(
  tokens: readonly string[],
  p: Phrases,
  from: number,
): { amount: number; unit?: 'percent' | 'degrees'; start: number; end: number } | null {
  for (let i = from; i < tokens.length; i++) {
    if (!HALF_WORDS.has(tokens[i] as string)) continue;
    const at = tokens[i + 1] === 'a' || tokens[i + 1] === 'un' ? i + 2 : i + 1;
    const { unit, end } = unitAt(tokens, at, p);
    if (unit) return { amount: 0.5, unit, start: i, end };
  }
  return null;
}

/**
 * The number said, after the last correction when one follows it ("23, no, 22", "al 30 per cento,
 * anzi no, al 50", "30 percent, sorry, make that 50"); a unit said only before the correction holds.
 */
function numberSaid(
  tokens: readonly string[],
  language: Language,
  p: Phrases,
  skip: ReadonlySet<number>,
): { amount: number; unit?: 'percent' | 'degrees'; start: number; end: number } | null {
  const first = number(tokens, language, p, skip) ?? halfOfUnit(tokens, p, 0);
  if (!first) return null;
  const corrections = find(tokens, p.correction).filter((m) => m.start >= first.end);
  const last = corrections[corrections.length - 1];
  if (!last) return first;
  const after = new Set(skip);
  for (let k = 0; k < last.end; k++) after.add(k);
  const later = number(tokens, language, p, after) ?? halfOfUnit(tokens, p, last.end);
  if (!later) return first;
  return { ...later, ...(later.unit || !first.unit ? {} : { unit: first.unit }) };
}

const ABSOLUTE_BEFORE = new Set(['to', 'at', 'a', 'al', 'alla', 'au', 'sur', '到', '成', '为']);

function readValue(tokens: readonly string[], language: Language, p: Phrases): Value | undefined {
  const phraseWords = new Set<number>();
  for (const list of [p.bit, p.notch, p.reference, p.half, p.both])
    for (const m of find(tokens, list)) for (let k = m.start; k < m.end; k++) phraseWords.add(k);
  const n = numberSaid(tokens, language, p, phraseWords);
  // "Up in the attic", "down in the cellar": a place, not a direction.
  const directed = (list: string[][]) =>
    find(tokens, list).some(
      (m) => !(['up', 'down'].includes(tokens[m.start] ?? '') && p.locative.has(tokens[m.end] ?? '')),
    );
  const up = directed(p.up);
  const down = directed(p.down);
  if (has(tokens, p.half) && !n) return { kind: 'extreme', which: 'half' };
  if (has(tokens, p.max)) return { kind: 'extreme', which: 'max' };
  if (has(tokens, p.min)) return { kind: 'extreme', which: 'min' };
  if (up !== down && !(n && ABSOLUTE_BEFORE.has(tokens[n.start - 1] ?? ''))) {
    const direction = up ? 1 : -1;
    if (n)
      return {
        kind: 'relative',
        direction,
        size: 'amount',
        amount: n.amount,
        ...(n.unit ? { unit: n.unit } : {}),
      };
    const notch = has(tokens, p.notch);
    // "Lower the blinds" with no "a bit": a cover goes all the way (resolve.ts decides by the device).
    const bare = !notch && !has(tokens, p.bit);
    return { kind: 'relative', direction, size: notch ? 'step' : 'bit', ...(bare ? { bare } : {}) };
  }
  if (n) return { kind: 'absolute', amount: n.amount, ...(n.unit ? { unit: n.unit } : {}) };
  return undefined;
}

/** The property the words name, outside the names and kinds heard ("the Warm lamp" names no temperature). */
function readProperty(
  tokens: readonly string[],
  p: Phrases,
  spans: readonly Span[] = [],
): Property | undefined {
  const named = new Set<number>();
  for (const s of spans)
    if (s.slot === 'name' || s.slot === 'category') for (let k = s.start; k < s.end; k++) named.add(k);
  const free = tokens.map((t, i) => (named.has(i) ? '' : t));
  // The longest word wins: 亮度 is brightness although its 度 alone would be degrees.
  let best: { property: Property; length: number } | undefined;
  for (const property of [
    'temperature',
    'brightness',
    'position',
    'fanSpeed',
    'colorTemperature',
    'humidity',
    'oscillation',
  ] as const)
    for (const phrase of p.properties[property])
      if (phrase.length > (best?.length ?? 0) && find(free, [phrase]).length > 0)
        best = { property, length: phrase.length };
  return best?.property;
}

function readVerb(tokens: readonly string[], p: Phrases): Action | undefined {
  let best: { action: Action; length: number; at: number } | undefined;
  // "Turn them off": a verb that says what to do beats one that only says "change" ("turn", "set").
  const rank = (a: Action) => (a === 'set' ? 1 : 0);
  // "spegnile", "accendila": a verb carrying its object is still that verb.
  const bare = tokens.map((t) => {
    for (const c of p.clitics)
      for (const { phrase } of p.verbs)
        if (
          phrase.length === 1 &&
          (t === `${phrase[0]}${c}` || t === `${(phrase[0] as string).replace(/e$/, '')}${c}`)
        )
          return phrase[0] as string;
    return t;
  });
  for (const { action, phrase } of p.verbs)
    for (const m of find(bare, [phrase]))
      if (
        !best ||
        rank(action) < rank(best.action) ||
        (rank(action) === rank(best.action) &&
          (m.start < best.at || (m.start === best.at && phrase.length > best.length)))
      )
        best = { action, length: phrase.length, at: m.start };
  return best?.action;
}

/** Whether the words point back at the previous request: "it", "them", "mettila", "它". */
function refers(tokens: readonly string[], p: Phrases, spans: readonly Span[]): boolean {
  if (spans.length > 0) return false;
  if (has(tokens, p.reference)) return true;
  // "mets-la à 30 %", "la metto al 30": la/le/les is the object when no noun follows it.
  const valueNext = (t: string | undefined) =>
    t === undefined ||
    ABSOLUTE_BEFORE.has(t) ||
    /^\d/.test(t) ||
    p.glue.has(t) ||
    has([t], [...p.max, ...p.min, ...p.half, ...p.bit, ...p.correction]);
  if (tokens.some((t, i) => p.clitics.includes(t) && i > 0 && valueNext(tokens[i + 1]))) return true;
  const stems = p.verbs.flatMap((v) => (v.phrase.length === 1 ? [v.phrase[0] as string] : []));
  const withClitic = (t: string) =>
    p.clitics.some(
      (c) => t.endsWith(c) && stems.some((s) => t === s + c || t === `${s.replace(/e$/, '')}${c}`),
    );
  return (
    tokens.some(withClitic) ||
    [...p.up, ...p.down].some(
      (ph) => ph.length === 1 && tokens.some((t) => p.clitics.some((c) => t === `${ph[0]}${c}`)),
    )
  );
}

/**
 * Targets from the spans: one per stretch between "and"/"except", kinds and places joined. What is
 * excepted: the stretches after "except" up to "the others" ("除了床头灯，其他灯都打开"), and, after
 * the verb, what a negation follows ("关掉所有的灯，厨房的别关") or introduces ("…, but not the fan").
 */
function readTargets(input: ReadInput, p: Phrases, verbAt: number): { targets: Target[]; except: Target[] } {
  const { tokens, spans } = input;
  const ands = find(tokens, p.and).map((m) => m.start);
  const excepts = find(tokens, p.except)
    .map((m) => m.start)
    .filter((at) => at >= (input.from ?? 0));
  const others = find(tokens, p.others).map((m) => m.start);
  const ranges: Array<[number, number]> = [];
  const exceptAt = excepts[0];
  if (exceptAt !== undefined)
    ranges.push([exceptAt, others.find((o) => o > exceptAt) ?? Number.POSITIVE_INFINITY]);
  // "厨房的别关", "小夜灯不要开": in Chinese the negation comes after what it leaves out.
  const extraCuts: number[] = [];
  if (input.language === 'zh')
    for (const n of find(tokens, p.negation)) {
      let before = n.start - 1;
      while (before >= 0 && p.glue.has(tokens[before] as string)) before--;
      const span = spans.find((s) => s.end === before + 1 && s.start > verbAt);
      // A cut just before the span: it starts a stretch of its own.
      if (span) {
        ranges.push([span.start - 0.5, n.start]);
        extraCuts.push(span.start - 0.5);
      }
    }
  // "…, ma la lampada d'atmosfera lasciala accesa", "氛围灯留着": what stands before a "keep" is left out.
  for (const k of find(tokens, p.keep)) {
    if (k.start <= verbAt) continue;
    let before = k.start - 1;
    while (before >= 0 && p.glue.has(tokens[before] as string)) before--;
    const span = spans.find((s) => s.end === before + 1 && s.start > verbAt);
    if (!span) continue;
    // "乐乐的月亮灯留着": the place said with the name is left out with it.
    let owner = span.start - 1;
    while (owner >= 0 && p.glue.has(tokens[owner] as string)) owner--;
    const place = spans.find((s) => s.slot === 'area' && s.end === owner + 1 && s.start > verbAt);
    const from = (place ?? span).start - 0.5;
    ranges.push([from, k.start]);
    extraCuts.push(from);
  }
  // "the hall light, the floor lamp and the AC": commas are not heard, so a second name starts a new target.
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  const plain = [...new Set([...ands, ...excepts, ...others])];
  ordered.forEach((span, k) => {
    const before = ordered[k - 1];
    // Only a name after a name: "più luce dalla plafoniera" is the ceiling light, not every light.
    if (!before || span.slot !== 'name' || before.slot !== 'name') return;
    if (plain.some((c) => c > before.start && c < span.start)) return;
    extraCuts.push(span.start - 0.5);
  });
  const cuts = [...new Set([...plain, ...extraCuts])].sort((a, b) => a - b);
  const stretch = (pos: number) => cuts.filter((c) => c < pos).length;
  const groups = new Map<number, Target>();
  for (const span of spans) {
    const key = stretch(span.start);
    const target = groups.get(key) ?? {};
    if (span.slot === 'name' && !target.name) {
      const ids = (Array.isArray(span.value) ? span.value : [span.value]) as string[];
      target.name = { ids, text: span.text, ...(span.edits > 0 ? { misheard: true } : {}) };
    } else if (span.slot === 'category' && !target.kind)
      target.kind = { value: String(span.value), text: span.text };
    else if (span.slot === 'area' && !target.area)
      target.area = {
        id: String(span.value),
        text: span.text,
        ...(span.edits > 0 ? { misheard: true as const } : {}),
      };
    groups.set(key, target);
  }
  const unknown = unknownWords(input, p);
  for (const u of unknown) {
    const key = stretch(u.at);
    const target = groups.get(key) ?? {};
    target.unknown = u.text;
    groups.set(key, target);
  }
  const targets: Target[] = [];
  const except: Target[] = [];
  let previous: Target | undefined;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const target = groups.get(key) as Target;
    // "the lights in the attic and the hallway": a place alone takes the kind said before it.
    if (target.area && !target.name && !target.kind && previous?.kind) target.kind = previous.kind;
    const cutBefore = key > 0 ? cuts[key - 1] : undefined;
    const excepted = cutBefore !== undefined && ranges.some(([a, b]) => cutBefore >= a && cutBefore < b);
    (excepted ? except : targets).push(target);
    previous = target;
  }
  return { targets, except };
}

/**
 * Words that name something the home does not have: unknown words right before a kind ("garage
 * light", "抬灯") or after a word for a place ("in the garage", "nel garage", "dans le garage").
 */
/** Which words are known: a name, place or kind heard, a word a task took, the grammar's words, a number. */
function knownWords(input: ReadInput, p: Phrases): (i: number) => boolean {
  const { tokens, spans, vocabulary, language } = input;
  const covered = new Set<number>();
  for (const s of spans) for (let k = s.start; k < s.end; k++) covered.add(k);
  // Chinese has no spaces: 掉 is known inside 关掉, not before 灯 in 掉灯 (吊灯 heard wrong).
  const explained = new Set<number>();
  if (language === 'zh')
    for (const m of find(tokens, p.known)) for (let k = m.start; k < m.end; k++) explained.add(k);
  // The words of a value the sentence matched ("高风", "modalità notte") are known too.
  const valueWords = Object.entries(input.recognition?.slots ?? {})
    .filter(([slot]) => !['name', 'area', 'category'].includes(slot))
    .map(([, v]) => tokenize(v.text))
    .filter((words) => words.length > 0);
  for (const m of find(tokens, valueWords))
    for (let k = m.start; k < m.end; k++) {
      covered.add(k);
      explained.add(k);
    }
  const objects = taskObjects(language);
  return (i: number) => {
    const t = tokens[i] as string;
    return (
      covered.has(i) ||
      input.claimed?.has(i) === true ||
      (language === 'zh' ? explained.has(i) : (vocabulary.has(t) && !objects.has(t)) || p.glue.has(t)) ||
      /^\d/.test(t) ||
      readNumber(tokens, i, language) !== null
    );
  };
}

function unknownWords(input: ReadInput, p: Phrases): Array<{ at: number; text: string }> {
  const { tokens, spans, language } = input;
  const verbs = p.verbs.flatMap((v) => find(tokens, [v.phrase]));
  const known = knownWords(input, p);
  const out: Array<{ at: number; text: string }> = [];
  const join = (words: string[]) => words.join(language === 'zh' ? '' : ' ');
  for (let i = input.from ?? 0; i < tokens.length; i++) {
    if (known(i)) continue;
    let end = i;
    while (end < tokens.length && !known(end)) end++;
    const run = tokens.slice(i, end);
    // "车库的灯", "the garage's light": little words may stand between the place and the kind.
    let next = end;
    while (
      next < tokens.length &&
      p.glue.has(tokens[next] as string) &&
      !p.locative.has(tokens[next] as string)
    )
      next++;
    // "阁楼的风扇" with no attic: a place the home does not have, said of a name, is not that device.
    const kindAfter = spans.find(
      (s) =>
        s.start === next &&
        (s.slot === 'category' || (language === 'zh' && s.slot === 'name' && tokens[next - 1] === '的')),
    );
    let before = i - 1;
    while (before >= 0 && p.glue.has(tokens[before] as string) && !p.locative.has(tokens[before] as string))
      before--;
    // "Switch the kettle on, I'm making tea": "on" closing a verb introduces no place.
    const verbAtBefore = (k: number) => verbs.some((m) => m.start <= k && m.end > k);
    // "…on out on the terrace": words before a place the home has are no place of their own.
    let after = end;
    while (
      after < tokens.length &&
      (p.glue.has(tokens[after] as string) || p.locative.has(tokens[after] as string))
    )
      after++;
    const areaAfter = spans.some((s) => s.start === after && s.slot === 'area');
    const placeBefore =
      before >= 0 && p.locative.has(tokens[before] as string) && !verbAtBefore(before) && !areaAfter;
    // "la chambre des enfants", "the kids' bedroom": a place the home has, made another by words it does not know.
    let back = i - 1;
    while (back >= 0 && (p.glue.has(tokens[back] as string) || p.locative.has(tokens[back] as string)))
      back--;
    const areaBefore = spans.find((s) => s.slot === 'area' && s.end === back + 1);
    const areaRightAfter = spans.find((s) => s.slot === 'area' && s.start === next);
    // "把油厅关了", "打开油厅": in Chinese the object of 把 or of a verb is a name, heard or not.
    const verbEndsAt = (k: number) => verbs.some((m) => m.end === k);
    const verbOrEnd = (k: number) => {
      let j = k;
      while (j < tokens.length && p.glue.has(tokens[j] as string)) j++;
      return j >= tokens.length || verbs.some((m) => m.start === j);
    };
    const object = language === 'zh' && (tokens[i - 1] === '把' || verbEndsAt(i)) && verbOrEnd(end);
    // "Switch off the TV in the sitting room": words the home does not know, right after the verb and
    // before a place or the end, are the thing asked for; acting on the place instead would widen it.
    let onward = end;
    while (
      onward < tokens.length &&
      p.glue.has(tokens[onward] as string) &&
      !p.locative.has(tokens[onward] as string)
    )
      onward++;
    const placeOrEnd =
      onward >= tokens.length ||
      p.locative.has(tokens[onward] as string) ||
      spans.some((s) => s.slot === 'area' && s.start === onward);
    const objectOfVerb = language !== 'zh' && before >= 0 && verbEndsAt(before + 1) && placeOrEnd;
    if (kindAfter) out.push({ at: i, text: join([...run, ...tokens.slice(end, kindAfter.end)]) });
    else if (object || objectOfVerb) out.push({ at: i, text: join(run) });
    // "乐乐房间的风山": after 的 the words are a thing of that place (a name heard wrong), not another place.
    else if (language === 'zh' && areaBefore && tokens.slice(areaBefore.end, i).includes('的'))
      out.push({ at: i, text: join(run) });
    else if (areaBefore && language !== 'en')
      out.push({ at: areaBefore.start, text: join(tokens.slice(areaBefore.start, end)) });
    else if (areaRightAfter && language === 'en')
      out.push({ at: i, text: join(tokens.slice(i, areaRightAfter.end)) });
    else if (placeBefore && spans.some((s) => s.slot !== 'area' && s.end <= i))
      out.push({ at: i, text: join(run) });
    i = end;
  }
  // "工坊的暖风机关一下": in Chinese what stands between a place's 的 and the verb is the thing asked for,
  // even when each of its characters is known elsewhere (暖 of warmth, 风 of a fan's speed).
  if (language === 'zh')
    for (const place of spans.filter((s) => s.slot === 'area' && tokens[s.end] === '的')) {
      const from = place.end + 1;
      let to = from;
      while (
        to < tokens.length &&
        !spans.some((s) => s.start <= to && s.end > to) &&
        !verbs.some((m) => m.start === to) &&
        !p.glue.has(tokens[to] as string)
      )
        to++;
      const words = tokens.slice(from, to);
      const property = Object.values(p.properties)
        .flat()
        .some((ph) => ph.join('') === words.join(''));
      if (words.length >= 2 && !property && !out.some((u) => u.at >= from && u.at < to))
        out.push({ at: from, text: join(words) });
    }
  return out;
}

const SWITCHING = new Set<Action>(['turn_on', 'turn_off', 'open', 'close', 'start', 'pause', 'dock']);

/** Whether a verb said beside a task asks for something else ("metti in pausa" is no start). */
function against(verb: Action | undefined, action: Action): boolean {
  if (verb === undefined || verb === 'set' || verb === action) return false;
  const starting = new Set<Action>(['start', 'turn_on']);
  return !(starting.has(verb) && starting.has(action));
}

/**
 * A request that names a task (tasks.ts): its devices are those named, else the home's devices of
 * the task's kind ("make me a coffee"); a place is where the work goes for a vacuum, and narrows the
 * kind otherwise. Null when the words ask for something else, so the ordinary reading takes over.
 */
function readTask(input: ReadInput, found: FoundTask, p: Phrases, verbAt: number): Command | null {
  const spec = taskSpecs[found.name];
  const { tokens, language } = input;
  const blank = tokens.map((t, i) => (found.claimed.has(i) ? '' : t));
  const verb = readVerb(blank, p);
  if (against(verb, spec.action)) return null;
  const spans = taskFree(input.spans, found);
  // "Turn on the lamp and make me a coffee": a switching verb of its own for devices of another kind
  // is a request of its own (the ordinary reading's), not the task's devices.
  const ofTheKind = (s: Span) =>
    s.slot === 'area' || (s.slot === 'category' ? s.value === spec.kind : kindIn(s.text) === spec.kind);
  if (spec.kind && verb !== undefined && verb !== 'set' && !spans.every(ofTheKind)) return null;
  const claimed = new Set([...found.claimed].filter((k) => !spans.some((s) => k >= s.start && k < s.end)));
  const first = Math.min(...found.claimed);
  const last = Math.max(...found.claimed);
  // "Don't make me a coffee", "不要煮咖啡", "le linge ne sèche pas": a task negated is never carried out.
  // English says it inside a word too: "the washing won't dry", "it isn't mowing".
  const contracted = tokens.flatMap((t, i) =>
    t.endsWith("n'") && tokens[i + 1] === 't' ? [{ start: i }] : [],
  );
  if ([...find(tokens, p.negation), ...contracted].some((n) => n.start < first || n.start <= last + 1))
    return null;
  // "Mets le déshumidificateur en vitesse rapide, je veux sécher le linge": a value said is the request.
  const taken = new Set([...found.claimed].map((k) => tokens[k]));
  const valueSlot = ['brightness', 'temperature', 'position', 'fan_speed', 'mode', 'color', 'warmth'].some(
    (k) => {
      const slot = input.recognition?.slots[k];
      return slot !== undefined && !tokenize(slot.text).every((t) => taken.has(t));
    },
  );
  const heard: ReadInput = { ...input, spans, claimed };
  const { targets, except } = readTargets(heard, p, verbAt);
  if (targets.length === 0 && refers(blank, p, spans)) targets.push({ reference: true });
  // "Send Rex out to mow the lawn", "roll out the pergola": words the home does not know before the
  // task, or right after its verb, name who or what is to do it.
  if (!targets.some((t) => t.name || t.reference || t.unknown)) {
    const known = knownWords(heard, p);
    const little = taskGlue(language);
    const strange = (i: number) => {
      const t = tokens[i] as string;
      return !known(i) && !little.has(t) && (language === 'zh' || (!t.endsWith("'") && t.length > 1));
    };
    const unknown = tokens.map((_, i) => i).filter((i) => i < first && strange(i));
    if (found.verbEnd !== undefined && language !== 'zh') {
      let at = found.verbEnd;
      while (at < tokens.length && !found.claimed.has(at) && p.glue.has(tokens[at] as string)) at++;
      while (at < tokens.length && strange(at)) unknown.push(at++);
    }
    if (unknown.length > 0)
      targets.push({ unknown: unknown.map((i) => tokens[i]).join(language === 'zh' ? '' : ' ') });
  }
  const said = readValue(blank, language, p);
  const named = targets.some((t) => t.name || t.reference || t.kind || t.unknown);
  // "Power up the heater to 22" or "warm the towel rail to 50 degrees" is a value for the device
  // named: the ordinary reading's. Said of a task alone ("un caffè forte") it is about the task.
  const cover = spec.action === 'open' || spec.action === 'close';
  if (!cover && named && (said || valueSlot)) return null;
  if (spec.namedOnly && !named) return null;
  let where: Command['where'];
  for (const target of targets) {
    if (!target.area || target.name || target.kind || target.unknown || target.reference) continue;
    if (spec.lights) target.kind = { value: 'light', text: found.text };
    else if (spec.where && !where) where = target.area;
    else if (spec.kind) target.kind = { value: spec.kind, text: found.text };
  }
  const kept = where ? targets.filter((t) => t.area?.id !== where?.id || t.kind || t.name) : targets;
  if (kept.length === 0) {
    if (spec.lights) kept.push({ kind: { value: 'light', text: found.text } });
    else if (spec.kind) kept.push({ kind: { value: spec.kind, text: found.text }, implied: true });
    // "Power up" with nothing named: nothing is guessed.
    else return null;
  }
  // "Tira fuori un pochino la tenda da sole": a little of the way, not all of it.
  const little = p.bit.filter((phrase) => phrase.join('') !== '一下');
  const value =
    cover && !said && has(blank, little)
      ? ({ kind: 'relative', direction: spec.action === 'open' ? 1 : -1, size: 'bit' } as const)
      : cover
        ? said
        : undefined;
  return {
    action: value?.kind === 'relative' ? 'adjust' : spec.action,
    ...(value ? { value } : {}),
    targets: kept,
    except,
    task: found.name,
    ...(where ? { where } : {}),
    language,
  };
}

/** The spans a task leaves: none over its words, but a name that is its object ("passa l'aspirapolvere" to a vacuum called so). */
function taskFree(spans: Span[], found: FoundTask): Span[] {
  const isObject = (s: Span) => found.objects.some((o) => o.start === s.start && o.end === s.end);
  const overlaps = (s: Span) => [...found.claimed].some((k) => k >= s.start && k < s.end);
  return spans.filter((s) => !overlaps(s) || (s.slot === 'name' && isObject(s)));
}

/** Intents whose words a task must not take ("set a coffee timer", "fai partire un timer bucato"). */
const NOT_TASKS = /^(timer|time)\./;

const LEAVE: Record<Language, ReadonlySet<string>> = {
  en: new Set(['leave']),
  it: new Set(['lascia', 'lasciate', 'lasciala', 'lascialo', 'lasciali', 'lasciale']),
  fr: new Set(['laisse', 'laissez']),
  zh: new Set(['保持']),
};

const AGAIN: Partial<Record<Language, string[]>> = { it: ['ri', 'r'], fr: ['re', 'r'] };

/** "Richiudile", "referme", "rallume": a verb said again is that verb (its object still attached). */
function withoutAgain(token: string, p: Phrases, language: Language): string {
  const prefixes = AGAIN[language];
  if (!prefixes) return token;
  const verbs = p.verbs.filter((v) => v.phrase.length === 1).map((v) => v.phrase[0] as string);
  const isVerb = (t: string) =>
    verbs.some(
      (v) => t === v || p.clitics.some((c) => t === `${v}${c}` || t === `${v.replace(/e$/, '')}${c}`),
    );
  if (isVerb(token)) return token;
  for (const prefix of prefixes) {
    const rest = token.slice(prefix.length);
    if (token.startsWith(prefix) && rest.length > 2 && isVerb(rest)) return rest;
  }
  return token;
}

/** A device's own fan, said after its name ("the heat pump fan"). */
const FAN_PART: Record<Language, ReadonlySet<string>> = {
  en: new Set(['fan', 'blower']),
  it: new Set(['ventola', 'ventilazione']),
  fr: new Set(['ventilation', 'soufflerie']),
  zh: new Set(['风扇', '风']),
};

/** Corrections that never replace a target: "不是卧室的" leaves the bedroom out, it does not ask for it. */
const NOT_A_TARGET_CORRECTION = new Set(['不', '不是', '还是']);

/** Where the targets named after a correction start, when something was named before it too. */
function targetCorrection(tokens: readonly string[], spans: readonly Span[], p: Phrases): number | undefined {
  const first = Math.min(...spans.map((s) => s.start));
  // "哦不是，是天窗帘": 不是 followed by 是 puts the right one in place of the first.
  const instead = tokens.findIndex(
    (t, i) => t === '是' && i > first && tokens[i - 1] === '是' && tokens[i - 2] === '不',
  );
  if (instead > 0 && spans.some((s) => s.start > instead)) return instead + 1;
  const at = find(tokens, p.correction)
    .filter(
      (m) =>
        m.start > first &&
        !NOT_A_TARGET_CORRECTION.has(tokens.slice(m.start, m.end).join('')) &&
        spans.some((s) => s.start >= m.end && s.slot !== 'area'),
    )
    .pop();
  return at?.end;
}

/**
 * A correction that names only a place ("…sorry, I mean the dining room one", "…anzi, quella della
 * sala da pranzo"): the kind said before (a light, when a light was named) in that place.
 */
function placeCorrection(
  tokens: readonly string[],
  spans: readonly Span[],
  p: Phrases,
): { spans: Span[]; from: number } | undefined {
  const first = Math.min(...spans.map((s) => s.start));
  const at = find(tokens, p.correction)
    .filter((m) => m.start > first && !NOT_A_TARGET_CORRECTION.has(tokens.slice(m.start, m.end).join('')))
    .pop();
  if (!at) return undefined;
  const after = spans.filter((s) => s.start >= at.end);
  const place = after[0];
  if (after.length !== 1 || place?.slot !== 'area' || place.edits > 0) return undefined;
  const before = spans.filter((s) => s.end <= at.start);
  const kind = before.find((s) => s.slot === 'category');
  const light = before.some((s) => s.slot === 'name' && LIGHT_WORDS.test(s.text));
  if (!kind && !light) return undefined;
  const said: Span = kind
    ? { ...kind, start: place.start, end: place.start }
    : { slot: 'category', value: 'light', text: 'light', start: place.start, end: place.start, edits: 0 };
  return { spans: [said, place], from: at.end };
}

/**
 * "Turn on the porch light… actually no, never mind", "打开门廊灯……算了，不用开了", "别动它": a request
 * taken back after its verb, with nothing named after the taking back. In Chinese a name right before
 * 别动 is what is left out ("门廊灯别动"), not a withdrawal.
 */
export function withdrawn(tokens: readonly string[], spans: readonly Span[], language: Language): boolean {
  const p = phrases(language);
  // "Leave the compressor off", "lascia spento il compressore", "laisse le compresseur éteint": keep as it is.
  const states = new Set(['on', 'off']);
  const saidVerbs = p.verbs.flatMap((v) => find(tokens, [v.phrase]));
  if (
    LEAVE[language].has(tokens[0] ?? '') &&
    !saidVerbs.some((m) => !(m.end - m.start === 1 && states.has(tokens[m.start] ?? '')))
  )
    return true;
  // "Baisse le rideau, ah non attends": a cover's up or down is its verb.
  // "烧个水吧，哦算了": a task's verb ("boil", "brew") is taken back the same way.
  const tasks = taskWords(language).flatMap((t) => [...t.verbs, ...t.makers]);
  const verbs = [...p.verbs.map((v) => v.phrase), ...p.up, ...p.down, ...tasks].flatMap((phrase) =>
    find(tokens, [phrase]),
  );
  if (verbs.length === 0) return false;
  const afterVerb = Math.min(...verbs.map((m) => m.end));
  return find(tokens, p.cancel).some((c) => {
    if (c.start < afterVerb) return false;
    // A place heard only close in spelling ("cuisiner" for "cuisine") names nothing after it.
    if (
      spans.some((s) => s.start >= c.end && s.edits === 0) ||
      tokens.slice(c.end).some((t) => /^\d/.test(t))
    )
      return false;
    let before = c.start - 1;
    while (before >= 0 && p.glue.has(tokens[before] as string)) before--;
    return !(language === 'zh' && spans.some((s) => s.end === before + 1));
  });
}

/**
 * Words for "everything" that say the whole home with nothing else named: not 都 or 全 alone, which in
 * "还是都关了吧" mean the devices just switched ("them all").
 */
function wholeHome(p: Phrases, language: Language): string[][] {
  return language === 'zh'
    ? p.everything.filter((w) => w.join('') !== '都' && w.join('') !== '全')
    : p.everything;
}

/**
 * A request for locks as a command: its doors become targets of the lock category, each with the
 * words that tell it apart; "lock up" names nothing and is every lock. A negated one is declined.
 */
function lockCommand(input: ReadInput & { spans: Span[] }, lock: LockRequest, p: Phrases): Command {
  const { language, tokens } = input;
  const base = { action: lock.action, language };
  if (lock.declined) return { ...base, targets: [], except: [], declined: true };
  if (lock.action === 'unlock') return { ...base, targets: [], except: [] };
  const doors = lock.doors.map((d) => d.span);
  const spans = [
    ...input.spans.filter(
      (s) =>
        !(s.slot === 'category' && s.value === 'lock') &&
        !doors.some((d) => d.start < s.end && s.start < d.end),
    ),
    ...doors,
  ].sort((a, b) => a.start - b.start);
  const { targets, except } = readTargets({ ...input, spans }, p, lock.verb.start);
  for (const target of [...targets, ...except]) {
    const door = lock.doors.find(
      (d) => target.kind?.value === 'lock' && d.span.text === target.kind.text,
    )?.door;
    if (door) target.door = door;
  }
  if (targets.length === 0 && refers(tokens, p, spans)) targets.push({ reference: true });
  return {
    ...base,
    targets,
    except,
    ...(has(tokens, p.everything) ? { everything: true } : {}),
  };
}

/** Read a request as a command; null when it is not a request for devices. */
export function readCommand(given: ReadInput): Command | null {
  const p = phrases(given.language);
  const heard = {
    ...given,
    tokens: given.tokens.map((t) => withoutAgain(t, p, given.language)),
    // "Nineteen and a half": "half" only close in spelling to a place ("hall") is the number's.
    spans: given.spans.filter(
      (s) => !(s.edits > 0 && s.end - s.start === 1 && HALF_WORDS.has(given.tokens[s.start] ?? '')),
    ),
  };
  const { recognition, tokens, language } = heard;
  // "Switch off every light": a kind word that opens the request as its verb is the verb.
  const verbs = p.verbs.flatMap((v) => find(tokens, [v.phrase]));
  const first = Math.min(...heard.spans.map((s) => s.start));
  // "The fan speed of Breeze": a kind word inside a longer property word names no device.
  const propertyWords = Object.values(p.properties).flatMap((list) => find(tokens, list));
  const filtered: ReadInput = {
    ...heard,
    spans: heard.spans.filter(
      (s) =>
        !(
          s.slot === 'category' &&
          propertyWords.some((m) => m.start <= s.start && m.end >= s.end && m.end - m.start > s.end - s.start)
        ) &&
        !(
          s.slot === 'category' &&
          s.start === first &&
          verbs.some((m) => m.start <= s.start && m.end > s.start) &&
          !verbs.some((m) => m.end <= s.start)
        ),
    ),
  };
  // "The coffee machine", "il tosaerba": appliance kinds no category tells apart.
  const input: ReadInput & { spans: Span[] } = {
    ...filtered,
    spans: [...filtered.spans, ...kindSpans(tokens, filtered.spans, language)].sort(
      (a, b) => a.start - b.start,
    ),
  };
  // "温度调" heard as 温度计, "dock" as "deck": a name only close in spelling that holds a verb or a
  // property word is those words, not the device.
  const commandWords = [
    ...p.verbs.map((v) => v.phrase),
    // Whole property words only: 热 alone is in 热水器 as much as in 热一点.
    ...Object.values(p.properties)
      .flat()
      .filter((words) => words.join('').length > 1 && (language !== 'zh' || words.length > 1)),
  ];
  input.spans = input.spans.filter(
    (span) =>
      !(
        span.slot === 'name' &&
        span.edits > 0 &&
        find(tokens, commandWords).some((m) => m.start < span.end && m.end > span.start)
      ),
  );
  // "The heat pump fan", "the air con fan": a fan said right after a name, of a speed, is that device's fan.
  if (recognition?.intent === 'device.set_fan_speed' || has(tokens, p.properties.fanSpeed))
    input.spans = input.spans.filter((span, k) => {
      const before = input.spans[k - 1];
      return !(
        span.slot !== 'area' &&
        before?.slot === 'name' &&
        before.end === span.start &&
        FAN_PART[language].has(span.text)
      );
    });
  // "Close the roof blinds, no wait, I mean the blackout blind": what is named after a correction replaces what came before it.
  const corrected = targetCorrection(tokens, input.spans, p);
  if (corrected !== undefined) {
    input.spans = input.spans.filter((s) => s.start >= corrected);
    input.from = corrected;
  } else {
    // "Turn off the kitchen light, sorry, I mean the dining room one": the same kind, in the place said now.
    const moved = placeCorrection(tokens, input.spans, p);
    if (moved) {
      input.spans = moved.spans;
      input.from = moved.from;
    }
  }
  // Locks: "lock the front door", "锁门"; unlocking by voice is asked for, never done (resolve.ts).
  // A question about them ("did I lock the door?") is the sentence's.
  const lock = /^device\.query/.test(recognition?.intent ?? '')
    ? null
    : findLockRequest(tokens, input.spans, p, language, input.from);
  if (lock) return lockCommand(input, lock, p);
  // A negation before the verb negates the request ("don't turn on…", "别开灯"): never carried out.
  // One after it leaves something out ("…, but not the fan", "厨房的别关"), read below as "except".
  const verbAt = Math.min(...verbs.map((m) => m.start));
  const negationAt = find(tokens, p.negation)[0]?.start;
  if (input.negated && (!Number.isFinite(verbAt) || negationAt === undefined || negationAt < verbAt))
    return null;
  // "No need to run the sprinkler today": a negation of this language's own words before the verb.
  if (
    negationAt !== undefined &&
    Number.isFinite(verbAt) &&
    negationAt < verbAt &&
    tokens[negationAt] === 'no'
  )
    return null;
  const found = NOT_TASKS.test(recognition?.intent ?? '') ? null : findTask(tokens, input.spans, language);
  const tasked = found ? readTask(input, found, p, verbAt) : null;
  if (tasked) return tasked;
  // A task's words are no target of the ordinary reading ("…e fammi un caffè" turns off no coffee machine).
  if (found) input.spans = taskFree(input.spans, found);
  const intent = recognition?.intent;
  const fromSentence = intent !== undefined ? fromIntent[intent] : undefined;
  // Words inside a name, place or kind are no value: 升 in 升船机, 加 in 加湿器.
  const outsideNames = tokens.map((t, i) =>
    input.spans.some((s) => s.slot !== 'category' && s.start <= i && s.end > i) ? '' : t,
  );
  const said = readValue(outsideNames, language, p);
  // "Maximum brightness" may match a fan-speed sentence: a change of brightness or temperature is ours.
  const extremeWords = [...p.max, ...p.min, ...p.half, ...p.up, ...p.down].map((ph) => ph.join(' '));
  const slotIsExtreme = Object.values(recognition?.slots ?? {}).some((slot) =>
    extremeWords.some((w) => slot.text === w || slot.text.endsWith(` ${w}`)),
  );
  // A colour temperature in kelvin is ours as well ("set the colour temperature of the lamp to 3000").
  const namedProperty = readProperty(tokens, p, input.spans);
  // "One more notch", "un cran de plus": a step said alone is a change of what was just done, ours to read.
  const stepAlone = said?.kind === 'relative' && said.size !== 'bit' && input.spans.length === 0;
  const ours =
    said !== undefined &&
    (stepAlone ||
      (said.kind !== 'absolute' && (namedProperty !== undefined || slotIsExtreme)) ||
      (said.kind === 'absolute' && namedProperty === 'colorTemperature'));
  // A guess from loose words (no sentence matched whole) yields to a switching verb said with the
  // devices it names: "turn on the ceiling light, the night light and the fan" is no "night" mode.
  const early = readVerb(tokens, p) ?? (has(tokens, p.dark) ? 'turn_on' : undefined);
  const named = readTargets(input, p, verbAt).targets.length + (refers(tokens, p, input.spans) ? 1 : 0);
  const loose =
    recognition !== null && (recognition.confidence < 1 || recognition.intent.startsWith('system.'));
  const overruled =
    loose &&
    named >= (intent === 'device.query' ? 2 : 1) &&
    ((early !== undefined && SWITCHING.has(early)) ||
      // "Heat the kettle to 80 degrees": a number with its unit, said to a device, is no mode.
      (said?.kind === 'absolute' && said.unit !== undefined && intent !== 'device.query'));
  // Other requests the device handlers read better from the sentence's own slots.
  // "And the blinds as well", "e anche la tapparella", "还有窗帘": no verb, no value, only new targets.
  const followUp =
    early === undefined &&
    said === undefined &&
    named > 0 &&
    has(tokens, p.also) &&
    !refers(tokens, p, input.spans);
  // "算了，还是13度吧", "no, 22": a correction that carries a value, whatever the sentence matched ("算了" alone cancels).
  const correctsValue =
    said !== undefined && named === 0 && find(tokens, p.correction).some((m) => m.start <= 1);
  if (
    intent &&
    !fromSentence &&
    intent !== 'miniapp.open' &&
    !ours &&
    !overruled &&
    !followUp &&
    !correctsValue
  )
    return null;
  if (recognition?.slots.compartment) return null;
  const slot = ['brightness', 'temperature', 'position', 'fan_speed']
    .map((k) => recognition?.slots[k]?.value)
    .find((v) => typeof v === 'number' || typeof v === 'string');
  // "Spegni tutte e due le lampade": the two of "both" filled a number slot; it is no value.
  const bothAsNumber = slot === 2 && has(tokens, p.both);
  // "Su alta", "sur haute": the preposition before a speed word is no "up".
  const speedWord = typeof slot === 'string' && said?.kind === 'relative' && said.bare === true;
  let value: Value | undefined =
    (speedWord ? undefined : said) ??
    (bothAsNumber
      ? undefined
      : typeof slot === 'number'
        ? { kind: 'absolute', amount: slot }
        : typeof slot === 'string'
          ? { kind: 'word', word: slot }
          : undefined);
  const verb = readVerb(tokens, p) ?? (has(tokens, p.dark) ? 'turn_on' : undefined);
  // "Open the blinds a little", "稍微开一点": a step of the cover's way, not all of it.
  // In Chinese 开/关 are open and close as well as on and off.
  const opening =
    verb === 'open' || verb === 'close'
      ? verb
      : language === 'zh' && (verb === 'turn_on' || verb === 'turn_off')
        ? verb === 'turn_on'
          ? 'open'
          : 'close'
        : undefined;
  // "关一下", "开一下": 一下 softens the verb; it is no "a little" of the cover's way.
  const little = p.bit.filter((phrase) => phrase.join('') !== '一下');
  if (said === undefined && opening && has(tokens, little))
    value = { kind: 'relative', direction: opening === 'open' ? 1 : -1, size: 'bit' };
  const { targets, except } = readTargets(input, p, verbAt);
  if (input.negated && except.length === 0) return null;

  // "Sorry, I meant the towel warmer", "我是说毛巾架": only new targets after a correction, no verb, no value.
  const retarget =
    targets.length > 0 &&
    verb === undefined &&
    said === undefined &&
    targets.every((t) => !t.reference) &&
    find(tokens, p.correction).some((m) => m.start <= 2);
  if (retarget) return { action: 'turn_on', targets, except, retarget: true, language };
  // "Actually, turn them off": a switching verb said makes a new request about the same devices, not a correction.
  const correction =
    find(tokens, p.correction).some((m) => m.start <= 1) &&
    targets.length === 0 &&
    !(verb !== undefined && SWITCHING.has(verb));
  // "还是都关了吧": Chinese leaves "them" unsaid; 都 with a switch and nothing named is what was just done.
  const themAll =
    language === 'zh' &&
    targets.length === 0 &&
    verb !== undefined &&
    SWITCHING.has(verb) &&
    has(tokens, [['都']]);
  const reference = refers(tokens, p, input.spans) || correction || themAll;
  if (reference) targets.push({ reference: true });
  // "We're heading out, switch everything off", "全部关掉": the whole home, nothing named and nothing
  // pointed back at ("turn them all off" is what was just switched on).
  else if (
    targets.length === 0 &&
    verb === 'turn_off' &&
    said === undefined &&
    has(tokens, wholeHome(p, language))
  )
    targets.push({ all: true });
  // Nothing named but a value of a known kind ("set the heating to 19.5 degrees", "温度调高两度"):
  // resolution looks for the home's only device that can take it.
  const unit = value && 'unit' in value ? value.unit : undefined;
  // "Un peu plus fort" after a lamp was switched on: a change with no name is about what was just done.
  const unnamed =
    targets.length === 0 &&
    value !== undefined &&
    (readProperty(tokens, p, input.spans) !== undefined ||
      unit !== undefined ||
      (value.kind === 'relative' && (value.size !== 'bit' || !value.bare)));
  if (!fromSentence && targets.length === 0 && !unnamed) return null;
  if (followUp) return { action: 'turn_on', targets, except, followUp: true, language };
  if (!fromSentence && !verb && !value) return null;
  // A loose guess ("wait" read as pause) yields to a switching verb said: "turn on the sconce, no wait, the pendant".
  // Only a verb outside the names and kinds counts: 扫地 inside 扫地机 says no "start".
  const blanked = tokens.map((t, i) => (input.spans.some((s) => s.start <= i && s.end > i) ? '' : t));
  const free = readVerb(blanked, p);
  const saidVerb = loose && free !== undefined && SWITCHING.has(free) ? free : undefined;
  let action: Action = saidVerb ?? fromSentence ?? verb ?? 'set';
  // "Put Lena's lamp on at thirty percent", "allume le sauna à 70 degrés": on, and at that value.
  const switchOn =
    value !== undefined && value.kind !== 'relative' && (action === 'turn_on' || verb === 'turn_on');
  if (value?.kind === 'relative') action = 'adjust';
  else if (value && (action === 'turn_on' || action === 'turn_off') && value.kind !== 'extreme')
    action = 'set';
  else if (value?.kind === 'extreme' && (action === 'turn_on' || action === 'turn_off')) action = 'set';
  // "Abbassale al 10 per cento": a number said with a cover's verb sets what the device has.
  if ((action === 'open' || action === 'close') && value?.kind === 'absolute' && verb !== undefined)
    action = 'set';
  // "start Robby" is the vacuum's start, not power: the verb said wins over the sentence's guess.
  if (verb && ['start', 'pause', 'dock'].includes(verb) && (action === 'turn_on' || action === 'turn_off'))
    action = verb;
  if (
    verb &&
    (verb === 'open' || verb === 'close') &&
    (action === 'turn_on' || action === 'turn_off' || (action === 'set' && value?.kind === 'extreme'))
  )
    action = verb;
  // "Make the fan swing", "风扇关摇头", "stop the fan swinging": a swing is switched, off only by a verb that stops.
  if (readProperty(tokens, p, input.spans) === 'oscillation')
    action = ['turn_off', 'pause', 'close'].includes(action) ? 'turn_off' : 'turn_on';
  // "Make it cosy for reading": a change with no value said is not ours to guess (the LLM may).
  if (!fromSentence && (action === 'set' || action === 'adjust') && !value) return null;
  // The property the words name beats the one a sentence guessed ("吊扇调到4档" is a speed, not degrees).
  // A sentence's property is only a guess for a bare number ("set the radiator to 23" matched a
  // brightness sentence): then the device's own capability decides.
  const guessed = intent && !(value?.kind === 'absolute' && !unit) ? intentProperty[intent] : undefined;
  const property = unit === 'degrees' ? 'temperature' : (readProperty(tokens, p, input.spans) ?? guessed);
  // "Open the curtains" is position 100 on a cover and power on anything else; "halfway" stays a value.
  let kept = value;
  if (property === 'position' && action === 'set' && (verb === 'open' || verb === 'close')) {
    const whole = value?.kind === 'absolute' && (value.amount === 0 || value.amount === 100);
    if (value?.kind !== 'absolute' || whole) action = verb;
    if (whole) kept = undefined;
  }
  // The area a vacuum is sent to is where it cleans, not where it stands.
  let where: Command['where'];
  if (action === 'start') {
    const placed = targets.find((t) => t.area);
    if (placed?.area) {
      where = placed.area;
      if (!placed.name && !placed.kind) targets.splice(targets.indexOf(placed), 1);
      else delete placed.area;
    }
  }
  // "Start cleaning", "pause the cleaning": nothing named is the home's vacuum, never its mower.
  if (intent?.startsWith('vacuum.') && targets.length === 0 && ['start', 'pause', 'dock'].includes(action))
    targets.push({ kind: { value: 'vacuum', text: '' }, implied: true });
  return {
    action,
    ...(property ? { property } : {}),
    targets,
    except,
    ...(kept ? { value: kept } : {}),
    ...(switchOn && action === 'set' ? { switchOn: true } : {}),
    ...(correction ? { correction } : {}),
    ...(where ? { where } : {}),
    ...(has(heard.tokens, p.everything) ? { everything: true } : {}),
    ...(has(heard.tokens, p.both) ? { both: true } : {}),
    ...(targets.length > 0 && targets.every((t) => t.area && !t.name && !t.kind) && has(tokens, p.also)
      ? { alsoThere: true }
      : {}),
    language,
  };
}
