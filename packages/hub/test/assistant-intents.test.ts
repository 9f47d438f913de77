import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenioError } from '../src/errors/index.js';
import { buildCommandHome, type CommandHome, touched } from './assistant-home.js';
import { startTestHub, type TestHub } from './harness.js';

// The seam commerce and mini-apps plug into: intents registered at run time, reached by voice.
let t: TestHub;
let home: CommandHome;

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  home = await buildCommandHome(t, { only: ['printer', 'reading lamp'] });
});
afterAll(async () => {
  await home?.close();
  await t?.close();
});

describe('intent registry', () => {
  it('reaches a handler registered at run time with sentences in four languages, and forgets it when unregistered', async () => {
    const calls: Array<{ language: string; slots: Record<string, unknown> }> = [];
    const pizzas = {
      en: [
        { text: 'margherita', value: 'margherita' },
        { text: 'marinara', value: 'marinara' },
      ],
      it: [
        { text: 'margherita', value: 'margherita' },
        { text: 'marinara', value: 'marinara' },
      ],
      fr: [
        { text: 'margherita', value: 'margherita' },
        { text: 'marinara', value: 'marinara' },
      ],
      zh: [
        { text: '玛格丽特', value: 'margherita' },
        { text: '水手', value: 'marinara' },
      ],
    };
    t.hub.assistant.intents.register({
      id: 'shop.order_pizza',
      owner: 'shop',
      sentences: {
        en: ['order {number} {pizza} (pizza|pizzas)', 'order a {pizza} pizza'],
        it: ['ordina {number} (pizza|pizze) {pizza}', 'ordina una pizza {pizza}'],
        fr: ['commande {number} (pizza|pizzas) {pizza}', 'commande une pizza {pizza}'],
        zh: ['点{number}个{pizza}披萨', '点一个{pizza}披萨'],
      },
      lists: {
        en: { pizza: pizzas.en },
        it: { pizza: pizzas.it },
        fr: { pizza: pizzas.fr },
        zh: { pizza: pizzas.zh },
      },
      handler: ({ language, slots }) => {
        calls.push({
          language,
          slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, v.value])),
        });
        return { speech: `ok ${language}` };
      },
    });
    expect(t.hub.assistant.intents.list()).toContainEqual({
      id: 'shop.order_pizza',
      owner: 'shop',
      languages: ['zh', 'en', 'it', 'fr'],
    });
    const said = [
      ['order a margherita pizza', 'en'],
      ['ordina due pizze marinara', 'it'],
      ['commande une pizza margherita', 'fr'],
      ['点两个水手披萨', 'zh'],
    ] as const;
    for (const [text, language] of said) {
      const turn = await home.say(text);
      expect(turn.intent?.name, text).toBe('shop.order_pizza');
      expect(turn.speech.text).toBe(`ok ${language}`);
    }
    expect(calls.map((c) => c.language)).toEqual(['en', 'it', 'fr', 'zh']);
    expect(calls[1]?.slots).toMatchObject({ pizza: 'marinara' });
    expect(calls[3]?.slots).toMatchObject({ pizza: 'marinara', number: 2 });
    expect(touched(home)).toEqual([]);

    expect(t.hub.assistant.intents.unregister('shop.order_pizza')).toBe(true);
    const after = await home.say('order a margherita pizza');
    expect(after.intent?.name).not.toBe('shop.order_pizza');
    expect(calls).toHaveLength(4);
  });

  it('lets the owner holding the conversation win, and speaks its GenioErrors in the turn’s language', async () => {
    t.hub.assistant.intents.register({
      id: 'quiz.answer',
      owner: 'quiz',
      sentences: { en: ['{answer}'], it: ['{answer}'] },
      handler: ({ slots }) => ({ speech: `answer: ${String(slots.answer?.value)}`, hold: true }),
    });
    t.hub.assistant.intents.register({
      id: 'quiz.start',
      owner: 'quiz',
      sentences: { en: ['start the quiz'], it: ['inizia il quiz'] },
      handler: () => ({ speech: 'First question?', hold: true }),
    });
    t.hub.assistant.intents.register({
      id: 'quiz.fail',
      owner: 'quiz',
      sentences: { en: ['break the quiz'], it: ['rompi il quiz'] },
      handler: () => {
        throw new GenioError('not_found', { what: 'quiz' });
      },
    });
    // Not held: "turn on the printer" is the printer.
    home.clear();
    await home.say('turn on the printer');
    expect(touched(home)).toEqual(['printer']);
    const started = await home.say('start the quiz');
    expect(started.speech.text).toBe('First question?');
    expect(started.continueConversation).toBe(true);
    home.clear();
    const held = await home.say('turn on the printer', { conversationId: started.conversationId });
    expect(held.speech.text).toBe('answer: turn on the printer');
    expect(touched(home)).toEqual([]);
    const failed = await home.say('rompi il quiz');
    expect(failed.language).toBe('it');
    expect(failed.speech.text).toBe(new GenioError('not_found', { what: 'quiz' }).messageIn('it'));
    for (const id of ['quiz.answer', 'quiz.start', 'quiz.fail']) t.hub.assistant.intents.unregister(id);
  });
});
