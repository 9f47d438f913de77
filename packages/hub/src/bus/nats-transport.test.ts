import { describe, expect, it } from 'vitest';
import { createBus } from './bus.js';
import { createNatsTransport } from './nats-transport.js';

const url = process.env.GENIO_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const log = { error: () => {} };

async function natsAnswers(): Promise<boolean> {
  try {
    const t = await createNatsTransport({ url });
    await t.close();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`NATS is required in CI and does not answer at ${url}`);
    return false;
  }
}

describe.runIf(await natsAnswers())('bus over NATS', () => {
  it('delivers an event emitted on one hub to another, and not twice to its emitter', async () => {
    const prefix = `genio.test.${Math.random().toString(36).slice(2)}`;
    const a = createBus({ log, transport: await createNatsTransport({ url, prefix }) });
    const b = createBus({ log, transport: await createNatsTransport({ url, prefix }) });
    await a.start();
    await b.start();
    const onA: string[] = [];
    const onB: string[] = [];
    a.on('t', 'home.created', (p) => {
      onA.push(p.homeId);
    });
    const received = new Promise<void>((resolve) =>
      b.on('t', 'home.created', (p) => {
        onB.push(p.homeId);
        resolve();
      }),
    );
    a.emit('home.created', { homeId: 'h1', name: 'Casa', language: 'it' });
    await received;
    await new Promise((r) => setTimeout(r, 100));
    expect(onB).toEqual(['h1']);
    expect(onA).toEqual(['h1']);
    await a.stop();
    await b.stop();
  });
});
