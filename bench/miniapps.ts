/**
 * The mini-app sandbox (packages/hub/src/miniapps/sandbox): (1) cold start, bundle in -> first event
 * answered, for a small app and a ~75 KB bundle, next to node:vm running the same bundle (no boundary,
 * the floor); (2) host-call overhead, a guest loop of N awaited host calls against the same N calls
 * made directly by the host; (3) RSS of 50 loaded idle apps; (4) how long a runaway app (loop,
 * memory bomb, promise storm, regex backtracking) takes to stop and how long it stalls the event loop.
 */
import { setFlagsFromString } from 'node:v8';
import { createContext, runInContext, runInNewContext } from 'node:vm';
import {
  defaultSandboxLimits,
  type HostBridge,
  type JsonValue,
  loadSandboxedApp,
  type SandboxedApp,
  threadCpuClock,
} from '../packages/hub/src/miniapps/sandbox/index.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Ratio, Row } from './lib/types.js';

const smallApp = `
genio.register({
  async handle(event, host) {
    if (event.kind === 'loop') {
      for (let i = 0; i < event.n; i++) await host.bench.noop({ i });
      return { done: event.n };
    }
    return { hello: event.name ?? 'world' };
  },
});`;

/** A bundle of about 75 KB: many small functions and a menu table, like a bundled restaurant app. */
function largeApp(): string {
  const parts: string[] = ['const menu = ['];
  for (let i = 0; i < 400; i++) {
    parts.push(
      `  { id: 'dish-${i}', name: { en: 'Dish number ${i}', it: 'Piatto ${i}' }, price: ${i * 10 + 5} },`,
    );
  }
  parts.push('];');
  for (let i = 0; i < 300; i++) {
    parts.push(
      `function step${i}(cart) { return cart.filter((line) => line.qty > ${i % 7}).length + ${i}; }`,
    );
  }
  parts.push(smallApp);
  return parts.join('\n');
}

const runaways: Record<string, string> = {
  'infinite loop': 'genio.register({ handle() { for (;;) {} } });',
  'memory bomb': `genio.register({ handle() { const a = []; for (let i = 0; ; i++) a.push('x'.repeat(1000) + i); } });`,
  'promise storm': `genio.register({ handle() {
    const storm = () => Promise.resolve().then(storm); for (let i = 0; i < 100; i++) storm();
    return new Promise(() => {}); } });`,
  'regex backtracking': `genio.register({ handle() { return /(a+)+b/.test('a'.repeat(40)); } });`,
};

const noopBridge: HostBridge = { call: async () => null };

function load(bundle: string): Promise<SandboxedApp> {
  return loadSandboxedApp({
    bundle,
    hostMethods: ['bench.noop'],
    limits: defaultSandboxLimits,
    log: () => {},
  });
}

function rssMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

function latencyRow(label: string, samples: number[], note?: string): Row {
  const s = sorted(samples);
  return {
    label,
    metrics: {
      p50: percentile(s, 50),
      p95: percentile(s, 95),
      p99: percentile(s, 99),
      max: percentile(s, 100),
      mb: null,
    },
    ...(note ? { note } : {}),
  };
}

/** CPU time of this (the main) thread, the clock the sandbox's budget uses. */
const cpuMs = threadCpuClock();

/** Wall and process CPU time of each load -> first answer. */
async function coldStart(bundle: string, runs: number): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const app = await load(bundle);
    await app.handle({ name: 'bench' }, noopBridge);
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
    app.dispose();
  }
  return { wall, cpu };
}

