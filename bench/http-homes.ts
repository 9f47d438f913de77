/**
 * GET /api/v1/homes on the real hub (SQLite, 20 homes, bearer auth) next to two baselines serving
 * the very same JSON from memory without auth: a bare Fastify app and a bare node:http handler.
 * Every server runs in its own process; the load generator (autocannon) runs in this one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadResult, runLoad } from './lib/load.js';
import { launchServer, type ServerHandle } from './lib/server.js';
import { median, spreadPercent } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Ratio, Row } from './lib/types.js';

const PATH = '/api/v1/homes';
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const HOMES = 20;
/** Above this much CPU (% of one core) used by anything but the server and autocannon, a run is flagged. */
const OTHER_CPU_WARN = 25;

type SystemId = 'fastify' | 'node' | 'hub';
const systems: Record<SystemId, { server: string; label: string; note: string }> = {
  fastify: {
    server: 'fastify',
    label: 'fastify (baseline)',
    note: 'bare Fastify, array from memory, no auth',
  },
  node: {
    server: 'node-http',
    label: 'node:http (baseline)',
    note: 'bare node:http, array from memory, no auth',
  },
  hub: { server: 'hub', label: 'hub', note: `real hub: bearer auth, SQLite, ${HOMES} homes` },
};
/** One round: each baseline immediately followed by a hub run, so every baseline has an adjacent hub run to pair with. */
const roundOrder: readonly SystemId[] = ['fastify', 'hub', 'node', 'hub'];

interface Sample extends LoadResult {
  system: SystemId;
  round: number;
  /** Position in the whole run (0-based). */
  seq: number;
}

const columns: Column[] = [
  { key: 'reqPerSec', header: 'req/s', digits: 0 },
  { key: 'p50Ms', header: 'p50 ms', digits: 2 },
  { key: 'p99Ms', header: 'p99 ms', digits: 2 },
  { key: 'spread', header: 'req/s spread %', digits: 1 },
  { key: 'serverCpu', header: 'server CPU %', digits: 0 },
  { key: 'loadgenCpu', header: 'loadgen CPU %', digits: 0 },
  { key: 'otherCpu', header: 'other CPU %', digits: 0 },
  { key: 'serverRss', header: 'server RSS MiB', digits: 0 },
  { key: 'bytes', header: 'bytes/resp', digits: 0 },
  { key: 'failed', header: 'errors', digits: 0 },
  { key: 'runs', header: 'runs', digits: 0 },
];

function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

