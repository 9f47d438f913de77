/**
 * Timer talk read whole: "two timers, eggs 6 minutes and toast 3 minutes", "and one for the bread,
 * 25 minutes" right after a timer, "get rid of the eggs one", "煮蛋的那个不要了". The grammar's timer
 * sentences take one timer with its name in a fixed place; this takes several, names wherever they
 * are said, and a timer meant by its name alone when one of that name is running.
 */
import type { Language } from '../../errors/index.js';
import { readDuration } from '../nlu/durations.js';
import { tokenize } from '../nlu/normalize.js';
import { readNumber } from '../nlu/numbers.js';
import { timerWords } from './words.js';

export interface AskedTimer {
  seconds: number;
  /** As written in the utterance; null for a timer without a name. */
  name: string | null;
}

export type TimerTalk =
  | { act: 'start'; timers: AskedTimer[] }
  /** `name` null: every timer; otherwise the running timers of that name (as they were named). */
  | { act: 'cancel'; name: string | null; matching: string[] }
  /** "Actually, cancel it" right after setting one: the timer set last. */
  | { act: 'cancelLast' };

export interface TimerTalkContext {
  /** Names of the timers running in the home (null for one without a name): while one runs,
   * "and another one" needs no timer word. */
  running: readonly (string | null)[];
  /** The previous turn of the conversation set a timer: "actually, cancel it" is that timer. */
  justSet?: boolean;
}

interface Span {
  start: number;
  end: number;
}

/** Longest names of a timer said in a language: longer is a sentence, not a name. */
const MAX_NAME_TOKENS: Record<Language, number> = { en: 3, it: 3, fr: 3, zh: 6 };

const tokenised = new Map<string, string[]>();
function wordsOf(phrase: string): string[] {
  let found = tokenised.get(phrase);
  if (!found) {
    found = tokenize(phrase);
    tokenised.set(phrase, found);
  }
  return found;
}

/** Every place a phrase of the list is said, longest first, never overlapping. */
function find(tokens: readonly string[], phrases: readonly string[]): Span[] {
  const sorted = [...phrases].map(wordsOf).sort((a, b) => b.length - a.length);
  const spans: Span[] = [];
  for (let k = 0; k < tokens.length; ) {
    const said = sorted.find((words) => words.length > 0 && words.every((w, j) => tokens[k + j] === w));
    if (said) {
      spans.push({ start: k, end: k + said.length });
      k += said.length;
    } else k++;
  }
  return spans;
}

function mask(length: number, ...groups: Span[][]): boolean[] {
  const covered = new Array<boolean>(length).fill(false);
  for (const spans of groups) for (const s of spans) for (let k = s.start; k < s.end; k++) covered[k] = true;
  return covered;
}

/** The durations said, skipping the words of "another one" (再来一个半小时: 一个 is the timer, not 1.5 hours). */
function durations(
  tokens: readonly string[],
  language: Language,
  skip: boolean[],
): Array<Span & { seconds: number }> {
  const found: Array<Span & { seconds: number }> = [];
  for (let k = 0; k < tokens.length; k++) {
    if (skip[k]) continue;
    const d = readDuration(tokens, k, language);
    if (!d) continue;
    found.push({ start: k, end: d.end, seconds: d.seconds });
    k = d.end - 1;
  }
  return found;
}

/** A lone number with no unit ("e un timer riso di 15"): minutes, the unit timers are usually set in. */
function bareMinutes(
  tokens: readonly string[],
  language: Language,
  skip: boolean[],
): (Span & { seconds: number }) | null {
  for (let k = 0; k < tokens.length; k++) {
    if (skip[k]) continue;
    const n = readNumber(tokens, k, language);
    if (!n || !(n.value > 0) || n.value > 600) continue;
    return { start: k, end: n.end, seconds: Math.round(n.value * 60) };
  }
  return null;
}

/** The words of `text` that `name` was folded from, so that a name keeps its accents ("œufs", "pâtes"). */
function asWritten(text: string, name: readonly string[], language: Language): string {
  if (language === 'zh') return name.join('');
  const words = text.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
  const flat: Array<{ token: string; word: number; first: boolean }> = [];
  words.forEach((w, i) => {
    tokenize(w).forEach((token, j) => {
      flat.push({ token, word: i, first: j === 0 });
    });
  });
  for (let k = 0; k + name.length <= flat.length; k++) {
    if (!name.every((t, j) => flat[k + j]?.token === t)) continue;
    const first = flat[k];
    const last = flat[k + name.length - 1];
    const whole = flat[k + name.length]?.word !== last?.word;
    if (first?.first && whole && last) return words.slice(first.word, last.word + 1).join(' ');
  }
  return name.join(' ');
}

