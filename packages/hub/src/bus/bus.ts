import { randomUUID } from 'node:crypto';
import type { Envelope, EventMap, EventName } from './events.js';

/** A handler of one event; may be async, its failure never reaches the emitter. */
export type Handler<N extends EventName> = (
  payload: EventMap[N],
  envelope: Envelope<N>,
) => void | Promise<void>;
/** A handler of every event. */
export type AnyHandler = (envelope: Envelope) => void | Promise<void>;

/** Carries envelopes between processes; the in-process bus has none, the NATS adapter is one. */
export interface BusTransport {
  publish(envelope: Envelope): void;
  subscribe(deliver: (envelope: Envelope) => void): Promise<void>;
  close(): Promise<void>;
}

/** The typed bus every module uses. Listeners are owned so that a module can drop all of its own at stop. */
export interface Bus {
  readonly origin: string;
  emit<N extends EventName>(name: N, payload: EventMap[N]): void;
  on<N extends EventName>(owner: string, name: N, handler: Handler<N>): void;
  onAny(owner: string, handler: AnyHandler): void;
  off(owner: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Listener {
  owner: string;
  name: EventName | '*';
  handler: (payload: unknown, envelope: Envelope) => void | Promise<void>;
}

/** Something that reports a listener's failure. */
export interface BusLog {
  error(obj: object, msg: string): void;
}

/** Create the bus; with a transport, events also cross to and from other hubs. */
export function createBus(deps: {
  log: BusLog;
  transport?: BusTransport;
  onEmit?: (name: EventName) => void;
}): Bus {
  const origin = randomUUID();
  let listeners: Listener[] = [];

  const report = (listener: Listener, envelope: Envelope, error: unknown) => {
    deps.log.error({ err: error, owner: listener.owner, event: envelope.name }, 'bus listener failed');
  };

  const deliver = (envelope: Envelope) => {
    for (const listener of listeners) {
      if (listener.name !== '*' && listener.name !== envelope.name) continue;
      try {
        const result = listener.handler(envelope.payload, envelope);
        if (result && typeof (result as Promise<void>).catch === 'function') {
          (result as Promise<void>).catch((error: unknown) => report(listener, envelope, error));
        }
      } catch (error) {
        report(listener, envelope, error);
      }
    }
  };

  return {
    origin,
    emit(name, payload) {
      const envelope: Envelope = { id: randomUUID(), name, payload, at: Date.now(), origin } as Envelope;
      deps.onEmit?.(name);
      deliver(envelope);
      deps.transport?.publish(envelope);
    },
    on(owner, name, handler) {
      listeners.push({ owner, name, handler: handler as Listener['handler'] });
    },
    onAny(owner, handler) {
      listeners.push({ owner, name: '*', handler: (_payload, envelope) => handler(envelope) });
    },
    off(owner) {
      listeners = listeners.filter((l) => l.owner !== owner);
    },
    async start() {
      await deps.transport?.subscribe((envelope) => {
        if (envelope.origin !== origin) deliver(envelope);
      });
    },
    async stop() {
      await deps.transport?.close();
    },
  };
}
