/** What the platform itself says around mini-apps, per language. */
import type { Language } from '../errors/index.js';

const phrases = {
  problem: {
    en: 'Sorry, {app} had a problem. Please try again later.',
    zh: '抱歉，{app}出了点问题，请稍后再试。',
    it: 'Scusa, {app} ha avuto un problema. Riprova più tardi.',
    fr: 'Désolé, {app} a rencontré un problème. Réessaie plus tard.',
  },
  not_installed: {
    en: '{app} is not installed in this home. You can install it on the screen.',
    zh: '这个家还没有安装{app}，可以在屏幕上安装。',
    it: '{app} non è installata in questa casa. Puoi installarla dallo schermo.',
    fr: "{app} n'est pas installée dans cette maison. Vous pouvez l'installer depuis l'écran.",
  },
  disabled: {
    en: '{app} is turned off in this home.',
    zh: '{app}在这个家已停用。',
    it: '{app} è disattivata in questa casa.',
    fr: '{app} est désactivée dans cette maison.',
  },
  closed: {
    en: 'Closed {app}.',
    zh: '已退出{app}。',
    it: 'Ho chiuso {app}.',
    fr: "J'ai fermé {app}.",
  },
  no_intent: {
    en: "{app} didn't understand that.",
    zh: '{app}没有听懂。',
    it: '{app} non ha capito.',
    fr: "{app} n'a pas compris.",
  },
  asks_payment: {
    en: '{app} asks for a payment.',
    zh: '{app}请求付款。',
    it: '{app} chiede un pagamento.',
    fr: '{app} demande un paiement.',
  },
} as const satisfies Record<string, Record<Language, string>>;

/** A platform sentence with its blanks filled. */
export function platformSays(
  language: Language,
  key: keyof typeof phrases,
  values: Record<string, string>,
): string {
  return phrases[key][language].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
