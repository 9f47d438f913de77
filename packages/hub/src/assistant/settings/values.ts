/**
 * Values of settings: read from the words ("25", "4 centimetres", "800 giri", "a metà", "un po' più
 * forte", "wool") and turned into what the device takes, within the property's range and step
 * (4 cm is 40 on a property in mm; "a bit" is one step of a tenth of the range).
 */
import type { DataType, NumericDataType } from '../../devices/index.js';
import type { Language } from '../../errors/index.js';
import { readNumber } from '../nlu/numbers.js';
import type { SettingOption } from './catalog.js';
import { type Cues, cues, type Unit } from './cues.js';

/** A value as said. */
export type SettingValue =
  | { kind: 'number'; amount: number; unit?: Unit }
  | { kind: 'relative'; direction: 1 | -1; amount?: number; unit?: Unit }
  | { kind: 'extreme'; which: 'max' | 'min' | 'half' }
  | { kind: 'option'; key: number }
  | { kind: 'bool'; on: boolean };

/** Where each phrase of a list occurs in the free tokens. */
export function occurrences(
  tokens: readonly string[],
  phrases: readonly (readonly string[])[],
  free: (i: number) => boolean,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const phrase of phrases)
    for (let i = 0; i + phrase.length <= tokens.length; i++)
      if (phrase.every((w, k) => tokens[i + k] === w && free(i + k)))
        out.push({ start: i, end: i + phrase.length });
  return out;
}

const said = (tokens: readonly string[], phrases: string[][], free: (i: number) => boolean) =>
  occurrences(tokens, phrases, free).length > 0;

function unitAt(tokens: readonly string[], at: number, c: Cues): { unit?: Unit; end: number } {
  let best: { unit?: Unit; end: number } = { end: at };
  for (const [unit, phrases] of Object.entries(c.units) as Array<[Unit, string[][]]>)
    for (const phrase of phrases)
      if (phrase.every((w, k) => tokens[at + k] === w) && at + phrase.length > best.end)
        best = { unit, end: at + phrase.length };
  return best;
}

/** The first number said among the free tokens, with its unit. */
export function numberIn(
  tokens: readonly string[],
  language: Language,
  free: (i: number) => boolean,
): { amount: number; unit?: Unit; start: number; end: number } | null {
  const c = cues(language);
  for (let i = 0; i < tokens.length; i++) {
    if (!free(i)) continue;
    const percentFirst =
      language === 'zh' && tokens[i] === '百' && tokens[i + 1] === '分' && tokens[i + 2] === '之';
    const at = percentFirst ? i + 3 : i;
    const n = readNumber(tokens, at, language);
    if (!n) continue;
    // An article read as a number ("a notch", "un po'") is no number anyone said.
    if (n.value === 1 && !/\d/.test(tokens[at] ?? '') && !percentFirst) continue;
    const { unit, end } = percentFirst ? { unit: 'percent' as const, end: n.end } : unitAt(tokens, n.end, c);
    return { amount: n.value, ...(unit ? { unit } : {}), start: i, end };
  }
  return null;
}

/** A numeric value said for a number setting: absolute, extreme or relative. */
export function numericValue(
  tokens: readonly string[],
  language: Language,
  free: (i: number) => boolean,
): SettingValue | undefined {
  const c = cues(language);
  const up = said(tokens, [...c.up, ...c.louder], free);
  const down = said(tokens, [...c.down, ...c.quieter], free);
  const by = occurrences(tokens, c.by, free);
  const half = occurrences(tokens, c.half, free);
  const found = numberIn(tokens, language, free);
  // "调到一半" is half the range, not the number 1.5.
  const n = found && !half.some((h) => h.start < found.end && found.start < h.end) ? found : null;
  const direction = up && !down ? 1 : down && !up ? -1 : undefined;
  // "Turn it up by 10": a relative amount; "turn it up to 30" is where it goes.
  if (n && direction && by.some((b) => b.end === n.start))
    return { kind: 'relative', direction, amount: n.amount, ...(n.unit ? { unit: n.unit } : {}) };
  if (n) return { kind: 'number', amount: n.amount, ...(n.unit ? { unit: n.unit } : {}) };
  if (said(tokens, c.max, free)) return { kind: 'extreme', which: 'max' };
  if (said(tokens, c.min, free)) return { kind: 'extreme', which: 'min' };
  if (half.length) return { kind: 'extreme', which: 'half' };
  if (direction) return { kind: 'relative', direction };
  return undefined;
}

/** Whether the words say which way to go, and no more ("up a bit", "più forte", "小一点"). */
export function saysDirection(
  tokens: readonly string[],
  language: Language,
  free: (i: number) => boolean,
): boolean {
  const c = cues(language);
  return said(tokens, [...c.up, ...c.down, ...c.louder, ...c.quieter], free);
}

