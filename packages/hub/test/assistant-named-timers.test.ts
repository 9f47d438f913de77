import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandHome, type CommandHome } from './assistant-home.js';
import { startTestHub, type TestHub } from './harness.js';

// Named timers by voice: each keeps its name, and cancelling one by name leaves the others running.
let t: TestHub;
let home: CommandHome;

beforeAll(async () => {
  t = await startTestHub('sqlite');
  home = await buildCommandHome(t, { only: ['printer'] });
});
afterAll(async () => {
  await home?.close();
  await t?.close();
});

const running = async () =>
  (await t.hub.assistant.timers.list(home.homeId))
    .map((timer) => timer.name)
    .sort((a, b) => String(a).localeCompare(String(b)));

describe('named timers', () => {
  const cases = [
    {
      language: 'en',
      start: ['set a pasta timer for 10 minutes', 'set an eggs timer for 6 minutes'],
      names: ['eggs', 'pasta'],
      cancel: 'cancel the pasta timer',
      left: 'eggs',
    },
    {
      language: 'it',
      start: ['imposta un timer per la pasta di 10 minuti', 'imposta un timer per le uova di 6 minuti'],
      names: ['pasta', 'uova'],
      cancel: 'annulla il timer della pasta',
      left: 'uova',
    },
    {
      language: 'fr',
      start: [
        'mets un minuteur pour les pâtes de 10 minutes',
        'mets un minuteur pour les oeufs de 6 minutes',
      ],
      names: ['oeufs', 'pâtes'],
      cancel: 'annule le minuteur des pâtes',
      left: 'oeufs',
    },
    {
      language: 'zh',
      start: ['设一个10分钟的意面计时器', '设一个6分钟的鸡蛋计时器'],
      names: ['意面', '鸡蛋'],
      cancel: '取消意面计时器',
      left: '鸡蛋',
    },
  ];
  for (const c of cases)
    it(`keeps names and cancels only the one named (${c.language})`, async () => {
      await t.hub.assistant.timers.cancel(home.homeId);
      for (const text of c.start) {
        const turn = await home.say(text);
        expect(turn.language, text).toBe(c.language);
        expect(turn.intent?.name, text).toBe('timer.start');
      }
      expect(await running()).toEqual(c.names);
      const cancelled = await home.say(c.cancel);
      expect(cancelled.intent?.name, cancelled.speech.text).toBe('timer.cancel');
      expect(await running()).toEqual([c.left]);
      const again = await home.say(c.cancel);
      expect(await running(), again.speech.text).toEqual([c.left]);
    });

  // Said the way people say them: the name right against the timer word, the time after a comma.
  const beside = [
    {
      language: 'en',
      start: ['a rice timer, 12 minutes', 'start a tea timer for 4 minutes'],
      names: ['rice', 'tea'],
      cancel: 'cancel the rice timer',
      left: 'tea',
    },
    {
      language: 'it',
      start: ['fai partire un timer risotto da 18 minuti', 'e un timer tisana di 5 minuti'],
      names: ['risotto', 'tisana'],
      cancel: 'annulla il timer del risotto',
      left: 'tisana',
    },
    {
      language: 'fr',
      start: ['mets un minuteur gâteau de 30 minutes', 'et un minuteur pour le riz, 12 minutes'],
      names: ['gâteau', 'riz'],
      cancel: 'annule le minuteur du gâteau',
      left: 'riz',
    },
    {
      language: 'zh',
      start: ['设一个米饭计时器，20分钟', '再来一个饺子计时器，8分钟'],
      names: ['米饭', '饺子'],
      cancel: '把米饭的计时器取消',
      left: '饺子',
    },
    {
      // A name that with the timer word sounds like a device's (打印计 and the printer's 打印机) is still the timer's.
      language: 'zh',
      start: ['定一个打印计时器，10分钟', '再来一个汤圆计时器，6分钟'],
      names: ['打印', '汤圆'],
      cancel: '把打印的计时器取消',
      left: '汤圆',
    },
  ];
  for (const c of beside)
    it(`takes the name said beside the timer word (${c.language})`, async () => {
      await t.hub.assistant.timers.cancel(home.homeId);
      for (const text of c.start) {
        const turn = await home.say(text);
        expect(turn.intent?.name, text).toBe('timer.start');
      }
      expect(await running()).toEqual(c.names);
      await home.say(c.cancel);
      expect(await running(), c.cancel).toEqual([c.left]);
    });

  it('takes a name said after the time, in four languages', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    for (const text of [
      'a timer, 8 minutes, for the soup',
      'metti un timer di 9 minuti per la zuppa',
      'lance un minuteur de 7 minutes pour la soupe',
      '给汤圆定一个5分钟的计时器',
    ])
      expect((await home.say(text)).intent?.name, text).toBe('timer.start');
    expect(await running()).toEqual(['soup', 'soupe', 'zuppa', '汤圆']);
  });

  it('takes a name given with "called", "chiamato", "appelé", "名字叫"', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    for (const text of [
      'start a 20 minute timer called bread',
      'metti un timer di 12 minuti chiamato pizza',
      'lance un minuteur de 9 minutes appelé gratin',
      '设一个45分钟的计时器，名字叫面包',
    ])
      expect((await home.say(text)).intent?.name, text).toBe('timer.start');
    expect(await running()).toEqual(['bread', 'gratin', 'pizza', '面包']);
    await t.hub.assistant.timers.cancel(home.homeId);
    for (const [first, then] of [
      ['start a tea timer for 4 minutes', 'and a 45 minute timer called laundry'],
      ['metti un timer per il tè di 4 minuti', 'e un altro di 45 minuti per il bucato'],
    ]) {
      const turn = await home.say(first as string);
      await home.say(then as string, { conversationId: turn.conversationId });
    }
    expect(await running()).toEqual(['bucato', 'laundry', 'tè', 'tea']);
  });

  it('gives no name made of little words ("another", 的)', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    await home.say('start another timer for 5 minutes');
    await home.say('再设一个5分钟的计时器');
    expect(await running()).toEqual([null, null]);
  });

  it('says the name back, and what is left on a named timer', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    expect((await home.say('set a pasta timer for 10 minutes')).speech.text).toBe(
      'Pasta timer set for 10 minutes.',
    );
    expect((await home.say('cancel the rice timer')).speech.text).toBe("There's no rice timer running.");
    expect((await home.say('cancel the pasta timer')).speech.text).toBe('Pasta timer cancelled.');
  });
});

