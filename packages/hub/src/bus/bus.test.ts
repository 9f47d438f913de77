import { describe, expect, it } from 'vitest';
import { createBus } from './bus.js';

function recordingLog() {
  const errors: Array<{ obj: object; msg: string }> = [];
  return { errors, log: { error: (obj: object, msg: string) => errors.push({ obj, msg }) } };
}

describe('bus', () => {
  it('delivers typed payloads to listeners of that event only', () => {
    const { log } = recordingLog();
    const bus = createBus({ log });
    const seen: string[] = [];
    bus.on('test', 'home.created', (payload) => {
      seen.push(`created ${payload.name}`);
    });
    bus.on('test', 'home.deleted', (payload) => {
      seen.push(`deleted ${payload.homeId}`);
    });
    bus.emit('home.created', { homeId: 'h1', name: 'Casa', language: 'it' });
    expect(seen).toEqual(['created Casa']);
  });

  it("keeps a listener's failure (sync or async) away from the emitter and other listeners", async () => {
    const { log, errors } = recordingLog();
    const bus = createBus({ log });
    const seen: string[] = [];
    bus.on('broken', 'home.deleted', () => {
      throw new Error('boom');
    });
    bus.on('broken-async', 'home.deleted', async () => {
      throw new Error('later boom');
    });
    bus.on('healthy', 'home.deleted', () => {
      seen.push('ok');
    });
    expect(() => bus.emit('home.deleted', { homeId: 'h' })).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['ok']);
    expect(errors.map((e) => (e.obj as { owner: string }).owner).sort()).toEqual(['broken', 'broken-async']);
  });

  it('off(owner) removes every listener of that owner', () => {
    const { log } = recordingLog();
    const bus = createBus({ log });
    let count = 0;
    bus.on('a', 'home.deleted', () => {
      count++;
    });
    bus.onAny('a', () => {
      count++;
    });
    bus.on('b', 'home.deleted', () => {
      count += 10;
    });
    bus.off('a');
    bus.emit('home.deleted', { homeId: 'h' });
    expect(count).toBe(10);
  });

  it('hands envelopes to a transport and delivers foreign ones, skipping its own echoes', async () => {
    const { log } = recordingLog();
    const published: string[] = [];
    let deliver: ((e: import('./events.js').Envelope) => void) | undefined;
    const bus = createBus({
      log,
      transport: {
        publish: (e) => published.push(e.name),
        subscribe: async (d) => {
          deliver = d;
        },
        close: async () => {},
      },
    });
    await bus.start();
    const seen: string[] = [];
    bus.onAny('t', (e) => {
      seen.push(`${e.name}@${e.origin === bus.origin ? 'self' : 'other'}`);
    });
    bus.emit('home.deleted', { homeId: 'h' });
    deliver?.({ id: '1', name: 'home.deleted', payload: { homeId: 'x' }, at: 1, origin: 'other-hub' });
    deliver?.({ id: '2', name: 'home.deleted', payload: { homeId: 'x' }, at: 1, origin: bus.origin });
    expect(published).toEqual(['home.deleted']);
    expect(seen).toEqual(['home.deleted@self', 'home.deleted@other']);
  });
});
