import { type Static, Type } from 'typebox';

/** Payloads of the events a screen follows, by name (the hub's bus carries more). */
export const eventPayloadSchemas = {
  'home.updated': Type.Object({ homeId: Type.String(), name: Type.String(), language: Type.String() }),
  'area.created': Type.Object({ homeId: Type.String(), areaId: Type.String(), name: Type.String() }),
  'area.updated': Type.Object({ homeId: Type.String(), areaId: Type.String(), name: Type.String() }),
  'area.deleted': Type.Object({ homeId: Type.String(), areaId: Type.String() }),
  'device.created': Type.Object({ homeId: Type.String(), deviceId: Type.String(), name: Type.String() }),
  'device.updated': Type.Object({ homeId: Type.String(), deviceId: Type.String(), name: Type.String() }),
  'device.deleted': Type.Object({ homeId: Type.String(), deviceId: Type.String() }),
  'device.online': Type.Object({ homeId: Type.String(), deviceId: Type.String(), online: Type.Boolean() }),
  'device.state_changed': Type.Object({
    homeId: Type.String(),
    deviceId: Type.String(),
    properties: Type.Record(Type.String(), Type.Unknown()),
    at: Type.Number(),
  }),
  'timer.started': Type.Object({
    homeId: Type.String(),
    timerId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    seconds: Type.Number(),
    endsAt: Type.Number(),
  }),
  'timer.cancelled': Type.Object({
    homeId: Type.String(),
    timerId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
  }),
  'timer.finished': Type.Object({
    homeId: Type.String(),
    timerId: Type.String(),
    name: Type.Union([Type.String(), Type.Null()]),
    speech: Type.String(),
  }),
  'order.ready': Type.Object({
    homeId: Type.String(),
    orderId: Type.String(),
    merchantId: Type.String(),
    pickupCode: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    speech: Type.String(),
  }),
  /** A mini-app's notification for the screen (plain text, never HTML). */
  'miniapp.notification': Type.Object({
    homeId: Type.String(),
    appId: Type.String(),
    title: Type.String(),
    text: Type.String(),
  }),
} as const;

/** The events a screen follows: name -> payload. */
export type ScreenEventMap = {
  [N in keyof typeof eventPayloadSchemas]: Static<(typeof eventPayloadSchemas)[N]>;
};

/** One event as the events websocket sends it. */
export const EventMessageSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  at: Type.Number(),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
/** One event as the events websocket sends it. */
export type EventMessage = Static<typeof EventMessageSchema>;