describe('several timers in a breath, and a timer meant by its name alone', () => {
  const cases = [
    {
      language: 'en',
      start: 'I need two timers: rice for 12 minutes and tea for 4 minutes',
      more: 'and another one called oven for 20 minutes',
      names: ['oven', 'rice', 'tea'],
      keep: "don't cancel the rice one",
      cancel: 'get rid of the tea one',
      left: ['oven', 'rice'],
    },
    {
      language: 'it',
      start: 'due timer: riso 12 minuti e tisana 4 minuti',
      more: 'poi un altro di 20 minuti per il forno',
      names: ['forno', 'riso', 'tisana'],
      keep: 'non cancellare quello del riso',
      cancel: 'togli quello della tisana',
      left: ['forno', 'riso'],
    },
    {
      language: 'fr',
      start: 'deux minuteurs : riz 12 minutes et thé 4 minutes',
      more: 'et un autre de 20 minutes pour le four',
      names: ['four', 'riz', 'thé'],
      keep: "n'annule pas celui du riz",
      cancel: 'supprime celui du thé',
      left: ['four', 'riz'],
    },
    {
      language: 'zh',
      start: '定两个计时器：米饭十二分钟，泡茶四分钟',
      more: '再来一个烤箱的，二十分钟',
      names: ['泡茶', '烤箱', '米饭'],
      keep: '别取消米饭那个',
      cancel: '泡茶的那个不要了',
      left: ['烤箱', '米饭'],
    },
  ];
  for (const c of cases)
    it(`starts each timer with its own name and cancels only the one named (${c.language})`, async () => {
      await t.hub.assistant.timers.cancel(home.homeId);
      const started = await home.say(c.start);
      expect(started.intent?.name, started.speech.text).toBe('timer.start');
      await home.say(c.more);
      expect(await running()).toEqual(c.names);
      await home.say(c.keep);
      expect(await running(), c.keep).toEqual(c.names);
      const cancelled = await home.say(c.cancel);
      expect(cancelled.intent?.name, cancelled.speech.text).toBe('timer.cancel');
      expect(await running(), c.cancel).toEqual(c.left);
    });

  it('leaves a name that no running timer has to the devices ("stop the printer" is no timer)', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    await home.say('start a tea timer for 4 minutes');
    const turn = await home.say('stop the printer');
    expect(turn.intent?.name).not.toBe('timer.cancel');
    expect(await running()).toEqual(['tea']);
  });
});

describe('"cancel it" after setting a timer', () => {
  it('cancels the timer just set and leaves an older one running', async () => {
    await t.hub.assistant.timers.cancel(home.homeId);
    await home.say('set a soup timer for 30 minutes');
    for (const [set, cancel] of [
      ['start a ten minute timer', 'actually cancel it'],
      ['定个十分钟的计时器', '算了，取消吧'],
      ['imposta un timer di dieci minuti', 'lascia stare, annullalo'],
    ] as Array<[string, string]>) {
      const first = await home.say(set);
      const second = await home.say(cancel, { conversationId: first.conversationId });
      expect(second.intent?.name, second.speech.text).toBe('timer.cancel');
      expect(await running(), cancel).toEqual(['soup']);
    }
  });
});
