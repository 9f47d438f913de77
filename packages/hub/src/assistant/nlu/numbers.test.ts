import { describe, expect, it } from 'vitest';
import type { Language } from '../../errors/index.js';
import { tokenize } from './normalize.js';
import { readNumber } from './numbers.js';

const read = (text: string, language: Language) => {
  const tokens = tokenize(text);
  const found = readNumber(tokens, 0, language);
  return found && found.end === tokens.length ? found.value : null;
};

describe('readNumber', () => {
  it.each([
    ['en', 'twenty-two', 22],
    ['en', 'twenty two point five', 22.5],
    ['en', 'minus eighteen', -18],
    ['en', 'one hundred and five', 105],
    ['en', 'a hundred', 100],
    ['en', 'one and a half', 1.5],
    ['en', '22', 22],
    ['en', '-18', -18],
    ['en', '22,5', 22.5],
    ['it', 'ventidue', 22],
    ['it', 'ventuno', 21],
    ['it', 'ventitré', 23],
    ['it', 'meno diciotto', -18],
    ['it', 'centoventi', 120],
    ['it', 'duemila', 2000],
    ['it', 'ventidue virgola cinque', 22.5],
    ['it', 'uno e mezzo', 1.5],
    ['fr', 'vingt-deux', 22],
    ['fr', 'vingt et un', 21],
    ['fr', 'moins dix-huit', -18],
    ['fr', 'soixante-dix', 70],
    ['fr', 'quatre-vingt-dix-huit', 98],
    ['fr', 'quatre-vingts', 80],
    ['fr', 'deux cents', 200],
    ['fr', 'une et demie', 1.5],
    ['zh', '二十二', 22],
    ['zh', '十八', 18],
    ['zh', '零下十八', -18],
    ['zh', '负五', -5],
    ['zh', '一百零五', 105],
    ['zh', '两千', 2000],
    ['zh', '三点五', 3.5],
    ['zh', '一个半', 1.5],
    ['zh', '26', 26],
  ] as const)('%s "%s" = %d', (language, text, value) => {
    expect(read(text, language)).toBe(value);
  });

  it('reads a number inside a sentence and says where it ends', () => {
    const tokens = tokenize('set the fridge to minus eighteen degrees');
    expect(readNumber(tokens, 4, 'en')).toEqual({ value: -18, end: 6 });
    expect(readNumber(tokenize('把空调调到二十六度'), 5, 'zh')).toEqual({ value: 26, end: 8 });
    expect(readNumber(tokenize('the lamp'), 0, 'en')).toBeNull();
  });
});