/** The floor: the same bundle in a fresh node:vm context (which is no security boundary). */
async function coldStartVm(bundle: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let handler: { handle(event: JsonValue, host: unknown): Promise<JsonValue> } | undefined;
    const context = createContext({ genio: { register: (h: typeof handler) => (handler = h) } });
    runInContext(bundle, context);
    await handler?.handle({ name: 'bench' }, {});
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Intervals between consecutive host calls of a loop: one full round trip each. */
async function hostCallIntervals(calls: number, viaSandbox: boolean): Promise<number[]> {
  const stamps: number[] = [];
  const bridge: HostBridge = {
    call: async () => {
      stamps.push(performance.now());
      return null;
    },
  };
  if (viaSandbox) {
    const app = await load(smallApp);
    // Host calls of one event are capped; the loop runs in events of 40 calls.
    for (let done = 0; done < calls; done += 40) await app.handle({ kind: 'loop', n: 40 }, bridge);
    app.dispose();
  } else {
    for (let done = 0; done < calls; done += 40) {
      for (let i = 0; i < 40; i++) await bridge.call('bench.noop', { i });
    }
  }
  const intervals: number[] = [];
  for (let i = 1; i < stamps.length; i++)
    if (i % 40 !== 0) intervals.push((stamps[i] as number) - (stamps[i - 1] as number));
  return intervals;
}

async function idleApps(
  count: number,
): Promise<{ rows: Row[]; samples: Array<Record<string, number | string>> }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = rssMb();
  const apps: SandboxedApp[] = [];
  for (let i = 0; i < count; i++) {
    const app = await load(smallApp);
    await app.handle({ name: `app ${i}` }, noopBridge);
    apps.push(app);
  }
  gc();
  const after = rssMb();
  const heap = apps.reduce((sum, app) => sum + app.memoryUsed(), 0) / count / 1024;
  for (const app of apps) app.dispose();
  const perApp = (after - before) / count;
  return {
    rows: [
      {
        label: 'RSS before loading (baseline)',
        metrics: { p50: null, p95: null, p99: null, max: null, mb: before },
      },
      {
        label: `RSS with ${count} idle apps`,
        metrics: { p50: null, p95: null, p99: null, max: null, mb: after },
        note: `${perApp.toFixed(2)} MB per app; engine heap in use ${heap.toFixed(0)} KB per app`,
      },
    ],
    samples: [{ kind: 'rss', before, after, perApp, heapKbPerApp: heap }],
  };
}

/**
 * Time from handle() to its rejection (wall and process CPU), and the longest gap between the ticks
 * of a 1 ms interval meanwhile: how long the event loop was blocked.
 */
