/**
 * Numbers spoken or written in zh, en, it and fr, read from tokens (see tokenize): digits
 * ("22", "-18", "22.5"), words ("twenty two", "ventidue", "vingt deux", "二十二"), negatives
 * ("minus eighteen", "meno diciotto", "moins dix-huit", "零下十八"), decimals and halves.
 */
import type { Language } from '../../errors/index.js';

/** A number found at a position: its value and the index after its last token. */
export interface NumberMatch {
  value: number;
  end: number;
}

const en: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const fr: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  // Belgian and Swiss French.
  septante: 70,
  huitante: 80,
  nonante: 90,
};
const itSmall: Record<string, number> = {
  zero: 0,
  uno: 1,
  un: 1,
  una: 1,
  due: 2,
  tre: 3,
  quattro: 4,
  cinque: 5,
  sei: 6,
  sette: 7,
  otto: 8,
  nove: 9,
  dieci: 10,
  undici: 11,
  dodici: 12,
  tredici: 13,
  quattordici: 14,
  quindici: 15,
  sedici: 16,
  diciassette: 17,
  diciotto: 18,
  diciannove: 19,
};
const itTens: Array<[string, number]> = [
  ['novanta', 90],
  ['ottanta', 80],
  ['settanta', 70],
  ['sessanta', 60],
  ['cinquanta', 50],
  ['quaranta', 40],
  ['trenta', 30],
  ['venti', 20],
  ['novant', 90],
  ['ottant', 80],
  ['settant', 70],
  ['sessant', 60],
  ['cinquant', 50],
  ['quarant', 40],
  ['trent', 30],
  ['vent', 20],
];
const itUnits: Array<[string, number]> = [
  ['uno', 1],
  ['due', 2],
  ['tre', 3],
  ['quattro', 4],
  ['cinque', 5],
  ['sei', 6],
  ['sette', 7],
  ['otto', 8],
  ['nove', 9],
];

/** An Italian number written as one word (ventidue, centoventi, duemila), 0..9999. */
function italianWord(word: string): number | null {
  if (word in itSmall) return itSmall[word] as number;
  const mille = word.indexOf('mil');
  if (mille >= 0 && (word.endsWith('mille') || word.includes('mila'))) {
    const head = word.slice(0, mille);
    const tail = word.slice(
      word.indexOf(word.includes('mila') ? 'mila' : 'mille') + (word.includes('mila') ? 4 : 5),
    );
    const thousands = head === '' ? 1 : italianWord(head);
    const rest = tail === '' ? 0 : italianWord(tail);
    return thousands === null || rest === null ? null : thousands * 1000 + rest;
  }
  const cento = word.indexOf('cent');
  if (cento >= 0) {
    const head = word.slice(0, cento);
    const tail = word.slice(cento + (word.startsWith('cento', cento) ? 5 : 4));
    const hundreds = head === '' ? 1 : italianWord(head);
    const rest = tail === '' ? 0 : italianWord(tail);
    return hundreds === null || rest === null || hundreds > 9 ? null : hundreds * 100 + rest;
  }
  for (const [prefix, value] of itTens) {
    if (!word.startsWith(prefix)) continue;
    const tail = word.slice(prefix.length);
    if (tail === '') return value;
    const unit = itUnits.find(([u]) => u === tail || (tail === 'tre' && u === 'tre'));
    if (unit) return value + unit[1];
  }
  return null;
}

const zhDigits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const zhUnits: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Chinese numerals from tokens[start]: 二十二, 十八, 一百零五, 两千, 三点五. */
function chinese(tokens: readonly string[], start: number): NumberMatch | null {
  let i = start;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let any = false;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t in zhDigits) {
      digit = zhDigits[t] as number;
      any = true;
    } else if (t in zhUnits) {
      const unit = zhUnits[t] as number;
      if (unit === 10000) {
        total = (total + section + (digit ?? 0)) * 10000;
        section = 0;
      } else {
        section += (digit ?? 1) * unit;
      }
      digit = null;
      any = true;
    } else if (/^\d+(\.\d+)?$/.test(t) && !any) {
      return { value: Number(t), end: i + 1 };
    } else break;
  }
  if (!any) return null;
  let value = total + section + (digit ?? 0);
  // 三点五 = 3.5
  if (tokens[i] === '点') {
    let j = i + 1;
    let decimals = '';
    while (j < tokens.length && (tokens[j] as string) in zhDigits) {
      decimals += String(zhDigits[tokens[j] as string]);
      j++;
    }
    if (decimals) {
      value = Number(`${value}.${decimals}`);
      i = j;
    }
  }
  return { value, end: i };
}

