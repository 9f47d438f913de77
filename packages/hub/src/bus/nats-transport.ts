import { connect, type NatsConnection, type Subscription } from 'nats';
import type { BusTransport } from './bus.js';
import type { Envelope } from './events.js';

/** Carries bus envelopes between hubs over NATS core subjects `<prefix>.<event name>`. */
export async function createNatsTransport(options: {
  url: string;
  prefix?: string;
  onError?: (error: unknown) => void;
}): Promise<BusTransport> {
  const prefix = options.prefix ?? 'genio.events';
  const connection: NatsConnection = await connect({
    servers: options.url.replace(/^nats:\/\//, ''),
    name: 'genio-hub',
  });
  let subscription: Subscription | undefined;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  return {
    publish(envelope) {
      connection.publish(`${prefix}.${envelope.name}`, encoder.encode(JSON.stringify(envelope)));
    },
    async subscribe(deliver) {
      subscription = connection.subscribe(`${prefix}.>`);
      const sub = subscription;
      (async () => {
        for await (const message of sub) {
          try {
            deliver(JSON.parse(decoder.decode(message.data)) as Envelope);
          } catch (error) {
            options.onError?.(error);
          }
        }
      })().catch((error: unknown) => options.onError?.(error));
      // A round trip to the server: once subscribe() resolves, the server knows the subscription, so an
      // event another hub emits right after this hub started is not lost.
      await connection.flush();
    },
    async close() {
      subscription?.unsubscribe();
      await connection.drain();
    },
  };
}