/** Whether the words say "louder" or "quieter": the volume, whatever else is named. */
export function saysLoudness(
  tokens: readonly string[],
  language: Language,
  free: (i: number) => boolean,
): boolean {
  const c = cues(language);
  return said(tokens, [...c.louder, ...c.quieter], free);
}

/** The choice said for an enum: a label's words, its letters run together ("HDMI 1"), or its number. */
export function optionValue(
  tokens: readonly string[],
  options: readonly SettingOption[],
  language: Language,
  free: (i: number) => boolean,
): { key: number; start: number; end: number; distinctive: boolean } | undefined {
  let best: { key: number; start: number; end: number; distinctive: boolean } | undefined;
  const better = (o: SettingOption, start: number, end: number) => {
    if (!best || end - start > best.end - best.start)
      best = { key: o.key, start, end, distinctive: o.distinctive };
  };
  for (const o of options) {
    for (const { start, end } of occurrences(tokens, o.phrases, free)) better(o, start, end);
    // "HDMI 2" for "HDMI2", "in only" for "InOnly".
    for (let i = 0; i < tokens.length; i++)
      for (let n = 2; n <= 3 && i + n <= tokens.length; n++) {
        const window = tokens.slice(i, i + n);
        if (window.every((_, k) => free(i + k)) && window.join('') === o.squashed) better(o, i, i + n);
      }
  }
  if (best) return best;
  const n = numberIn(tokens, language, free);
  const numbered = n ? options.find((o) => o.number === n.amount) : undefined;
  return numbered && n ? { key: numbered.key, start: n.start, end: n.end, distinctive: false } : undefined;
}

/** On or off for a switch setting: unmute before mute ("取消静音" holds "静音"), off before on. */
export function switchValue(
  tokens: readonly string[],
  language: Language,
  free: (i: number) => boolean,
  muting: boolean,
): boolean | undefined {
  const c = cues(language);
  if (muting && said(tokens, c.unmute, free)) return false;
  if (muting && said(tokens, c.mute, free)) return true;
  if (said(tokens, c.off, free)) return false;
  if (said(tokens, c.on, free)) return true;
  return undefined;
}

/** What a number setting goes to, or why it cannot: out of its range, or a unit it cannot take. */
export type Reached = { value: number } | { outOfRange: { min: number; max: number } };

const isNumeric = (t: DataType | undefined): t is NumericDataType =>
  t?.type === 'int' || t?.type === 'float' || t?.type === 'double';

/** The unit a property is in, as a Unit, from its spec's unit or unit name. */
export function unitOf(t: NumericDataType): Unit | undefined {
  const unit = `${t.specs.unit ?? ''} ${t.specs.unitName ?? ''}`.toLowerCase();
  if (/\bmm\b|毫米|millim/.test(unit)) return 'mm';
  if (/\bcm\b|厘米|centim/.test(unit)) return 'cm';
  if (/%|percent|百分/.test(unit)) return 'percent';
  if (/°|℃|celsius|度/.test(unit)) return 'degrees';
  if (/rpm|r\/min|转|giri|tours/.test(unit)) return 'rpm';
  return undefined;
}

/** The value a number setting goes to from what was said and what it holds now. */
export function reach(t: DataType | undefined, said: SettingValue, current: unknown): Reached | null {
  if (!isNumeric(t)) return null;
  const min = t.specs.min ?? 0;
  const max = t.specs.max ?? 100;
  const step = t.specs.step && t.specs.step > 0 ? t.specs.step : t.type === 'int' ? 1 : 0.1;
  const own = unitOf(t);
  const convert = (amount: number, unit?: Unit): number => {
    if (unit === 'cm' && own === 'mm') return amount * 10;
    if (unit === 'mm' && own === 'cm') return amount / 10;
    // "Volume at 40 percent" on a 0..30 scale: that share of the range.
    if (unit === 'percent' && own !== 'percent' && !(min === 0 && max === 100))
      return min + ((max - min) * amount) / 100;
    return amount;
  };
  const snap = (v: number) => {
    const snapped = min + Math.round((v - min) / step) * step;
    return Number(snapped.toFixed(6));
  };
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  switch (said.kind) {
    case 'number': {
      const wanted = convert(said.amount, said.unit);
      if (wanted < min || wanted > max) return { outOfRange: { min, max } };
      return { value: clamp(snap(wanted)) };
    }
    case 'extreme':
      return {
        value: said.which === 'max' ? max : said.which === 'min' ? min : clamp(snap((min + max) / 2)),
      };
    case 'relative': {
      const now = typeof current === 'number' ? current : min;
      // One step of a tenth of the range, never less than the property's own step.
      const tenth = Math.max(step, Math.round((max - min) / 10 / step) * step);
      const by = said.amount !== undefined ? convert(said.amount, said.unit) : tenth;
      return { value: clamp(snap(now + said.direction * by)) };
    }
    default:
      return null;
  }
}
