/**
 * The recogniser: every language's sentences, expanded once into a trie of words and slots.
 * Matching walks the trie over the utterance's tokens; slots read numbers, values of lists
 * (static ones from the grammar, live ones such as the home's device names and areas), or any
 * words (wildcards). Names may be misheard: when nothing matches exactly, list values are matched
 * again allowing one or two edits, and the confidence says so.
 */

import { pinyin } from 'pinyin-pro';
import type { Language } from '../../errors/index.js';
import { readDuration } from './durations.js';
import { distanceTo, type PreparedName, prepareName } from './edit-distance.js';
import { type CueName, type Cues, cueNames, matchFrame } from './frames.js';
import { isHan, tokenize } from './normalize.js';
import { readNumber } from './numbers.js';
import { refine } from './refine.js';
import { compileTemplate, type Item, parseRules } from './template.js';

/** One value of a slot list: what people say and what it means. */
export interface ListEntry {
  text: string;
  value: unknown;
}

/** An intent's sentences in one language. */
export interface IntentSentences {
  intent: string;
  /** Slot values fixed by these sentences (for example power: true for "turn on"). */
  slots?: Record<string, unknown>;
  sentences: string[];
}

/** One language's grammar, as loaded from sentences/<lang>/*.yaml. */
export interface Grammar {
  language: Language;
  rules: Record<string, string>;
  /** Static lists: slot name -> entries. */
  lists: Record<string, ListEntry[]>;
  intents: IntentSentences[];
  /** Words said around a request that carry nothing ("please", "请"), dropped at either end. */
  fillers: string[];
  /** Cue words by meaning, for reading an utterance no sentence matches as a frame (frames.ts). */
  cues: Partial<Record<CueName, string[]>>;
}

/** A name, area or device kind found in an utterance. */
export interface Span {
  slot: 'name' | 'area' | 'category';
  value: unknown;
  start: number;
  end: number;
  edits: number;
  text: string;
}

/** A filled slot. */
export interface SlotValue {
  value: unknown;
  /** The words that filled it. */
  text: string;
}

/** What an utterance means. */
export interface Recognition {
  intent: string;
  slots: Record<string, SlotValue>;
  language: Language;
  /** 1 for an exact match; lower when names were matched with edits. */
  confidence: number;
}

/** Slots read as numbers; any other slot is a list, or a wildcard when no list has its name. */
export const numberSlots: ReadonlySet<string> = new Set([
  'number',
  'brightness',
  'temperature',
  'percent',
  'position',
  'duration',
]);

interface TrieNode {
  words: Map<string, TrieNode[]>;
  slots: Array<[string, TrieNode]>;
  accepts: Array<{ intent: string; fixed: Record<string, unknown> }>;
}

const newNode = (): TrieNode => ({ words: new Map(), slots: [], accepts: [] });

/** Join tokens back into comparable text: no spaces between Chinese characters. */
export function joinTokens(tokens: readonly string[]): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const prev = tokens[i - 1];
    if (i > 0 && !(isHan(t) || (prev !== undefined && isHan(prev))) && !(prev ?? '').endsWith("'"))
      out += ' ';
    out += t;
  }
  return out;
}

/** One value, or the distinct values when several entries (or one device's several names) matched. */
function distinct(entries: readonly ListEntry[]): unknown {
  const values = [...new Set(entries.map((e) => e.value))];
  return values.length === 1 ? values[0] : values;
}

/** A list prepared for lookups: by exact text, and the longest entry in tokens. */
interface PreparedList {
  exact: Map<string, ListEntry[]>;
  all: Array<{ name: PreparedName; entry: ListEntry; length: number }>;
  /** Entries of several words (or of three or more Chinese characters), by each word or character. */
  byWord: Map<string, number[]>;
  /** Entries of one word (or of one or two Chinese characters): compared with every span. */
  compact: number[];
  maxTokens: number;
  /** Chinese names of two characters or more by their toneless sound: 赛赛 is heard for 塞塞. */
  sounds: Map<string, ListEntry[]>;
}

const charSounds = new Map<string, string>();
/** The toneless pinyin of Chinese text, character by character (cached: names and speech share few characters). */
export function soundOf(text: string): string {
  return [...text]
    .map((ch) => {
      let heard = charSounds.get(ch);
      if (heard === undefined) {
        heard = isHan(ch) ? pinyin(ch, { toneType: 'none' }) : ch;
        charSounds.set(ch, heard);
      }
      return heard;
    })
    .join(' ');
}

