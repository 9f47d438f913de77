import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import { createWebSocketStream, WebSocketServer } from 'ws';

// A test broker that checks connects the way docs/protocol.md says, written from the contract and not from the SDK.

const HUB_USER = 'hub';
const HUB_PASSWORD = 'hub-password';
const algorithms: Record<string, string> = { hmacsha256: 'sha256', hmacsha1: 'sha1', hmacmd5: 'md5' };

/** Check an Alink connect; returns the device's `pk/dn` or null. */
export function verifyAlink(
  clientId: string,
  username: string,
  password: string,
  secretOf: (productKey: string, deviceName: string) => string | undefined,
): string | null {
  const match = /^([^|]*)\|([^|]*)\|$/.exec(clientId);
  if (!match) return null;
  const [, cid, block] = match as unknown as [string, string, string];
  const params = new Map(
    block
      .split(',')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
  );
  const [deviceName, productKey] = username.split('&');
  if (!deviceName || !productKey) return null;
  const secret = secretOf(productKey, deviceName);
  const algorithm = algorithms[params.get('signmethod') ?? 'hmacmd5'];
  if (secret === undefined || !algorithm) return null;
  const signed: Record<string, string> = { clientId: cid, deviceName, productKey };
  const timestamp = params.get('timestamp');
  if (timestamp !== undefined) signed.timestamp = timestamp;
  const content = Object.keys(signed)
    .sort()
    .map((k) => k + signed[k])
    .join('');
  const expected = Buffer.from(createHmac(algorithm, secret).update(content).digest('hex'));
  const given = Buffer.from(password.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? `${productKey}/${deviceName}`
    : null;
}

export interface Received {
  topic: string;
  body: Record<string, any>;
}

export interface TestBroker {
  port: number;
  /** MQTT over websocket (subprotocol mqtt), on the same broker and with the same checks. */
  wsPort: number;
  aedes: Aedes;
  /** Every CONNECT a device made, by username, and whether its signature was right. */
  connects: Array<{ username: string; ok: boolean }>;
  /** Subscriptions devices asked for, with whether they were granted. */
  subscriptions: Array<{ device: string; topic: string; granted: boolean }>;
  /** The hub side: a plain MQTT client that sees every device topic. */
  hub: MqttClient;
  /** Requests devices sent (not replies). */
  received: Received[];
  /** Publishes for which this returns true are never acknowledged nor delivered, as if lost in flight. */
  swallow: (topic: string, payload: string) => boolean;
  /** How the hub answers a device request; return null to stay silent. Default: 200 with {}. */
  answer: (message: Received) => { code: number; data?: unknown; message?: string } | null;
  /** Send a request to a device and wait for its reply (or null after `waitMs`). */
  call(topic: string, body: Record<string, unknown>, waitMs?: number): Promise<Record<string, any> | null>;
  /** Drop every connection of a device from the broker side, as a network failure would. */
  kick(productKey: string, deviceName: string): void;
  close(): Promise<void>;
}

export async function startBroker(devices: Record<string, string>): Promise<TestBroker> {
  const secretOf = (pk: string, dn: string) => devices[`${pk}/${dn}`];
  const identity = new Map<string, string>();
  const subscriptions: TestBroker['subscriptions'] = [];
  const connects: TestBroker['connects'] = [];
  const aedes = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      const pass = password?.toString() ?? '';
      if (username === HUB_USER && pass === HUB_PASSWORD) return done(null, true);
      const device = verifyAlink(client.id, username ?? '', pass, secretOf);
      connects.push({ username: username ?? '', ok: device !== null });
      if (device) {
        identity.set(client.id, device);
        return done(null, true);
      }
      const error = new Error('not authorized') as AuthenticateError;
      error.returnCode = 5;
      done(error, false);
    },
    authorizePublish(client, packet, done) {
      if (client && broker.swallow(packet.topic, packet.payload.toString())) return;
      done(null);
    },
    authorizeSubscribe(client, subscription, done) {
      const device = client ? identity.get(client.id) : undefined;
      if (!device) return done(null, subscription);
      const granted = subscription.topic.startsWith(`/sys/${device}/`);
      subscriptions.push({ device, topic: subscription.topic, granted });
      done(null, granted ? subscription : null);
    },
  });
  const server: Server = createServer({ noDelay: true }, aedes.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const wsServer = createHttpServer();
  const wss = new WebSocketServer({
    server: wsServer,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  });
  wss.on('connection', (socket) => {
    const stream = createWebSocketStream(socket);
    stream.on('error', () => socket.terminate());
    aedes.handle(stream as unknown as Parameters<typeof aedes.handle>[0]);
  });
  wsServer.listen(0, '127.0.0.1');
  await once(wsServer, 'listening');
  const wsPort = (wsServer.address() as AddressInfo).port;

  const hub = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, {
    clientId: 'test-hub',
    username: HUB_USER,
    password: HUB_PASSWORD,
    reconnectPeriod: 0,
  });
  await hub.subscribeAsync('/sys/+/+/thing/#', { qos: 1 });

  const waiting = new Map<string, (body: Record<string, any>) => void>();
  const broker: TestBroker = {
    port,
    wsPort,
    aedes,
    connects,
    subscriptions,
    hub,
    received: [],
    swallow: () => false,
    answer: () => ({ code: 200, data: {} }),
    async call(topic, body, waitMs = 2000) {
      const id = String(body.id);
      const replied = new Promise<Record<string, any> | null>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, waitMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
      });
      await hub.publishAsync(topic, JSON.stringify(body), { qos: 1 });
      return replied;
    },
    kick(productKey, deviceName) {
      const clients = (aedes as unknown as { clients: Record<string, { close(): void }> }).clients;
      for (const [id, client] of Object.entries(clients))
        if (identity.get(id) === `${productKey}/${deviceName}`) client.close();
    },
    async close() {
      await hub.endAsync();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };

  hub.on('message', (topic, payload) => {
    const body = JSON.parse(payload.toString()) as Record<string, any>;
    const isDownlink = topic.includes('/thing/service/') && !topic.endsWith('_reply');
    if (isDownlink || topic.endsWith('/post_reply') || topic.endsWith('/get_reply')) return;
    if (topic.endsWith('_reply')) {
      waiting.get(body.id)?.(body);
      waiting.delete(body.id);
      return;
    }
    const message = { topic, body };
    broker.received.push(message);
    const answer = broker.answer(message);
    if (!answer) return;
    hub.publish(
      `${topic}_reply`,
      JSON.stringify({
        id: body.id,
        code: answer.code,
        data: answer.data ?? {},
        message: answer.message ?? (answer.code === 200 ? 'success' : 'error'),
        version: '1.0',
        method: body.method,
      }),
    );
  });
  return broker;
}
