/**
 * The last resort before "I did not understand": read what was said as a frame instead of a
 * sentence. People put the same parts in any order and wrap them in words no template foresaw
 * ("living room lights at fifty percent please", "Robbie, lance le ménage"), so this pass finds
 * the parts anywhere — the device or place (names, areas, kinds), the value (a number and its
 * unit, a colour, a mode, a duration) and a few cue words per language (on, off, clean, timer,
 * how much...) — and decides the intent from which parts are there. It only answers when the
 * words it could not place are few, and with a lower confidence than a sentence match.
 */
import type { Language } from '../../errors/index.js';
import { isHan } from './normalize.js';

/** The cue words a language gives the frame reader, by meaning. */
export const cueNames = [
  'on',
  'off',
  'set',
  'brightness',
  'temperature',
  'percent',
  'degrees',
  'kelvin',
  'position',
  'open',
  'close',
  'fan',
  'clean',
  'start',
  'pause',
  'dock',
  'query',
  /** Words of a door lock's state: "locked", "chiusa a chiave", 上锁. */
  'lock',
  'battery',
  'timer',
  'cancel',
  'remaining',
  'help',
  'time',
  'date',
  'list',
  'half',
  'halfway',
  'negation',
  'stopword',
] as const;
export type CueName = (typeof cueNames)[number];
export type Cues = Partial<Record<CueName, string[][]>>;

/** A slot value found in the utterance, with where it was. */
export interface FoundValue {
  value: unknown;
  start: number;
  end: number;
  edits: number;
}

/** Reads one slot at a position (list values, numbers, durations), misheard names too when `fuzzy`. */
export type SlotReader = (slot: string, pos: number, fuzzy: boolean) => FoundValue[];

/** Slots whose values may be misheard (the home's own names). */
const FUZZY_SLOTS = ['name', 'area'] as const;

/** The slots the frame looks for, in the order they claim words. */
const ENTITY_SLOTS = [
  'name',
  'area',
  'compartment',
  'category',
  'attribute',
  'color',
  'warmth',
  'mode',
  'fan_speed',
] as const;
type EntitySlot = (typeof ENTITY_SLOTS)[number];

export interface FrameResult {
  intent: string;
  slots: Record<string, { value: unknown; start: number; end: number }>;
  edits: number;
}

interface Parts {
  entities: Partial<Record<EntitySlot, FoundValue>>;
  number?: FoundValue & { unit?: 'percent' | 'degrees' | 'kelvin' };
  duration?: FoundValue;
  cues: Map<CueName, number>;
  unexplained: number;
  tokens: number;
  /** Per word: the cue that explains it, if a cue does; and whether nothing but a guess explains it. */
  cueAt: Array<CueName | undefined>;
  free: boolean[];
}

function phraseAt(tokens: readonly string[], pos: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) if (tokens[pos + k] !== phrase[k]) return false;
  return true;
}

/** Find every cue phrase (longest at each position) and mark the tokens it covers. */
/** Cue phrases by their first word, built once per language (in cue order: earlier cues win ties). */
const cueIndexes = new WeakMap<Cues, Map<string, Array<{ cue: CueName; phrase: string[] }>>>();
function cueIndex(cues: Cues): Map<string, Array<{ cue: CueName; phrase: string[] }>> {
  let index = cueIndexes.get(cues);
  if (!index) {
    index = new Map();
    for (const cue of cueNames)
      for (const phrase of cues[cue] ?? []) {
        const first = phrase[0];
        if (first === undefined) continue;
        const list = index.get(first) ?? [];
        list.push({ cue, phrase });
        index.set(first, list);
      }
    cueIndexes.set(cues, index);
  }
  return index;
}

