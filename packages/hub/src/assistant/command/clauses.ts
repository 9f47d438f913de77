/**
 * Clauses of one utterance. People wrap a request in talk ("roll out the awning, the sun is blazing",
 * "卢卡睡了，把儿童房的东西全关掉") and give each device its own value in one breath ("the heating to 22
 * and the wine fridge to 14"). Talk is dropped; several requests with their own values are read one by one.
 */
import type { Language } from '../../errors/index.js';
import { readNumber } from '../nlu/numbers.js';
import type { Span } from '../nlu/recognizer.js';
import { type Phrases, phrases } from './phrases.js';

/** What the caller's recogniser finds in a piece of text. */
export type Analyse = (text: string) => { tokens: string[]; spans: Span[] };

const PUNCTUATION = /\s*(?:[,;!?，；。！？、…]+|\.{2,}|\.(?=\s|$)|\s+[-–—]\s+)\s*/u;
const AND: Record<Language, RegExp> = {
  en: /\s+(?:and|then|plus)\s+/iu,
  it: /\s+(?:e|ed|poi)\s+/iu,
  fr: /\s+(?:et|puis)\s+/iu,
  zh: /(?:然后|并且|再把|和把)/u,
};

/** ", and switch off…": an "and" left at the start of a piece by a comma before it. */
const LEADING_AND: Record<Language, RegExp> = {
  en: /^\s*(?:and|then|plus)\s+/iu,
  it: /^\s*(?:e|ed|poi)\s+/iu,
  fr: /^\s*(?:et|puis)\s+/iu,
  zh: /^\s*(?:然后|并且|还有)/u,
};

const NAMING = /名字叫|叫做|名叫|\b(?:called|named|chiamat[oa]|appel[ée]e?)\b/iu;

const PARTICLES = new Set(['on', 'off', 'up', 'down', 'su', 'giu']);
/** Verbs that make a whole request with their object: "turn off the heat mat" ("set the lamp" needs a value). */
const SWITCHES = new Set(['turn_on', 'turn_off', 'open', 'close', 'start', 'pause', 'dock']);

function occurs(tokens: readonly string[], list: readonly string[][]): boolean {
  return tokens.some((_, i) => list.some((phrase) => phrase.every((w, k) => tokens[i + k] === w)));
}

function hasNumber(tokens: readonly string[], language: Language): boolean {
  return tokens.some((t, i) => /\d/.test(t) || readNumber(tokens, i, language) !== null);
}

/** "Spegnile", "richiudila": a verb carrying its object (Italian and French clitics). */
function verbWithObject(tokens: readonly string[], p: Phrases): boolean {
  const verbs = new Set(p.verbs.filter((v) => v.phrase.length === 1).map((v) => v.phrase[0] as string));
  return tokens.some((t) =>
    p.clitics.some((c) => {
      if (!t.endsWith(c) || t.length <= c.length + 2) return false;
      const base = t.slice(0, -c.length);
      return (
        verbs.has(base) ||
        verbs.has(`${base}e`) ||
        verbs.has(base.replace(/^ri/, '')) ||
        verbs.has(`${base.replace(/^ri/, '')}e`)
      );
    }),
  );
}

/** Words that make a clause part of the request even with no name in it ("no, 22", "but not the fan", "both"). */
function shapesTheRequest(tokens: readonly string[], p: Phrases): boolean {
  return (
    [
      p.except,
      p.cancel,
      p.dark,
      p.reference,
      p.also,
      p.others,
      p.everything,
      p.both,
      p.max,
      p.min,
      p.half,
      p.up,
      p.down,
      // "On my screen" is no verb: a particle alone does not make a clause a request.
      p.verbs
        .map((v) => v.phrase)
        .filter((phrase) => !(phrase.length === 1 && PARTICLES.has(phrase[0] as string))),
    ].some((list) => occurs(tokens, list)) ||
    // "No, 22", "anzi", "不对": a correction opens its clause; 不 inside one ("我们不在家") is no correction.
    p.correction.some(
      (phrase) => phrase.every((w, k) => tokens[k] === w) || phrase.every((w, k) => tokens[k + 1] === w),
    )
  );
}

/**
 * "Gus did a great job on the lawn yesterday", "旺财昨天草割得真不错": a clause about what happened, or
 * praise, asks for nothing even when it names a device and a verb, unless it asks ("please", "把…").
 */
