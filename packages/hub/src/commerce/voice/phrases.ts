/**
 * What a household says while ordering, read into a structured request. The request knows nothing of
 * the merchant's menu: names are matched against it in ordering.ts. Words per language are data.
 */
import { readNumber } from '../../assistant/index.js';
import type { Language } from '../../errors/index.js';

/** One thing said while ordering. */
export type OrderingRequest =
  | { kind: 'start'; merchantWords: string }
  | { kind: 'menu'; filter: string }
  | { kind: 'add'; quantity: number; words: string; said: string }
  | { kind: 'choose'; ordinal: number; quantity: number }
  | { kind: 'option'; words: string }
  | { kind: 'remove'; words: string }
  | { kind: 'cart' }
  | { kind: 'pickup' }
  | { kind: 'change_store' }
  | { kind: 'checkout' }
  | { kind: 'digits'; digits: string }
  | { kind: 'stop' };

interface Words {
  start: RegExp;
  menu: RegExp;
  add: RegExp;
  remove: RegExp;
  cart: RegExp;
  pickup: RegExp;
  changeStore: RegExp;
  checkout: RegExp;
  stop: RegExp;
  ordinal: RegExp;
  without: RegExp;
  ordinals: Record<string, number>;
  fillers: RegExp;
}

const words: Record<Language, Words> = {
  en: {
    start:
      /^(?:i(?:'d| would) like to )?(?:order|buy|get (?:food|something)) (?:from|at) (.+)$|^open (.+?) (?:menu|to order)$/,
    menu: /\b(menu|what(?:'s| is| do they have) (?:on|there)|what can i (?:order|get)|what do they (?:have|sell))\b/,
    add: /^(?:(?:please )?(?:add|i(?:'d| would) like|i want|give me|get me|and|also|plus|order))?\s*(.+)$/,
    remove:
      /^(?:please )?(?:remove|delete|drop|take (?:off|out)|no more|cancel) (?:the |my |a |an )?(.+?)(?: from (?:the |my )?(?:cart|order))?$/,
    cart: /\b(what(?:'s| is) in (?:my|the) (?:cart|basket|order)|my (?:cart|basket|order) so far|read (?:me )?(?:my|the) (?:cart|order)|how much is (?:it|that|my order))\b/,
    pickup:
      /\b(where (?:do|can|should) i (?:pick (?:it|them) up|collect|get (?:it|them))|which store|where is the store|pick ?up where)\b/,
    changeStore: /\b((?:change|switch|another|a different|other) (?:the )?(?:store|shop|place|restaurant))\b/,
    checkout:
      /\b(check ?out|place (?:the|my) order|pay(?: now)?|that's (?:all|it) (?:for the order)?|confirm (?:the|my) order|order it|send (?:the|my) order)\b/,
    stop: /^(?:stop ordering|cancel (?:the|my) order|forget (?:the|my) order|never ?mind|exit|quit|leave)$/,
    ordinal: /\bthe (first|second|third|fourth|fifth|sixth|seventh|eighth|last) (?:one|item)?\b/,
    without: /\bwithout\b/g,
    ordinals: {
      first: 1,
      second: 2,
      third: 3,
      fourth: 4,
      fifth: 5,
      sixth: 6,
      seventh: 7,
      eighth: 8,
      last: -1,
    },
    fillers: /\b(please|the|some|of|for me|too|as well|also|and)\b/g,
  },
  it: {
    start:
      /^(?:vorrei |voglio )?(?:ordina(?:re)?|compra(?:re)?|prendere qualcosa) (?:da|al|alla|allo|presso) (.+)$|^apri (?:il menu di |il menù di )(.+)$/,
    menu: /\b(menu|menù|cosa (?:c'è|ce|c è|hanno|posso ordinare|si può ordinare)|che cosa (?:c'è|hanno))\b/,
    add: /^(?:(?:per favore )?(?:aggiungi|vorrei|voglio|dammi|prendo|e|anche|più|ordina))?\s*(.+)$/,
    remove:
      /^(?:per favore )?(?:togli|rimuovi|elimina|leva|cancella|niente più) (?:il |lo |la |l'|i |gli |le |un |una )?(.+?)(?: dal (?:carrello|ordine))?$/,
    cart: /\b(cosa c'è nel (?:carrello|mio ordine)|cosa ho (?:ordinato|nel carrello)|il mio (?:carrello|ordine)|quanto (?:costa|viene|fa) (?:il mio ordine|tutto))\b/,
    pickup:
      /\b(dove (?:lo|la|li|le) (?:ritiro|prendo|vado a prendere)|dove (?:si )?ritira|quale negozio|dov'è il negozio)\b/,
    changeStore:
      /\b((?:cambia|un altro|un'altra|altro) (?:il )?(?:negozio|punto vendita|locale|ristorante))\b/,
    checkout:
      /\b(paga(?:re)?|conferma (?:l'|il )?ordine|invia (?:l'|il )?ordine|procedi|manda l'ordine|è tutto per l'ordine|basta così per l'ordine)\b/,
    stop: /^(?:annulla (?:l'|il )?ordine|lascia perdere|esci|basta ordinare)$/,
    ordinal:
      /\b(?:il |la |l')?(primo|prima|secondo|seconda|terzo|terza|quarto|quarta|quinto|quinta|ultimo|ultima)\b/,
    without: /\bsenza\b/g,
    ordinals: {
      primo: 1,
      prima: 1,
      secondo: 2,
      seconda: 2,
      terzo: 3,
      terza: 3,
      quarto: 4,
      quarta: 4,
      quinto: 5,
      quinta: 5,
      ultimo: -1,
      ultima: -1,
    },
    fillers: /\b(per favore|il|lo|la|i|gli|le|l'|del|dei|della|delle|di|anche|pure|e)\b/g,
  },
  fr: {
    start:
      /^(?:je voudrais |je veux )?(?:commander|acheter) (?:chez|à|au|aux|de) (.+)$|^ouvre (?:le menu de |le menu d')(.+)$/,
    menu: /\b(menu|carte|qu'est-ce qu'(?:il y a|ils ont|on peut commander)|qu'y a-t-il)\b/,
    add: /^(?:(?:s'il te plaît |s'il vous plaît )?(?:ajoute|ajoutez|je voudrais|je veux|donne-moi|et|aussi|plus|commande))?\s*(.+)$/,
    remove:
      /^(?:enlève|retire|supprime|annule|plus de) (?:le |la |les |l'|un |une )?(.+?)(?: du (?:panier|commande))?$/,
    cart: /\b(qu'(?:y a-t-il|est-ce qu'il y a) dans (?:mon|le) panier|mon panier|ma commande|combien (?:ça fait|coûte ma commande))\b/,
    pickup:
      /\b(où (?:est-ce que )?(?:je (?:le|la|les) )?(?:récupère|retire|prends)|quel magasin|où est le magasin|où (?:le|la|les) récupérer)\b/,
    changeStore: /\b((?:change(?:r)? de|un autre|autre) (?:magasin|boutique|restaurant))\b/,
    checkout:
      /\b(payer|paie|valide(?:r)? (?:la )?commande|passe(?:r)? (?:la )?commande|confirme(?:r)? (?:la )?commande|envoie la commande|c'est tout pour la commande)\b/,
    stop: /^(?:annule (?:la )?commande|laisse tomber|quitte|sortir|arrête de commander)$/,
    ordinal:
      /\b(?:le |la |l')?(premier|première|deuxième|second|seconde|troisième|quatrième|cinquième|dernier|dernière)\b/,
    without: /\bsans\b/g,
    ordinals: {
      premier: 1,
      première: 1,
      deuxième: 2,
      second: 2,
      seconde: 2,
      troisième: 3,
      quatrième: 4,
      cinquième: 5,
      dernier: -1,
      dernière: -1,
    },
    fillers: /\b(s'il te plaît|s'il vous plaît|le|la|les|l'|du|de|des|d'|aussi|et)\b/g,
  },
  zh: {
    start: /^(?:我)?(?:要|想)?(?:从|在)(.+?)(?:点餐|点单|订餐|买东西|下单)$|^(?:打开)(.+?)(?:的)?菜单$/,
    menu: /(菜单|有什么(?:吃的|喝的|可以点)?|能点什么|卖什么)/,
    add: /^(?:(?:请)?(?:加|再加|来|要|我要|给我|再来|点))?\s*(.+)$/,
    remove: /^(?:请)?(?:去掉|删掉|不要|拿掉|取消)(?:了)?(.+?)(?:了)?$/,
    cart: /(购物车(?:里)?有什么|我点了什么|我的订单|一共多少钱|多少钱)/,
    pickup: /(在哪(?:里|儿)?取|哪家店|去哪(?:里|儿)?拿|取餐地点)/,
    changeStore: /(换(?:一)?家店|换(?:个)?门店|换店|换一家)/,
    checkout: /(结账|买单|付款|支付|下单|确认订单|提交订单)/,
    stop: /^(?:取消订单|不点了|退出|算了)$/,
    ordinal: /第(一|二|三|四|五|六|七|八|\d)(?:个|份|样)?|最后(?:一)?(?:个|份)/,
    without: /(不加|去|不要)/g,
    ordinals: { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 },
    fillers: /(请|一下|吧|呢|的|个|份|杯|块|只|瓶|还有|和)/g,
  },
};

/** Lower case, apostrophes unified, spaces collapsed; accents kept (they are part of words). */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[.!?。！？，,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tokens for the assistant's number reader: words, or (Chinese) characters with digit runs kept whole. */
function numberTokens(text: string, language: Language): string[] {
  return language === 'zh' ? (text.match(/\d+|\S/gu) ?? []) : text.split(' ').filter(Boolean);
}

/** A quantity at the start of the words ("two", "due", "两个", "3"), read by the assistant's number reader, and the rest. */
export function leadingQuantity(text: string, language: Language): { quantity: number; rest: string } {
  const tokens = numberTokens(text, language);
  const found = readNumber(tokens, 0, language);
  if (!found || !Number.isInteger(found.value) || found.value < 1) return { quantity: 1, rest: text };
  if (language === 'zh') {
    // A measure word follows a Chinese number: 两个, 一杯, 三份.
    const end = /^(?:个|份|杯|块|只|瓶)$/.test(tokens[found.end] ?? '') ? found.end + 1 : found.end;
    return { quantity: found.value, rest: tokens.slice(end).join('').trim() };
  }
  return { quantity: found.value, rest: tokens.slice(found.end).join(' ') };
}

/** Strip words that carry no item name (articles, "please"). */
export function contentWords(text: string, language: Language): string {
  return text.replace(words[language].fillers, ' ').replace(/\s+/g, ' ').trim();
}

/** "without ice" in the language's own words, turned into the words a choice named "no ice" carries. */
export function withoutWords(text: string, language: Language): string[] {
  const out: string[] = [];
  const pattern = new RegExp(words[language].without.source, 'g');
  let match: RegExpExecArray | null = pattern.exec(text);
  while (match) {
    const after = text.slice(match.index + match[0].length).trim();
    if (after) out.push(language === 'zh' ? after : after.split(' ').slice(0, 2).join(' '));
    match = pattern.exec(text);
  }
  return out;
}

/**
 * Read one utterance said while ordering. `active` tells whether an ordering conversation is open:
 * without one only "order from …" is taken (everything else belongs to the rest of the assistant).
 */
export function readOrdering(text: string, language: Language, active: boolean): OrderingRequest | null {
  const w = words[language];
  const said = normalize(text);
  const start = w.start.exec(said);
  if (start) return { kind: 'start', merchantWords: (start[1] ?? start[2] ?? '').trim() };
  if (!active) return null;
  if (/^[\d\s]{2,16}$/.test(said) && said.replace(/\s/g, '').length <= 8)
    return { kind: 'digits', digits: said.replace(/\s/g, '') };
  if (w.stop.test(said)) return { kind: 'stop' };
  if (w.cart.test(said)) return { kind: 'cart' };
  if (w.pickup.test(said)) return { kind: 'pickup' };
  if (w.changeStore.test(said)) return { kind: 'change_store' };
  const removal = w.remove.exec(said);
  if (removal) return { kind: 'remove', words: contentWords(removal[1] as string, language) };
  if (w.checkout.test(said)) return { kind: 'checkout' };
  if (w.menu.test(said)) {
    const filter = contentWords(said.replace(w.menu, ' '), language);
    return { kind: 'menu', filter };
  }
  const ordinal = w.ordinal.exec(said);
  if (ordinal) {
    const key = (ordinal[1] ?? '').trim();
    const last = language === 'zh' ? said.includes('最后') : w.ordinals[key] === -1;
    const n = last ? -1 : /^\d$/.test(key) ? Number(key) : (w.ordinals[key] ?? 0);
    if (n !== 0) {
      const before = said.slice(0, ordinal.index).trim();
      const { quantity } = leadingQuantity(contentWords(before.replace(w.add, '$1'), language), language);
      return { kind: 'choose', ordinal: n, quantity };
    }
  }
  const adding = w.add.exec(said);
  const body = contentWords((adding?.[1] ?? said).trim(), language);
  if (!body) return null;
  const { quantity, rest } = leadingQuantity(body, language);
  return { kind: 'add', quantity, words: rest, said };
}
