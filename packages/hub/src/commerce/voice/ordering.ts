/**
 * Ordering by voice and touch: a conversation per household conversation that holds the merchant,
 * the cart, the pickup store and, at checkout, the order waiting for its second factor. Words are
 * read by phrases.ts; names are matched against the merchant's menu here. Money moves only through
 * the order service, after the payment guard accepted the PIN or the challenge shown on the screen.
 */
import type { Card } from '@genio/contracts';
import { type GenioError, isGenioError, type Language } from '../../errors/index.js';
import type { LocalizedText, Menu, MenuItem } from '../menus/menu.js';
import { unavailableReason } from '../menus/menu.js';
import type { Merchant } from '../merchants/merchants.js';
import type { CommerceModule } from '../module.js';
import type { NearStore } from '../stores/stores.js';
import { normalize, type OrderingRequest, readOrdering, withoutWords } from './phrases.js';
import { say } from './replies.js';

/** A card as the screen draws it (the contract's card types; never HTML). */
export type OrderingCard = Extract<Card, { type: 'text' | 'list' | 'product-grid' | 'confirmation' }>;

/** What a turn of ordering answers. */
export interface OrderingReply {
  speech: string;
  card?: OrderingCard;
  /** True while the ordering conversation expects more (the screen keeps listening). */
  continueConversation: boolean;
  /** What was understood, for logs and the turn's `intent`. */
  intent: string;
}

/** One turn as the assistant hands it over. */
export interface OrderingTurn {
  homeId: string;
  conversationId: string;
  language: Language;
  text: string;
  /** The token speaking (the payment guard checks whether it may pay). */
  tokenId: string;
}

interface CartLine {
  ref: string;
  quantity: number;
  options: Record<string, string[]>;
}

interface Session {
  homeId: string;
  merchant: Merchant;
  lines: CartLine[];
  /** Items last shown or read out, for "the second one". */
  shown: string[];
  stores: NearStore[];
  storeIndex: number;
  awaitingFactor: { orderId: string } | null;
  expiresAt: number;
}

const SESSION_MS = 10 * 60_000;

const locales: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', it: 'it-IT', fr: 'fr-FR' };

const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** How to compare a name: Chinese script by containment, other names by words (in English for a Chinese speaker). */
function languageOfName(name: string, language: Language): Language {
  if (isChinese(name)) return 'zh';
  return language === 'zh' ? 'en' : language;
}

function nameIn(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}