/** The name said in tokens [from, to), or null: the longest run of words nothing else explains. */
function nameIn(
  tokens: readonly string[],
  covered: readonly boolean[],
  from: number,
  to: number,
  naming: readonly Span[],
  anchors: readonly Span[],
  language: Language,
): string[] | null {
  const runs: Span[] = [];
  for (let k = from; k < to; k++) {
    if (covered[k]) continue;
    const last = runs[runs.length - 1];
    if (last && last.end === k) last.end = k + 1;
    else runs.push({ start: k, end: k + 1 });
  }
  if (runs.length === 0) return null;
  // "Called bread": the words right after the naming word.
  const named = runs.find((r) => naming.some((n) => n.end === r.start && n.start >= from));
  // Otherwise the words nearest the timer word ("fai partire un timer bucato": bucato, not partire).
  const distance = (r: Span) =>
    anchors.length === 0
      ? 0
      : Math.min(
          ...anchors.map((a) =>
            a.end <= r.start ? r.start - a.end : a.start >= r.end ? a.start - r.end : 0,
          ),
        );
  const best =
    named ??
    runs.reduce((a, b) => {
      const [da, db] = [distance(a), distance(b)];
      if (db !== da) return db < da ? b : a;
      return b.end - b.start > a.end - a.start ? b : a;
    });
  if (best.end - best.start > MAX_NAME_TOKENS[language]) return null;
  return tokens.slice(best.start, best.end);
}

function folded(name: string): string {
  return tokenize(name).join('');
}

/** Running timers meant by a name: the same name, else one that contains it or is contained ("egg", "洗衣服"). */
function matchRunning(said: string, running: readonly (string | null)[]): string[] {
  const want = folded(said);
  const names = [...new Set(running.filter((n): n is string => n !== null && n !== ''))];
  const same = names.filter(
    (n) => folded(n) === want || folded(n) === `${want}s` || `${folded(n)}s` === want,
  );
  if (same.length) return same;
  return names.filter((n) => {
    const have = folded(n);
    return want.length >= 2 && have.length >= 2 && (have.includes(want) || want.includes(have));
  });
}

/** Whether a cancel word is undone by a "not" just before it ("don't cancel", "non cancellare", "别取消"). */
function negated(cancel: Span, nots: readonly Span[]): boolean {
  return nots.some((n) => n.end <= cancel.start && cancel.start - n.end <= 1);
}

/** Read timer talk; null when the utterance is not about timers, or is one this reader leaves to the grammar. */
export function readTimerTalk(text: string, language: Language, context: TimerTalkContext): TimerTalk | null {
  const words = timerWords[language];
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  const timer = find(tokens, words.timer);
  const aboutTimers = context.running.length > 0;
  const another = aboutTimers ? find(tokens, words.another) : [];
  const nots = find(tokens, words.not);
  const cancels = find(tokens, words.cancel).filter((c) => !negated(c, nots));
  const anotherMask = mask(tokens.length, another);
  const said = durations(tokens, language, anotherMask);
  const naming = find(tokens, words.naming);
  const little = find(tokens, words.little);
  const counts = find(tokens, words.counts);
  const thatOne = find(tokens, words.thatOne);

  if (find(tokens, words.asking).length > 0) return null;
  if (cancels.length > 0 && said.length === 0) {
    if (!aboutTimers && timer.length === 0) return null;
    const covered = mask(tokens.length, cancels, timer, thatOne, little, nots, naming, counts);
    const name = nameIn(tokens, covered, 0, tokens.length, naming, [...timer, ...thatOne], language);
    if (!name && timer.length === 0 && context.justSet) return { act: 'cancelLast' };
    if (!name) return timer.length > 0 ? { act: 'cancel', name: null, matching: [] } : null;
    const asSaid = asWritten(text, name, language);
    const matching = matchRunning(asSaid, context.running);
    // Without the word "timer", a name is a timer's only when one of that name is running.
    if (timer.length === 0 && matching.length === 0) return null;
    return { act: 'cancel', name: asSaid, matching };
  }
  if (cancels.length > 0 || (timer.length === 0 && another.length === 0)) return null;

  // A number without a unit is a timer's minutes only beside the word "timer".
  const spans =
    said.length > 0
      ? said
      : timer.length > 0
        ? [bareMinutes(tokens, language, mask(tokens.length, another, counts, little))]
        : [];
  const found = spans.filter((s): s is Span & { seconds: number } => s !== null);
  if (found.length === 0) return null;
  const covered = mask(tokens.length, timer, another, little, counts, naming, found);
  const timers: AskedTimer[] = [];
  const named = (from: number, to: number) => {
    const name = nameIn(tokens, covered, from, to, naming, [...timer, ...another], language);
    return name ? asWritten(text, name, language) : null;
  };
  if (found.length === 1) {
    const only = found[0] as Span & { seconds: number };
    timers.push({ seconds: only.seconds, name: named(0, tokens.length) });
    return { act: 'start', timers };
  }
  // Several: each name beside its time, before it ("eggs 6 minutes and toast 3") or, when nothing
  // stands before the first, after it ("10 minuti per la pasta e 5 per le uova").
  const first = found[0] as Span & { seconds: number };
  const before = named(0, first.end) !== null;
  found.forEach((d, k) => {
    const from = before ? (k === 0 ? 0 : (found[k - 1] as Span).end) : d.start;
    const to = before ? d.end : k + 1 < found.length ? (found[k + 1] as Span).start : tokens.length;
    timers.push({ seconds: d.seconds, name: named(from, to) });
  });
  return { act: 'start', timers };
}
