import { describe, expect, it } from 'vitest';
import { readTimerTalk } from './read.js';

const none = { running: [] };

describe('readTimerTalk', () => {
  it('reads each timer of a sentence with the name said before its time', () => {
    expect(readTimerTalk('two timers please, pizza 15 minutes and salad 5 minutes', 'en', none)).toEqual({
      act: 'start',
      timers: [
        { seconds: 900, name: 'pizza' },
        { seconds: 300, name: 'salad' },
      ],
    });
  });

  it('reads names said after their time when nothing stands before the first', () => {
    expect(
      readTimerTalk('un timer di 10 minuti per la pasta e uno di 5 minuti per le uova', 'it', none),
    ).toEqual({
      act: 'start',
      timers: [
        { seconds: 600, name: 'pasta' },
        { seconds: 300, name: 'uova' },
      ],
    });
  });

  it('keeps the accents of a name as written', () => {
    expect(readTimerTalk('lance un minuteur de 8 minutes pour les pâtes', 'fr', none)).toEqual({
      act: 'start',
      timers: [{ seconds: 480, name: 'pâtes' }],
    });
  });

  it('takes "another one" for a timer only while a timer runs', () => {
    const said = 'and another one called fish for 9 minutes';
    expect(readTimerTalk(said, 'en', none)).toBeNull();
    expect(readTimerTalk(said, 'en', { running: ['rice'] })).toEqual({
      act: 'start',
      timers: [{ seconds: 540, name: 'fish' }],
    });
  });

  it('reads 再来一个半小时 as another timer of half an hour, not one of an hour and a half', () => {
    expect(readTimerTalk('再来一个半小时的炖汤计时器', 'zh', { running: ['米饭'] })).toEqual({
      act: 'start',
      timers: [{ seconds: 1800, name: '炖汤' }],
    });
  });

  it('cancels a timer named alone only when one of that name runs', () => {
    expect(readTimerTalk('get rid of the fish one', 'en', { running: ['rice'] })).toBeNull();
    expect(readTimerTalk('get rid of the fish one', 'en', { running: ['rice', 'fish'] })).toEqual({
      act: 'cancel',
      name: 'fish',
      matching: ['fish'],
    });
    expect(readTimerTalk('supprime celui des oeufs', 'fr', { running: ['œufs'] })).toEqual({
      act: 'cancel',
      name: 'oeufs',
      matching: ['œufs'],
    });
  });

  it('leaves questions, negations and device requests alone', () => {
    expect(readTimerTalk('how long is left on the 10 minute timer', 'en', { running: [null] })).toBeNull();
    expect(readTimerTalk("don't cancel the rice one", 'en', { running: ['rice'] })).toBeNull();
    expect(readTimerTalk('set the heating to 21', 'en', { running: ['rice'] })).toBeNull();
    expect(readTimerTalk('计时器还剩多久', 'zh', { running: [null] })).toBeNull();
  });

  it('takes "cancel it" right after a timer was set as that timer, and only then', () => {
    for (const [said, language] of [
      ['actually cancel it', 'en'],
      ['算了，取消吧', 'zh'],
      ['lascia stare, annullalo', 'it'],
      ['laisse tomber, annule-le', 'fr'],
    ] as const) {
      expect(readTimerTalk(said, language, { running: [null], justSet: true }), said).toEqual({
        act: 'cancelLast',
      });
      expect(readTimerTalk(said, language, { running: [null], justSet: false }), said).toBeNull();
    }
  });
});