export function recounts(tokens: readonly string[], language: Language): boolean {
  const p = phrases(language);
  return occurs(tokens, p.recount) && !occurs(tokens, p.asking);
}

/** Every clause of the utterance only tells: nothing in it is a request. */
export function onlyRecounts(text: string, language: Language, analyse: Analyse): boolean {
  const clauses = text.split(PUNCTUATION).filter((c) => c.trim().length > 0);
  return clauses.length > 0 && clauses.every((clause) => recounts(analyse(clause).tokens, language));
}

/**
 * The utterance without the talk around it: clauses that name nothing the home has, hold no verb,
 * number or word that shapes a request. Unchanged when every clause is talk, or none is.
 */
export function withoutTalk(text: string, language: Language, analyse: Analyse): string {
  const clauses = text.split(PUNCTUATION).filter((c) => c.trim().length > 0);
  if (clauses.length < 2) return text;
  const p = phrases(language);
  const kept = clauses.filter((clause) => {
    const { tokens, spans } = analyse(clause);
    // "…计时器，名字叫面包": a clause that names what was asked for belongs to it.
    if (NAMING.test(clause)) return true;
    if (recounts(tokens, language)) return false;
    return (
      spans.length > 0 ||
      hasNumber(tokens, language) ||
      shapesTheRequest(tokens, p) ||
      verbWithObject(tokens, p)
    );
  });
  // Only around a request for something: "thanks, that's all" stays as said.
  const request = kept.some((clause) => {
    const { tokens, spans } = analyse(clause);
    return (
      spans.length > 0 ||
      occurs(
        tokens,
        p.verbs.map((v) => v.phrase),
      ) ||
      verbWithObject(tokens, p)
    );
  });
  if (!request || kept.length === clauses.length) return text;
  return kept.join(', ');
}

/**
 * Requests with a value each: "the pendants at 30 % and the playroom light at half" is two. Split only
 * when every piece names a thing and has a value of its own; otherwise the text comes back whole.
 */
export function requestsWithValues(text: string, language: Language, analyse: Analyse): string[] {
  const p = phrases(language);
  const split = text
    .split(PUNCTUATION)
    .flatMap((c) => c.split(AND[language]))
    .map((c) => c.replace(LEADING_AND[language], ''))
    .filter((c) => c.trim().length > 0);
  // "Nan and grandad's room": an "and" inside a name or place the home has splits nothing.
  const pieces: string[] = [];
  for (const piece of split) {
    const last = pieces.at(-1);
    const joined = last === undefined ? '' : `${last} ${AND_WORD[language]} ${piece}`;
    const inside =
      last !== undefined &&
      language !== 'zh' &&
      analyse(joined).spans.some((s) => s.text.includes(` ${AND_WORD[language]} `));
    if (inside) pieces[pieces.length - 1] = joined;
    else pieces.push(piece);
  }
  if (pieces.length < 2) return [text];
  // "Open the roof vent halfway and turn off the heat mat": each piece with a verb or a value of its own;
  // "turn on the fairy lights and the towel rail, and switch off the boot dryer": a piece that only
  // names something joins the request before it.
  const read = pieces.map((piece) => {
    const { tokens, spans } = analyse(piece);
    const named = spans.some((s) => s.slot === 'name' || s.slot === 'category');
    const valued =
      hasNumber(tokens, language) || occurs(tokens, p.half) || occurs(tokens, p.max) || occurs(tokens, p.min);
    const verb =
      occurs(
        tokens,
        p.verbs
          .filter((v) => SWITCHES.has(v.action))
          .map((v) => v.phrase)
          .filter((phrase) => !(phrase.length === 1 && PARTICLES.has(phrase[0] as string))),
      ) ||
      occurs(tokens, p.up) ||
      occurs(tokens, p.down) ||
      // "Switch Hippo on": a verb whose particle closes the piece.
      (language === 'en' && /^(turn|switch|put|power)\b.*\b(on|off)$/.test(piece.trim().toLowerCase())) ||
      // "…and the reading lamp on": after another request, a name closed by its particle is one too.
      (language === 'en' && pieces.indexOf(piece) > 0 && /\b(on|off)$/.test(piece.trim().toLowerCase()));
    const odd = occurs(tokens, p.correction) || occurs(tokens, p.except);
    return { piece, named, own: valued || verb, odd, verbOnly: verb && !valued };
  });
  if (read.some((r) => r.odd || !r.named) || !read[0]?.own) return [text];
  const groups: Array<typeof read> = [];
  for (const r of read) {
    const last = groups.at(-1);
    // Only a switching verb carries over to what follows it: "set the sconce and the pendant to 30" is one request.
    if (r.own || !last?.[0]?.verbOnly) groups.push([r]);
    else last.push(r);
  }
  if (groups.length < 2 || !groups.every((g) => g[0]?.own)) return [text];
  const joiner = language === 'zh' ? '和' : ` ${AND_WORD[language]} `;
  return groups.map((g) => g.map((r) => r.piece.trim()).join(joiner));
}

