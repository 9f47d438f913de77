/**
 * Many light MQTT 3.1.1 connections for load: raw sockets and mqtt-packet, no client library,
 * so that ten thousand devices fit in one process and the load generator costs little CPU.
 */
import { type Socket, connect as tcpConnect } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

/** How one simulated connection logs in. */
export interface SwarmIdentity {
  clientId: string;
  username?: string;
  password?: string;
}

/** One live connection. */
export interface SwarmConnection {
  index: number;
  socket: Socket;
  subscribe(topic: string): Promise<void>;
  publish(topic: string, payload: string, qos: 0 | 1): void;
  /** Called for every PUBLISH the broker delivers. */
  onMessage: (topic: string, payload: Buffer) => void;
  close(): void;
}

/** Open a connection and wait for CONNACK; rejects on refusal. */
export function openConnection(
  port: number,
  identity: SwarmIdentity,
  index: number,
  keepalive = 600,
): Promise<SwarmConnection> {
  // biome-ignore lint/nursery/noMisusedPromises: the executor returns nothing; the rule trips on the promise-returning method defined inside it.
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: '127.0.0.1', noDelay: true });
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    let messageId = 0;
    const waitingSubacks = new Map<number, () => void>();
    let ready = false;
    const connection: SwarmConnection = {
      index,
      socket,
      subscribe(topic) {
        messageId = (messageId % 65535) + 1;
        const id = messageId;
        return new Promise((done) => {
          waitingSubacks.set(id, done);
          socket.write(
            mqttPacket.generate({ cmd: 'subscribe', messageId: id, subscriptions: [{ topic, qos: 0 }] }),
          );
        });
      },
      publish(topic, payload, qos) {
        if (qos === 1) messageId = (messageId % 65535) + 1;
        socket.write(
          mqttPacket.generate(
            qos === 1
              ? { cmd: 'publish', topic, payload, qos: 1, messageId, retain: false, dup: false }
              : { cmd: 'publish', topic, payload, qos: 0, retain: false, dup: false },
          ),
        );
      },
      onMessage: () => {},
      close() {
        socket.destroy();
      },
    };
    parser.on('packet', (packet: Packet) => {
      switch (packet.cmd) {
        case 'connack':
          if (packet.returnCode === 0) {
            ready = true;
            resolve(connection);
          } else {
            socket.destroy();
            reject(new Error(`connection ${index} refused with CONNACK ${packet.returnCode}`));
          }
          break;
        case 'suback': {
          const done = waitingSubacks.get(packet.messageId ?? -1);
          waitingSubacks.delete(packet.messageId ?? -1);
          done?.();
          break;
        }
        case 'publish':
          if (packet.qos === 1)
            socket.write(mqttPacket.generate({ cmd: 'puback', messageId: packet.messageId ?? 0 }));
          connection.onMessage(
            packet.topic,
            Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
          );
          break;
        default:
          break;
      }
    });
    socket.on('data', (chunk) => parser.parse(chunk));
    socket.on('error', (error) => {
      if (!ready) reject(error);
    });
    socket.on('close', () => {
      if (!ready) reject(new Error(`connection ${index} closed before CONNACK`));
    });
    socket.write(
      mqttPacket.generate({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        clientId: identity.clientId,
        keepalive,
        ...(identity.username === undefined ? {} : { username: identity.username }),
        ...(identity.password === undefined ? {} : { password: Buffer.from(identity.password) }),
      }),
    );
  });
}

/** Open many connections, `concurrency` at a time. */
export async function openSwarm(
  port: number,
  identities: readonly SwarmIdentity[],
  options: { concurrency?: number; signal?: AbortSignal; setup?: (c: SwarmConnection) => Promise<void> } = {},
): Promise<SwarmConnection[]> {
  const out: SwarmConnection[] = new Array(identities.length);
  let next = 0;
  const worker = async () => {
    while (next < identities.length) {
      if (options.signal?.aborted) throw new Error('aborted');
      const i = next++;
      const connection = await openConnection(port, identities[i] as SwarmIdentity, i);
      if (options.setup) await options.setup(connection);
      out[i] = connection;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 50 }, worker));
  return out;
}

/** Close every connection and give the broker a moment to see it. */
export async function closeSwarm(connections: readonly SwarmConnection[]): Promise<void> {
  for (const c of connections) c?.close();
  await new Promise((r) => setTimeout(r, 200));
}
