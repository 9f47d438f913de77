/**
 * Sentence shapes the assistant's command reader understands beyond its sentence templates, as
 * templates for a closed recognition grammar: a name followed by "on"/"off", a relative change
 * ("turn the porch lamp down a bit", "dim the wall light"), a value after a change word ("lower the
 * thermostat to eighteen degrees"), a property named instead of a device ("set the heating to
 * twenty one"), and a negated switch ("don't turn on the printer", heard so that it is not obeyed).
 * The words come from the assistant's command phrases; only the word order is English, so the
 * shapes are built for English alone.
 */
import type { CommandPhrases } from '../assistant/index.js';

/** Phrases come tokenised ("don't" as `don`, `t`); a recogniser's dictionary has the written word. */
const written = (tokens: string[]) => tokens.join(' ').replace(/'? (t|s|re|ll|d|ve|m)\b/g, "'$1");
const joined = (phrases: string[][]) => [...new Set(phrases.map(written))];
const alt = (words: string[]) => `(${words.join('|')})`;

/**
 * What a change or a value is said of: a device, a kind or a place's kind, never "all the …". A
 * misheard "all the lamps down a notch" would dim every light of the home at once, and the assistant
 * acts on "all" without asking (it is what was said); switching all on or off stays in the templates.
 */
const target = '([<the>] {name} [<on_area>]|[<the>] {category} [<on_area>]|[<the>] {area} {category})';

/** English command shapes over the assistant's command phrases, in the assistant's template syntax. */
export function commandShapes(p: CommandPhrases): string[] {
  const verbsOf = (action: string) => joined(p.verbs.filter((v) => v.action === action).map((v) => v.phrase));
  const switching = [...verbsOf('turn_on'), ...verbsOf('turn_off')];
  // "on" and "off" alone: the particles a name can be followed by ("porch lamp off").
  const particles = switching.filter((v) => !v.includes(' ') && p.glue.has(v));
  const switchVerbs = switching.filter((v) => !particles.includes(v));
  const separable = [
    ...new Set(switchVerbs.filter((v) => v.includes(' ')).map((v) => v.split(' ')[0] as string)),
  ];
  const set = verbsOf('set');
  const change = joined([...p.up, ...p.down]);
  const amount = joined([...p.bit, ...p.notch]);
  const units = joined([...p.percent, ...p.degrees]);
  // What is set, by its name ("the heating", "the temperature"), not a word of change or extreme.
  const extremes = new Set([...change, ...joined([...p.max, ...p.min])]);
  const properties = joined([...p.properties.temperature, ...p.properties.brightness]).filter(
    (w) => !extremes.has(w),
  );
  const negation = joined(p.negation);
  const it = joined(p.reference).filter((w) => !w.includes(' '));
  const shapes = [
    `<name_or_kind> ${alt(particles)}`,
    `${alt(change)} ${target} [${alt(amount)}]`,
    `${alt(set)} ${target} ${alt(change)} [${alt(amount)}]`,
    `${alt([...set, ...change])} ${target} [${alt(change)}] (to|at) {brightness} [${alt(units)}]`,
    `${alt(set)} [the] ${alt(properties)} [${alt(change)}] (to|at) {temperature} [${alt(units)}]`,
    `${alt(set)} ${alt(it)} ${alt(change)} [${alt(amount)}] <on_area>`,
    `${alt(negation)} ${alt(switchVerbs)} <name_or_kind>`,
    `${alt(negation)} ${alt(separable)} <name_or_kind> ${alt(particles)}`,
  ];
  return particles.length && set.length && change.length ? shapes : [];
}
