/**
 * Telemetry ingest: N devices each post properties with QoS 1 in a closed loop (one message in
 * flight per device), through Genio (signed auth, TSL validation, shadow + history write, `_reply`)
 * and, in the same run, through Mosquitto (each device subscribed to its
 * own topic and publishing to it, so the loop also closes at the device; a Mosquitto of the run's
 * own, see startMosquitto). Figures are completed
 * round trips per second; the ratio is Genio / Mosquitto from adjacent runs.
 */

import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSwarm, openSwarm, type SwarmConnection, type SwarmIdentity } from './lib/mqtt-swarm.js';
import { processCpuSeconds } from './lib/proc.js';
import { launchServer } from './lib/server.js';
import { median, percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Ratio, Row } from './lib/types.js';

/**
 * A Mosquitto of its own for the run, from the machine's binary, on an ephemeral port with
 * TCP_NODELAY (the packaged config leaves Nagle on, which puts a ~40 ms floor under round trips).
 */
export async function startMosquitto(): Promise<{ port: number; pid: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'genio-bench-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    `listener ${port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\nmax_queued_messages 100000\npersistence false\nlog_type error\n`,
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Never outlive the benchmark, whatever way it ends.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const deadline = Date.now() + 5000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('mosquitto did not start (is the mosquitto package installed?)');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: child.pid as number,
    async stop() {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Device credentials as bench/servers/hub-devices.ts writes them. */
export interface BenchDevice {
  id: string;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

/** Sign per docs/protocol.md (hmacsha256 with a timestamp). */
export function alinkIdentity(d: BenchDevice): SwarmIdentity {
  const cid = `${d.productKey}.${d.deviceName}`;
  const timestamp = String(Date.now());
  const content = `clientId${cid}deviceName${d.deviceName}productKey${d.productKey}timestamp${timestamp}`;
  return {
    clientId: `${cid}|securemode=3,signmethod=hmacsha256,timestamp=${timestamp}|`,
    username: `${d.deviceName}&${d.productKey}`,
    password: createHmac('sha256', d.deviceSecret).update(content).digest('hex'),
  };
}

/** A closed loop over connections: each sends its next message when the previous one came back. */
async function closedLoop(
  connections: readonly SwarmConnection[],
  send: (c: SwarmConnection, seq: number) => void,
  durationMs: number,
  warmupMs: number,
): Promise<{ completed: number; seconds: number; latencies: Float64Array }> {
  const sentAt = new Float64Array(connections.length);
  const latencies: number[] = [];
  let measuring = false;
  let running = true;
  let completed = 0;
  let seq = 0;
  for (const c of connections) {
    c.onMessage = () => {
      const now = performance.now();
      if (measuring) {
        completed++;
        latencies.push(now - (sentAt[c.index] as number));
      }
      if (!running) return;
      sentAt[c.index] = performance.now();
      send(c, seq++);
    };
  }
  for (const c of connections) {
    sentAt[c.index] = performance.now();
    send(c, seq++);
  }
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  // Let in-flight messages drain so the next run starts quiet.
  await new Promise((r) => setTimeout(r, 1500));
  for (const c of connections) c.onMessage = () => {};
  return { completed, seconds, latencies: sorted(latencies) };
}

function payloadFor(seq: number): string {
  return JSON.stringify({
    id: String(seq % 4_000_000_000),
    version: '1.0',
    params: { temperature: Math.round((((seq % 600) - 200) / 10) * 10) / 10, humidity: seq % 101 },
    method: 'thing.event.property.post',
  });
}

type System = 'mosquitto' | 'aedes' | 'genio';
const systems: readonly System[] = ['mosquitto', 'aedes', 'genio'];
const labels: Record<System, string> = {
  mosquitto: 'Mosquitto (pub->sub)',
  aedes: 'bare aedes (pub->sub, Node)',
  genio: 'Genio (auth+TSL+shadow)',
};

const columns: Column[] = [
  { key: 'devices', header: 'devices', digits: 0 },
  { key: 'msgPerSec', header: 'msgs/s', digits: 0 },
  { key: 'p50Ms', header: 'p50 ms', digits: 1 },
  { key: 'p99Ms', header: 'p99 ms', digits: 1 },
  { key: 'brokerCpu', header: 'broker CPU %', digits: 0 },
  { key: 'loadgenCpu', header: 'loadgen CPU %', digits: 0 },
  { key: 'runs', header: 'runs', digits: 0 },
];

async function run(options: BenchOptions): Promise<BenchResult> {
  const sizes = options.quick ? [200] : [1000, 10_000];
  const rounds = options.rounds ?? (options.quick ? 1 : 2);
  const durationMs = (options.duration ?? (options.quick ? 3 : 10)) * 1000;
  const warmupMs = options.quick ? 500 : 2000;
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const warnings: string[] = [];
  const samples: BenchResult['samples'] = [];
  const tag = randomBytes(3).toString('hex');
  const broker = await startMosquitto();
  const mPid = broker.pid;
  const bare = await launchServer('aedes-bare');

  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'genio-bench-creds-'));
    const credentialsFile = join(dir, 'devices.json');
    options.log(`${n} devices: starting the hub and registering them`);
    const hub = await launchServer('hub-devices', {
      env: { BENCH_DEVICES: String(n), BENCH_CREDENTIALS_FILE: credentialsFile },
      startTimeoutMs: 300_000,
    });
    try {
      const devices = JSON.parse(readFileSync(credentialsFile, 'utf8')) as BenchDevice[];
      const mqttPort = Number(hub.info.mqtt);
      // One swarm at a time: 10k connections to each would pass the process's file limit.
      const openGenio = () =>
        openSwarm(mqttPort, devices.map(alinkIdentity), {
          concurrency: 100,
          signal: options.signal,
          setup: (c) =>
            c.subscribe(
              `/sys/${devices[c.index]?.productKey}/${devices[c.index]?.deviceName}/thing/event/property/post_reply`,
            ),
        });
      const openMosquitto = () =>
        openSwarm(
          broker.port,
          devices.map((_, i) => ({ clientId: `genio-bench-${tag}-${i}` })),
          {
            concurrency: 100,
            signal: options.signal,
            setup: (c) => c.subscribe(`genio-bench/${tag}/${c.index}`),
          },
        );
      const openAedes = () =>
        openSwarm(
          bare.port,
          devices.map((_, i) => ({ clientId: `genio-bench-aedes-${tag}-${i}` })),
          {
            concurrency: 100,
            signal: options.signal,
            setup: (c) => c.subscribe(`genio-bench/${tag}/${c.index}`),
          },
        );
      const perSystem: Record<
        System,
        Array<{ rate: number; p50: number; p99: number; brokerCpu: number | null; loadgenCpu: number }>
      > = {
        genio: [],
        mosquitto: [],
        aedes: [],
      };
      for (let round = 0; round < rounds; round++) {
        for (const system of systems) {
          if (options.signal.aborted) throw new Error('aborted');
          options.log(`${n} devices: connecting to ${system}`);
          const swarm =
            system === 'genio'
              ? await openGenio()
              : system === 'aedes'
                ? await openAedes()
                : await openMosquitto();
          const pid = system === 'genio' ? hub.pid : system === 'aedes' ? bare.pid : mPid;
          const cpu0 = pid === null ? null : processCpuSeconds(pid);
          const own0 = process.cpuUsage();
          const t0 = performance.now();
          const result =
            system === 'genio'
              ? await closedLoop(
                  swarm,
                  (c, seq) => {
                    const d = devices[c.index] as BenchDevice;
                    c.publish(
                      `/sys/${d.productKey}/${d.deviceName}/thing/event/property/post`,
                      payloadFor(seq),
                      1,
                    );
                  },
                  durationMs,
                  warmupMs,
                )
              : await closedLoop(
                  swarm,
                  (c, seq) => c.publish(`genio-bench/${tag}/${c.index}`, payloadFor(seq), 1),
                  durationMs,
                  warmupMs,
                );
          const wall = (performance.now() - t0) / 1000;
          const cpu1 = pid === null ? null : processCpuSeconds(pid);
          const own = process.cpuUsage(own0);
          await closeSwarm(swarm);
          const sample = {
            rate: result.completed / result.seconds,
            p50: percentile(result.latencies, 50),
            p99: percentile(result.latencies, 99),
            brokerCpu: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) / wall) * 100,
            loadgenCpu: ((own.user + own.system) / 1e6 / wall) * 100,
          };
          perSystem[system].push(sample);
          samples.push({ system, devices: n, round, ...sample });
          options.log(
            `${n} devices, ${system}: ${sample.rate.toFixed(0)} msgs/s, p99 ${sample.p99.toFixed(1)} ms`,
          );
        }
      }
      for (const system of systems) {
        const s = perSystem[system];
        const cpu = s.map((x) => x.brokerCpu).filter((x): x is number => x !== null);
        rows.push({
          label: labels[system],
          metrics: {
            devices: n,
            msgPerSec: median(s.map((x) => x.rate)),
            p50Ms: median(s.map((x) => x.p50)),
            p99Ms: median(s.map((x) => x.p99)),
            brokerCpu: cpu.length ? median(cpu) : null,
            loadgenCpu: median(s.map((x) => x.loadgenCpu)),
            runs: s.length,
          },
        });
      }
      const paired = perSystem.genio.map((g, i) => g.rate / (perSystem.mosquitto[i]?.rate ?? Number.NaN));
      const overAedes = perSystem.genio.map((g, i) => g.rate / (perSystem.aedes[i]?.rate ?? Number.NaN));
      ratios.push({
        label: `Genio / bare aedes msgs/s at ${n} devices`,
        value: median(overAedes),
        detail: overAedes.map((r) => r.toFixed(2)).join(', '),
      });
      ratios.push({
        label: `Genio / Mosquitto msgs/s at ${n} devices`,
        value: median(paired),
        detail: paired.map((r) => r.toFixed(2)).join(', '),
      });
    } finally {
      await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await broker.stop();
  await bare.stop();
  warnings.push(
    'the load generator is one Node process on the same 2 cores; for Mosquitto it is likely the bottleneck, so the ratio flatters Genio',
  );
  return {
    params: { sizes: sizes.join('/'), rounds, durationS: durationMs / 1000, inFlightPerDevice: 1, qos: 1 },
    columns,
    rows,
    ratios,
    warnings,
    samples,
  };
}

export const benchmark: Benchmark = {
  name: 'device-ingest',
  description:
    'Property posts (QoS 1, closed loop) from 1k and 10k devices through Genio vs Mosquitto, same run',
  run,
};
