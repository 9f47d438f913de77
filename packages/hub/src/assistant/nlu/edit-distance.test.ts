import { describe, expect, it } from 'vitest';
import { distanceTo, editDistance, prepareName } from './edit-distance.js';

describe('edit distance', () => {
  it('agrees with the plain algorithm on names', () => {
    const pairs = [
      ['desk lamp', 'desk lamb'],
      ['desk lamp 517', 'desk lamb 517'],
      ['lampada della scrivania', 'lampada della scrivana'],
      ['台灯', '抬灯'],
      ['kitchen', 'kitchen'],
      ['kitchen', 'chicken'],
      ['a', 'abc'],
      ['plafoniera', 'plafonier'],
    ];
    for (const [a, b] of pairs)
      expect(distanceTo(prepareName(a as string), b as string, 5), `${a} / ${b}`).toBe(
        editDistance(a as string, b as string, 5),
      );
  });

  it('agrees on random strings', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 20) }, () => 'abcde '[Math.floor(random() * 6)]).join(
        '',
      );
    for (let i = 0; i < 2000; i++) {
      const a = word();
      const b = word();
      expect(distanceTo(prepareName(a), b, 30), `${a} / ${b}`).toBe(editDistance(a, b, 30));
    }
  });
});
