import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { Readable } from 'node:stream';
import { Aedes, type AuthenticateError, type Client, type PublishPacket, type Subscription } from 'aedes';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { closeServer, listenOn } from '../net/index.js';
import { watchPacketSizes } from './packet-size.js';

/** Bytes a connection may send before its CONNECT is accepted: a CONNECT carries ids, a signature and maybe a small will. */
export const MAX_PACKET_BEFORE_LOGIN = 16 * 1024;
/** Room in a packet beside its payload: a topic (at most 64 KiB) and the headers. */
const PACKET_OVERHEAD = 64 * 1024 + 16;

/** Decides who may connect and what a connected client may publish or subscribe. Devices plug theirs in. */
export interface BrokerAuthority {
  /** Return true to accept; false refuses with CONNACK "not authorized". */
  authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<boolean>;
  /** Return null to allow, or a reason to drop the publish. */
  authorizePublish(client: Client, packet: PublishPacket): Promise<string | null>;
  /** Return null to allow, or a reason to refuse the filter (SUBACK 0x80). */
  authorizeSubscribe(client: Client, subscription: Subscription): Promise<string | null>;
}

/** The part of aedes' persistence that holds retained messages (its typings leave it untyped). */
interface RetainedStore {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<{ topic: string }>;
  storeRetained(packet: {
    cmd: 'publish';
    topic: string;
    payload: Buffer;
    qos: 0;
    retain: true;
  }): Promise<void>;
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
  /** The client connected under this MQTT client id, if any. */
  clientById(clientId: string): Client | undefined;
  /** Delete every retained message whose topic matches `filter`; resolves to how many were removed. */
  clearRetained(filter: string): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Create the built-in broker (aedes) on host:port. Listening happens in start(). */
export async function createBroker(deps: {
  host: string;
  port: number;
  wsPort?: number;
  /** The largest application payload a client may publish; packets beyond it plus a topic's room are cut. */
  maxPayload?: number;
  log: Logger;
}): Promise<Broker> {
  const maxPacketAfterLogin = (deps.maxPayload ?? 256 * 1024) + PACKET_OVERHEAD;
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
  type Connection = Parameters<typeof aedes.handle>[0];
  // Every connection, TCP or websocket, is held to a small packet size until it has signed in.
  function accept(conn: Connection & Readable, cut: () => void): void {
    const client = aedes.handle(conn);
    watchPacketSizes(
      conn,
      () => (client.connected ? maxPacketAfterLogin : MAX_PACKET_BEFORE_LOGIN),
      (announced) => {
        deps.log.info(
          { clientId: client.id, announced, signedIn: client.connected },
          'mqtt packet larger than allowed: connection cut',
        );
        cut();
      },
    );
  }
  // Small MQTT packets must not wait for Nagle's algorithm: replies and acks would sit ~40 ms behind delayed ACKs.
  const server: Server = createServer({ noDelay: true }, (socket) => accept(socket, () => socket.destroy()));
  let port = deps.port;
  // MQTT over websocket (subprotocol "mqtt"), for browsers and devices behind HTTP-only networks.
  const wsHttp = deps.wsPort === undefined ? null : createHttpServer();
  let wsPort: number | null = null;
  if (wsHttp) {
    const wss = new WebSocketServer({
      server: wsHttp,
      maxPayload: maxPacketAfterLogin,
      handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
    });
    wss.on('connection', (socket) => {
      const stream = createWebSocketStream(socket);
      stream.on('error', () => socket.terminate());
      accept(stream as unknown as Connection & Readable, () => socket.terminate());
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
    clientById(clientId) {
      return (aedes as unknown as { clients: Record<string, Client | undefined> }).clients[clientId];
    },
    async clearRetained(filter) {
      const { persistence } = aedes as unknown as { persistence: RetainedStore };
      const topics: string[] = [];
      for await (const packet of persistence.createRetainedStreamCombi([filter])) topics.push(packet.topic);
      for (const topic of topics)
        await persistence.storeRetained({
          cmd: 'publish',
          topic,
          payload: Buffer.alloc(0),
          qos: 0,
          retain: true,
        });
      return topics.length;
    },
    async start() {
      port = await listenOn(server, deps.port, deps.host, {
        service: 'MQTT',
        flag: '--mqtt-port',
        env: 'GENIO_MQTT_PORT',
      });
      if (wsHttp && deps.wsPort !== undefined)
        wsPort = await listenOn(wsHttp as unknown as Server, deps.wsPort, deps.host, {
          service: 'MQTT over websocket',
          flag: '--mqtt-ws-port',
          env: 'GENIO_MQTT_WS_PORT',
        });
    },
    async stop() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await closeServer(server);
      if (wsHttp) await closeServer(wsHttp as unknown as Server);
    },
  };
}
