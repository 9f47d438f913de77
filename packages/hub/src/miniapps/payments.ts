/**
 * Payments asked by mini-apps. Invariant: an app never moves money and never learns more than the
 * outcome. `payments.request` only places an order for the manifest's merchant; the platform then
 * reads back the amount and the merchant and takes the household's PIN or on-screen challenge on the
 * next turn, through the order service and payment guard that voice checkout uses. The app is told
 * `{ status, orderId }` in a later `payment` event.
 */
import { randomUUID } from 'node:crypto';
import {
  type CommerceModule,
  type ConversationAnswer,
  type Converse,
  readOrdering,
  say,
} from '../commerce/index.js';
import { GenioError, isGenioError, type Language } from '../errors/index.js';
import type { AppReply, EventBody, PaymentConfirmation } from './delivery.js';
import type { PaymentAsk, PaymentHandover } from './host-api.js';
import { platformSays } from './phrases.js';

interface Pending extends PaymentAsk {
  /** True once the household has been asked to confirm. */
  shown: boolean;
  expiresAt: number;
}

const PENDING_MS = 5 * 60_000;
const locales: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', it: 'it-IT', fr: 'fr-FR' };
const CANCEL = /^(?:cancel|no|stop|annulla|no grazie|annule|non|取消|不要|算了)$/i;