function findCues(
  tokens: readonly string[],
  cues: Cues,
  covered: boolean[],
  minLength = 1,
  cueAt: Array<CueName | undefined> = [],
): Map<CueName, number> {
  const found = new Map<CueName, number>();
  const byFirstWord = cueIndex(cues);
  for (let pos = 0; pos < tokens.length; pos++) {
    let best: { cue: CueName; length: number } | null = null;
    for (const { cue, phrase } of byFirstWord.get(tokens[pos] as string) ?? []) {
      if (phrase.length > (best?.length ?? 0) && phraseAt(tokens, pos, phrase))
        best = { cue, length: phrase.length };
    }
    if (!best) continue;
    found.set(best.cue, Math.max(found.get(best.cue) ?? 0, best.length));
    if (best.length >= minLength)
      for (let k = pos; k < pos + best.length; k++) {
        if (!covered[k]) cueAt[k] = best.cue;
        covered[k] = true;
      }
    // Keep scanning inside the phrase too: "turn on" also holds shorter cues only when no longer one matched there.
    pos += best.length - 1;
  }
  return found;
}

/** The reading with the fewest edits, then the longest: "客厅" exactly, not "客厅灯" as a misheard area. */
function closest(found: readonly FoundValue[]): FoundValue | undefined {
  let best: FoundValue | undefined;
  for (const f of found)
    if (!best || f.edits < best.edits || (f.edits === best.edits && f.end > best.end)) best = f;
  return best;
}

function readParts(tokens: readonly string[], read: SlotReader, cues: Cues): Parts {
  const covered: boolean[] = tokens.map(() => false);
  // Words inside a cue phrase are not numbers: 一 in 开一下 or 亮一点, "one" in "one more time".
  const inCuePhrase: boolean[] = tokens.map(() => false);
  findCues(tokens, cues, inCuePhrase, 2);
  const entities: Parts['entities'] = {};
  let number: Parts['number'];
  let duration: Parts['duration'];
  for (let pos = 0; pos < tokens.length; ) {
    // Chinese "百分之八十": the percent comes before the number (and 百分 is not a hundred minutes).
    const percentFirst = tokens[pos] === '百' && tokens[pos + 1] === '分' && tokens[pos + 2] === '之';
    const duration_ = percentFirst ? undefined : read('duration', pos, false)[0];
    if (duration_ && !duration) {
      duration = duration_;
      for (let k = pos; k < duration_.end; k++) covered[k] = true;
      pos = duration_.end;
      continue;
    }
    let best: { slot: EntitySlot; found: FoundValue } | null = null;
    for (const slot of ENTITY_SLOTS) {
      if (entities[slot]) continue;
      const found = closest(read(slot, pos, false));
      if (
        found &&
        (!best ||
          found.end > best.found.end ||
          (found.end === best.found.end && found.edits < best.found.edits))
      )
        best = { slot, found };
    }
    const numberAt = percentFirst ? pos + 3 : pos;
    // A number with its unit replaces a bare one read earlier ("亮一点，调到百分之八十").
    const n =
      (number?.unit || (inCuePhrase[pos] && !percentFirst)
        ? undefined
        : read('number', numberAt, false)[0]) ?? undefined;
    if (n && (!best || n.end >= best.found.end)) {
      const previous = number;
      number = { ...n, start: pos };
      let end = n.end;
      if (percentFirst) number.unit = 'percent';
      for (const unit of ['percent', 'degrees', 'kelvin'] as const) {
        if (number.unit) break;
        for (const phrase of cues[unit] ?? []) {
          if (phraseAt(tokens, end, phrase)) {
            number.unit = unit;
            end += phrase.length;
            break;
          }
        }
      }
      // "ventidue gradi e mezzo", "vingt-deux degrés et demi": the half comes after the unit.
      for (const phrase of cues.half ?? []) {
        if (number.unit && typeof number.value === 'number' && phraseAt(tokens, end, phrase)) {
          number.value += number.value < 0 ? -0.5 : 0.5;
          end += phrase.length;
          break;
        }
      }
      number.end = end;
      if (previous && !number.unit) number = previous;
      // "une chaleur", "a bit": an article reads as one; without a unit it is no number anyone said.
      else if (!number.unit && number.value === 1 && !/\d/.test(tokens[pos] ?? '')) number = previous;
      for (let k = pos; k < end; k++) covered[k] = true;
      pos = end;
      continue;
    }
    // "4000K" is one token, which the number reader does not take.
    const kelvin = /^(\d+)k$/.exec(tokens[pos] ?? '');
    if (kelvin && !number) {
      number = { value: Number(kelvin[1]), start: pos, end: pos + 1, edits: 0, unit: 'kelvin' };
      covered[pos] = true;
      pos++;
      continue;
    }
    if (best) {
      entities[best.slot] = best.found;
      for (let k = pos; k < best.found.end; k++) covered[k] = true;
      pos = best.found.end;
      continue;
    }
    pos++;
  }
  const cueCovered = [...covered];
  const cueAt: Array<CueName | undefined> = tokens.map(() => undefined);
  const found = findCues(tokens, cues, cueCovered, 1, cueAt);
  // Then misheard names, only where nothing else explains the words (guessing is the costly part).
  const guessed: boolean[] = tokens.map(() => false);
  for (let pos = 0; pos < tokens.length; pos++) {
    if (cueCovered[pos]) continue;
    let best: { slot: EntitySlot; found: FoundValue } | null = null;
    for (const slot of FUZZY_SLOTS) {
      if (entities[slot]) continue;
      const found = closest(read(slot, pos, true));
      if (found && (!best || found.edits < best.found.edits)) best = { slot, found };
    }
    if (!best) continue;
    entities[best.slot] = best.found;
    for (let k = pos; k < best.found.end; k++) {
      cueCovered[k] = true;
      guessed[k] = true;
    }
    pos = best.found.end - 1;
  }
  const unexplained = cueCovered.filter((c) => !c).length;
  return {
    entities,
    ...(number ? { number } : {}),
    ...(duration ? { duration } : {}),
    cues: found,
    unexplained,
    tokens: tokens.length,
    cueAt,
    // A name only guessed is free words too: 洗衣 of a laundry timer is no misheard 洗衣机.
    free: cueCovered.map((c, k) => !c || guessed[k] === true),
  };
}

