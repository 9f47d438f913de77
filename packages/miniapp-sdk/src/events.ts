import type { Card } from './cards.js';
import type { Language } from './manifest.js';

/** A JSON value: the only thing that crosses between the app and the hub. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A slot's value: a list slot's value, a number (a duration in seconds), or the words said. */
export type SlotValue = string | number | null;

/** How a payment the app asked for ended; the app never sees the PIN or the account. */
export interface PaymentOutcome {
  orderId: string;
  status: 'paid' | 'failed' | 'cancelled';
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
 * What an app answers: a sentence to speak (at most 600 characters), an optional card, and either a
 * question (`ask: { slot }` fills that slot with the user's next words, `ask: 'confirm'` waits for yes
 * or no, given as the slot `confirmed`) or `end` to give the conversation back.
 */
export interface AppReply {
  speech: string;
  card?: Card;
  ask?: { slot: string; prompt?: string } | 'confirm';
  end?: boolean;
}