function prepare(entries: readonly ListEntry[]): PreparedList {
  const exact = new Map<string, ListEntry[]>();
  const all: PreparedList['all'] = [];
  const byWord = new Map<string, number[]>();
  const compact: number[] = [];
  const sounds = new Map<string, ListEntry[]>();
  let maxTokens = 1;
  for (const entry of entries) {
    const tokens = tokenize(entry.text);
    if (tokens.length === 0) continue;
    const text = joinTokens(tokens);
    if (tokens.length >= 2 && tokens.every(isHan)) {
      const heard = soundOf(text);
      sounds.set(heard, [...(sounds.get(heard) ?? []), entry]);
    }
    maxTokens = Math.max(maxTokens, tokens.length);
    exact.set(text, [...(exact.get(text) ?? []), entry]);
    const index = all.push({ name: prepareName(text), entry, length: [...text].length }) - 1;
    // A span misheard by at most two edits keeps at least one word of a longer name, and one character
    // of a Chinese name of three or more; "livingroom" for "living room": the words run together are a key too.
    const indexed = tokens.some((t) => isHan(t)) ? tokens.length >= 3 : tokens.length > 1;
    if (indexed)
      for (const word of new Set([...tokens, tokens.join('')]))
        byWord.get(word)?.push(index) ?? byWord.set(word, [index]);
    else compact.push(index);
  }
  return { exact, all, byWord, compact, maxTokens, sounds };
}

/** Cue words that make dropped words matter. */
const chatterBreakers: readonly CueName[] = [
  'query',
  'on',
  'off',
  'cancel',
  'timer',
  'half',
  'percent',
  'degrees',
  'kelvin',
];

/** The entries a span may be a mishearing of: one-word and short names always, longer ones sharing a word. */
function candidatesFor(
  list: PreparedList,
  tokens: readonly string[],
  pos: number,
  end: number,
): Iterable<number> {
  if (list.byWord.size === 0) return list.compact;
  const seen = new Set<number>(list.compact);
  for (let k = pos; k < end; k++)
    for (const index of list.byWord.get(tokens[k] as string) ?? []) seen.add(index);
  return seen;
}

/** One way a slot can be read at a position. */
interface SlotReading {
  value: unknown;
  end: number;
  edits: number;
  wild: number;
}
type SlotReads = Map<string, SlotReading[]>;

/**
 * Whether a part of an utterance says more than the reading so far: more of what was said in slots,
 * or as much with more certainty — but a bare "never mind" beside a request is not the request.
 */
function betterPart(part: Recognition, so: Recognition): boolean {
  const [a, b] = [filledSlots(part), filledSlots(so)];
  if (a !== b) return a > b;
  return part.confidence > so.confidence && !part.intent.startsWith('system.');
}

/** Punctuation between a request and what is said around it. */
const CLAUSE_BREAK = /[,;:!?.，；：！？。…—]+(?:\s|$)|[，；：！？。…]/u;

/** Cue words a negation in front of them turns around. */
const actionCues: readonly CueName[] = [
  'on',
  'off',
  'set',
  'open',
  'close',
  'clean',
  'start',
  'pause',
  'dock',
  'cancel',
  'brightness',
  'temperature',
];

/** Slots filled from the words said (not fixed by the sentence). */
function filledSlots(recognition: Recognition): number {
  return Object.values(recognition.slots).filter((slot) => slot.text !== '').length;
}

/** A compiled grammar for one language. */
export class LanguageRecognizer {
  readonly language: Language;
  private readonly root = newNode();
  private readonly staticLists: Map<string, PreparedList>;
  private readonly fillers: Set<string>;
  /** Words in the longest filler ("est-ce que tu pourrais": five). */
  private readonly longestFiller: number;
  private readonly dynamicCache = new WeakMap<readonly ListEntry[], PreparedList>();
  private readonly cues: Cues;
  /** Slots filled from the home's live lists (names, areas), the only ones matched with edits. */
  private readonly liveSlots: ReadonlySet<string> = new Set(['name', 'area', 'app']);
  /** Every word this language's sentences, cues, fillers and fixed lists use (for telling languages apart). */
  readonly vocabulary = new Set<string>();

