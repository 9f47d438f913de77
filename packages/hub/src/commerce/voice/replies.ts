/** What the ordering conversation says, per language. `{name}` marks a value filled in. */
import type { Language } from '../../errors/index.js';

const phrases = {
  started: {
    en: '{merchant} is open at {store}. {count} items to choose from: say what you would like, or tap it.',
    it: '{merchant} è aperto a {store}. Ci sono {count} prodotti: dimmi cosa desideri, o toccalo.',
    fr: '{merchant} est ouvert à {store}. {count} articles au choix : dites ce que vous voulez, ou touchez-le.',
    zh: '{merchant}的{store}店正在营业，共有{count}种商品：请说出想要的，或者点一下。',
  },
  started_no_store: {
    en: "{merchant}'s menu. I don't know where this home is, so I can't pick a store yet: set the home's location.",
    it: 'Il menu di {merchant}. Non so dove si trova la casa, quindi non posso scegliere il negozio: imposta la posizione della casa.',
    fr: "Le menu de {merchant}. Je ne sais pas où se trouve la maison, je ne peux donc pas choisir de magasin : indiquez l'emplacement de la maison.",
    zh: '这是{merchant}的菜单。我不知道家的位置，暂时无法选择门店：请设置家的位置。',
  },
  no_merchant: {
    en: "I couldn't find a shop called {name}.",
    it: 'Non ho trovato un negozio chiamato {name}.',
    fr: "Je n'ai pas trouvé de commerce appelé {name}.",
    zh: '没有找到叫{name}的商家。',
  },
  menu: {
    en: 'On the menu: {items}{more}.',
    it: 'Nel menu: {items}{more}.',
    fr: 'Au menu : {items}{more}.',
    zh: '菜单上有：{items}{more}。',
  },
  and_more: {
    en: ' and more on the screen',
    it: ' e altro sullo schermo',
    fr: " et d'autres à l'écran",
    zh: '，更多请看屏幕',
  },
  menu_empty: {
    en: 'Nothing can be ordered there right now.',
    it: 'In questo momento non si può ordinare niente lì.',
    fr: "Rien ne peut être commandé là pour l'instant.",
    zh: '现在那里没有可以点的东西。',
  },
  added: { en: 'Added {line}.', it: 'Aggiunto: {line}.', fr: 'Ajouté : {line}.', zh: '已添加{line}。' },
  changed: { en: 'Now {line}.', it: 'Ora: {line}.', fr: 'Maintenant : {line}.', zh: '已改为{line}。' },
  removed: { en: 'Removed {line}.', it: 'Tolto: {line}.', fr: 'Retiré : {line}.', zh: '已去掉{line}。' },
  which_option: {
    en: 'Which {group}: {choices}?',
    it: 'Quale {group}: {choices}?',
    fr: 'Quel choix pour {group} : {choices} ?',
    zh: '{group}选哪个：{choices}？',
  },
  not_in_cart: {
    en: "There's no {item} in your cart.",
    it: 'Nel carrello non c’è {item}.',
    fr: "Il n'y a pas de {item} dans votre panier.",
    zh: '购物车里没有{item}。',
  },
  not_now: {
    en: "{item} can't be ordered at this store right now.",
    it: '{item} non si può ordinare adesso in questo negozio.',
    fr: '{item} ne peut pas être commandé dans ce magasin pour le moment.',
    zh: '这家店现在不能点{item}。',
  },
  no_such_position: {
    en: "There's no item in that position.",
    it: 'Non c’è un prodotto in quella posizione.',
    fr: "Il n'y a pas d'article à cette place.",
    zh: '那个位置没有商品。',
  },
  cart: {
    en: 'In your cart: {lines}. Total {total}.',
    it: 'Nel carrello: {lines}. Totale {total}.',
    fr: 'Dans votre panier : {lines}. Total {total}.',
    zh: '购物车里有：{lines}。合计{total}。',
  },
  cart_title: {
    en: 'Cart · {total}',
    it: 'Carrello · {total}',
    fr: 'Panier · {total}',
    zh: '购物车 · {total}',
  },
  cart_empty: {
    en: 'Your cart is empty.',
    it: 'Il carrello è vuoto.',
    fr: 'Votre panier est vide.',
    zh: '购物车是空的。',
  },
  pickup: {
    en: 'You pick it up at {store}, {distance} away.',
    it: 'Lo ritiri a {store}, a {distance}.',
    fr: 'Vous le récupérez à {store}, à {distance}.',
    zh: '在{store}取餐，距离{distance}。',
  },
  no_store: {
    en: 'No store of this shop is open near this home right now.',
    it: 'Nessun negozio è aperto vicino a casa in questo momento.',
    fr: "Aucun magasin n'est ouvert près de la maison pour le moment.",
    zh: '附近现在没有营业的门店。',
  },
  only_store: {
    en: 'This is the only store open nearby.',
    it: 'È l’unico negozio aperto qui vicino.',
    fr: "C'est le seul magasin ouvert à proximité.",
    zh: '附近只有这一家店在营业。',
  },
  store_changed: {
    en: 'Changed to {store}, {distance} away.',
    it: 'Cambiato: {store}, a {distance}.',
    fr: 'Changé pour {store}, à {distance}.',
    zh: '已换到{store}，距离{distance}。',
  },
  stores_title: { en: 'Stores nearby', it: 'Negozi vicini', fr: 'Magasins à proximité', zh: '附近门店' },
  voice_pay_off: {
    en: 'Order placed, {total}. Paying by voice is off in this home: pay in the app, or turn it on in the payment settings.',
    it: 'Ordine inviato, {total}. Il pagamento a voce è disattivato in questa casa: paga dall’app o attivalo nelle impostazioni di pagamento.',
    fr: "Commande passée, {total}. Le paiement vocal est désactivé dans cette maison : payez dans l'application ou activez-le dans les réglages de paiement.",
    zh: '订单已提交，{total}。这个家没有开启语音支付：请在应用里付款，或在支付设置中开启。',
  },
  order_title: { en: 'Order placed', it: 'Ordine inviato', fr: 'Commande passée', zh: '订单已提交' },
  ask_factor: {
    en: '{total} to {merchant}. To pay, say your payment PIN, or the two digits on the screen.',
    it: '{total} a {merchant}. Per pagare, di’ il PIN di pagamento o le due cifre sullo schermo.',
    fr: "{total} à {merchant}. Pour payer, dites votre code de paiement ou les deux chiffres affichés à l'écran.",
    zh: '向{merchant}支付{total}。请说出支付密码，或者屏幕上的两位数字来付款。',
  },
  ask_factor_again: {
    en: 'Say your payment PIN or the two digits on the screen, or say "cancel the order".',
    it: 'Di’ il PIN o le due cifre sullo schermo, oppure "annulla l’ordine".',
    fr: "Dites votre code ou les deux chiffres à l'écran, ou « annule la commande ».",
    zh: '请说出支付密码或屏幕上的两位数字，或者说"取消订单"。',
  },
  confirm_title: {
    en: 'Pay {total} to {merchant}',
    it: 'Paga {total} a {merchant}',
    fr: 'Payer {total} à {merchant}',
    zh: '向{merchant}支付{total}',
  },
  challenge_card: {
    en: 'Say your PIN, or these two digits: {code}',
    it: 'Di’ il PIN, oppure queste due cifre: {code}',
    fr: 'Dites votre code, ou ces deux chiffres : {code}',
    zh: '请说支付密码，或这两位数字：{code}',
  },
  cancel_label: { en: 'cancel the order', it: 'annulla l’ordine', fr: 'annule la commande', zh: '取消订单' },
  paid: {
    en: 'Paid {total}. Your pickup code is {code}, at {store}. I will tell you when it is ready.',
    it: 'Pagato {total}. Il codice di ritiro è {code}, a {store}. Ti avviso quando è pronto.',
    fr: 'Payé {total}. Votre code de retrait est {code}, à {store}. Je vous préviens quand ce sera prêt.',
    zh: '已支付{total}。取餐码是{code}，在{store}取餐。准备好了我会告诉你。',
  },
  paid_title: {
    en: 'Pickup code {code}',
    it: 'Codice di ritiro {code}',
    fr: 'Code de retrait {code}',
    zh: '取餐码 {code}',
  },
  pin_wrong: {
    en: "That PIN isn't right. Try again, or say the two digits on the screen.",
    it: 'Il PIN non è giusto. Riprova, o di’ le due cifre sullo schermo.',
    fr: "Ce code n'est pas le bon. Réessayez, ou dites les deux chiffres à l'écran.",
    zh: '密码不对。请再试一次，或者说出屏幕上的两位数字。',
  },
  pay_locked: {
    en: 'Paying by voice is locked for a while after too many wrong PINs.',
    it: 'Il pagamento a voce è bloccato per un po’ dopo troppi PIN sbagliati.',
    fr: 'Le paiement vocal est bloqué un moment après trop de codes erronés.',
    zh: '密码错误次数太多，语音支付暂时被锁定。',
  },
  no_funds: {
    en: "There isn't enough money in the wallet. The order is kept: top up and say check out again.",
    it: 'Nel portafoglio non ci sono abbastanza soldi. L’ordine resta: ricarica e di’ di nuovo paga.',
    fr: "Le portefeuille n'a pas assez d'argent. La commande est gardée : rechargez et dites de nouveau payer.",
    zh: '钱包余额不足。订单已保留：充值后再说结账。',
  },
  over_limit: {
    en: 'This is above the limit set for paying by voice.',
    it: 'Supera il limite impostato per il pagamento a voce.',
    fr: 'Cela dépasse la limite fixée pour le paiement vocal.',
    zh: '超过了语音支付的限额。',
  },
  pay_failed: {
    en: "The payment didn't go through.",
    it: 'Il pagamento non è andato a buon fine.',
    fr: "Le paiement n'a pas abouti.",
    zh: '付款没有成功。',
  },
  not_understood: {
    en: "Sorry, I didn't get that.",
    it: 'Scusa, non ho capito.',
    fr: "Désolé, je n'ai pas compris.",
    zh: '抱歉，我没听懂。',
  },
  stopped: { en: 'Order cancelled.', it: 'Ordine annullato.', fr: 'Commande annulée.', zh: '订单已取消。' },
  ready: {
    en: 'Your order from {merchant} is ready: pickup code {code}.',
    it: 'Il tuo ordine da {merchant} è pronto: codice di ritiro {code}.',
    fr: 'Votre commande chez {merchant} est prête : code de retrait {code}.',
    zh: '你在{merchant}的订单已经准备好了，取餐码{code}。',
  },
} satisfies Record<string, Record<Language, string>>;

/** A phrase's key. */
export type PhraseKey = keyof typeof phrases;

/** The phrase in the language with its values filled in. */
export function say(language: Language, key: PhraseKey, values: Record<string, string>): string {
  return phrases[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
