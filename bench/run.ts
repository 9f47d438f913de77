/**
 * Benchmark runner: `npm run bench -- <name> [--duration S] [--connections N] [--rounds N] [--quick] [--set NAME] [--verbose] [--json-out path]`,
 * `npm run bench -- --list`. A benchmark is bench/<name>.ts exporting `benchmark: Benchmark`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/server.js';
import { formatRatios, formatTable } from './lib/table.js';
import type { Benchmark, BenchOptions, BenchResult } from './lib/types.js';

const benchDir = join(repoRoot, 'bench');
/** Hard ceiling for one benchmark; anything longer is a hang. */
const DEADLINE_MS = 10 * 60_000;

const usage = `usage: npm run bench -- <name> [--duration seconds] [--connections n] [--rounds n] [--quick] [--set name] [--verbose] [--json-out path]
       npm run bench -- --list`;

function available(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

async function load(name: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)) as { benchmark?: Benchmark };
  if (!mod.benchmark || typeof mod.benchmark.run !== 'function') {
    throw new Error(`bench/${name}.ts does not export a \`benchmark\``);
  }
  return mod.benchmark;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function positive(flag: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${flag} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
  }
  return n;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      allowPositionals: true,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
        quick: { type: 'boolean', default: false },
        set: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        'json-out': { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const names = available();

  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.list) {
    for (const name of names) console.log(`${name.padEnd(16)}  ${(await load(name)).description}`);
    return;
  }
  if (positionals.length !== 1) fail(`${usage}\navailable benchmarks: ${names.join(', ')}`);
  const name = positionals[0] as string;
  if (!names.includes(name)) {
    fail(`unknown benchmark "${name}"; available: ${names.join(', ') || '(none)'}\n${usage}`);
  }

  let duration: number | undefined;
  let rounds: number | undefined;
  let connections: number;
  try {
    duration = positive('duration', values.duration, false);
    rounds = positive('rounds', values.rounds, true);
    connections = positive('connections', values.connections, true) ?? 50;
  } catch (error) {
    fail((error as Error).message);
  }

  const benchmark = await load(name);
  const controller = new AbortController();
  const abort = (why: string) => {
    if (controller.signal.aborted) return;
    console.error(`\n${why}: stopping`);
    controller.abort(new Error(why));
    // Give the benchmark a moment to stop its servers; the launcher kills leftovers on exit.
    setTimeout(() => process.exit(130), 8000).unref();
  };
  process.once('SIGINT', () => abort('interrupted'));
  process.once('SIGTERM', () => abort('terminated'));
  const deadline = setTimeout(() => abort(`deadline of ${DEADLINE_MS / 1000} s exceeded`), DEADLINE_MS);
  deadline.unref();

  const options: BenchOptions = {
    ...(duration === undefined ? {} : { duration }),
    ...(rounds === undefined ? {} : { rounds }),
    connections,
    quick: values.quick,
    ...(values.set === undefined ? {} : { set: values.set }),
    verbose: values.verbose,
    log: (line) => console.error(`[${name}] ${line}`),
    signal: controller.signal,
  };

  const startedAt = new Date();
  const loadBefore = loadavg();
  const t0 = performance.now();
  let result: BenchResult;
  try {
    result = await benchmark.run(options);
  } catch (error) {
    if (controller.signal.aborted) {
      const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : 'aborted';
      console.error(`${name}: stopped (${reason}), no results written`);
      process.exit(130);
    }
    throw error;
  } finally {
    clearTimeout(deadline);
  }
  const elapsedSeconds = (performance.now() - t0) / 1000;
  const loadAfter = loadavg();
  const cpuList = cpus();
  const warnings = [...result.warnings];
  if ((loadBefore[0] ?? 0) > cpuList.length * 0.5) {
    warnings.push(
      `1-minute load average was ${loadBefore[0]?.toFixed(2)} on ${cpuList.length} CPUs before the run`,
    );
  }

  if (
    process.env.NODE_OPTIONS &&
    /--(import|require|loader|experimental-loader)\b|(^|\s)-r\b/.test(process.env.NODE_OPTIONS)
  ) {
    warnings.push(
      `NODE_OPTIONS preloads code into every process (${process.env.NODE_OPTIONS}): not the plain tree`,
    );
  }

  const fmtLoad = (l: number[]) => l.map((v) => v.toFixed(2)).join(' ');
  console.log('');
  console.log(`${benchmark.name}: ${benchmark.description}`);
  console.log(
    `${Object.entries(result.params)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );
  console.log(
    `node ${process.version}, ${cpuList.length} x ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `load avg ${fmtLoad(loadBefore)} -> ${fmtLoad(loadAfter)}, ${elapsedSeconds.toFixed(0)} s`,
  );
  if (process.env.NODE_OPTIONS) console.log(`NODE_OPTIONS=${process.env.NODE_OPTIONS}`);
  console.log('');
  console.log(formatTable(result.columns, result.rows));
  if (result.ratios.length) {
    console.log('');
    console.log(formatRatios(result.ratios));
  }
  if (warnings.length) {
    console.log('');
    for (const warning of warnings) console.log(`warning: ${warning}`);
  }

  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  // `npm run` changes into the repo root; INIT_CWD is where the user typed the command.
  const out = values['json-out']
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values['json-out'])
    : join(benchDir, 'results', `${name}-${stamp}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const document = {
    benchmark: benchmark.name,
    description: benchmark.description,
    startedAt: startedAt.toISOString(),
    elapsedSeconds,
    options: { duration: duration ?? null, connections, rounds: rounds ?? null, quick: values.quick },
    machine: {
      platform: platform(),
      release: release(),
      arch: arch(),
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? null,
      totalMemBytes: totalmem(),
      freeMemBytes: freemem(),
      node: process.version,
      /** Loaders or flags injected through NODE_OPTIONS change what is measured. */
      nodeOptions: process.env.NODE_OPTIONS ?? null,
      loadAvgBefore: loadBefore,
      loadAvgAfter: loadAfter,
    },
    gitCommit: gitCommit(),
    ...result,
    warnings,
  };
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log('');
  console.log(`results written to ${out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
