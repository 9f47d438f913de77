import { describe, expect, it } from 'vitest';
import { asWritten, slotsAsWritten } from './index.js';

// A reply repeats what was said with its accents and capitals, not the recogniser's folded text.
describe('words as written', () => {
  it.each([
    ['it', 'le tende a meta', 'Apri le tende a metà, grazie', 'le tende a metà'],
    [
      'fr',
      'lampe de la salle a manger',
      'Allume la lampe de la salle à manger',
      'lampe de la salle à manger',
    ],
    ['fr', "l' entree", "allume l'entrée", "l'entrée"],
    ['en', 'cafe lights', 'turn on the Café lights', 'Café lights'],
    ['zh', '台灯', '把台灯打开', '台灯'],
  ])('%s: %s', (_language, heard, utterance, written) => {
    expect(asWritten(heard, utterance)).toBe(written);
  });

  it('keeps the heard text when the utterance does not contain it, and leaves values alone', () => {
    expect(asWritten('garage', 'turn on the light')).toBe('garage');
    expect(
      slotsAsWritten({ app: { value: 'x', text: 'meteo' }, n: { value: 1, text: '' } }, 'apri Météo'),
    ).toEqual({ app: { value: 'x', text: 'Météo' }, n: { value: 1, text: '' } });
  });
});
