/**
 * Text as the recogniser compares it: lower case, no accents, one kind of apostrophe, Chinese
 * split into characters (it has no spaces), Italian and French elisions split off (l'acqua -> l' acqua).
 */

const HAN = /\p{Script=Han}/u;

/** Whether a character is a Chinese character. */
export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** Lower case, accents removed, full-width forms folded, apostrophes unified. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // Ligatures are letters of their own to Unicode: "œufs" and "oeufs" are one word to a listener.
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/[’‘`´]/g, "'")
  );
}

/**
 * Split into tokens. Latin words are split on spaces and punctuation (keeping a decimal point,
 * a minus sign and % with numbers); an elided article stays a token of its own with its apostrophe;
 * each Chinese character is a token.
 */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  const tokens: string[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push(word);
    word = '';
  };
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i] as string;
    if (isHan(ch)) {
      flush();
      tokens.push(ch);
    } else if (ch === "'") {
      // robbie's: a possessive, its own token.
      if (folded[i + 1] === 's' && !/[\p{L}\p{N}]/u.test(folded[i + 2] ?? '')) {
        if (word) tokens.push(word);
        tokens.push("'s");
        word = '';
        i++;
        continue;
      }
      // l'acqua, dell'aria, d'ambiance, qu'il: the elided word keeps its apostrophe.
      if (word) {
        tokens.push(`${word}'`);
        word = '';
      }
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      word += ch;
    } else if ((ch === '.' || ch === ',') && /\d$/.test(word) && /\d/.test(folded[i + 1] ?? '')) {
      word += '.';
    } else if (ch === '-' && !word && /\d/.test(folded[i + 1] ?? '')) {
      word = '-';
    } else if (ch === '%' || ch === '％') {
      flush();
      tokens.push('%');
    } else if (ch === '°') {
      flush();
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}
