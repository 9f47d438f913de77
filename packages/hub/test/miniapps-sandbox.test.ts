import { afterEach, describe, expect, it } from 'vitest';
import { GenioError } from '../src/errors/index.js';
import {
  defaultSandboxLimits,
  LOG_LINES_PER_EVENT,
  loadSandboxedApp,
} from '../src/miniapps/sandbox/index.js';
import {
  bundle,
  type LoadedFixture,
  loadFixture,
  RecordingBridge,
  rejection,
  relaxedCpuMs,
} from './miniapps-sandbox/harness.js';

const relaxedLimits = { ...defaultSandboxLimits, cpuMsPerEvent: relaxedCpuMs };
const loaded: LoadedFixture[] = [];
async function load(...args: Parameters<typeof loadFixture>): Promise<LoadedFixture> {
  const fixture = await loadFixture(...args);
  loaded.push(fixture);
  return fixture;
}
afterEach(() => {
  for (const { app } of loaded.splice(0)) app.dispose();
});

describe('mini-app sandbox: the guest contract', () => {
  it('delivers an event, reaches the host by dotted name and answers with a JSON copy', async () => {
    const { app, log } = await load('echo');
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', (args) => ({ value: `stored for ${JSON.stringify(args)}` }));
    const result = await app.handle({ kind: 'read', key: 'cart' }, bridge);
    expect(result).toEqual({
      echo: { kind: 'read', key: 'cart' },
      stored: { value: 'stored for {"key":"cart"}' },
    });
    expect(bridge.calls).toEqual([{ method: 'storage.get', args: { key: 'cart' } }]);
    expect(log).toEqual([{ level: 'info', message: 'read cart' }]);
    expect(app.memoryUsed()).toBeGreaterThan(0);
  });

  it('turns a rejected host call into an Error with code and message inside the guest', async () => {
    const { app } = await load('host-errors');
    const bridge = new RecordingBridge();
    bridge.answers.set('devices.control', () => {
      throw new GenioError('device_offline', { id: 'lamp' });
    });
    const result = await app.handle({}, bridge);
    expect(result).toEqual({
      isError: true,
      code: 'device_offline',
      message: new GenioError('device_offline', { id: 'lamp' }).message,
    });
  });

  it('hides what a host failure that is not a GenioError says', async () => {
    const { app } = await load('host-errors');
    const bridge = new RecordingBridge();
    bridge.answers.set('devices.control', () => {
      throw new Error('connection string postgres://secret@db');
    });
    expect(await app.handle({}, bridge)).toEqual({
      isError: true,
      code: 'internal',
      message: 'devices.control failed',
    });
  });

  it('rejects an uncaught guest error with miniapp_error, logs it, and keeps the app', async () => {
    const { app, log } = await load('host-errors');
    const error = await rejection(app.handle({ throw: 'no such dish' }, new RecordingBridge()));
    expect(error.code).toBe('miniapp_error');
    expect(error.message).toContain('TypeError: no such dish');
    expect(log.at(-1)).toMatchObject({ level: 'error', code: 'miniapp_error' });
    expect(log.at(-1)?.message).toContain('no such dish');
    expect(app.disposed).toBe(false);
  });

  it('refuses a bundle that never registers a handler', async () => {
    const log: Array<{ code?: string }> = [];
    const error = await rejection(
      loadSandboxedApp({
        bundle: bundle('no-register'),
        hostMethods: [],
        limits: relaxedLimits,
        log: (entry) => log.push(entry),
      }),
    );
    expect(error.code).toBe('miniapp_error');
    expect(error.message).toContain('genio.register');
    expect(log).toEqual([expect.objectContaining({ code: 'miniapp_error' })]);
  });

  it('refuses a bundle that throws or loops while loading', async () => {
    const throwing = await rejection(
      loadSandboxedApp({
        bundle: 'throw new Error("broken bundle")',
        hostMethods: [],
        limits: relaxedLimits,
        log: () => {},
      }),
    );
    expect(throwing.code).toBe('miniapp_error');
    expect(throwing.message).toContain('broken bundle');
    const looping = await rejection(
      loadSandboxedApp({
        bundle: 'for (;;) {}',
        hostMethods: [],
        limits: defaultSandboxLimits,
        log: () => {},
      }),
    );
    expect(looping.code).toBe('miniapp_timeout');
  });

  it('fails a handler that awaits something that can never settle, without waiting for the wall clock', async () => {
    const { app } = await load('never-settles', { limits: { wallMsPerEvent: 60_000 } });
    const error = await rejection(app.handle({}, new RecordingBridge()));
    expect(error.code).toBe('miniapp_error');
  });

  it('times out a host call that does not answer within wallMsPerEvent and disposes the app', async () => {
    const { app, log } = await load('echo', { limits: { wallMsPerEvent: 200 } });
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', () => new Promise(() => {}));
    const error = await rejection(app.handle({ kind: 'read', key: 'k' }, bridge));
    expect(error.code).toBe('miniapp_timeout');
    expect(error.params.kind).toBe('wall clock');
    expect(log.at(-1)).toMatchObject({ level: 'error', code: 'miniapp_timeout' });
    expect(app.disposed).toBe(true);
  });

  it('refuses an event larger than maxMessageBytes before it enters the engine', async () => {
    const { app } = await load('echo', { limits: { maxMessageBytes: 1000 } });
    const error = await rejection(app.handle({ kind: 'ping', pad: 'z'.repeat(2000) }, new RecordingBridge()));
    expect(error.code).toBe('miniapp_too_large');
    expect(app.disposed).toBe(false);
    expect(await app.handle({ kind: 'ping', n: 1 }, new RecordingBridge())).toEqual({ pong: 1 });
  });

  it('refuses further events once disposed', async () => {
    const { app, log } = await load('echo');
    app.dispose();
    expect(app.disposed).toBe(true);
    expect(app.memoryUsed()).toBe(0);
    const error = await rejection(app.handle({ kind: 'ping' }, new RecordingBridge()));
    expect(error.code).toBe('miniapp_disposed');
    expect(log.at(-1)).toMatchObject({ level: 'error', code: 'miniapp_disposed' });
  });

  it('handles events one at a time, each with its own host bridge', async () => {
    const { app } = await load('echo');
    const first = new RecordingBridge();
    const second = new RecordingBridge();
    first.answers.set('storage.get', async () => 'first');
    second.answers.set('storage.get', () => 'second');
    const [a, b] = await Promise.all([
      app.handle({ kind: 'read', key: 'a' }, first),
      app.handle({ kind: 'read', key: 'b' }, second),
    ]);
    expect(a).toMatchObject({ stored: 'first' });
    expect(b).toMatchObject({ stored: 'second' });
    expect(first.calls.map((c) => c.args)).toEqual([{ key: 'a' }]);
    expect(second.calls.map((c) => c.args)).toEqual([{ key: 'b' }]);
  });

  it('refuses limits and host method names the engine cannot honour', async () => {
    const base = { bundle: bundle('echo'), log: () => {} };
    const tinyMemory = await rejection(
      loadSandboxedApp({
        ...base,
        hostMethods: [],
        limits: { ...defaultSandboxLimits, memoryBytes: 1024 * 1024 },
      }),
    );
    expect(tinyMemory).toMatchObject({ code: 'validation_failed', params: { field: 'limits.memoryBytes' } });
    for (const hostMethods of [['storage..get'], ['__proto__.x'], ['storage', 'storage.get'], ['a b']]) {
      const error = await rejection(loadSandboxedApp({ ...base, hostMethods, limits: defaultSandboxLimits }));
      expect(error).toMatchObject({ code: 'validation_failed', params: { field: 'hostMethods' } });
    }
  });

  it('keeps at most LOG_LINES_PER_EVENT console lines of bounded length per event', async () => {
    const { app, log } = await load('huge-console');
    expect(await app.handle({}, new RecordingBridge())).toEqual({ done: true });
    expect(log).toHaveLength(LOG_LINES_PER_EVENT + 1);
    expect(log.at(-1)).toMatchObject({ level: 'warn' });
    for (const entry of log) expect(entry.message.length).toBeLessThanOrEqual(1000);
  });
});
