/**
 * Red team: each hostile bundle runs through loadSandboxedApp and must be stopped with a clear code
 * in the app's log, while the host stays healthy: a timer keeps ticking, the host's own realm is
 * untouched, and a well-behaved app still answers right after.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSandboxLimits, MIN_MEMORY_BYTES } from '../src/miniapps/sandbox/index.js';
import { type LoadedFixture, loadFixture, RecordingBridge, rejection } from './miniapps-sandbox/harness.js';

let ticks = 0;
let ticker: NodeJS.Timeout | undefined;
let healthy: LoadedFixture;
const loaded: LoadedFixture[] = [];

/** Loads a hostile fixture with the platform's default CPU budget unless the test says otherwise. */
async function load(name: string, options: Parameters<typeof loadFixture>[1] = {}): Promise<LoadedFixture> {
  const limits = { cpuMsPerEvent: defaultSandboxLimits.cpuMsPerEvent, ...options.limits };
  const fixture = await loadFixture(name, { ...options, limits });
  loaded.push(fixture);
  return fixture;
}

beforeAll(async () => {
  ticker = setInterval(() => {
    ticks += 1;
  }, 5);
  healthy = await loadFixture('echo');
});
afterAll(() => {
  clearInterval(ticker);
  healthy.app.dispose();
});

/** The host is still alive: timers fire and another app answers at once. */
async function expectHostHealthy(): Promise<void> {
  const before = ticks;
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(ticks).toBeGreaterThan(before);
  expect(await healthy.app.handle({ kind: 'ping', n: before }, new RecordingBridge())).toEqual({
    pong: before,
  });
}

/** Runs one event of a hostile app and checks it failed with `code`, logged, and (if fatal) disposed. */
async function expectContained(
  fixture: LoadedFixture,
  event: Record<string, unknown>,
  code: string,
  bridge = new RecordingBridge(),
): Promise<void> {
  const error = await rejection(fixture.app.handle(event as never, bridge));
  expect(error.code).toBe(code);
  expect(fixture.log).toContainEqual(expect.objectContaining({ level: 'error', code }));
  await expectHostHealthy();
}

afterEach(() => {
  for (const { app } of loaded.splice(0)) app.dispose();
});