/** Words reduced so plurals and elision meet their singular ("cornetti" ~ "cornetto", "croissants"). */
function stems(text: string, language: Language): string[] {
  if (language === 'zh') return [text.replace(/\s/g, '')];
  return normalize(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(l|d|un|qu)'/g, '')
    .split(/[\s-]+/)
    .filter((w) => w.length > 1)
    .map((w) => (w.length > 4 ? w.replace(/(es|s|x|i|e|a|o)$/, '') : w.replace(/s$/, '')));
}

/** How well `said` names `name`: the share of the name's words said (zh: containment), 0 when none. */
function matchScore(said: string, name: string, language: Language): number {
  if (language === 'zh') {
    const n = name.replace(/\s/g, '');
    return n && said.replace(/\s/g, '').includes(n) ? 1 : 0;
  }
  const heard = new Set(stems(said, language));
  const wanted = stems(name, language);
  if (!wanted.length) return 0;
  const hits = wanted.filter((w) => heard.has(w)).length;
  return hits / wanted.length;
}

function allNames(text: LocalizedText): string[] {
  return Object.values(text).filter((v): v is string => typeof v === 'string');
}

function bestItem(items: MenuItem[], said: string, language: Language): MenuItem | null {
  let best: MenuItem | null = null;
  let bestScore = 0;
  for (const item of items) {
    for (const name of allNames(item.name)) {
      const lang = languageOfName(name, language);
      const score = matchScore(said, name, lang);
      if (score > bestScore) {
        bestScore = score;
        best = item;
      }
    }
  }
  return bestScore >= 0.99 ? best : null;
}

/** The ordering skill. */
export interface VoiceOrdering {
  /** Answer the turn when it is about ordering; null hands it back to the rest of the assistant. */
  handle(turn: OrderingTurn): Promise<OrderingReply | null>;
  /** Whether this conversation is in the middle of an order (its words win then). */
  holds(conversationId: string): boolean;
  /** A tap on one of ordering's cards (`menu:<item>`, `store:<ref>`, `cart:<line>`); null when not ordering's. */
  choose(turn: OrderingTurn, choice: string): Promise<OrderingReply | null>;
}

/** Build the skill over the commerce module and the home's location. */
export function createVoiceOrdering(deps: {
  commerce: CommerceModule;
  homeLocation: (homeId: string) => Promise<{ lat: number; lon: number } | null>;
  clock?: () => number;
}): VoiceOrdering {
  const { commerce } = deps;
  const now = deps.clock ?? Date.now;
  const sessions = new Map<string, Session>();

  function live(conversationId: string): Session | null {
    const session = sessions.get(conversationId);
    if (!session) return null;
    if (session.expiresAt < now()) {
      sessions.delete(conversationId);
      return null;
    }
    return session;
  }

  async function findMerchant(wordsSaid: string, language: Language): Promise<Merchant | null> {
    const approved = await commerce.merchants.list({ status: 'approved' });
    let best: Merchant | null = null;
    let bestScore = 0;
    for (const merchant of approved)
      for (const name of allNames(merchant.name)) {
        const lang = languageOfName(name, language);
        const score = matchScore(wordsSaid, name, lang);
        if (score > bestScore) {
          bestScore = score;
          best = merchant;
        }
      }
    return bestScore >= 0.5 ? best : null;
  }

  function store(session: Session): NearStore | null {
    return session.stores[session.storeIndex] ?? null;
  }

  function orderable(menu: Menu, session: Session): MenuItem[] {
    const at = store(session);
    if (!at) return menu.items;
    return menu.items.filter((item) => unavailableReason(menu, item, at, now()) === null);
  }

  function price(amount: number, currency: string, language: Language): string {
    const locale = locales[language];
    const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
    return formatter.format(amount / 10 ** digits);
  }

  function lineWords(menu: Menu, line: CartLine, language: Language): string {
    const item = menu.items.find((i) => i.ref === line.ref);
    const name = item ? nameIn(item.name, language) : line.ref;
    const options = Object.entries(line.options).flatMap(([groupRef, refs]) => {
      const group = item?.options?.find((g) => g.ref === groupRef);
      return refs.map((ref) => {
        const choice = group?.choices.find((c) => c.ref === ref);
        return choice ? nameIn(choice.name, language) : ref;
      });
    });
    return `${line.quantity} × ${name}${options.length ? ` (${options.join(', ')})` : ''}`;
  }

  async function cartTotal(session: Session, menu: Menu): Promise<number> {
    let total = 0;
    for (const line of session.lines) {
      const item = menu.items.find((i) => i.ref === line.ref);
      if (!item) continue;
      let unit = item.price;
      for (const [groupRef, refs] of Object.entries(line.options)) {
        const group = item.options?.find((g) => g.ref === groupRef);
        for (const ref of refs) unit += group?.choices.find((c) => c.ref === ref)?.price ?? 0;
      }
      total += unit * line.quantity;
    }
    return total;
  }

  async function cartReply(session: Session, language: Language, intent: string): Promise<OrderingReply> {
    const menu = await commerce.menus.get(session.merchant.id);
    if (!session.lines.length)
      return { speech: say(language, 'cart_empty', {}), continueConversation: true, intent };
    const total = await cartTotal(session, menu);
    const lines = session.lines.map((l) => lineWords(menu, l, language));
    const totalText = price(total, session.merchant.currency, language);
    return {
      speech: say(language, 'cart', { lines: lines.join(', '), total: totalText }),
      card: {
        type: 'list',
        title: say(language, 'cart_title', { total: totalText }),
        items: session.lines.map((l, i) => ({ id: `cart:${i}`, title: lineWords(menu, l, language) })),
      },
      continueConversation: true,
      intent,
    };
  }

  function optionFor(
    item: MenuItem,
    said: string,
    language: Language,
  ): { group: string; choice: string } | null {
    const negatives = withoutWords(normalize(said), language);
    for (const group of item.options ?? [])
      for (const choice of group.choices)
        for (const name of allNames(choice.name)) {
          const lang = languageOfName(name, language);
          // "without ice" names the choice "no ice" / "senza ghiaccio" / "sans glace" / "去冰".
          const core = normalize(name).replace(/^(no|senza|sans|去|不加|without)\s*/, '');
          const asked =
            matchScore(said, name, lang) >= 0.99 ||
            (core !== normalize(name) && negatives.some((n) => matchScore(n, core, lang) >= 0.99));
          if (asked) return { group: group.ref, choice: choice.ref };
        }
    return null;
  }

  function setOption(line: CartLine, item: MenuItem, pick: { group: string; choice: string }): void {
    const group = item.options?.find((g) => g.ref === pick.group);
    if (!group) return;
    const current = line.options[pick.group] ?? [];
    line.options[pick.group] =
      group.max === 1 ? [pick.choice] : [...new Set([...current, pick.choice])].slice(0, group.max);
  }

  async function start(turn: OrderingTurn, merchantWords: string): Promise<OrderingReply> {
    const { language } = turn;
    const merchant = await findMerchant(merchantWords, language);
    if (!merchant)
      return {
        speech: say(language, 'no_merchant', { name: merchantWords }),
        continueConversation: false,
        intent: 'commerce.start',
      };
    const location = await deps.homeLocation(turn.homeId);
    const stores = location
      ? await commerce.stores.near(merchant.id, location, { limit: 5, openAt: now() })
      : [];
    const session: Session = {
      homeId: turn.homeId,
      merchant,
      lines: [],
      shown: [],
      stores,
      storeIndex: 0,
      awaitingFactor: null,
      expiresAt: now() + SESSION_MS,
    };
    sessions.set(turn.conversationId, session);
    const menu = await commerce.menus.get(merchant.id);
    const items = orderable(menu, session);
    session.shown = items.map((i) => i.ref);
    const first = store(session);
    const speech = say(language, first ? 'started' : 'started_no_store', {
      merchant: nameIn(merchant.name, language),
      store: first?.name ?? '',
      count: String(items.length),
    });
    return {
      speech,
      card: grid(merchant, items, language),
      continueConversation: true,
      intent: 'commerce.start',
    };
  }

  function grid(merchant: Merchant, items: MenuItem[], language: Language): OrderingCard {
    return {
      type: 'product-grid',
      title: nameIn(merchant.name, language),
      items: items.slice(0, 24).map((item) => ({
        id: `menu:${item.ref}`,
        title: nameIn(item.name, language),
        price: item.price,
        currency: merchant.currency,
        ...(item.imageUrl ? { imageUrl: item.imageUrl } : {}),
      })),
    };
  }

  async function addItem(
    session: Session,
    turn: OrderingTurn,
    item: MenuItem,
    quantity: number,
    said: string,
  ) {
    const { language } = turn;
    const line: CartLine = { ref: item.ref, quantity: Math.min(Math.max(quantity, 1), 99), options: {} };
    const pick = optionFor(item, said, language);
    if (pick) setOption(line, item, pick);
    session.lines.push(line);
    const menu = await commerce.menus.get(session.merchant.id);
    const reply = await cartReply(session, language, 'commerce.add');
    const required = (item.options ?? []).find(
      (g) => g.min >= 1 && !line.options[g.ref] && g.choices.length > 1,
    );
    const added = say(language, 'added', { line: lineWords(menu, line, language) });
    const ask = required
      ? ` ${say(language, 'which_option', {
          group: nameIn(required.name, language),
          choices: required.choices.map((c) => nameIn(c.name, language)).join(', '),
        })}`
      : '';
    return { ...reply, speech: `${added}${ask}` };
  }

  async function checkout(session: Session, turn: OrderingTurn): Promise<OrderingReply> {
    const { language } = turn;
    if (!session.lines.length)
      return {
        speech: say(language, 'cart_empty', {}),
        continueConversation: true,
        intent: 'commerce.checkout',
      };
    const at = store(session);
    const order = await commerce.orders.place(
      turn.homeId,
      turn.tokenId,
      {
        merchantId: session.merchant.id,
        ...(at ? { storeRef: at.ref } : {}),
        items: session.lines.map((l) => ({ ref: l.ref, quantity: l.quantity, options: l.options })),
      },
      await deps.homeLocation(turn.homeId),
    );
    const settings = await commerce.guard.get(turn.homeId);
    const total = price(order.total, order.currency, language);
    if (!settings.enabled) {
      session.lines = [];
      return {
        speech: say(language, 'voice_pay_off', { total }),
        card: {
          type: 'text',
          title: say(language, 'order_title', {}),
          text: say(language, 'voice_pay_off', { total }),
        },
        continueConversation: false,
        intent: 'commerce.checkout',
      };
    }
    const challenge = await commerce.guard.newChallenge(turn.homeId);
    session.awaitingFactor = { orderId: order.id };
    return {
      // The amount and the merchant are read back before anything is charged.
      speech: say(language, 'ask_factor', { total, merchant: nameIn(session.merchant.name, language) }),
      card: {
        type: 'confirmation',
        title: say(language, 'confirm_title', { total, merchant: nameIn(session.merchant.name, language) }),
        text: say(language, 'challenge_card', { code: challenge.code }),
        cancelLabel: say(language, 'cancel_label', {}),
      },
      continueConversation: true,
      intent: 'commerce.checkout',
    };
  }

  async function pay(session: Session, turn: OrderingTurn, digits: string): Promise<OrderingReply> {
    const { language } = turn;
    const pending = session.awaitingFactor;
    if (!pending)
      return {
        speech: say(language, 'not_understood', {}),
        continueConversation: true,
        intent: 'commerce.pay',
      };
    const factor = digits.length === 2 ? { challenge: digits } : { pin: digits };
    try {
      const order = await commerce.orders.pay(pending.orderId, { tokenId: turn.tokenId, factor });
      session.awaitingFactor = null;
      session.lines = [];
      const at = session.stores.find((s) => s.ref === order.storeRef);
      const speech = say(language, 'paid', {
        total: price(order.total, order.currency, language),
        code: (order.pickupCode ?? '').split('').join(' '),
        store: at?.name ?? order.storeRef,
      });
      sessions.delete(turn.conversationId);
      return {
        speech,
        card: {
          type: 'text',
          title: say(language, 'paid_title', { code: order.pickupCode ?? '' }),
          text: speech,
        },
        continueConversation: false,
        intent: 'commerce.pay',
      };
    } catch (error) {
      if (!isGenioError(error)) throw error;
      const key =
        error.code === 'payment_pin_wrong'
          ? 'pin_wrong'
          : error.code === 'payment_locked'
            ? 'pay_locked'
            : error.code === 'insufficient_funds'
              ? 'no_funds'
              : error.code === 'payment_limit'
                ? 'over_limit'
                : 'pay_failed';
      const ends = key !== 'pin_wrong';
      if (ends) session.awaitingFactor = null;
      return { speech: say(language, key, {}), continueConversation: !ends, intent: 'commerce.pay' };
    }
  }

  async function answer(
    request: OrderingRequest,
    session: Session,
    turn: OrderingTurn,
  ): Promise<OrderingReply | null> {
    const { language } = turn;
    const menu = await commerce.menus.get(session.merchant.id);
    switch (request.kind) {
      case 'start':
        return start(turn, request.merchantWords);
      case 'stop': {
        sessions.delete(turn.conversationId);
        if (session.awaitingFactor)
          await commerce.orders
            .move(session.awaitingFactor.orderId, 'cancelled', {
              eventId: `voice-stop:${turn.conversationId}`,
              actor: turn.tokenId,
            })
            .catch(() => {});
        return { speech: say(language, 'stopped', {}), continueConversation: false, intent: 'commerce.stop' };
      }
      case 'digits':
        return pay(session, turn, request.digits);
      case 'menu': {
        let items = orderable(menu, session);
        if (request.filter) {
          const filtered = items.filter(
            (i) =>
              (i.category && matchScore(request.filter, i.category, language) > 0) ||
              (i.dayparts ?? []).some((p) => matchScore(request.filter, p, language) > 0),
          );
          if (filtered.length) items = filtered;
        }
        session.shown = items.map((i) => i.ref);
        const names = items
          .slice(0, 5)
          .map((i) => `${nameIn(i.name, language)} ${price(i.price, session.merchant.currency, language)}`);
        return {
          speech: items.length
            ? say(language, 'menu', {
                items: names.join(', '),
                more: items.length > 5 ? say(language, 'and_more', {}) : '',
              })
            : say(language, 'menu_empty', {}),
          card: grid(session.merchant, items, language),
          continueConversation: true,
          intent: 'commerce.menu',
        };
      }
      case 'choose': {
        const ref = request.ordinal === -1 ? session.shown.at(-1) : session.shown[request.ordinal - 1];
        const item = menu.items.find((i) => i.ref === ref);
        if (!item)
          return {
            speech: say(language, 'no_such_position', {}),
            continueConversation: true,
            intent: 'commerce.add',
          };
        return addItem(session, turn, item, request.quantity, '');
      }
      case 'add': {
        const item = bestItem(orderable(menu, session), request.words, language);
        if (item) return addItem(session, turn, item, request.quantity, request.said);
        const unavailable = bestItem(menu.items, request.words, language);
        if (unavailable)
          return {
            speech: say(language, 'not_now', { item: nameIn(unavailable.name, language) }),
            continueConversation: true,
            intent: 'commerce.add',
          };
        // "make it large", "without ice": an option of the last line.
        const last = session.lines.at(-1);
        const lastItem = last ? menu.items.find((i) => i.ref === last.ref) : undefined;
        const pick = lastItem ? optionFor(lastItem, request.said, language) : null;
        if (last && lastItem && pick) {
          setOption(last, lastItem, pick);
          const reply = await cartReply(session, language, 'commerce.option');
          return { ...reply, speech: say(language, 'changed', { line: lineWords(menu, last, language) }) };
        }
        return null;
      }
      case 'option':
        return null;
      case 'remove': {
        const index = session.lines.findIndex((l) => {
          const item = menu.items.find((i) => i.ref === l.ref);
          return item
            ? allNames(item.name).some(
                (n) => matchScore(request.words, n, isChinese(n) ? 'zh' : language) >= 0.99,
              ) ||
                (item.category !== undefined && matchScore(request.words, item.category, language) >= 0.99)
            : false;
        });
        if (index < 0)
          return {
            speech: say(language, 'not_in_cart', { item: request.words }),
            continueConversation: true,
            intent: 'commerce.remove',
          };
        const [removed] = session.lines.splice(index, 1);
        const reply = await cartReply(session, language, 'commerce.remove');
        return {
          ...reply,
          speech: `${say(language, 'removed', { line: lineWords(menu, removed as CartLine, language) })} ${reply.speech}`,
        };
      }
      case 'cart':
        return cartReply(session, language, 'commerce.cart');
      case 'pickup': {
        const at = store(session);
        if (!at)
          return {
            speech: say(language, 'no_store', {}),
            continueConversation: true,
            intent: 'commerce.pickup',
          };
        return {
          speech: say(language, 'pickup', {
            store: at.name,
            distance: distanceWords(at.distanceM, language),
          }),
          card: { type: 'text', title: at.name, text: distanceWords(at.distanceM, language) },
          continueConversation: true,
          intent: 'commerce.pickup',
        };
      }
      case 'change_store': {
        if (session.stores.length < 2)
          return {
            speech: say(language, 'only_store', {}),
            continueConversation: true,
            intent: 'commerce.change_store',
          };
        session.storeIndex = (session.storeIndex + 1) % session.stores.length;
        const at = store(session) as NearStore;
        return {
          speech: say(language, 'store_changed', {
            store: at.name,
            distance: distanceWords(at.distanceM, language),
          }),
          card: {
            type: 'list',
            title: say(language, 'stores_title', {}),
            items: session.stores.map((s, i) => ({
              id: `store:${s.ref}`,
              title: `${i === session.storeIndex ? '✓ ' : ''}${s.name}`,
              subtitle: distanceWords(s.distanceM, language),
            })),
          },
          continueConversation: true,
          intent: 'commerce.change_store',
        };
      }
      case 'checkout':
        return checkout(session, turn);
    }
  }

  function distanceWords(metres: number, language: Language): string {
    const locale = locales[language];
    if (metres < 1000)
      return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(
        Math.round(metres / 10) * 10,
      );
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'kilometer',
      maximumFractionDigits: 1,
    }).format(metres / 1000);
  }

  return {
    holds(conversationId) {
      return live(conversationId) !== null;
    },
    async choose(turn, choice) {
      const session = live(turn.conversationId);
      const [kind, ref] = choice.split(':', 2) as [string, string | undefined];
      if (!session || session.homeId !== turn.homeId || !ref || session.awaitingFactor) return null;
      session.expiresAt = now() + SESSION_MS;
      const { language } = turn;
      if (kind === 'menu') {
        const menu = await commerce.menus.get(session.merchant.id);
        const item = orderable(menu, session).find((i) => i.ref === ref);
        return item ? addItem(session, turn, item, 1, '') : null;
      }
      if (kind === 'store') {
        const index = session.stores.findIndex((s) => s.ref === ref);
        if (index < 0) return null;
        session.storeIndex = index;
        const at = session.stores[index] as NearStore;
        return {
          speech: say(language, 'store_changed', {
            store: at.name,
            distance: distanceWords(at.distanceM, language),
          }),
          continueConversation: true,
          intent: 'commerce.change_store',
        };
      }
      if (kind === 'cart') return cartReply(session, language, 'commerce.cart');
      return null;
    },
    async handle(turn) {
      const session = live(turn.conversationId);
      if (session && session.homeId !== turn.homeId) return null;
      const request = readOrdering(turn.text, turn.language, session !== null);
      if (!request) return null;
      if (request.kind === 'start') {
        try {
          return await start(turn, request.merchantWords);
        } catch (error) {
          if (isGenioError(error)) return failure(turn.language, error);
          throw error;
        }
      }
      if (!session) return null;
      // While the order waits for its PIN, only digits or "cancel" are taken: anything else asks again.
      if (session.awaitingFactor && request.kind !== 'digits' && request.kind !== 'stop')
        return {
          speech: say(turn.language, 'ask_factor_again', {}),
          continueConversation: true,
          intent: 'commerce.pay',
        };
      session.expiresAt = now() + SESSION_MS;
      try {
        return await answer(request, session, turn);
      } catch (error) {
        if (isGenioError(error)) return failure(turn.language, error);
        throw error;
      }
    },
  };
}

function failure(language: Language, error: GenioError): OrderingReply {
  return {
    speech: error.messageIn(language),
    continueConversation: true,
    intent: 'commerce.error',
  };
}