async function runaway(
  bundle: string,
): Promise<{ stopMs: number; stopCpuMs: number; stallMs: number; code: string }> {
  const app = await load(bundle);
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  stallMs = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  let code = 'none';
  try {
    await app.handle({}, noopBridge);
  } catch (error) {
    code = (error as { code?: string }).code ?? 'unknown';
  }
  const stopMs = performance.now() - t0;
  const stopCpuMs = cpuMs() - c0;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(ticker);
  app.dispose();
  return { stopMs, stopCpuMs, stallMs, code };
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 10 : 60;
  const calls = options.quick ? 400 : 4000;
  const runawayRuns = options.quick ? 3 : 10;
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const warnings: string[] = [];
  const samples: BenchResult['samples'] = [];
  const large = largeApp();

  options.log('warming up (engine compile)');
  (await load(smallApp)).dispose();

  options.log(`cold start, ${runs} runs each`);
  const coldSmall = await coldStart(smallApp, runs);
  const coldLarge = await coldStart(large, runs);
  const vmSmall = await coldStartVm(smallApp, runs);
  const vmLarge = await coldStartVm(large, runs);
  const kb = (large.length / 1024).toFixed(0);
  rows.push(latencyRow('cold start, small app, wall (ms)', coldSmall.wall, 'load -> first event answered'));
  rows.push(latencyRow('cold start, small app, CPU (ms)', coldSmall.cpu, 'main-thread CPU time'));
  rows.push(latencyRow(`cold start, ${kb} KB bundle, wall (ms)`, coldLarge.wall));
  rows.push(latencyRow(`cold start, ${kb} KB bundle, CPU (ms)`, coldLarge.cpu));
  rows.push(latencyRow('  baseline node:vm, small app, wall (ms)', vmSmall, 'no boundary: the floor'));
  rows.push(latencyRow(`  baseline node:vm, ${kb} KB bundle, wall (ms)`, vmLarge));
  for (const [kind, values] of Object.entries({
    coldSmallWall: coldSmall.wall,
    coldSmallCpu: coldSmall.cpu,
    coldLargeWall: coldLarge.wall,
    coldLargeCpu: coldLarge.cpu,
    vmSmall,
    vmLarge,
  })) {
    for (const ms of values) samples.push({ kind, ms });
  }
  const coldP95 = percentile(sorted(coldLarge.wall), 95);
  if (coldP95 >= 50)
    warnings.push(`cold start p95 of the large bundle is ${coldP95.toFixed(1)} ms wall (goal < 50 ms)`);

  options.log(`host calls, ${calls} each way`);
  const viaSandbox = await hostCallIntervals(calls, true);
  const direct = await hostCallIntervals(calls, false);
  rows.push(latencyRow('host call round trip via sandbox (ms)', viaSandbox));
  rows.push(latencyRow('  baseline direct call (ms)', direct));
  const overheadP99 = percentile(sorted(viaSandbox), 99) - percentile(sorted(direct), 99);
  ratios.push({
    label: 'host-call overhead p99 (ms, sandbox p99 - direct p99)',
    value: overheadP99,
    detail: `goal < 1 ms; p50 overhead ${(percentile(sorted(viaSandbox), 50) - percentile(sorted(direct), 50)).toFixed(4)} ms`,
  });
  if (overheadP99 >= 1) warnings.push(`host-call overhead p99 is ${overheadP99.toFixed(3)} ms (goal < 1 ms)`);

  options.log('50 idle apps');
  const idle = await idleApps(50);
  rows.push(...idle.rows);
  samples.push(...idle.samples);

  for (const [name, bundle] of Object.entries(runaways)) {
    options.log(`runaway: ${name}, ${runawayRuns} runs`);
    const stops: number[] = [];
    const stopsCpu: number[] = [];
    const stalls: number[] = [];
    const codes = new Set<string>();
    for (let i = 0; i < runawayRuns; i++) {
      const result = await runaway(bundle);
      stops.push(result.stopMs);
      stopsCpu.push(result.stopCpuMs);
      stalls.push(result.stallMs);
      codes.add(result.code);
      samples.push({ kind: `runaway ${name}`, ...result });
    }
    rows.push(latencyRow(`stop a runaway: ${name}, wall (ms)`, stops, `code ${[...codes].join(', ')}`));
    rows.push(latencyRow(`  CPU until stopped (ms)`, stopsCpu));
    rows.push(latencyRow(`  longest event-loop stall (ms)`, stalls));
    const worst = Math.max(...stops);
    if (worst >= 100)
      warnings.push(`stopping the ${name} took up to ${worst.toFixed(0)} ms wall (goal < 100 ms)`);
  }
  ratios.push({
    label: 'CPU budget per event (ms), the floor of every stop time',
    value: defaultSandboxLimits.cpuMsPerEvent,
  });

  const columns: Column[] = [
    { key: 'p50', header: 'p50', digits: 3 },
    { key: 'p95', header: 'p95', digits: 3 },
    { key: 'p99', header: 'p99', digits: 3 },
    { key: 'max', header: 'max', digits: 3 },
    { key: 'mb', header: 'MB', digits: 1 },
  ];
  return {
    params: { runs, calls, runawayRuns, memoryBytes: defaultSandboxLimits.memoryBytes, quick: options.quick },
    columns,
    rows,
    ratios,
    warnings,
    samples,
  };
}

export const benchmark: Benchmark = {
  name: 'miniapps',
  description: 'mini-app sandbox: cold start, host-call overhead, RSS of 50 idle apps, stopping a runaway',
  run,
};
