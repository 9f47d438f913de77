import type { Card } from './cards.js';
import type { Language } from './manifest.js';

/** A JSON value: the only thing that crosses between the app and the hub. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A slot the assistant filled from the user's words. */
export interface SlotValue {
  /** The value as the app should use it (a number for a number slot). */
  value: JsonValue;
  /** The words it came from. */
  text: string;
}

/** How a payment the app asked for ended; the app never sees the PIN or the account. */
export interface PaymentOutcome {
  orderId: string;
  status: 'paid' | 'failed' | 'cancelled';
  amount: number;
  currency: string;
}

interface EventBase {
  language: Language;
  homeId: string;
  /** The conversation the app holds; the same for every event until it ends. */
  session: string;
}

/** The user opened the app ("open Kiki Chicken"). */
export interface LaunchEvent extends EventBase {
  type: 'launch';
}
/** The user said one of the app's sentences (or answered the question it asked). */
export interface IntentEvent extends EventBase {
  type: 'intent';
  intent: string;
  slots: Record<string, SlotValue>;
}
/** A payment the app requested has ended. */
export interface PaymentEvent extends EventBase {
  type: 'payment';
  payment: PaymentOutcome;
}
/** The user left the app ("exit"), or the conversation timed out. */
export interface EndEvent extends EventBase {
  type: 'end';
}

/** Every event the hub delivers to an app. */
export type AppEvent = LaunchEvent | IntentEvent | PaymentEvent | EndEvent;
/** The name of an event type. */
export type AppEventType = AppEvent['type'];

/**
 * What an app answers: a sentence to speak, an optional card, and either a question (`ask` fills one
 * slot with the user's next words, `confirm` waits for yes or no) or `end` to give the conversation back.
 */
export interface AppReply {
  speech: string;
  card?: Card;
  ask?: { slot: string; prompt?: string };
  confirm?: { prompt?: string };
  end?: boolean;
}
