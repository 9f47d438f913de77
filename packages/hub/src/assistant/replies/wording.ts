/**
 * The words of the utterance as the person wrote them. The recogniser compares folded text (no
 * accents, lower case), so a slot's text reads "tende a meta"; a reply that repeats it should say
 * "tende a metà", as written.
 */

/** A character without accents, in lower case, as the recogniser folds it. */
function fold(char: string): string {
  return char.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The part of `utterance` that `heard` (folded text) came from, or `heard` when it cannot be found. */
export function asWritten(heard: string, utterance: string): string {
  const wanted = [...fold(heard)].filter((c) => WORD_CHAR.test(c)).join('');
  if (!wanted) return heard;
  let folded = '';
  const origin: number[] = [];
  const chars = [...utterance];
  let offset = 0;
  for (const char of chars) {
    for (const c of fold(char))
      if (WORD_CHAR.test(c)) {
        folded += c;
        origin.push(offset);
      }
    offset += char.length;
  }
  const at = folded.indexOf(wanted);
  if (at < 0) return heard;
  const start = origin[at] as number;
  const lastStart = origin[at + wanted.length - 1] as number;
  const end = lastStart + ((utterance.codePointAt(lastStart) ?? 0) > 0xffff ? 2 : 1);
  return utterance.slice(start, end);
}

/** Every slot's text as written in the utterance (values are untouched). */
export function slotsAsWritten<T extends { text: string }>(
  slots: Record<string, T>,
  utterance: string,
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(slots).map(([name, slot]) => [
      name,
      slot.text ? { ...slot, text: asWritten(slot.text, utterance) } : slot,
    ]),
  );
}