  constructor(grammar: Grammar) {
    this.language = grammar.language;
    const rules = parseRules(grammar.rules);
    for (const intent of grammar.intents) {
      for (const sentence of intent.sentences) {
        const ends = compileTemplate<TrieNode>(sentence, rules, [this.root], (from, item) =>
          this.edge(from, item),
        );
        for (const end of ends) {
          if (end === this.root) continue;
          end.accepts.push({ intent: intent.intent, fixed: intent.slots ?? {} });
        }
      }
    }
    this.staticLists = new Map(
      Object.entries(grammar.lists).map(([name, entries]) => [name, prepare(entries)]),
    );
    this.fillers = new Set(grammar.fillers.flatMap((f) => joinTokens(tokenize(f))));
    this.longestFiller = Math.max(1, ...grammar.fillers.map((f) => tokenize(f).length));
    this.cues = Object.fromEntries(
      cueNames.map((cue) => [cue, (grammar.cues?.[cue] ?? []).map(tokenize).filter((t) => t.length > 0)]),
    );
    const phrases = [
      ...grammar.fillers,
      ...Object.values(grammar.cues ?? {}).flat(),
      ...Object.values(grammar.lists).flatMap((entries) => entries.map((e) => e.text)),
    ];
    for (const phrase of phrases) for (const word of tokenize(phrase)) this.vocabulary.add(word);
  }

  private edge(from: TrieNode[], item: Item): TrieNode {
    const to = newNode();
    for (const state of from) {
      if ('word' in item) this.vocabulary.add(item.word);
      if ('word' in item) state.words.set(item.word, [...(state.words.get(item.word) ?? []), to]);
      else state.slots.push([item.slot, to]);
    }
    return to;
  }

  private stripFillers(tokens: string[]): string[] {
    const [start, end] = this.fillerBounds(tokens, 0, tokens.length);
    // "Thank you", "grazie", "谢谢" alone are what was said, not politeness around a request.
    return start >= end ? tokens : tokens.slice(start, end);
  }

  /** Where the words between start and end begin and end once fillers are dropped at both sides. */
  private fillerBounds(tokens: readonly string[], from: number, to: number): [number, number] {
    let start = from;
    let end = to;
    for (let changed = true; changed && start < end; ) {
      changed = false;
      for (let n = Math.min(this.longestFiller, end - start); n >= 1; n--) {
        if (this.fillers.has(joinTokens(tokens.slice(start, start + n)))) {
          start += n;
          changed = true;
          break;
        }
        if (this.fillers.has(joinTokens(tokens.slice(end - n, end)))) {
          end -= n;
          changed = true;
          break;
        }
      }
    }
    return [start, end];
  }

  /** Recognise an utterance; lists are the live slot lists (device names, areas, ...). */
  recognize(text: string, lists: Record<string, readonly ListEntry[]> = {}): Recognition | null {
    const whole = this.readText(text, lists);
    if (whole && whole.confidence >= 1) return whole;
    // "Spegni tutto in salotto, tanto non c'è nessuno": punctuation marks where the request ends and
    // the aside begins. A part that is understood better than the whole is the request.
    const parts = text.split(CLAUSE_BREAK).filter((part) => part.trim() !== '');
    if (parts.length < 2) return whole;
    // "Robbie, nettoie le salon": a part that leaves a device's name behind is not the whole request.
    const listFor = this.listsFor(lists);
    const naming = parts.filter((part) => this.namesADevice(tokenize(part), listFor));
    let best = whole;
    for (const part of parts) {
      if (naming.some((other) => other !== part)) continue;
      const found = this.readText(part, lists);
      if (found && (!best || betterPart(found, best))) best = found;
    }
    return best;
  }

  /** Whether the utterance negates an action ("don't turn on…", "n'allume pas…", "不要打开…"). */
  negates(text: string): boolean {
    return this.negatesAction(tokenize(text));
  }

