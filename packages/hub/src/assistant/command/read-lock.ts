/**
 * Requests for locks. "Lock the front door", "lock up", "chiudi a chiave la porta", "锁门" lock;
 * "unlock the door", "sblocca la porta", "开锁", and an opening verb said of a door or a lock ("open
 * the door, it's me", "apri la serratura", "把门锁打开") ask to unlock, which is never carried out by
 * voice (resolve.ts). A door said with the verb ("the front door", "la porta d'ingresso", 前门) points
 * at the home's locks, with the words that tell it from other doors; a door said as part of a
 * device's name ("the garage door" of a cover called Garage) is that device, not a lock.
 */
import type { Language } from '../../errors/index.js';
import { tokenize } from '../nlu/normalize.js';
import type { Span } from '../nlu/recognizer.js';
import type { Action } from './model.js';
import type { Phrases } from './phrases.js';
import { type At, findAll } from './read-task.js';
import { taskArticles } from './tasks.js';

/** A request for locks, as found in the words. */
export interface LockRequest {
  action: 'lock' | 'unlock';
  /** Where its verb stands. */
  verb: At;
  /** Negated before its verb ("don't unlock the door", "别锁门"): nothing is done. */
  declined: boolean;
  /** The doors said, as spans of the lock category, with the words that tell each apart. */
  doors: Door[];
}

/** A door said: a span of the lock category, the words that tell it apart, and whether a place is said with it. */
interface Door {
  span: Span;
  door?: string;
  /** "The garage door", "la porta del garage", 车库的门: the door of a place the home has. */
  ofPlace: boolean;
}

/** Chinese characters after 门 that make it no door: 门口 the doorway, 门铃 the bell, 门灯 its light. */
const NOT_A_DOOR_AFTER = new Set([...'口廊铃灯厅禁帘外框卡把']);

/** Words said around a request that never tell a door apart ("now", "grazie", 吗). */
const AROUND: Record<Language, ReadonlySet<string>> = {
  en: new Set(['now', 'right', 'tonight', 'thanks', 'thank', 'you', 'quickly']),
  it: new Set(['adesso', 'ora', 'subito', 'grazie', 'stasera', 'sono', 'io']),
  fr: new Set(['maintenant', 'merci', 'vite', 'ce', 'soir', 'suis', 'moi', 'c', "c'est"]),
  zh: new Set([...'吗么呢吧啊呀了没好']),
};

/**
 * Words that make a lock's verb a question or a past deed: "did I lock the door?" (a first word),
 * "as-tu verrouillé la porte ?" (an auxiliary just before; the participle folds to the imperative),
 * "前门锁上了吗" (a last word). Its sentence answers it; nothing is locked.
 */
const ASKED: Record<
  Language,
  { first: ReadonlySet<string>; before: ReadonlySet<string>; last: ReadonlySet<string> }
> = {
  en: {
    first: new Set(['did', 'does', 'have', 'has', 'is', 'are', 'was', 'were']),
    before: new Set(),
    last: new Set(),
  },
  it: {
    first: new Set(),
    before: new Set(['ho', 'hai', 'ha', 'abbiamo', 'avete', 'hanno']),
    last: new Set(),
  },
  fr: {
    first: new Set(),
    before: new Set(['ai', 'as', 'a', 'avons', 'avez', 'ont', 'est', 'sont', 'il', 'elle', 'ils', 'elles']),
    last: new Set(),
  },
  zh: { first: new Set(), before: new Set(), last: new Set([...'吗么没呢']) },
};

/** Whether a lock's verb is asked about, not asked for. */
function asked(tokens: readonly string[], verb: At, language: Language): boolean {
  const { first, before, last } = ASKED[language];
  const near = tokens.slice(Math.max(0, verb.start - 2), verb.start);
  return first.has(tokens[0] ?? '') || near.some((t) => before.has(t)) || last.has(tokens.at(-1) ?? '');
}

/** Which way the words that tell a door apart stand: "the front door", 前门; "la porta d'ingresso". */
const QUALIFIED_BEFORE: Record<Language, boolean> = { en: true, zh: true, it: false, fr: false };

const verbsOf = (p: Phrases, ...actions: Action[]) =>
  p.verbs.filter((v) => actions.includes(v.action)).map((v) => v.phrase);

/**
 * A request for locks in the words, if they hold one; `from` is where the request starts (after
 * what a correction replaced). A question ("is the door locked?") is not one: its sentence says so.
 */
export function findLockRequest(
  tokens: readonly string[],
  spans: readonly Span[],
  p: Phrases,
  language: Language,
  from = 0,
): LockRequest | null {
  const named = (s: Span) => s.slot === 'name' || s.slot === 'area';
  const inside = (i: number, which: (s: Span) => boolean) =>
    spans.some((s) => which(s) && s.start <= i && i < s.end);
  // Verbs inside a name or a place are part of it ("Lock box", 锁匠铺).
  const free = tokens.map((t, i) => (i < from || inside(i, named) ? '' : t));
  // "Turn off the lock light": a verb that is also a noun is the noun after an article.
  const articles = taskArticles(language);
  const first = (list: string[][]) =>
    findAll(free, list).find((m) => !articles.has(tokens[m.start - 1] ?? ''));
  const withKey = findAll(free, p.withKey);
  let action: LockRequest['action'] | undefined;
  let verb: At | undefined;
  const locking = first(verbsOf(p, 'lock'));
  const unlocking = first(verbsOf(p, 'unlock'));
  if (locking && (!unlocking || locking.start < unlocking.start)) [action, verb] = ['lock', locking];
  else if (unlocking) [action, verb] = ['unlock', unlocking];
  else if (withKey.length > 0) {
    // "Chiudi la porta a chiave", "ferme la porte à clé": closing with the key is locking.
    const closing = first(verbsOf(p, 'close'));
    if (closing) [action, verb] = ['lock', closing];
  }
  // "Open the door, it's me": an opening verb (开 and 打开 are also "turn on" in Chinese) said of a door.
  const opening = action
    ? undefined
    : first(verbsOf(p, 'open', ...(language === 'zh' ? ['turn_on' as const] : [])));
  const doors = doorPhrases(tokens, spans, p, language, {
    from,
    taken: [verb ?? opening, ...withKey].filter((m): m is At => m !== undefined),
  });
  // A place's door opened ("open the garage door") may be a cover there: read as any opening.
  // Not when a device is named beside it ("把门郎灯和小火车打开": 门 of a misheard 门廊灯 is no door).
  if (!action && opening && doors.some((d) => !d.ofPlace) && !spans.some((s) => s.slot === 'name'))
    [action, verb] = ['unlock', opening];
  if (!action || !verb || asked(tokens, verb, language)) return null;
  const at = verb.start;
  const declined = findAll(tokens, p.negation).some((n) => n.start >= from && n.start < at);
  return { action, verb, declined, doors };
}