/** Words that give a timer its name ("called", "chiamato", "appelé", "名字叫"), tokenised. */
const NAMING: Record<Language, string[][]> = {
  en: [['called'], ['named']],
  it: [['chiamato'], ['di', 'nome']],
  fr: [['appele'], ['nomme']],
  zh: [
    ['名', '字', '叫'],
    ['叫', '做'],
    ['名', '叫'],
  ],
};

/** Longest timer name taken from the words beside the timer word. */
const NAME_WORDS = 3;

/**
 * The name of a timer, said beside the timer word with nothing else explaining it: "a bottle
 * timer", "un timer lavatrice", "un minuteur pour les pâtes", "奶瓶计时器", "洗衣的计时器". Before
 * the word only when right against it (Chinese may put 的 between); after it, past little words.
 */
function timerName(tokens: readonly string[], parts: Parts, language: Language): FoundValue | undefined {
  const at = parts.cueAt.indexOf('timer');
  if (at < 0) return undefined;
  let end = at;
  while (parts.cueAt[end] === 'timer') end++;
  const run = (from: number, step: 1 | -1, skip: (k: number) => boolean): FoundValue | undefined => {
    let k = from;
    while (k >= 0 && k < tokens.length && skip(k)) k += step;
    const first = k;
    while (k >= 0 && k < tokens.length && parts.free[k]) k += step;
    const [start, stop] = step === 1 ? [first, k] : [k + 1, first + 1];
    const words = stop - start;
    if (words <= 0 || words > (language === 'zh' ? NAME_WORDS + 2 : NAME_WORDS)) return undefined;
    return {
      value: tokens.slice(start, stop).join(language === 'zh' ? '' : ' '),
      start,
      end: stop,
      edits: 0,
    };
  };
  // "A 45 minute timer called bread", "un timer chiamato pane", "名字叫面包": the name after the naming word.
  const naming = NAMING[language];
  for (let k = 0; k < tokens.length; k++) {
    const said = naming.find((words) => words.every((w, j) => tokens[k + j] === w));
    if (!said) continue;
    const start = k + said.length;
    let stop = start;
    while (stop < tokens.length && parts.cueAt[stop] !== 'timer' && stop - start < NAME_WORDS + 2) stop++;
    if (stop > start)
      return {
        value: tokens.slice(start, stop).join(language === 'zh' ? '' : ' '),
        start,
        end: stop,
        edits: 0,
      };
  }
  const before = run(at - 1, -1, (k) => language === 'zh' && tokens[k] === '的');
  const after = run(end, 1, (k) => parts.cueAt[k] === 'stopword');
  // Italian and French name it after ("timer della pasta"); English and Chinese before.
  const beside = language === 'it' || language === 'fr' ? (after ?? before) : (before ?? after);
  if (beside || !parts.duration || parts.cueAt[parts.duration.end] !== 'stopword') return beside;
  // "Un timer di 10 minuti per la pasta": last, after the time and a little word, up to the end.
  const last = run(parts.duration.end, 1, (k) => parts.cueAt[k] === 'stopword');
  return last?.end === tokens.length ? last : undefined;
}

