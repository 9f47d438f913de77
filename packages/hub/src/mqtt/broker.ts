import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket, type Subscription } from 'aedes';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { closeServer, listenOn } from '../net/listen.js';

/** Decides who may connect and what a connected client may publish or subscribe. Devices plug theirs in. */
export interface BrokerAuthority {
  /** Return true to accept; false refuses with CONNACK "not authorized". */
  authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<boolean>;
  /** Return null to allow, or a reason to drop the publish. */
  authorizePublish(client: Client, packet: PublishPacket): Promise<string | null>;
  /** Return null to allow, or a reason to refuse the filter (SUBACK 0x80). */
  authorizeSubscribe(client: Client, subscription: Subscription): Promise<string | null>;
}

/** Until a module installs an authority, nobody may connect: the broker is closed by default. */
export const denyAll: BrokerAuthority = {
  authenticate: async () => false,
  authorizePublish: async () => 'no authority installed',
  authorizeSubscribe: async () => 'no authority installed',
};

/** The embedded MQTT broker. */
export interface Broker {
  readonly aedes: Aedes;
  /** The bound TCP port (after start). */
  readonly port: number;
  /** The bound MQTT-over-websocket port, or null when off. */
  readonly wsPort: number | null;
  setAuthority(authority: BrokerAuthority): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Create the built-in broker (aedes) on host:port. Listening happens in start(). */
export async function createBroker(deps: {
  host: string;
  port: number;
  wsPort?: number;
  log: Logger;
}): Promise<Broker> {
  let authority: BrokerAuthority = denyAll;
  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      authority.authenticate(client, username, password).then(
        (ok) => {
          if (ok) return done(null, true);
          const error = new Error('not authorized') as AuthenticateError;
          error.returnCode = 5;
          done(error, false);
        },
        (error: unknown) => {
          deps.log.error({ err: error, clientId: client.id }, 'mqtt authenticate failed');
          const refused = new Error('server unavailable') as AuthenticateError;
          refused.returnCode = 3;
          done(refused, false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null);
      authority.authorizePublish(client, packet).then(
        (reason) => done(reason ? new Error(reason) : null),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
    authorizeSubscribe(client, subscription, done) {
      authority.authorizeSubscribe(client, subscription).then(
        (reason) => done(null, reason ? null : subscription),
        (error: unknown) => {
          deps.log.error({ err: error, clientId: client.id }, 'mqtt authorizeSubscribe failed');
          done(null, null);
        },
      );
    },
  });
  // Small MQTT packets must not wait for Nagle's algorithm: replies and acks would sit ~40 ms behind delayed ACKs.
  const server: Server = createServer({ noDelay: true }, aedes.handle);
  let port = deps.port;
  // MQTT over websocket (subprotocol "mqtt"), for browsers and devices behind HTTP-only networks.
  const wsHttp = deps.wsPort === undefined ? null : createHttpServer();
  const wsPort: number | null = null;
  if (wsHttp) {
    const wss = new WebSocketServer({
      server: wsHttp,
      handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
    });
    wss.on('connection', (socket) => {
      const stream = createWebSocketStream(socket);
      stream.on('error', () => socket.terminate());
      aedes.handle(stream as unknown as Parameters<typeof aedes.handle>[0]);
    });
  }

  return {
    aedes,
    get port() {
      return port;
    },
    get wsPort() {
      return wsPort;
    },
    setAuthority(next) {
      authority = next;
    },
    async start() {
      port = await listenOn(server, deps.port, deps.host, {
        service: 'MQTT',
        flag: '--mqtt-port',
        env: 'GENIO_MQTT_PORT',
      });
    },
    async stop() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await closeServer(server);
      if (wsHttp) await closeServer(wsHttp as unknown as Server);
    },
  };
}
