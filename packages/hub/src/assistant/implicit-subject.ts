/**
 * "Now make it green", "un peu moins", "换成睡眠模式": a request said of what was just done, with a
 * pronoun or with nothing at all for the device. When such a turn is not understood on its own, it is
 * read again with the device's name in the pronoun's place, or before the words when none was said.
 */
import type { Language } from '../errors/index.js';

const PRONOUN: Record<Language, RegExp> = {
  en: /\b(?:that one|this one|them|it|those)\b/iu,
  it: /\b(?:quello|quella|quelli|quelle)\b/iu,
  fr: /(?:-(?:les|le|la)\b|\b(?:celui-là|celle-là|celui-la|celle-la|ceux-là|celles-là)\b)/iu,
  zh: /它们|它|那个|这个|那些/u,
};

/** "Mettila", "falla", "spegnili": an Italian verb carrying its object ("fa" + "lla"). */
const ITALIAN_CLITIC = /\b([a-z]+?(?:a|e|i))l?(?:la|lo|li|le)\b/iu;

/** "No,", "anzi", "不对，": a correction opening the turn stays in front of the name. */
const OPENING: Record<Language, RegExp> = {
  en: /^\s*(?:(?:no|nah|actually|sorry|now|then|ok|okay|and)\b[\s,;.!]*)+/iu,
  it: /^\s*(?:(?:no|anzi|scusa|ora|adesso|allora|ok|e|invece)\b[\s,;.!]*)+/iu,
  fr: /^\s*(?:(?:non|plutôt|plutot|pardon|maintenant|alors|ok|et|finalement)\b[\s,;.!]*)+/iu,
  zh: /^\s*(?:(?:不对|不是|不|算了|那|现在|然后|再)[\s，,。！!]*)+/u,
};

const WANTED = /^(?:我要的是|我想要的是|要的是|我是说|我说的是)/u;

const AND: Record<Language, string> = { en: ' and ', it: ' e ', fr: ' et ', zh: '和' };

/** The text with the devices' names said where the pronoun was, or after an opening word. */
export function withSubject(text: string, language: Language, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const subject = names.join(AND[language]);
  const pronoun = PRONOUN[language].exec(text);
  if (pronoun) {
    const at = pronoun.index;
    const spaced = language === 'zh' ? subject : ` ${subject} `;
    return `${text.slice(0, at)}${spaced}${text.slice(at + pronoun[0].length)}`.replace(/\s+/g, ' ').trim();
  }
  if (language === 'it') {
    const clitic = ITALIAN_CLITIC.exec(text);
    if (clitic?.[1] && clitic.index === (OPENING.it.exec(text)?.[0].length ?? 0))
      return `${text.slice(0, clitic.index)}${clitic[1]} ${subject}${text.slice(clitic.index + clitic[0].length)}`;
  }
  const opening = OPENING[language].exec(text)?.[0] ?? '';
  // "我要的是蓝色": what is wanted, said of the device ("灯带要蓝色").
  const rest =
    language === 'zh' ? text.slice(opening.length).replace(WANTED, '要') : text.slice(opening.length);
  if (!rest.trim()) return null;
  const join = language === 'zh' ? '' : ' ';
  return `${opening}${subject}${join}${rest}`.trim();
}
