import type { ScreenEventMap } from '@genio/contracts';

/**
 * Every domain event of Genio: name -> payload. Payloads carry `homeId` where an event belongs
 * to a home, so that transports can deliver it only to that home's listeners.
 */
export interface EventMap {
  'home.created': { homeId: string; name: string; language: string };
  'home.updated': { homeId: string; name: string; language: string };
  'home.deleted': { homeId: string };
  'area.created': { homeId: string; areaId: string; name: string };
  'area.updated': { homeId: string; areaId: string; name: string };
  'area.deleted': { homeId: string; areaId: string };
  'token.created': { tokenId: string; role: string; homeId: string | null };
  'token.revoked': { tokenId: string };
  'device.created': { homeId: string; deviceId: string; name: string };
  'device.updated': { homeId: string; deviceId: string; name: string };
  'device.deleted': { homeId: string; deviceId: string };
  /** A device lost its right to its MQTT session (disabled, deleted, secret rotated): hubs end it. */
  'device.revoked': {
    homeId: string;
    deviceId: string;
    productKey: string;
    deviceName: string;
    reason: 'disabled' | 'deleted' | 'secret_rotated';
  };
  'device.online': { homeId: string; deviceId: string; online: boolean };
  'device.state_changed': {
    homeId: string;
    deviceId: string;
    properties: Record<string, unknown>;
    at: number;
  };
  'device.event': {
    homeId: string;
    deviceId: string;
    event: string;
    params: Record<string, unknown>;
    at: number;
  };
  'assistant.turn': {
    homeId: string;
    conversationId: string;
    language: string;
    intent: string | null;
    speech: string;
  };
  'timer.started': { homeId: string; timerId: string; name: string | null; seconds: number; endsAt: number };
  'timer.cancelled': { homeId: string; timerId: string; name: string | null };
  'timer.finished': { homeId: string; timerId: string; name: string | null; speech: string };
  'order.paid': {
    orderId: string;
    merchantId: string;
    homeId: string | null;
    amount: number;
    currency: string;
  };
  /** An order changed state (placed, paid, accepted, ready, refunded…); the screen and the merchant's board follow it. */
  'order.updated': {
    orderId: string;
    merchantId: string;
    homeId: string;
    storeRef: string;
    status: string;
    pickupCode: string | null;
    total: number;
    currency: string;
  };
  /** An order is ready for pickup: what to tell the household, in its home's language. */
  'order.ready': {
    homeId: string;
    orderId: string;
    merchantId: string;
    pickupCode: string | null;
    title: string;
    speech: string;
  };
  /** A mini-app's notification for the home's screen (plain text). */
  'miniapp.notification': { homeId: string; appId: string; title: string; text: string };
}

/** The name of a domain event. */
export type EventName = keyof EventMap;

/** An event as it travels: name, payload, when and where it was emitted. */
export interface Envelope<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventMap[N];
  at: number;
  /** Id of the hub process that emitted it (lets a NATS transport skip its own echoes). */
  origin: string;
}

/** Names of every event, for filters and documentation. */
export const eventNames: readonly EventName[] = [
  'home.created',
  'home.updated',
  'home.deleted',
  'area.created',
  'area.updated',
  'area.deleted',
  'token.created',
  'token.revoked',
  'device.online',
  'device.state_changed',
  'device.event',
  'timer.started',
  'timer.cancelled',
  'timer.finished',
  'order.paid',
  'order.updated',
  'order.ready',
  'miniapp.notification',
];

/** Compile-time check: the events screens follow carry at least what the contract (`@genio/contracts`) promises them. */
type HonoursContract<T extends { [N in keyof ScreenEventMap]: ScreenEventMap[N] }> = T;
export type ScreenEventsHonoured = HonoursContract<Pick<EventMap, keyof ScreenEventMap>>;
