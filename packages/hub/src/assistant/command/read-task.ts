/**
 * Find the task a request names (tasks.ts): a verb of its own, or a making verb with one of its
 * objects, anywhere in the words but never inside a longer name, place or kind ("割草机" holds 割草
 * and is the mower, not a request to mow; "macchina del caffè" holds no coffee to make).
 */
import type { Language } from '../../errors/index.js';
import type { Span } from '../nlu/recognizer.js';
import { type Kind, kindNouns } from './kinds.js';
import { type TaskName, taskArticles, taskWords } from './tasks.js';

/** Where some words were found. */
export interface At {
  start: number;
  end: number;
}

/** A task found in the words. */
export interface FoundTask {
  name: TaskName;
  /** Every word the task took (its verb, making verb and objects): no name, place or value. */
  claimed: Set<number>;
  /** Where its objects are ("the lawn", "l'aspirapolvere"). */
  objects: At[];
  /** The words that said it, for a reply ("coffee", "割草"). */
  text: string;
  /** Where the task's own verb ends, when one said it ("roll out| the pergola"). */
  verbEnd?: number;
}

/** Where each phrase of a list occurs (longest phrase at a position). */
export function findAll(tokens: readonly string[], list: readonly string[][]): At[] {
  const out: At[] = [];
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

/** Whether words sit inside a longer span: part of a name, a place or a kind, not words of their own. */
const inside = (m: At, spans: readonly Span[]) =>
  spans.some((s) => s.start <= m.start && m.end <= s.end && s.end - s.start > m.end - m.start);

/** The task the words name, if any; with an object said, it beats one said by a verb alone. */
export function findTask(
  tokens: readonly string[],
  spans: readonly Span[],
  language: Language,
): FoundTask | null {
  let best: (FoundTask & { score: number; at: number }) | null = null;
  const join = (at: At) => tokens.slice(at.start, at.end).join(language === 'zh' ? '' : ' ');
  const articles = taskArticles(language);
  // "Turn off the vacuum": a verb that is also a noun is the noun after an article.
  const noun = (m: At) => articles.has(tokens[m.start - 1] ?? '');
  for (const said of taskWords(language)) {
    const own = (list: string[][]) => findAll(tokens, list).filter((m) => !inside(m, spans));
    const verbs = own(said.verbs).filter((m) => !noun(m));
    const objects = own(said.objects);
    const makers = objects.length > 0 ? own(said.makers) : [];
    if (verbs.length === 0 && makers.length === 0) continue;
    const used = [...verbs, ...makers];
    const score = objects.length > 0 ? 2 : 1;
    const at = Math.min(...used.map((m) => m.start));
    if (best && (score < best.score || (score === best.score && at >= best.at))) continue;
    const claimed = new Set<number>();
    for (const m of [...used, ...objects]) for (let k = m.start; k < m.end; k++) claimed.add(k);
    const first = verbs[0] ?? objects[0] ?? (makers[0] as At);
    const verbEnd = verbs[0]?.end;
    best = {
      name: said.task,
      claimed,
      objects,
      text: join(first),
      score,
      at,
      ...(verbEnd !== undefined ? { verbEnd } : {}),
    };
  }
  if (!best) return null;
  const { score: _s, at: _a, ...found } = best;
  return found;
}

/** The words that name an appliance kind ("the coffee machine", "il tosaerba") outside every span. */
export function kindSpans(
  tokens: readonly string[],
  spans: readonly Span[],
  language: Language,
  skip: ReadonlySet<number> = new Set(),
): Span[] {
  const taken = new Set<number>(skip);
  for (const s of spans) for (let k = s.start; k < s.end; k++) taken.add(k);
  const out: Span[] = [];
  const nouns = kindNouns(language);
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    const hit = nouns.find((n) => n.words.every((w, k) => tokens[i + k] === w && !taken.has(i + k))) as
      | { kind: Kind; words: string[] }
      | undefined;
    if (!hit) continue;
    const end = i + hit.words.length;
    out.push({
      slot: 'category',
      value: hit.kind,
      start: i,
      end,
      edits: 0,
      text: tokens.slice(i, end).join(language === 'zh' ? '' : ' '),
    });
    i = end - 1;
  }
  return out;
}