  /**
   * The words of an utterance and the home's names, areas and device kinds found in them (longest
   * first, misheard names allowed one edit), for reading a request as a command (command/read.ts).
   */
  spans(text: string, lists: Record<string, readonly ListEntry[]> = {}): { tokens: string[]; spans: Span[] } {
    const tokens = tokenize(text);
    const listFor = this.listsFor(lists);
    const spans: Span[] = [];
    const taken: boolean[] = tokens.map(() => false);
    // Exact names first, anywhere; then misheard ones only in the words left ("打开壁灯" is not "开壁灯").
    for (const budget of [0, 1]) {
      for (let pos = 0; pos < tokens.length; ) {
        if (taken[pos]) {
          pos++;
          continue;
        }
        let best: Span | null = null;
        for (const slot of ['name', 'area', 'category'] as const) {
          for (const m of this.readSlot(slot, tokens, pos, listFor, slot === 'category' ? 0 : budget)) {
            if (m.edits !== budget || taken.slice(pos, m.end).some(Boolean)) continue;
            if (!best || m.end > best.end) {
              const text = joinTokens(tokens.slice(pos, m.end));
              best = { slot, value: m.value, start: pos, end: m.end, edits: m.edits, text };
            }
          }
        }
        if (!best) {
          pos++;
          continue;
        }
        spans.push(best);
        for (let k = best.start; k < best.end; k++) taken[k] = true;
        pos = best.end;
      }
    }
    spans.sort((a, b) => a.start - b.start);
    return { tokens, spans };
  }

  private readText(text: string, lists: Record<string, readonly ListEntry[]>): Recognition | null {
    const tokens = this.stripFillers(tokenize(text));
    if (tokens.length === 0) return null;
    const found = this.read(tokens, lists);
    const categories = this.staticLists.get('category');
    return found
      ? refine(found, tokens, this.cues, (text) => categories?.exact.has(joinTokens(tokenize(text))) ?? false)
      : null;
  }

  /** Slot lists by name: the live ones given for this turn, else the grammar's own. */
  private listsFor(lists: Record<string, readonly ListEntry[]>): (slot: string) => PreparedList | undefined {
    return (slot) => {
      const live = lists[slot];
      if (live) {
        let prepared = this.dynamicCache.get(live);
        if (!prepared) {
          prepared = prepare(live);
          this.dynamicCache.set(live, prepared);
        }
        return prepared;
      }
      return this.staticLists.get(slot);
    };
  }

  private read(tokens: string[], lists: Record<string, readonly ListEntry[]>): Recognition | null {
    const listFor = this.listsFor(lists);
    // Every pass over these tokens reads the same slots at the same places; read each once.
    const reads: SlotReads = new Map();
    const exact = this.match(tokens, listFor, 0, 0, reads);
    if (exact && exact.wild === 0) return exact.recognition;
    // A wildcard match ("open {app}") gives way to a misheard name ("打开吸定灯" is the ceiling light).
    const fuzzy = this.match(tokens, listFor, tokens.length > 2 ? 2 : 1, 0, reads);
    if (fuzzy && (!exact || fuzzy.wild < exact.wild)) return fuzzy.recognition;
    const wildcard = (exact ?? fuzzy)?.recognition;
    // "Don't turn off the light": guessing past a negation could do the very thing asked not to be done.
    const negated = this.negatesAction(tokens);
    if (wildcard && negated) return wildcard;
    if (wildcard) {
      // "open up the curtains" is about a device of the home, not an app called "up the curtains";
      // "lance un minuteur d'une demi-heure" is a timer.
      const frame = this.frame(tokens, listFor, reads);
      // The same request read both ways: the sentence's reading keeps what its wildcard holds ("the pasta timer").
      if (frame && frame.intent === wildcard.intent) return wildcard;
      return frame ?? wildcard;
    }
    // A request said with something else around it: "I'm heading out, turn off everything in the kitchen".
    if (negated) return null;
    const clause = this.clause(tokens, listFor);
    if (clause.exact) return clause.exact;
    // Then: let up to two words nobody wrote a sentence for pass ("bring the lights DOWN to 10 percent"),
    // unless reading the parts anywhere finds as much of what was said: the words a relaxed match skips
    // are often the ones that mattered ("客厅灯开一下" names the lights, "a 4000 kelvin" is not a brightness).
    const relaxed = tokens.length < 4 ? null : this.match(tokens, listFor, 1, 2, reads)?.recognition;
    const frame = this.frame(tokens, listFor, reads);
    if (relaxed && (!frame || Object.keys(frame.slots).length < filledSlots(relaxed))) return relaxed;
    return frame ?? this.clause(tokens, listFor, true, reads).framed ?? null;
  }