const AND_WORD: Record<Language, string> = { en: 'and', it: 'e', fr: 'et', zh: '和' };

/** A clause that asks for something not to be done: "don't touch the TV", "non spegnere la tv", "别动电视". */
const REFUSING: Record<Language, RegExp> = {
  en: /^\s*(?:(?:but|and|please)\s+)?(?:don'?t|do not|never)\s/iu,
  it: /^\s*(?:(?:ma|e|per favore)\s+)?non\s/iu,
  fr: /^\s*(?:(?:mais|et)\s+)?(?:ne\s|n['’])/iu,
  zh: /^\s*(?:但是?|可是)?(?:不要|别(?![的人处家])|不用|千万别|千万不要)/u,
};
/** "Don't touch the TV": a verb of its own for a refusal. */
const TOUCH: Record<Language, RegExp> = {
  en: /\btouch\b/iu,
  it: /\btocca(?:re)?\b/iu,
  fr: /\btouche(?:r)?\b/iu,
  zh: /[动碰]/u,
};
/** "…, just the tube lights": what the rest asks for instead, with the refused clause's verb. */
const ONLY: Record<Language, RegExp> = {
  en: /^\s*(?:just|only)\b/iu,
  it: /^\s*(?:solo|soltanto|solamente)\b/iu,
  fr: /^\s*(?:juste|seulement|que)\b/iu,
  zh: /^\s*只/u,
};
const REFUSING_WORDS: Record<Language, Set<string>> = {
  en: new Set(['but', 'and', 'please', "don't", 'dont', 'do', 'not', 'never']),
  it: new Set(['ma', 'e', 'per', 'favore', 'non']),
  fr: new Set(['mais', 'et', 'ne', "n'", 'pas', 'jamais']),
  zh: new Set(['但', '是', '可', '不', '要', '别', '用', '千', '万']),
};

/**
 * "Don't touch the TV, turn on the floor lamp", "non spegnere la tv, accendi solo la piantana": the clause
 * refusing something is no part of what the others ask, and nothing it names moves. When the rest has no
 * verb of its own ("don't turn the fan on, just the tube lights"), it takes the refused clause's verb.
 */
export function withoutRefusals(text: string, language: Language, analyse: Analyse): string {
  const clauses = text.split(PUNCTUATION).filter((c) => c.trim().length > 0);
  if (clauses.length < 2) return text;
  // Each clause is read once, however many questions are asked of it.
  const seen = new Map<string, ReturnType<Analyse>>();
  const read = (c: string) => {
    let found = seen.get(c);
    if (!found) {
      found = analyse(c);
      seen.set(c, found);
    }
    return found;
  };
  const p = phrases(language);
  const verbs = p.verbs.map((v) => v.phrase);
  const hasVerb = (c: string) => {
    const { tokens } = read(c);
    return occurs(tokens, verbs) || verbWithObject(tokens, p);
  };
  // A refusal refuses an act ("but not the night light" is an exception, read as one).
  const refused = clauses.map(
    (c) => REFUSING[language].test(c) && read(c).spans.length > 0 && (hasVerb(c) || TOUCH[language].test(c)),
  );
  if (!refused.some(Boolean) || refused.every(Boolean)) return text;
  const kept = clauses.filter((_, i) => !refused[i]);
  if (!kept.some((c) => read(c).spans.some((s) => s.slot !== 'area'))) return text;
  if (kept.some(hasVerb)) return kept.join(', ');
  const donor = clauses.find((c, i) => refused[i] && hasVerb(c));
  if (!donor || !kept.some((c) => ONLY[language].test(c))) return text;
  const { tokens, spans } = read(donor);
  const named = new Set(spans.flatMap((s) => Array.from({ length: s.end - s.start }, (_, k) => s.start + k)));
  const verbWords = new Set(verbs.flat());
  const verb = tokens
    .filter(
      (t, k) => !named.has(k) && !REFUSING_WORDS[language].has(t) && (language === 'zh' || verbWords.has(t)),
    )
    .join(language === 'zh' ? '' : ' ');
  return `${verb} ${kept.join(', ')}`;
}

/** Breaks between steps: punctuation, but no decimal comma ("22,5 gradi"). */
const STEP_BREAK = /\s*(?:(?<!\d),|,(?!\d)|[;!?，；。！？、…]+|\.{2,}|\.(?=\s|$)|\s+[-–—]\s+)\s*/u;
/** "And" between steps, but not inside a number ("one and a half", "ventuno e mezzo", "vingt et un"). */
const STEP_AND: Record<Language, RegExp> = {
  en: /\s+(?:and|then|plus)\s+(?!(?:a\s+)?half\b|a\s+quarter\b)/iu,
  it: /\s+(?:e|ed|poi)\s+(?!mezz[oa]\b|un\s+quarto\b)/iu,
  fr: /\s+(?:et|puis)\s+(?!demie?\b|un\b|une\b|quart\b)/iu,
  zh: /(?:然后|并且|再把|和把)/u,
};

/** "It's too bright", "il fait froid", "有点冷": a piece that tells how things are asks for no step. */
const STATEMENT: Record<Language, RegExp> = {
  en: /\b(?:it'?s|it is|that'?s|that is|is|are|was|were|feels?|seems?|looks?)\b/iu,
  it: /(?:^|\s)(?:è|e'|sono|era|sembra|fa)\s/iu,
  fr: /\b(?:c'est|il fait|est|sont|était|semble)\b/iu,
  zh: /太|有点|好像|真|挺/u,
};

/**
 * Steps of one request for the same device: "put the washer on wool and start it", "空调开制热，二十三度",
 * "allume le ventilateur et fais-le osciller". The first piece names the device; each later piece names
 * nothing, and asks something of its own (a verb, a value, a property, a pronoun). Null otherwise.
 */
export function stepsOf(text: string, language: Language, analyse: Analyse): string[] | null {
  const p = phrases(language);
  const pieces = text
    .split(STEP_BREAK)
    .flatMap((c) => c.split(STEP_AND[language]))
    .map((c) => c.replace(LEADING_AND[language], '').trim())
    .filter((c) => c.length > 0);
  if (pieces.length < 2) return null;
  const read = pieces.map((piece) => analyse(piece));
  if (!(read[0]?.spans ?? []).some((s) => s.slot === 'name' || s.slot === 'category')) return null;
  // "The lamp is too dim, turn it up": the first piece tells, the request is the rest as a whole.
  if (STATEMENT[language].test(pieces[0] as string)) return null;
  const properties = Object.values(p.properties).flat();
  const verbs = p.verbs
    .map((v) => v.phrase)
    .filter((phrase) => !(phrase.length === 1 && PARTICLES.has(phrase[0] as string)));
  const asks = (tokens: readonly string[]) =>
    verbWithObject(tokens, p) ||
    occurs(tokens, verbs) ||
    occurs(tokens, properties) ||
    occurs(tokens, p.up) ||
    occurs(tokens, p.down) ||
    occurs(tokens, p.max) ||
    occurs(tokens, p.min) ||
    occurs(tokens, p.half) ||
    // "二十三度", "30 percent": a value with its unit; "une boucle d'oreille" holds no value.
    (hasNumber(tokens, language) && (occurs(tokens, p.degrees) || occurs(tokens, p.percent)));
  for (let i = 1; i < pieces.length; i++) {
    const { tokens, spans } = read[i] as ReturnType<Analyse>;
    if (spans.length > 0 || !asks(tokens) || STATEMENT[language].test(pieces[i] as string)) return null;
    // "…, but not the fan", "…, no wait": exceptions and corrections belong to the whole.
    if (occurs(tokens, p.except) || occurs(tokens, p.correction) || occurs(tokens, p.negation)) return null;
  }
  return pieces;
}
