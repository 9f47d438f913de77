/**
 * Device-level evaluation of the assistant on outside homes (bench/data/homes/<set>/): a real hub,
 * one home per language, one plain MQTT device per device recording what it receives. A case is right
 * when the devices received exactly what it expects and nothing else moved. See bench/README.md.
 *
 * npm run bench -- assistant-devices [--set villa-rosa[,lakeside-flat]] [--verbose] [--quick]
 */
import { join } from 'node:path';
import { startBenchHub } from './lib/bench-hub.js';
import { HubClient } from './lib/eval/hub-client.js';
import { lintHomeSet } from './lib/eval/lint-set.js';
import { listHomeSets, loadHomeSet } from './lib/eval/load-set.js';
import { missDetail, missLine } from './lib/eval/report.js';
import { type CaseResult, EvalHome, registerProducts } from './lib/eval/run-home.js';
import type { CaseFile, HomeSet } from './lib/eval/types.js';
import { repoRoot } from './lib/server.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Row } from './lib/types.js';

const ADMIN_TOKEN = 'bench-admin-token-assistant-devices-0123';
/** Misses listed per language without --verbose (wrong actions first). */
const MISSES_SHOWN = 15;

export const homesDir = join(repoRoot, 'bench', 'data', 'homes');

const columns: Column[] = [
  { key: 'right', header: 'right', digits: 0 },
  { key: 'total', header: 'cases', digits: 0 },
  { key: 'pct', header: 'right %', digits: 1 },
  { key: 'wrong', header: 'wrong actions', digits: 0 },
  { key: 'p50', header: 'turn p50 ms', digits: 1 },
];

function chooseSets(option: string | undefined): HomeSet[] {
  const names = option
    ? option
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : listHomeSets(homesDir);
  if (names.length === 0) throw new Error(`no evaluation sets under ${homesDir}`);
  const sets = names.map((name) => loadHomeSet(homesDir, name));
  const problems = sets.flatMap((set) => lintHomeSet(set).map((p) => `${set.name}: ${p}`));
  if (problems.length)
    throw new Error(`the cases do not fit their thing models:\n  ${problems.join('\n  ')}`);
  return sets;
}

function row(label: string, results: CaseResult[]): Row {
  const right = results.filter((r) => r.verdict.right).length;
  const turns = sorted(results.flatMap((r) => r.turnMs));
  return {
    label,
    metrics: {
      right,
      total: results.length,
      pct: results.length ? (100 * right) / results.length : null,
      wrong: results.filter((r) => r.verdict.wrongAction).length,
      p50: turns.length ? percentile(turns, 50) : null,
    },
  };
}

function printMisses(label: string, results: CaseResult[], verbose: boolean): void {
  const misses = results
    .filter((r) => !r.verdict.right)
    .sort((a, b) => Number(b.verdict.wrongAction) - Number(a.verdict.wrongAction));
  const right = results.length - misses.length;
  console.log(`\n${label}: ${right}/${results.length} right, ${misses.length} missed`);
  const shown = verbose ? misses : misses.slice(0, MISSES_SHOWN);
  for (const miss of shown) console.log(verbose ? missDetail(miss) : missLine(miss));
  if (shown.length < misses.length)
    console.log(`  ... ${misses.length - shown.length} more (--verbose lists every miss)`);
}

/** GENIO_CASES=<regex>: only the cases whose id matches, to look at a few while mending (no figure). */
const ONLY = process.env.GENIO_CASES ? new RegExp(process.env.GENIO_CASES) : null;

async function run(options: BenchOptions): Promise<BenchResult> {
  const sets = chooseSets(options.set);
  const bench = await startBenchHub(ADMIN_TOKEN, { commandTimeoutMs: 2000 });
  const homes: Array<{ home: EvalHome; cases: CaseFile['cases'] }> = [];
  try {
    const client = new HubClient(`http://127.0.0.1:${bench.hub.ports.http}`, ADMIN_TOKEN);
    for (const set of sets) {
      const productKeys = await registerProducts(client, set);
      const created = await Promise.allSettled(
        set.caseFiles.map(async (file) => ({
          home: await EvalHome.create(client, set, file.language, productKeys, bench.hub.ports.mqtt),
          // --quick: every fifth case, which still spans every kind of case, for a smoke run.
          cases: (options.quick ? file.cases.filter((_, i) => i % 5 === 0) : file.cases).filter(
            (c) => !ONLY || ONLY.test(c.id),
          ),
        })),
      );
      for (const result of created) if (result.status === 'fulfilled') homes.push(result.value);
      const failure = created.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    }
    options.log(
      `${homes.length} homes, ${sets.reduce((n, s) => n + s.devices.length * s.caseFiles.length, 0)} plain devices connected`,
    );
    const t0 = performance.now();
    // Each language home is independent, so they run side by side; the cases of one home run in order.
    const perHome = await Promise.all(
      homes.map(async ({ home, cases }) => {
        const results: CaseResult[] = [];
        for (const c of cases) {
          if (options.signal.aborted) throw options.signal.reason;
          results.push(await home.runCase(c));
        }
        return results;
      }),
    );
    options.log(`played ${perHome.flat().length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const all = perHome.flat();
    const rows: Row[] = [];
    for (const set of sets) {
      for (const file of set.caseFiles) {
        const results = all.filter((r) => r.set === set.name && r.language === file.language);
        printMisses(`${set.name} ${file.language}`, results, options.verbose);
        rows.push(row(`${set.name} ${file.language}`, results));
      }
      if (sets.length > 1)
        rows.push(
          row(
            `${set.name} (all languages)`,
            all.filter((r) => r.set === set.name),
          ),
        );
    }
    for (const file of sets[0]?.caseFiles ?? []) {
      if (sets.length > 1)
        rows.push(
          row(
            `all sets ${file.language}`,
            all.filter((r) => r.language === file.language),
          ),
        );
    }
    rows.push(row('overall', all));
    const failed = all.filter((r) => r.replies.some((t) => t.startsWith('[request failed')));
    return {
      params: {
        sets: sets.map((s) => s.name).join(','),
        cases: all.length,
        quick: options.quick,
        verbose: options.verbose,
      },
      columns,
      rows,
      ratios: [],
      warnings: failed.length
        ? [`${failed.length} cases had a failed conversation request (see the misses)`]
        : [],
      samples: all.map((r) => ({
        set: r.set,
        language: r.language,
        id: r.id,
        right: r.verdict.right,
        wrongAction: r.verdict.wrongAction,
        said: r.turns.join(' / '),
        reply: r.replies.join(' / '),
        received: JSON.stringify(r.received),
        problems: r.verdict.problems.join('; '),
      })),
    };
  } finally {
    await Promise.all(homes.map(({ home }) => home.close()));
    await bench.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'assistant-devices',
  description: 'Assistant judged at the device on outside homes (bench/data/homes), one home per language',
  run,
};