  /**
   * A request with chatter before or after it: an exact sentence match (or a frame that explains
   * every word) on what is left once up to seven words are dropped from the two ends.
   */
  private clause(
    tokens: string[],
    listFor: (slot: string) => PreparedList | undefined,
    framing = false,
    reads: SlotReads = new Map(),
  ): { exact?: Recognition; framed?: Recognition } {
    const most = Math.min(7, tokens.length - 3);
    const keepAtLeast = Math.max(3, Math.ceil(tokens.length * 0.3));
    let framed: Recognition | null = null;
    for (let cut = 1; cut <= most && tokens.length - cut >= keepAtLeast; cut++) {
      for (let head = cut; head >= 0; head--) {
        const tail = cut - head;
        const before = tokens.slice(0, head);
        const after = tokens.slice(tokens.length - tail);
        // "计时器取消吧，鸡蛋煮好了": the request keeps its own polite words.
        const [from, to] = this.fillerBounds(tokens, head, tokens.length - tail);
        const part = tokens.slice(from, to);
        if (part.length < 2 || !this.isChatter([...before, ...after], part)) continue;
        // "Robbie, nettoie le salon": a device addressed by name is part of the request.
        if (this.namesAPlace(before, listFor) || this.namesAPlace(after, listFor)) continue;
        // "on n'y voit rien, mets la lampe à 75 %" may drop its negation; "don't | turn off the light" may not.
        if (this.mentions(part, 'negation') || this.negationEndsAt(before, before.length)) continue;
        if (!framing) {
          const found = this.match(part, listFor, 0);
          if (found && found.wild === 0)
            return {
              exact: { ...found.recognition, confidence: Math.min(found.recognition.confidence, 0.7) },
            };
        } else {
          // Every word of what is kept must be explained, names exactly as the home knows them.
          framed = this.frame(part, listFor, reads, 0, false, { full: tokens, offset: from });
          if (framed) break;
        }
      }
      if (framed) break;
    }
    return framed ? { framed: { ...framed, confidence: Math.min(framed.confidence, 0.5) } } : {};
  }

  /** Whether the words hold one of the home's device names, exactly. */
  private namesADevice(
    words: readonly string[],
    listFor: (slot: string) => PreparedList | undefined,
  ): boolean {
    return this.holds(words, listFor('name'));
  }

  /** Whether the words hold one of the home's device or area names, exactly. */
  private namesAPlace(
    words: readonly string[],
    listFor: (slot: string) => PreparedList | undefined,
  ): boolean {
    return this.holds(words, listFor('name')) || this.holds(words, listFor('area'));
  }

  private holds(words: readonly string[], list: PreparedList | undefined): boolean {
    if (!list || words.length === 0) return false;
    for (let start = 0; start < words.length; start++)
      for (let end = start + 1; end <= Math.min(words.length, start + list.maxTokens); end++)
        if (list.exact.has(joinTokens(words.slice(start, end)))) return true;
    return false;
  }

  /** Whether a negation phrase ends right at `end`. */
  private negationEndsAt(words: readonly string[], end: number): boolean {
    return (this.cues.negation ?? []).some((phrase) =>
      words.some((_, i) => phrase.every((w, k) => words[i + k] === w) && i + phrase.length === end),
    );
  }

  /**
   * Whether a negation governs an action: "don't turn off", "n'allume pas", "不要关掉" — a negation
   * with an action word within the next two words. "I can't see a thing" negates nothing asked.
   */
  private negatesAction(tokens: readonly string[]): boolean {
    for (const phrase of this.cues.negation ?? []) {
      for (let i = 0; i < tokens.length; i++) {
        if (!phrase.every((w, k) => tokens[i + k] === w)) continue;
        // "别把冰箱关了": 把 brings the object first, the verb comes after it.
        const ba = this.language === 'zh' && ['把', '将'].includes(tokens[i + phrase.length] ?? '');
        const after = tokens.slice(i + phrase.length, i + phrase.length + (ba ? 10 : 2));
        if (actionCues.some((cue) => this.mentions(after, cue))) return true;
      }
    }
    return false;
  }

