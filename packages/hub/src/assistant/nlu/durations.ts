/**
 * Durations in zh, en, it and fr: "five minutes", "one and a half hours", "half an hour",
 * "un quarto d'ora", "mezz'ora", "une demi-heure", "un quart d'heure", "半小时", "一个半小时",
 * "1 hour and 30 minutes", "一小时三十分钟". Read from tokens, as seconds.
 */
import type { Language } from '../../errors/index.js';
import { readNumber } from './numbers.js';

/** A duration found at a position. */
export interface DurationMatch {
  seconds: number;
  end: number;
}

const unitWords: Record<Language, Array<[string[], number]>> = {
  en: [
    [['second', 'seconds', 'sec', 'secs'], 1],
    [['minute', 'minutes', 'min', 'mins'], 60],
    [['hour', 'hours', 'hr', 'hrs'], 3600],
  ],
  it: [
    [['secondo', 'secondi'], 1],
    [['minuto', 'minuti'], 60],
    [['ora', 'ore'], 3600],
  ],
  fr: [
    [['seconde', 'secondes'], 1],
    [['minute', 'minutes'], 60],
    [['heure', 'heures'], 3600],
  ],
  zh: [
    [['秒', '秒钟'], 1],
    [['分钟', '分'], 60],
    [['小时', '个小时', '钟头', '个钟头'], 3600],
  ],
};

// Whole phrases that are a duration by themselves.
const phrases: Record<Language, Array<[string[], number]>> = {
  en: [
    [['half', 'an', 'hour'], 1800],
    [['a', 'half', 'hour'], 1800],
    [['half', 'hour'], 1800],
    [['three', 'quarters', 'of', 'an', 'hour'], 2700],
    [['a', 'quarter', 'of', 'an', 'hour'], 900],
    [['quarter', 'of', 'an', 'hour'], 900],
    [['an', 'hour'], 3600],
    [['a', 'minute'], 60],
  ],
  it: [
    [['mezz', 'ora'], 1800],
    [["mezz'", 'ora'], 1800],
    [['mezzora'], 1800],
    [['mezza', 'ora'], 1800],
    [['tre', 'quarti', "d'", 'ora'], 2700],
    [['un', 'quarto', "d'", 'ora'], 900],
    [['quarto', "d'", 'ora'], 900],
    [["un'", 'ora'], 3600],
    [['un', 'ora'], 3600],
    [['un', 'minuto'], 60],
  ],
  fr: [
    [['une', 'demi', 'heure'], 1800],
    [['demi', 'heure'], 1800],
    [['trois', 'quarts', "d'", 'heure'], 2700],
    [['un', 'quart', "d'", 'heure'], 900],
    [['quart', "d'", 'heure'], 900],
    [['une', 'heure'], 3600],
    [['une', 'minute'], 60],
  ],
  zh: [
    [['半', '小', '时'], 1800],
    [['半', '个', '小', '时'], 1800],
    [['半', '个', '钟', '头'], 1800],
    [['一', '刻', '钟'], 900],
    [['三', '刻', '钟'], 2700],
  ],
};

const joiners: Record<Language, string[]> = { en: ['and'], it: ['e'], fr: ['et'], zh: ['零'] };
/** What may follow a unit as a part of it: "and a half", "e un quarto", "et trois quarts". */
const fractions: Record<Language, Array<[string[], number]>> = {
  en: [
    [['and', 'a', 'half'], 0.5],
    [['and', 'a', 'quarter'], 0.25],
    [['and', 'three', 'quarters'], 0.75],
  ],
  it: [
    [['e', 'mezza'], 0.5],
    [['e', 'mezzo'], 0.5],
    [['e', 'un', 'quarto'], 0.25],
    [['e', 'tre', 'quarti'], 0.75],
  ],
  fr: [
    [['et', 'demie'], 0.5],
    [['et', 'demi'], 0.5],
    [['et', 'quart'], 0.25],
    [['et', 'le', 'quart'], 0.25],
    [['trois', 'quarts'], 0.75],
  ],
  zh: [[['半'], 0.5]],
};

function startsWith(tokens: readonly string[], at: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[at + k] === w);
}

/** Chinese units are written in characters; match them against the token stream. */
function unitAt(
  tokens: readonly string[],
  at: number,
  language: Language,
): { seconds: number; end: number } | null {
  let best: { seconds: number; end: number } | null = null;
  for (const [words, seconds] of unitWords[language]) {
    for (const word of words) {
      const parts = language === 'zh' ? [...word] : [word];
      if (startsWith(tokens, at, parts) && (!best || at + parts.length > best.end))
        best = { seconds, end: at + parts.length };
    }
  }
  return best;
}

function withFraction(
  tokens: readonly string[],
  match: DurationMatch,
  unit: number,
  language: Language,
): DurationMatch {
  // "un'ora e mezza", "une heure et demie", "an hour and a half", "un'ora e un quarto"
  for (const [words, part] of fractions[language]) {
    if (startsWith(tokens, match.end, words))
      return { seconds: match.seconds + unit * part, end: match.end + words.length };
  }
  return match;
}

/** "deux minutes trente", "an hour twenty": a bare number after the unit counts the next smaller one. */
function withSmaller(
  tokens: readonly string[],
  match: DurationMatch,
  unit: number,
  language: Language,
): DurationMatch {
  if (unit < 60) return match;
  const rest = readNumber(tokens, match.end, language);
  if (!rest || !Number.isInteger(rest.value) || rest.value < 1 || rest.value >= 60) return match;
  if (unitAt(tokens, rest.end, language)) return match;
  return { seconds: match.seconds + rest.value * (unit / 60), end: rest.end };
}

function one(tokens: readonly string[], start: number, language: Language): DurationMatch | null {
  for (const [words, seconds] of phrases[language]) {
    if (!startsWith(tokens, start, words)) continue;
    const match = { seconds, end: start + words.length };
    if (seconds !== 3600 && seconds !== 60) return match;
    const whole = withFraction(tokens, match, seconds, language);
    return whole.end === match.end ? withSmaller(tokens, whole, seconds, language) : whole;
  }
  const n = readNumber(tokens, start, language);
  if (!n || n.value <= 0) return null;
  let at = n.end;
  // 一个半小时: readNumber already took 个半; 一个小时: skip the measure word.
  if (language === 'zh' && tokens[at] === '个') at++;
  const unit = unitAt(tokens, at, language);
  if (!unit) return null;
  const whole = withFraction(
    tokens,
    { seconds: n.value * unit.seconds, end: unit.end },
    unit.seconds,
    language,
  );
  return whole.end === unit.end ? withSmaller(tokens, whole, unit.seconds, language) : whole;
}

/** Read a duration at tokens[start]; parts may be joined ("1 hour and 30 minutes", "一小时三十分钟"). */
export function readDuration(
  tokens: readonly string[],
  start: number,
  language: Language,
): DurationMatch | null {
  const first = one(tokens, start, language);
  if (!first) return null;
  let { seconds, end } = first;
  for (;;) {
    const skip = joiners[language].includes(tokens[end] as string) ? 1 : 0;
    const next = one(tokens, end + skip, language);
    if (!next) break;
    seconds += next.seconds;
    end = next.end;
  }
  return { seconds: Math.round(seconds), end };
}