async function get(server: ServerHandle, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}${PATH}`, { headers });
  return { status: response.status, body: await response.text() };
}

function medianOf(samples: readonly Sample[], pick: (s: Sample) => number | null): number | null {
  const values = samples.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length ? median(values) : null;
}

export const benchmark: Benchmark = {
  name: 'http-homes',
  description: `GET ${PATH} on the hub (SQLite, ${HOMES} homes, bearer auth) vs bare Fastify and node:http baselines`,

  async run(options: BenchOptions): Promise<BenchResult> {
    const { log, signal } = options;
    const duration = options.duration ?? (options.quick ? 2 : 8);
    // The hub runs far more code than the baselines, so the JIT needs longer to settle on it: under
    // 3 s of load its throughput is still climbing (seen: 2.5 k, 3.4 k, then 5 k req/s in 3 s steps).
    const warmup = options.quick ? 1 : 2;
    const hubWarmup = options.quick ? 3 : 6;
    const rounds = options.rounds ?? (options.quick ? 1 : 2);
    const warnings: string[] = [];
    const servers = new Map<SystemId, ServerHandle>();
    const payloadDir = mkdtempSync(join(tmpdir(), 'genio-bench-payload-'));
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

    try {
      // The hub first: the baselines serve exactly the document it returns.
      log('starting hub server process ...');
      const hub = await launchServer('hub', {
        env: { BENCH_ADMIN_TOKEN: ADMIN_TOKEN, BENCH_HOMES: String(HOMES) },
      });
      servers.set('hub', hub);
      const reference = await get(hub, auth);
      if (reference.status !== 200)
        throw new Error(`hub answered ${PATH} with ${reference.status}: ${reference.body}`);
      const homes: unknown = JSON.parse(reference.body);
      if (!Array.isArray(homes) || homes.length !== HOMES) {
        throw new Error(`hub listed ${Array.isArray(homes) ? homes.length : 'no'} homes, expected ${HOMES}`);
      }
      const anonymous = await get(hub);
      if (anonymous.status !== 401)
        warnings.push(`hub answered ${PATH} without a token with ${anonymous.status}, not 401`);
      const payloadFile = join(payloadDir, 'homes.json');
      writeFileSync(payloadFile, reference.body);

      log('starting baseline server processes ...');
      const baselines = ['fastify', 'node'] as const;
      const launched = await Promise.allSettled(
        baselines.map((id) => launchServer(systems[id].server, { env: { BENCH_PAYLOAD_FILE: payloadFile } })),
      );
      launched.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') servers.set(baselines[i] as SystemId, outcome.value);
      });
      for (const outcome of launched) if (outcome.status === 'rejected') throw outcome.reason;
      for (const id of baselines) {
        const answer = await get(servers.get(id) as ServerHandle);
        if (answer.status !== 200 || answer.body !== reference.body) {
          warnings.push(
            `${systems[id].label} does not return the hub's exact body (status ${answer.status})`,
          );
        }
      }

      const load = (id: SystemId, seconds: number) =>
        runLoad({
          server: servers.get(id) as ServerHandle,
          path: PATH,
          connections: options.connections,
          duration: seconds,
          ...(id === 'hub' ? { headers: auth } : {}),
          signal,
        });

      for (const id of ['fastify', 'hub', 'node'] as const) {
        checkAborted(signal);
        const seconds = id === 'hub' ? hubWarmup : warmup;
        log(`warm-up ${systems[id].label} (${seconds} s)`);
        await load(id, seconds);
      }

      const samples: Sample[] = [];
      for (let round = 1; round <= rounds; round++) {
        for (const id of roundOrder) {
          checkAborted(signal);
          const result = await load(id, duration);
          samples.push({ ...result, system: id, round, seq: samples.length });
          log(
            `round ${round}/${rounds} ${systems[id].label.padEnd(20)} ${result.reqPerSec.toFixed(0).padStart(7)} req/s` +
              `  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms`,
          );
          if (result.otherCpuPercent !== null && result.otherCpuPercent > OTHER_CPU_WARN) {
            warnings.push(
              `${systems[id].label} round ${round}: other processes used ${result.otherCpuPercent.toFixed(0)}% of a core during the run`,
            );
          }
          const failed = result.errors + result.timeouts + result.non2xx;
          if (failed) {
            warnings.push(
              `${systems[id].label} round ${round}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
            );
          }
        }
      }

      const rows: Row[] = (['hub', 'fastify', 'node'] as const).map((id) => {
        const mine = samples.filter((s) => s.system === id);
        const spread = spreadPercent(mine.map((s) => s.reqPerSec));
        if (spread > 15)
          warnings.push(
            `${systems[id].label}: req/s varied by ${spread.toFixed(0)}% between runs (noisy machine?)`,
          );
        return {
          label: systems[id].label,
          metrics: {
            reqPerSec: medianOf(mine, (s) => s.reqPerSec),
            p50Ms: medianOf(mine, (s) => s.p50Ms),
            p99Ms: medianOf(mine, (s) => s.p99Ms),
            spread,
            serverCpu: medianOf(mine, (s) => s.serverCpuPercent),
            loadgenCpu: medianOf(mine, (s) => s.loadgenCpuPercent),
            otherCpu: medianOf(mine, (s) => s.otherCpuPercent),
            serverRss: medianOf(mine, (s) => s.serverRssMiB),
            bytes: medianOf(mine, (s) => s.bytesPerResponse),
            failed: mine.reduce((n, s) => n + s.errors + s.timeouts + s.non2xx, 0),
            runs: mine.length,
          },
          note: systems[id].note,
        };
      });

      // Pair every baseline run with the hub run right after it; ratios are medians of those pairs,
      // which cancels slow drift in machine load better than a ratio of overall medians.
      const ratios: Ratio[] = [];
      for (const id of ['fastify', 'node'] as const) {
        const pairs = samples
          .filter((s) => s.system === id)
          .map((base) => ({ base, hub: samples[base.seq + 1] as Sample }));
        const metrics = [
          { key: 'reqPerSec', name: 'req/s', pick: (s: Sample) => s.reqPerSec },
          { key: 'p50Ms', name: 'p50', pick: (s: Sample) => s.p50Ms },
          { key: 'p99Ms', name: 'p99', pick: (s: Sample) => s.p99Ms },
        ] as const;
        for (const metric of metrics) {
          const each = pairs.map((p) => metric.pick(p.hub) / metric.pick(p.base));
          ratios.push({
            label: `hub / ${id === 'node' ? 'node:http' : id} ${metric.name}`,
            value: median(each),
            detail: `${metric.key === 'reqPerSec' ? 'throughput share' : 'latency multiple'}; pairs: ${each.map((r) => r.toFixed(2)).join(', ')}`,
          });
        }
      }

      return {
        params: {
          path: PATH,
          homes: HOMES,
          connections: options.connections,
          durationSeconds: duration,
          warmupSeconds: warmup,
          hubWarmupSeconds: hubWarmup,
          rounds,
          order: roundOrder.join(','),
          pipelining: 1,
        },
        columns,
        rows,
        ratios,
        warnings,
        samples: samples.map((s) => ({
          system: s.system,
          round: s.round,
          seq: s.seq,
          reqPerSec: s.reqPerSec,
          p50Ms: s.p50Ms,
          p99Ms: s.p99Ms,
          meanMs: s.meanMs,
          responses: s.responses,
          errors: s.errors,
          timeouts: s.timeouts,
          non2xx: s.non2xx,
          bytesPerResponse: s.bytesPerResponse,
          seconds: s.seconds,
          serverCpuPercent: s.serverCpuPercent,
          loadgenCpuPercent: s.loadgenCpuPercent,
          otherCpuPercent: s.otherCpuPercent,
          serverRssMiB: s.serverRssMiB,
          serverPeakRssMiB: s.serverPeakRssMiB,
        })),
      };
    } finally {
      await Promise.all([...servers.values()].map((s) => s.stop()));
      rmSync(payloadDir, { recursive: true, force: true });
    }
  },
};
