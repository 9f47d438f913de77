import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from '../../errors/index.js';
import { migrations, openStorage } from '../../storage/index.js';
import { type CommerceModule, commerceMigrations, createCommerceModule } from '../index.js';
import { createVoiceOrdering, type OrderingReply } from './index.js';

// Ordering by voice, judged by the cart the order service prices, the money the ledger moved and the
// pickup store chosen — in each of the four languages, with a menu and a merchant nobody tuned on.

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

// Tuesday 08:00 in Rome: breakfast is served.
const BREAKFAST = Date.parse('2026-12-01T07:00:00Z');
const EVENING = Date.parse('2026-12-01T19:00:00Z');
const allDay = ['00:00-24:00'];
const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

async function setUp(at = BREAKFAST) {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-voice-order-'));
  const storage = await openStorage({ dataDir, migrations: [...migrations, ...commerceMigrations] });
  cleanups.push(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await storage.migrate();
  const clock = () => at;
  await storage.db
    .insertInto('homes')
    .values({ id: 'h1', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
    .execute();
  const commerce: CommerceModule = createCommerceModule({ db: storage.db, clock });
  const merchant = await commerce.merchants.apply({
    name: { en: 'Sunrise Café', it: 'Caffè Aurora', fr: 'Café Aurore', zh: '晨光咖啡' },
    currency: 'EUR',
  });
  await commerce.merchants.approve(merchant.id);
  await commerce.stores.importStores(merchant.id, [
    { ref: 'near', name: 'Via Roma 1', lat: 45.465, lon: 9.19, timezone: 'Europe/Rome', hours },
    { ref: 'far', name: 'Corso Como 9', lat: 45.482, lon: 9.187, timezone: 'Europe/Rome', hours },
  ]);
  await commerce.menus.put(merchant.id, {
    dayparts: { breakfast: { tue: ['06:00-11:00'] } },
    items: [
      {
        ref: 'bagel',
        name: { en: 'Bagel', it: 'Bagel', fr: 'Bagel', zh: '贝果' },
        price: 250,
        category: 'bakery',
        dayparts: ['breakfast'],
      },
      {
        ref: 'tea',
        name: { en: 'Iced tea', it: 'Tè freddo', fr: 'Thé glacé', zh: '冰茶' },
        price: 300,
        options: [
          {
            ref: 'size',
            name: { en: 'Size', it: 'Formato', fr: 'Taille', zh: '杯型' },
            min: 1,
            max: 1,
            choices: [
              { ref: 'regular', name: { en: 'Regular', it: 'Normale', fr: 'Normal', zh: '中杯' } },
              { ref: 'large', name: { en: 'Large', it: 'Grande', fr: 'Grand', zh: '大杯' }, price: 80 },
            ],
          },
          {
            ref: 'ice',
            name: { en: 'Ice', it: 'Ghiaccio', fr: 'Glace', zh: '冰' },
            min: 0,
            max: 1,
            choices: [
              { ref: 'no-ice', name: { en: 'No ice', it: 'Senza ghiaccio', fr: 'Sans glace', zh: '去冰' } },
            ],
          },
        ],
      },
      { ref: 'muffin', name: { en: 'Muffin', it: 'Muffin', fr: 'Muffin', zh: '松饼' }, price: 220 },
    ],
  });
  await commerce.guard.set('h1', { enabled: true, pin: '8642', perOrderLimit: 5000, dailyLimit: 20000 });
  await commerce.wallet.topUp('h1', { amount: 5000, currency: 'EUR', key: 'seed', by: 'operator' });
  const ordering = createVoiceOrdering({
    commerce,
    homeLocation: async () => ({ lat: 45.4655, lon: 9.189 }),
    clock,
  });
  let n = 0;
  const conversationId = `c${Math.random()}`;
  const say = async (text: string, language: Language): Promise<OrderingReply | null> => {
    n++;
    return ordering.handle({ homeId: 'h1', conversationId, language, text, tokenId: 'tok_anna' });
  };
  return { commerce, merchant, say, ordering, conversationId, turns: () => n };
}

const scripts: Record<
  Language,
  {
    start: string;
    add2: string;
    large: string;
    noIce: string;
    second: string;
    remove: string;
    cart: string;
    pickup: string;
    change: string;
    checkout: string;
  }
> = {
  en: {
    start: 'order from Sunrise Cafe',
    add2: 'two bagels',
    large: 'add an iced tea, make it large',
    noIce: 'without ice',
    second: 'the third one',
    remove: 'remove the muffin',
    cart: "what's in my cart",
    pickup: 'where do I pick it up',
    change: 'change the store',
    checkout: 'check out',
  },
  it: {
    start: 'ordina da Caffè Aurora',
    add2: 'due bagel',
    large: 'aggiungi un tè freddo grande',
    noIce: 'senza ghiaccio',
    second: 'il terzo',
    remove: 'togli il muffin',
    cart: "cosa c'è nel carrello",
    pickup: 'dove lo ritiro',
    change: 'cambia negozio',
    checkout: 'paga',
  },
  fr: {
    start: 'commander chez Café Aurore',
    add2: 'deux bagels',
    large: 'ajoute un thé glacé grand',
    noIce: 'sans glace',
    second: 'le troisième',
    remove: 'enlève le muffin',
    cart: "qu'y a-t-il dans mon panier",
    pickup: 'où est-ce que je le récupère',
    change: 'changer de magasin',
    checkout: 'valider la commande',
  },
  zh: {
    start: '从晨光咖啡点餐',
    add2: '两个贝果',
    large: '加一杯冰茶大杯',
    noIce: '去冰',
    second: '第三个',
    remove: '去掉松饼',
    cart: '购物车里有什么',
    pickup: '在哪里取',
    change: '换一家店',
    checkout: '结账',
  },
};

describe('ordering by voice', () => {
  for (const language of ['en', 'it', 'fr', 'zh'] as const) {
    it(`orders, edits the cart, picks a store and pays by PIN (${language})`, async () => {
      const { commerce, say } = await setUp();
      const s = scripts[language];
      const started = await say(s.start, language);
      expect(started?.intent).toBe('commerce.start');
      expect(started?.card?.type).toBe('product-grid');
      expect((await say(s.add2, language))?.intent).toBe('commerce.add');
      const tea = await say(s.large, language);
      expect(tea?.intent).toBe('commerce.add');
      expect((await say(s.noIce, language))?.intent).toBe('commerce.option');
      // "the third one" of the grid shown at the start: the muffin.
      expect((await say(s.second, language))?.intent).toBe('commerce.add');
      const removed = await say(s.remove, language);
      expect(removed?.intent).toBe('commerce.remove');
      const cart = await say(s.cart, language);
      expect(cart?.card?.type).toBe('list');
      expect(cart?.card?.type === 'list' ? cart.card.items.length : 0).toBe(2);
      expect((await say(s.pickup, language))?.speech).toContain('Via Roma 1');
      expect((await say(s.change, language))?.speech).toContain('Corso Como 9');
      const checkout = await say(s.checkout, language);
      expect(checkout?.card?.type).toBe('confirmation');
      // The amount and the merchant are read back before charging.
      expect(checkout?.speech).toMatch(/Sunrise|Aurora|Aurore|晨光/);
      // The digits are on the screen only, never spoken.
      const shown = checkout?.card?.type === 'confirmation' ? checkout.card.text : '';
      const code = /(\d{2})\s*$/.exec(shown)?.[1] as string;
      // The price read back has digits of its own ("8,80 €"): the code must not be said outside it.
      expect(checkout?.speech.replace(/\d+[.,]\d+/g, '')).not.toContain(code);
      const wrong = await say('1 1 1 1', language);
      expect(wrong?.intent).toBe('commerce.pay');
      expect(wrong?.continueConversation).toBe(true);
      const paid = await say('8 6 4 2', language);
      expect(paid?.continueConversation).toBe(false);

      const [order] = await commerce.orders.listForHome('h1');
      expect(order).toMatchObject({ status: 'paid', storeRef: 'far' });
      expect(order?.lines.map((l) => [l.ref, l.quantity, l.options])).toEqual([
        ['bagel', 2, {}],
        ['tea', 1, { size: ['large'], ice: ['no-ice'] }],
      ]);
      expect(order?.total).toBe(2 * 250 + 300 + 80);
      expect((await commerce.wallet.balance('h1', 'EUR')).balance).toBe(5000 - order!.total);
      expect(paid?.speech).toContain(order!.pickupCode!.split('').join(' '));
      expect((await commerce.ledger.trialBalance()).balanced).toBe(true);
    });
  }

  it('pays with the two digits shown on the screen instead of the PIN', async () => {
    const { commerce, say } = await setUp();
    await say('order from sunrise cafe', 'en');
    await say('a muffin', 'en');
    const checkout = await say('check out', 'en');
    const code = /(\d{2})\s*$/.exec(checkout?.card?.type === 'confirmation' ? checkout.card.text : '')?.[1];
    expect(code).toMatch(/^\d\d$/);
    await say(code as string, 'en');
    expect((await commerce.orders.listForHome('h1'))[0]?.status).toBe('paid');
  });

  it('leaves utterances that are not about ordering to the rest of the assistant', async () => {
    const { say } = await setUp();
    expect(await say('turn on the kitchen light', 'en')).toBeNull();
    await say('order from sunrise cafe', 'en');
    expect(await say('turn on the kitchen light', 'en')).toBeNull();
    expect(await say('what time is it', 'en')).toBeNull();
  });

  it('while waiting for the PIN takes only digits, and a mis-heard word never pays', async () => {
    const { commerce, say } = await setUp();
    await say('order from sunrise cafe', 'en');
    await say('one muffin', 'en');
    await say('check out', 'en');
    const other = await say('turn on the light', 'en');
    expect(other?.intent).toBe('commerce.pay');
    expect((await commerce.orders.listForHome('h1'))[0]?.status).toBe('placed');
    await say('cancel the order', 'en');
    expect((await commerce.orders.listForHome('h1'))[0]?.status).toBe('cancelled');
    expect((await commerce.wallet.balance('h1', 'EUR')).balance).toBe(5000);
  });

  it('says when an item is outside its daypart, and never adds it', async () => {
    const { say } = await setUp(EVENING);
    await say('order from sunrise cafe', 'en');
    const bagel = await say('a bagel', 'en');
    expect(bagel?.speech).toMatch(/can't be ordered/);
    const cart = await say("what's in my cart", 'en');
    expect(cart?.speech).toMatch(/empty/);
  });

  it('does not invent a shop that is not there', async () => {
    const { say } = await setUp();
    const reply = await say('order from Burger Palace', 'en');
    expect(reply?.speech).toContain("couldn't find");
    expect(await say('two bagels', 'en')).toBeNull();
  });
});