  /**
   * Words that can be left out without changing the request kept: no number, no question, no unit,
   * and no on/off unless the request already says on or off ("spegni la presa, l'ho lasciata accesa").
   */
  private isChatter(words: readonly string[], kept: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) {
      const n = readNumber(words, i, this.language);
      // "un caldo bestiale", "a bit": an article reads as one, and is no number anyone said.
      if (n && !(n.value === 1 && !/\d/.test(words[i] ?? ''))) return false;
    }
    const keptSwitches = this.mentions(kept, 'on') || this.mentions(kept, 'off');
    return !chatterBreakers.some(
      (cue) => !(keptSwitches && (cue === 'on' || cue === 'off')) && this.mentions(words, cue),
    );
  }

  private mentions(words: readonly string[], cue: CueName): boolean {
    return (this.cues[cue] ?? []).some((phrase) =>
      words.some((_, i) => phrase.every((w, k) => words[i + k] === w)),
    );
  }

  /** Last: the parts of a request in any order, wrapped in any words (frames.ts). */
  private frame(
    tokens: string[],
    listFor: (slot: string) => PreparedList | undefined,
    reads: SlotReads = new Map(),
    maxUnexplained?: number,
    guessNames = true,
    /** `tokens` as a window of a longer utterance: slots are read once on the whole and cut to the window. */
    window: { full: string[]; offset: number } = { full: tokens, offset: 0 },
  ): Recognition | null {
    const { full, offset } = window;
    const limit = offset + tokens.length;
    const found = matchFrame(
      tokens,
      this.language,
      this.cues,
      (slot, pos, fuzzy) =>
        this.cachedRead(reads, slot, full, pos + offset, listFor, fuzzy && guessNames ? 2 : 0)
          .filter((m) => m.wild === 0 && m.end <= limit)
          .map((m) => ({ value: m.value, start: pos, end: m.end - offset, edits: m.edits })),
      maxUnexplained,
    );
    if (!found) return null;
    const slots: Record<string, SlotValue> = {};
    for (const [name, slot] of Object.entries(found.slots))
      slots[name] = { value: slot.value, text: joinTokens(tokens.slice(slot.start, slot.end)) };
    return {
      intent: found.intent,
      slots,
      language: this.language,
      confidence: Math.max(0.3, 0.6 - found.edits * 0.1),
    };
  }

  private match(
    tokens: string[],
    listFor: (slot: string) => PreparedList | undefined,
    maxEdits: number,
    maxSkips = 0,
    reads: SlotReads = new Map(),
  ): { recognition: Recognition; wild: number } | null {
    let best: { recognition: Recognition; edits: number; literals: number; wild: number } | null = null;
    const language = this.language;
    // Many paths of the graph reach the same slot at the same position; read each once.
    const read = (slot: string, pos: number, budget: number) =>
      this.cachedRead(reads, slot, tokens, pos, listFor, budget);
    const visit = (
      node: TrieNode,
      pos: number,
      slots: Record<string, SlotValue>,
      edits: number,
      wild: number,
      literals: number,
      skips: number,
    ) => {
      if (pos === tokens.length) {
        // A relaxed match must still rest on what was said: at least two words of the sentence.
        if (skips > 0 && (literals < 2 || wild > 0)) return;
        const cost = edits + skips;
        for (const accept of node.accepts) {
          // Known names (even misheard) beat a wildcard; then fewer edits, more literal words, fewer wildcard words.
          const better =
            !best ||
            (wild === 0 && best.wild > 0) ||
            ((wild === 0) === (best.wild === 0) &&
              (cost < best.edits ||
                (cost === best.edits &&
                  (literals > best.literals || (literals === best.literals && wild < best.wild)))));
          if (better) {
            const filled: Record<string, SlotValue> = { ...slots };
            for (const [k, v] of Object.entries(accept.fixed)) filled[k] = { value: v, text: '' };
            best = {
              recognition: {
                intent: accept.intent,
                slots: filled,
                language,
                confidence: Math.max(0.4, 1 - edits * 0.2 - skips * 0.25),
              },
              edits: cost,
              literals,
              wild,
            };
          }
        }
        return;
      }
      for (const next of node.words.get(tokens[pos] as string) ?? [])
        visit(next, pos + 1, slots, edits, wild, literals + 1, skips);
      if (skips < maxSkips) visit(node, pos + 1, slots, edits, wild, literals, skips + 1);
      for (const [slot, next] of node.slots) {
        for (const m of read(slot, pos, maxEdits - edits)) {
          visit(
            next,
            m.end,
            { ...slots, [slot]: { value: m.value, text: joinTokens(tokens.slice(pos, m.end)) } },
            edits + m.edits,
            wild + m.wild,
            literals,
            skips,
          );
        }
      }
    };
    visit(this.root, 0, {}, 0, 0, 0, 0);
    const found = best as { recognition: Recognition; wild: number } | null;
    return found ? { recognition: found.recognition, wild: found.wild } : null;
  }

  /** readSlot through the turn's cache: misheard names are read once with the largest budget, then filtered. */
  private cachedRead(
    reads: SlotReads,
    slot: string,
    tokens: string[],
    pos: number,
    listFor: (slot: string) => PreparedList | undefined,
    budget: number,
  ): SlotReading[] {
    const key = `${slot}\u0000${pos}\u0000${budget > 0 ? 'fuzzy' : 'exact'}`;
    let found = reads.get(key);
    if (!found) {
      found = this.readSlot(slot, tokens, pos, listFor, budget > 0 ? 2 : 0);
      reads.set(key, found);
    }
    return budget >= 2 ? found : found.filter((m) => m.edits <= budget);
  }

  private readSlot(
    slot: string,
    tokens: string[],
    pos: number,
    listFor: (slot: string) => PreparedList | undefined,
    editBudget: number,
  ): Array<{ value: unknown; end: number; edits: number; wild: number }> {
    if (slot === 'duration') {
      const d = readDuration(tokens, pos, this.language);
      return d ? [{ value: d.seconds, end: d.end, edits: 0, wild: 0 }] : [];
    }
    if (numberSlots.has(slot)) {
      const n = readNumber(tokens, pos, this.language);
      return n ? [{ value: n.value, end: n.end, edits: 0, wild: 0 }] : [];
    }
    const list = listFor(slot);
    // Only the home's own names are guessed when misheard; a near-miss of a fixed word ("heading" for
    // "reading") is more likely another word than a mishearing.
    const guessing = editBudget > 0;
    if (!this.liveSlots.has(slot)) editBudget = 0;
    const out: Array<{ value: unknown; end: number; edits: number; wild: number }> = [];
    if (!list) {
      // A wildcard: any words up to the end (longest first).
      for (let end = tokens.length; end > pos; end--)
        out.push({ value: joinTokens(tokens.slice(pos, end)), end, edits: 0, wild: end - pos });
      return out;
    }
    const longest = Math.min(tokens.length, pos + list.maxTokens + (editBudget > 0 ? 1 : 0));
    for (let end = longest; end > pos; end--) {
      const text = joinTokens(tokens.slice(pos, end));
      const hits = list.exact.get(text);
      if (hits) {
        out.push({
          value: distinct(hits),
          end,
          edits: 0,
          wild: 0,
        });
        continue;
      }
      // 赛赛 for 塞塞: Chinese heard by its sound, whatever its length.
      const sameSound = guessing && isHan(text[0] ?? '') ? list.sounds.get(soundOf(text)) : undefined;
      if (sameSound) {
        out.push({ value: distinct(sameSound), end, edits: 1, wild: 0 });
        continue;
      }
      // Short names are too close to other words to guess; Chinese packs more into each character.
      if (editBudget <= 0 || text.length < (isHan(text[0] ?? '') ? 3 : 4)) continue;
      const allowed = Math.min(editBudget, text.length >= (isHan(text[0] ?? '') ? 6 : 8) ? 2 : 1);
      // Names heard with another ending ("Robby" for "Robbie") keep their start; allow two edits there.
      const endingSlack = !isHan(text[0] ?? '') && text.length >= 5 && editBudget >= 2;
      let bestEdits = Math.max(allowed, endingSlack ? 2 : 0) + 1;
      let found: ListEntry[] = [];
      const length = [...text].length;
      for (const index of candidatesFor(list, tokens, pos, end)) {
        const candidate = list.all[index] as PreparedList['all'][number];
        if (Math.abs(candidate.length - length) > bestEdits) continue;
        const slack = endingSlack && candidate.name.text.slice(0, 3) === text.slice(0, 3) ? 2 : allowed;
        const d = distanceTo(candidate.name, text, slack);
        if (d > slack) continue;
        if (d < bestEdits) {
          bestEdits = d;
          found = [candidate.entry];
        } else if (d === bestEdits) found.push(candidate.entry);
      }
      if (bestEdits <= Math.max(allowed, endingSlack ? 2 : 0) && found.length)
        out.push({
          value: distinct(found),
          end,
          edits: bestEdits,
          wild: 0,
        });
    }
    return out;
  }
}