describe('mini-app sandbox red team', () => {
  it('stops an infinite loop and disposes the engine', async () => {
    const hostile = await load('infinite-loop');
    await expectContained(hostile, {}, 'miniapp_timeout');
    expect(hostile.app.disposed).toBe(true);
    expect((await rejection(hostile.app.handle({}, new RecordingBridge()))).code).toBe('miniapp_disposed');
  });

  it('stops while(true){} inside a promise chain after a host call', async () => {
    const hostile = await load('loop-in-promise-chain');
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', () => null);
    await expectContained(hostile, {}, 'miniapp_timeout', bridge);
    expect(bridge.calls).toHaveLength(1);
    expect(hostile.app.disposed).toBe(true);
  });

  it('caps a memory bomb at the engine memory and disposes the engine', async () => {
    const rssBefore = process.memoryUsage().rss;
    // A generous CPU budget, so that memory and not time is what stops it.
    const hostile = await load('memory-bomb', {
      limits: { memoryBytes: MIN_MEMORY_BYTES * 2, cpuMsPerEvent: 20_000, wallMsPerEvent: 60_000 },
    });
    await expectContained(hostile, {}, 'miniapp_memory');
    expect(hostile.app.disposed).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(4 * MIN_MEMORY_BYTES * 2);
  });

  it('stops deep recursion with a stack error', async () => {
    const hostile = await load('deep-recursion');
    await expectContained(hostile, {}, 'miniapp_stack');
    expect(hostile.app.disposed).toBe(true);
  });

  it('stops a promise storm', async () => {
    const hostile = await load('promise-storm');
    await expectContained(hostile, {}, 'miniapp_timeout');
    expect(hostile.app.disposed).toBe(true);
  });

  it('refuses a result larger than maxMessageBytes without copying it out', async () => {
    // CPU to spare, so that size and not time is what stops it.
    const hostile = await load('huge-result', { limits: { maxMessageBytes: 10_000, cpuMsPerEvent: 5_000 } });
    await expectContained(hostile, { size: 5_000_000 }, 'miniapp_too_large');
    expect(await hostile.app.handle({ size: 10 }, new RecordingBridge())).toEqual({ text: 'x'.repeat(10) });
  });

  it('never hands the hub host-call arguments larger than maxMessageBytes, nor the guest a huge reply', async () => {
    const hostile = await load('huge-host-args', {
      limits: { maxMessageBytes: 10_000, cpuMsPerEvent: 5_000 },
    });
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', () => 'y'.repeat(20_000));
    await expectContained(hostile, { size: 1_000_000 }, 'miniapp_too_large', bridge);
    expect(bridge.calls).toHaveLength(0);
    expect(await hostile.app.handle({ read: true }, bridge)).toEqual({ code: 'miniapp_too_large' });
    expect(bridge.calls).toHaveLength(1);
  });

  it('stops an app that makes more host calls than allowed, even when it swallows the errors', async () => {
    const hostile = await load('too-many-host-calls', { limits: { maxHostCallsPerEvent: 5 } });
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', () => null);
    await expectContained(hostile, {}, 'miniapp_host_calls', bridge);
    expect(bridge.calls).toHaveLength(5);
  });

  it('keeps huge console output to bounded log lines', async () => {
    const hostile = await load('huge-console');
    expect(await hostile.app.handle({}, new RecordingBridge())).toEqual({ done: true });
    expect(hostile.log.length).toBeLessThanOrEqual(101);
    expect(hostile.log.every((entry) => entry.message.length <= 1000)).toBe(true);
    await expectHostHealthy();
  });

  it('finds no way out: no process, no require, no timers, no modules, only the guest global', async () => {
    const hostile = await load('escape-probes');
    const report = (await hostile.app.handle({}, new RecordingBridge())) as Record<string, unknown>;
    expect(report.constructorConstructor).toBe('threw ReferenceError');
    expect(report.require).toBe('undefined');
    expect(report.process).toBe('undefined');
    expect(report.setTimeout).toBe('undefined');
    expect(report.importFs).toMatch(/^rejected /);
    const globals = report.functionGlobal as string[];
    expect(globals).toContain('genio');
    expect(globals).toContain('console');
    expect(globals).toContain('JSON');
    for (const name of [
      'process',
      'require',
      'Buffer',
      'setTimeout',
      'fetch',
      'std',
      'os',
      'globalThisHost',
    ]) {
      expect(globals).not.toContain(name);
    }
    // Prototype pollution stays in the guest's realm; a "__proto__" key in a result is plain data.
    expect(report.prototypeSeenInside).toBe('from the guest');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).alsoPolluted).toBeUndefined();
    const protoKey = report.protoKey as Record<string, unknown>;
    expect(Object.getPrototypeOf(protoKey)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).injected).toBeUndefined();
    await expectHostHealthy();
  });

  it('never lets a tampered host object reach a method the app was not given', async () => {
    const hostile = await load('host-tampering');
    const bridge = new RecordingBridge();
    bridge.answers.set('storage.get', () => 'real value');
    expect(await hostile.app.handle({ step: 'tamper' }, bridge)).toEqual({ replaced: 'replaced' });
    const result = (await hostile.app.handle({ step: 'call' }, bridge)) as {
      tried: unknown[];
      hostKeys: string[];
    };
    // The tampered iterator made the prelude build host.admin.wipe; the hub refused the name.
    expect(result.hostKeys).toContain('admin');
    expect(result.tried[0]).toEqual({
      code: 'forbidden',
      message: 'host method admin.wipe is not available',
    });
    expect(result.tried[1]).toBe('real value');
    expect(bridge.calls.map((call) => call.method)).toEqual(['storage.get']);
    expect(hostile.log).toContainEqual(expect.objectContaining({ level: 'warn', code: 'forbidden' }));
  });

  it('keeps two apps apart: globals and prototypes of one are invisible to the other', async () => {
    const writer = await load('globals-writer');
    const reader = await load('globals-reader');
    expect(await writer.app.handle({}, new RecordingBridge())).toEqual({ secret: 'only-in-app-a' });
    expect(await reader.app.handle({}, new RecordingBridge())).toEqual({
      secret: 'undefined',
      fromAppA: 'undefined',
    });
  });
});
