export { type AnyHandler, type Bus, type BusLog, type BusTransport, createBus, type Handler } from './bus.js';
export { type Envelope, type EventMap, type EventName, eventNames } from './events.js';
export { createNatsTransport } from './nats-transport.js';