const LIGHTING = new Set(['light']);
const CLIMATE = new Set(['airConditioner', 'fridge', 'thermostat', 'heater']);
const COVERS = new Set(['curtain']);

/** Read an utterance as a frame; null when its parts do not make one request. */
export function matchFrame(
  tokens: readonly string[],
  language: Language,
  cues: Cues,
  read: SlotReader,
  maxUnexplained?: number,
): FrameResult | null {
  const parts = readParts(tokens, read, cues);
  // Too much that nothing explains: probably a request about something else entirely.
  const allowed =
    maxUnexplained ??
    Math.max(language === 'zh' ? 3 : 2, Math.floor(parts.tokens * (isHan(tokens[0] ?? '') ? 0.3 : 0.4)));
  if (parts.unexplained > allowed) return null;

  const has = (cue: CueName) => parts.cues.has(cue);
  const e = parts.entities;
  const slots: FrameResult['slots'] = {};
  const put = (slot: string, found: FoundValue | undefined, value: unknown = found?.value) => {
    if (found) slots[slot] = { value, start: found.start, end: found.end };
  };
  const target = () => {
    put('name', e.name);
    if (!e.name) put('category', e.category);
    put('area', e.area);
    return Boolean(e.name || e.category || e.area);
  };
  const edits = Object.values(e).reduce((sum, f) => sum + (f?.edits ?? 0), 0);
  const result = (intent: string): FrameResult => ({ intent, slots, edits });
  const category = e.category?.value;
  const isCategory = (set: ReadonlySet<string>) => typeof category === 'string' && set.has(category);

  if (has('timer')) {
    put('timer_name', timerName(tokens, parts, language));
    if (parts.duration && !has('cancel') && !has('remaining')) {
      put('duration', parts.duration);
      return result('timer.start');
    }
    if (has('cancel')) return result('timer.cancel');
    if (has('remaining') || has('query')) return result('timer.remaining');
    return null;
  }
  // "Is the front door locked?": a question about locks, whatever the door is called.
  // Not "how much battery has the front door lock got left?": the battery is asked, not the bolt.
  if (has('lock') && has('query') && !parts.number && !has('battery')) {
    target();
    return result('device.query_lock');
  }
  const anyTarget = Boolean(e.name || e.category || e.area || e.compartment);
  if (!anyTarget && !parts.number && !e.fan_speed) {
    // Without a device to anchor it, a frame must be nearly all cue words ("今天晚上吃什么" is not a date question).
    if (parts.unexplained > 1) return null;
    if (has('help')) return result('system.help');
    if (has('date')) return result('time.date');
    if (has('time') && has('query')) return result('time.now');
    if (has('clean') && has('dock')) return result('vacuum.dock');
    if (has('clean') && has('pause')) return result('vacuum.pause');
    if (has('clean')) return result('vacuum.start');
    if (has('cancel') && parts.unexplained === 0) return result('system.cancel');
    return null;
  }

  const vacuumish = isCategory(new Set(['vacuum'])) || has('clean');
  if (has('dock') && (vacuumish || e.name)) {
    target();
    return result('vacuum.dock');
  }
  if (has('pause') && (vacuumish || e.name)) {
    target();
    return result('vacuum.pause');
  }
  if (has('clean') && !has('query')) {
    // The area is where to clean; the device, if named, is the cleaner.
    put('name', e.name);
    if (!e.name && isCategory(new Set(['vacuum']))) put('category', e.category);
    put('area', e.area);
    return result('vacuum.start');
  }
  if (has('start') && isCategory(new Set(['vacuum']))) {
    target();
    return result('vacuum.start');
  }

  if ((has('query') || (has('battery') && !has('on') && !has('off'))) && !parts.number) {
    if (
      has('list') ||
      (e.area && !e.name && !e.category && !e.attribute && !has('temperature') && !has('battery'))
    ) {
      if (!e.area) return null;
      put('area', e.area);
      return result('device.list');
    }
    if (!target() && !e.compartment) return null;
    if (e.compartment && !e.name) put('compartment', e.compartment);
    if (e.attribute) put('attribute', e.attribute);
    else if (has('battery')) slots.attribute = { value: 'batteryLevel', start: 0, end: 0 };
    else if (has('temperature') || has('degrees'))
      slots.attribute = { value: 'currentTemperature', start: 0, end: 0 };
    else if (has('brightness')) slots.attribute = { value: 'brightness', start: 0, end: 0 };
    return result('device.query');
  }

  // "那台空调关一下吧，有点冷了": nobody sets a mode or a colour while switching off; the word was a reason.
  if (has('off') && !has('on') && !parts.number && (e.mode || e.warmth || e.color)) {
    if (!target()) return null;
    return result('device.turn_off');
  }
  if (e.color && !e.warmth) {
    if (!target()) return null;
    put('color', e.color);
    return result('device.set_color');
  }
  // "On crève de chaud" beside an air conditioner is a reason, not a setting.
  if ((e.warmth && !isCategory(CLIMATE)) || parts.number?.unit === 'kelvin') {
    if (!target()) return null;
    if (e.warmth) put('warmth', e.warmth);
    else put('number', parts.number);
    return result('device.set_color_temperature');
  }
  if (e.fan_speed && (has('fan') || !e.mode)) {
    target();
    put('fan_speed', e.fan_speed);
    return result('device.set_fan_speed');
  }
  if (e.mode) {
    if (!target()) return null;
    put('mode', e.mode);
    return result('device.set_mode');
  }
  const n = parts.number;
  if (n) {
    const hasTarget = target() || Boolean(e.compartment);
    if (!hasTarget) return null;
    const temperature =
      n.unit === 'degrees' ||
      has('temperature') ||
      (!n.unit && (isCategory(CLIMATE) || Boolean(e.compartment)));
    if (temperature && n.unit !== 'percent') {
      if (e.compartment) put('compartment', e.compartment);
      put('temperature', n);
      return result('device.set_temperature');
    }
    if (has('position') || isCategory(COVERS)) {
      put('position', n);
      return result('device.set_position');
    }
    if (n.unit === 'percent' || has('brightness') || isCategory(LIGHTING)) {
      put('brightness', n);
      return result('device.set_brightness');
    }
    return null;
  }
  if ((has('open') || has('close') || has('halfway')) && isCategory(COVERS)) {
    target();
    slots.position = { value: has('halfway') ? 50 : has('close') ? 0 : 100, start: 0, end: 0 };
    return result('device.set_position');
  }
  const on = parts.cues.get('on') ?? 0;
  const off = parts.cues.get('off') ?? 0;
  if ((on || off) && on !== off) {
    if (!target()) return null;
    return result(off > on ? 'device.turn_off' : 'device.turn_on');
  }
  return null;
}