function digits(token: string | undefined): number | null {
  return token !== undefined && /^-?\d+(\.\d+)?$/.test(token) ? Number(token) : null;
}

/** Western languages: accumulate words (twenty two, quatre vingt dix, one hundred twenty). */
function western(
  tokens: readonly string[],
  start: number,
  language: Exclude<Language, 'zh'>,
): NumberMatch | null {
  const direct = digits(tokens[start]);
  if (direct !== null) return { value: direct, end: start + 1 };
  let i = start;
  let total = 0;
  let current = 0;
  let any = false;
  const small = language === 'en' ? en : language === 'fr' ? fr : itSmall;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1];
    if (
      any &&
      (t === 'and' || t === 'et' || t === 'e') &&
      next !== undefined &&
      (next in small || (language === 'it' && italianWord(next) !== null))
    ) {
      // "one hundred and five", "vingt et un"; "e mezzo" is handled after the loop.
      if (next === 'a' || next === 'mezzo' || next === 'demi' || next === 'demie') break;
      continue;
    }
    if (language === 'it') {
      const v = italianWord(t);
      if (v !== null && !(any && v >= 1000)) {
        if (v >= 1000) total += v;
        else current += v;
        any = true;
        continue;
      }
    }
    if (t === 'hundred' || t === 'cent' || t === 'cents') {
      current = (current || 1) * 100;
      any = true;
      continue;
    }
    if (t === 'thousand' || t === 'mille') {
      total += (current || 1) * 1000;
      current = 0;
      any = true;
      continue;
    }
    if (!(t in small) || language === 'it') break;
    // "a"/"an" count as one only before hundred/thousand ("a hundred").
    if ((t === 'a' || t === 'an') && tokens[i + 1] !== 'hundred' && tokens[i + 1] !== 'thousand') break;
    const v = small[t] as number;
    if (language === 'fr' && t.startsWith('vingt') && current % 100 === 4)
      current += 76; // quatre-vingt(s) = 80
    else current += v;
    any = true;
  }
  if (!any) return null;
  let value = total + current;
  // Decimals: "twenty two point five", "ventidue virgola cinque", "vingt-deux virgule cinq"
  const point = tokens[i];
  if ((point === 'point' || point === 'virgola' || point === 'virgule') && i + 1 < tokens.length) {
    const decimal = western(tokens, i + 1, language);
    if (decimal && Number.isInteger(decimal.value) && decimal.value < 100) {
      value = Number(`${value}.${decimal.value}`);
      i = decimal.end;
    }
  }
  return { value, end: i };
}

const negatives: Record<Language, readonly string[]> = {
  en: ['minus', 'negative'],
  it: ['meno'],
  fr: ['moins'],
  zh: ['负', '零下'],
};
const halves: Record<Language, readonly (readonly string[])[]> = {
  en: [['and', 'a', 'half']],
  it: [
    ['e', 'mezzo'],
    ['e', 'mezza'],
  ],
  fr: [
    ['et', 'demi'],
    ['et', 'demie'],
  ],
  zh: [['半']],
};

function startsWith(tokens: readonly string[], at: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[at + k] === w);
}

/** Read a number at tokens[start] in a language; null when there is none. */
export function readNumber(tokens: readonly string[], start: number, language: Language): NumberMatch | null {
  let sign = 1;
  let at = start;
  if (language === 'zh') {
    if (tokens[at] === '负') {
      sign = -1;
      at++;
    } else if (tokens[at] === '零' && tokens[at + 1] === '下') {
      sign = -1;
      at += 2;
    }
  } else if (negatives[language].includes(tokens[at] as string)) {
    sign = -1;
    at++;
  }
  const found = language === 'zh' ? chinese(tokens, at) : western(tokens, at, language);
  if (!found) return null;
  let { value, end } = found;
  if (language === 'zh' && tokens[end] === '个' && tokens[end + 1] === '半') {
    value += 0.5;
    end += 2;
  } else {
    for (const half of halves[language]) {
      if (startsWith(tokens, end, half)) {
        value += 0.5;
        end += half.length;
        break;
      }
    }
  }
  return { value: sign * value, end };
}
