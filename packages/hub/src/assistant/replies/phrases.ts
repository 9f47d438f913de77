/**
 * A device named in a reply: with the definite article its language wants ("la lampada",
 * "l'applique", "lo scaldabagno", "le ventilateur", "the desk lamp"), none for a proper name
 * ("Robby"), and the article joined to a preposition where the language does ("del termostato",
 * "du salon").
 */
import type { Language } from '../../errors/index.js';
import {
  type Agreement,
  agreementOf,
  type GenderedLanguage,
  type Genders,
  headNoun,
  isKnownNoun,
  splitArticle,
} from './gender.js';

/** What a reply needs to know about a device to name it. */
export interface Mention {
  name: string;
  /** Said after the name, "(Kitchen)", to tell two devices of the same name apart. */
  area?: string;
  /** The device's kind, for the gender of a proper name. */
  category?: string;
  genders?: Genders;
}

/** A noun phrase ready to be put in a sentence. */
export interface Phrase {
  /** The name alone, as written. */
  name: string;
  /** The definite article as it stands before the name ("", "the", "il", "l'"). */
  article: string;
  /** Article, name and area. */
  text: string;
  agreement: Agreement;
}

/** Prepositions that fuse with an article. */
export type Preposition = 'of' | 'at';

const englishNouns = new Set(
  'lamp light lights printer fan tv heater thermostat plug socket fridge freezer vacuum curtain curtains blind blinds speaker camera kettle oven boiler radiator switch sensor strip bulb'.split(
    ' ',
  ),
);

const VOWEL = /^[aeiouàáâäèéêëìíîïòóôöùúûüœæ]/i;
const LO = /^(s[^aeiouàèéìòù]|z|x|y|gn|ps|pn|i[aeiou])/i;
const ASPIRATED_H = /^(haut|hott|hubl|hous|hama|hall|hang|hach|hêtr|harp)/i;

function isGendered(language: Language): language is GenderedLanguage {
  return language === 'it' || language === 'fr';
}

/** A single capitalised word that is not a known noun: a name given to a device ("Robby"). */
function isProperName(name: string, language: Language): boolean {
  if (/'s\b|’s\b/.test(name)) return true;
  // A name with no Latin letter ("台灯") takes no article in a Latin-script language.
  if (!/\p{Script=Latin}/u.test(name)) return true;
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (words.length !== 1 || !/^\p{Lu}/u.test(first)) return false;
  const head = headNoun(first);
  if (language === 'en') return !englishNouns.has(head);
  return isGendered(language) ? !isKnownNoun(head, language) : true;
}

function italianArticle(word: string, { gender, plural }: Agreement): string {
  const vowel = VOWEL.test(word) || /^h/i.test(word);
  if (plural) {
    if (gender === 'feminine') return 'le';
    return vowel || LO.test(word) ? 'gli' : 'i';
  }
  if (vowel) return "l'";
  if (gender === 'feminine') return 'la';
  return LO.test(word) ? 'lo' : 'il';
}

function frenchArticle(word: string, { gender, plural }: Agreement): string {
  if (plural) return 'les';
  if (VOWEL.test(word) || (/^h/i.test(word) && !ASPIRATED_H.test(word))) return "l'";
  return gender === 'feminine' ? 'la' : 'le';
}

/** The article and the name joined: an elided article takes no space ("l'applique"). */
function join(article: string, rest: string): string {
  if (!article) return rest;
  return article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`;
}

/** Name a device with its article. */
export function phraseOf(mention: Mention, language: Language): Phrase {
  const area = mention.area ? (language === 'zh' ? `（${mention.area}）` : ` (${mention.area})`) : '';
  const name = mention.name.trim();
  if (!isGendered(language)) {
    const article = language === 'en' && !isProperName(name, language) && !/^the\s/i.test(name) ? 'the' : '';
    return {
      name,
      article,
      text: `${join(article, name)}${area}`,
      agreement: { gender: 'masculine', plural: false },
    };
  }
  const gender = mention.genders?.[language];
  const agreement = agreementOf(name, language, {
    ...(gender ? { gender } : {}),
    ...(mention.category ? { category: mention.category } : {}),
  });
  const written = splitArticle(name, language);
  if (written.article) {
    // The name already carries its article ("la lampe"): keep it as written.
    const article = name.slice(0, written.article.length);
    return { name: written.rest, article, text: `${join(article, written.rest)}${area}`, agreement };
  }
  if (isProperName(name, language)) return { name, article: '', text: `${name}${area}`, agreement };
  const word = headNoun(name);
  const article = language === 'it' ? italianArticle(word, agreement) : frenchArticle(word, agreement);
  return { name, article, text: `${join(article, name)}${area}`, agreement };
}

const italianFused: Record<Preposition, Record<string, string>> = {
  of: { il: 'del', lo: 'dello', la: 'della', "l'": "dell'", i: 'dei', gli: 'degli', le: 'delle' },
  at: { il: 'al', lo: 'allo', la: 'alla', "l'": "all'", i: 'ai', gli: 'agli', le: 'alle' },
};
const frenchFused: Record<Preposition, Record<string, string>> = {
  of: { le: 'du', la: 'de la', "l'": "de l'", les: 'des' },
  at: { le: 'au', la: 'à la', "l'": "à l'", les: 'aux' },
};
const bare: Record<Language, Record<Preposition, string>> = {
  en: { of: 'of', at: 'at' },
  it: { of: 'di', at: 'a' },
  fr: { of: 'de', at: 'à' },
  zh: { of: '', at: '' },
};

/** "of the lamp", "del termostato", "de l'imprimante", "d'Alexa". */
export function withPreposition(phrase: Phrase, preposition: Preposition, language: Language): string {
  const rest = phrase.text.slice(phrase.article.length).trimStart();
  const lowerArticle = phrase.article.toLowerCase().replace(/[’‘]/g, "'");
  if (language === 'it' && lowerArticle) return join(italianFused[preposition][lowerArticle] ?? '', rest);
  if (language === 'fr' && lowerArticle) return join(frenchFused[preposition][lowerArticle] ?? '', rest);
  const word = bare[language][preposition];
  if (language === 'fr' && preposition === 'of' && VOWEL.test(rest)) return `d'${rest}`;
  return word ? `${word} ${phrase.text}` : phrase.text;
}

/** Upper-case the first letter, for a phrase that opens a sentence. */
export function capitalize(text: string): string {
  return text.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** How several phrases agree together: plural, feminine only when every one is. */
export function agreementOfAll(phrases: readonly Phrase[]): Agreement {
  if (phrases.length === 1 && phrases[0]) return phrases[0].agreement;
  return {
    gender: phrases.every((p) => p.agreement.gender === 'feminine') ? 'feminine' : 'masculine',
    plural: true,
  };
}