/**
 * The doors said: each door or lock word (not inside a name, a place or the verb, and not part of
 * a name said beside it) with the words around it that tell it apart.
 */
function doorPhrases(
  tokens: readonly string[],
  spans: readonly Span[],
  p: Phrases,
  language: Language,
  options: { from: number; taken: At[] },
): Door[] {
  const isLockSpan = (s: Span) => s.slot === 'category' && s.value === 'lock';
  const blocked = (i: number) =>
    i < options.from ||
    options.taken.some((m) => m.start <= i && i < m.end) ||
    spans.some((s) => !isLockSpan(s) && s.start <= i && i < s.end);
  const open = tokens.map((t, i) => (blocked(i) ? '' : t));
  const anchors: At[] = [
    ...findAll(open, p.doors),
    ...spans.filter((s) => isLockSpan(s) && !blocked(s.start)).map((s) => ({ start: s.start, end: s.end })),
  ]
    .filter(
      (m) => !(language === 'zh' && tokens[m.end - 1] === '门' && NOT_A_DOOR_AFTER.has(tokens[m.end] ?? '')),
    )
    .sort((a, b) => a.start - b.start);
  // Elided articles and prepositions ("d'", "dell'") are little words too.
  const glue = (i: number) => {
    const t = tokens[i] as string;
    return p.glue.has(t) || p.locative.has(t) || t.endsWith("'");
  };
  const slotAt = (i: number) => spans.find((s) => s.slot !== 'category' && s.start <= i && i < s.end)?.slot;
  // What stands beside some words, little words between: "the garage door", "la porta del garage".
  const beside = (m: At, slot: 'name' | 'area') => {
    let left = m.start - 1;
    while (left >= 0 && glue(left)) left--;
    let right = m.end;
    while (right < tokens.length && glue(right)) right++;
    return slotAt(left) === slot || slotAt(right) === slot;
  };
  const stop = new Set([
    ...AROUND[language],
    ...[p.and, p.except, p.others, p.negation, p.everything, p.reference, p.correction, p.asking, p.cancel]
      .flat()
      .flat(),
  ]);
  const anchorAt = (i: number) => anchors.some((m) => m.start <= i && i < m.end);
  // A word that may tell a door apart: free, not a little word of the request, no number.
  const telling = (i: number) =>
    open[i] !== '' &&
    open[i] !== undefined &&
    !stop.has(tokens[i] as string) &&
    !/^\d/.test(tokens[i] as string);
  const out: Door[] = [];
  for (const anchor of anchors) {
    // A door beside a device's name is that device ("the garage door" of a cover called Garage).
    if (beside(anchor, 'name') || out.some((d) => d.span.start <= anchor.start && anchor.start < d.span.end))
      continue;
    let start = anchor.start;
    let end = anchor.end;
    // Other door words and the words that tell the door apart, through little words between them.
    const step = QUALIFIED_BEFORE[language] ? -1 : 1;
    for (let i = step < 0 ? start - 1 : end; i >= 0 && i < tokens.length; i += step) {
      if (!telling(i)) break;
      if (glue(i) && !anchorAt(i)) {
        // A little word counts only between two words that do: "porta d'ingresso", not "the door".
        let next = i + step;
        while (next >= 0 && next < tokens.length && telling(next) && glue(next)) next += step;
        if (!(next >= 0 && next < tokens.length && telling(next))) break;
      }
      if (step < 0) start = i;
      else end = i + 1;
    }
    const words = tokens.slice(start, end);
    const door = words
      .filter((_, k) => !anchorAt(start + k) && !glue(start + k))
      .join(language === 'zh' ? '' : ' ');
    const text = words.join(language === 'zh' ? '' : ' ');
    const span: Span = { slot: 'category', value: 'lock', text, start, end, edits: 0 };
    out.push({ span, ...(door ? { door } : {}), ofPlace: beside({ start, end }, 'area') });
  }
  return out;
}

/**
 * The words that tell a door apart in a door said alone ("the front door" of a question, a
 * sentence's wildcard): "front", "ingresso", 前; empty for "the door", "le porte", 门.
 */
export function doorWords(text: string, p: Phrases, language: Language): string {
  const tokens = tokenize(text);
  const doors = findAll(tokens, p.doors);
  const stop = new Set([...AROUND[language], ...p.glue, ...p.locative, ...p.everything.flat()]);
  return tokens
    .filter((t, i) => !doors.some((m) => m.start <= i && i < m.end) && !stop.has(t) && !t.endsWith("'"))
    .join(language === 'zh' ? '' : ' ');
}