function price(amount: number, currency: string, language: Language): string {
  const formatter = new Intl.NumberFormat(locales[language], { style: 'currency', currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amount / 10 ** digits);
}

/** Sends the `payment` event to the app once the household decided. */
export type SendEvent = (
  appId: string,
  homeId: string,
  language: Language,
  session: string,
  body: EventBody,
) => Promise<AppReply>;

/** Build the payment handover. `send` is given later (the delivery is built with this as its confirmation). */
export function createMiniAppPayments(deps: { commerce: CommerceModule; clock?: () => number }) {
  const now = deps.clock ?? Date.now;
  const pending = new Map<string, Pending>();
  let send: SendEvent | null = null;

  function live(session: string): Pending | null {
    const found = pending.get(session);
    if (!found) return null;
    if (found.expiresAt < now()) {
      pending.delete(session);
      void cancel(found);
      return null;
    }
    return found;
  }

  async function cancel(found: Pending): Promise<void> {
    await deps.commerce.orders
      .move(found.orderId, 'cancelled', {
        eventId: `miniapp-cancel:${found.orderId}`,
        actor: `miniapp:${found.appId}`,
      })
      .catch(() => {});
  }

  async function tellApp(
    found: Pending,
    language: Language,
    status: 'paid' | 'cancelled' | 'failed',
  ): Promise<AppReply> {
    if (!send) throw new GenioError('unavailable', { reason: 'mini-app delivery is not ready' });
    return send(found.appId, found.homeId, language, found.session, {
      type: 'payment',
      payment: { status, orderId: found.orderId },
    });
  }

  const handover: PaymentHandover = {
    ask(request) {
      const before = pending.get(request.session);
      if (before) void cancel(before);
      pending.set(request.session, { ...request, shown: false, expiresAt: now() + PENDING_MS });
    },
  };

  const confirmation: PaymentConfirmation = {
    async confirmationFor(session, language, appName, said) {
      const found = live(session);
      if (!found || found.shown) return null;
      const order = await deps.commerce.orders.get(found.orderId);
      const merchant = await deps.commerce.merchants.get(order.merchantId);
      const merchantName = merchant.name[language] ?? merchant.name.en;
      const total = price(order.total, order.currency, language);
      const settings = await deps.commerce.guard.get(found.homeId);
      if (!settings.enabled) {
        pending.delete(session);
        await cancel(found);
        const told = await tellApp(found, language, 'failed');
        return {
          speech:
            `${said.speech} ${new GenioError('payment_disabled').messageIn(language)} ${told.speech}`.trim(),
          hold: told.hold,
          ...(told.card ? { card: told.card } : {}),
        };
      }
      const challenge = await deps.commerce.guard.newChallenge(found.homeId);
      found.shown = true;
      return {
        // The amount and the merchant are read back by the platform, whatever the app said.
        speech:
          `${said.speech} ${platformSays(language, 'asks_payment', { app: appName })} ${say(language, 'ask_factor', { total, merchant: merchantName })}`.trim(),
        card: {
          type: 'confirmation',
          title: say(language, 'confirm_title', { total, merchant: merchantName }),
          text: say(language, 'challenge_card', { code: challenge.code }),
          cancelLabel: say(language, 'cancel_label', {}),
        },
        hold: true,
      };
    },
  };

  /** The turn answering a confirmation (PIN, challenge digits or cancel); null when none is waiting. */
  async function answerTurn(turn: {
    conversationId: string;
    homeId: string;
    language: Language;
    text: string;
    tokenId: string;
  }): Promise<ConversationAnswer | null> {
    const found = live(turn.conversationId);
    if (!found?.shown || found.homeId !== turn.homeId) return null;
    const { language } = turn;
    const answer = (reply: AppReply, intent: string): ConversationAnswer => ({
      conversationId: turn.conversationId,
      language,
      intent: { name: intent, slots: {} },
      speech: { text: reply.speech },
      ...(reply.card ? { card: reply.card } : {}),
      continueConversation: reply.hold,
    });
    const read = readOrdering(turn.text, language, true);
    if (read?.kind === 'stop' || CANCEL.test(turn.text.trim())) {
      pending.delete(turn.conversationId);
      await cancel(found);
      const told = await tellApp(found, language, 'cancelled');
      return answer(
        { ...told, speech: `${say(language, 'stopped', {})} ${told.speech}`.trim() },
        'miniapp.payment',
      );
    }
    if (read?.kind !== 'digits')
      return answer({ speech: say(language, 'ask_factor_again', {}), hold: true }, 'miniapp.payment');
    const factor = read.digits.length === 2 ? { challenge: read.digits } : { pin: read.digits };
    try {
      await deps.commerce.orders.pay(found.orderId, { tokenId: turn.tokenId, factor });
    } catch (error) {
      if (!isGenioError(error)) throw error;
      if (error.code === 'payment_pin_wrong')
        return answer({ speech: say(language, 'pin_wrong', {}), hold: true }, 'miniapp.payment');
      pending.delete(turn.conversationId);
      await cancel(found);
      const told = await tellApp(found, language, 'failed');
      return answer(
        { ...told, speech: `${error.messageIn(language)} ${told.speech}`.trim() },
        'miniapp.payment',
      );
    }
    pending.delete(turn.conversationId);
    return answer(await tellApp(found, language, 'paid'), 'miniapp.payment');
  }

  return {
    handover,
    confirmation,
    answerTurn,
    /** Give the event sender (the delivery), once built. */
    connect(sender: SendEvent) {
      send = sender;
    },
    /** Whether a session waits for a payment confirmation. */
    waiting: (session: string) => live(session)?.shown === true,
  };
}

/** The payment handover. */
export type MiniAppPayments = ReturnType<typeof createMiniAppPayments>;

/**
 * Put mini-app payment confirmations in front of the other turns: while a session waits for the
 * household's PIN, its turns go here (with the speaking token, which the payment guard checks).
 */
export function withMiniAppPayments(deps: {
  converse: Converse;
  payments: MiniAppPayments;
  homeLanguage: (homeId: string) => Promise<Language>;
}): Converse {
  return async (request, speaker) => {
    const conversationId = request.conversationId ?? randomUUID();
    if (request.conversationId && deps.payments.waiting(conversationId)) {
      const language = request.language ?? (await deps.homeLanguage(request.homeId));
      const answered = await deps.payments.answerTurn({
        conversationId,
        homeId: request.homeId,
        language,
        text: request.text,
        tokenId: speaker.tokenId,
      });
      if (answered) return answered;
    }
    return deps.converse({ ...request, conversationId }, speaker);
  };
}
