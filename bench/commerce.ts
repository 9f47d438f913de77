/**
 * Commerce figures: (a) nearest-5 of 100,000 stores through the kd-tree index against a linear
 * haversine scan of the same points in the same run; (b) importing 10,000 stores; (c) placing and
 * paying an order (PIN check, one transaction with the ledger) against a bare wallet top-up (one
 * ledger transfer) on the same database, the same payments without the PIN check, the CPU per order
 * of the hub and of PostgreSQL with the ceiling it sets, and the trial balance after it all.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import {
  commerceMigrations,
  createCommerceModule,
  createGeoIndex,
  createOrderService,
  type PaymentGuard,
} from '../packages/hub/src/commerce/index.js';
import { createPinHasher } from '../packages/hub/src/commerce/payments/pin-hash.js';
import { type Database, migrations, openStorage } from '../packages/hub/src/storage/index.js';
import { cpuSecondsByPid } from './lib/proc.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Ratio, Row } from './lib/types.js';

const columns: Column[] = [
  { key: 'n', header: 'n', digits: 0 },
  { key: 'p50', header: 'p50 µs', digits: 1 },
  { key: 'p99', header: 'p99 µs', digits: 1 },
  { key: 'perSec', header: 'per s', digits: 0 },
];

/** A deterministic generator, so every run places the same stores. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

function timed(n: number, work: (i: number) => void): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    work(i);
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return sorted(times);
}

function row(label: string, times: Float64Array, note?: string): Row {
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    label,
    metrics: { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), perSec: 1e6 / mean },
    ...(note ? { note } : {}),
  };
}

const PAYERS = 16;
const HOMES = 64;
const CORES = 2;
const PG_URL = process.env.GENIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const APPLICATION = 'genio-bench-commerce';

/** The bench's URL, naming its connections so that their server processes can be told from others'. */
function namedPgUrl(): string {
  const url = new URL(PG_URL);
  url.searchParams.set('application_name', APPLICATION);
  return url.toString();
}

/**
 * CPU seconds PostgreSQL spent for the bench between two readings of /proc: the bench's own backends
 * (by application name) and the server's helpers (WAL writer, checkpointer...), not other clients'.
 */
async function postgresCpuSince(db: Kysely<Database>, before: Map<number, number>): Promise<number> {
  const after = cpuSecondsByPid('postgres');
  const ours = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
    WHERE application_name = ${APPLICATION} OR backend_type <> 'client backend'`.execute(db);
  let seconds = 0;
  for (const { pid } of ours.rows) seconds += (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
  return seconds;
}

/**
 * A guard for the figure without the PIN check: the same read of the home's settings and the same
 * limits, no second factor. Bench only; the hub has no such path.
 */
function withoutSecondFactor(guard: PaymentGuard): PaymentGuard {
  return {
    ...guard,
    async authorize(homeId, input) {
      const settings = await guard.get(homeId);
      if (!settings.enabled || settings.lockedUntil !== null) throw new Error(`${homeId} may not pay`);
      if (input.amount > settings.perOrderLimit || input.spentToday + input.amount > settings.dailyLimit)
        throw new Error(`${homeId} is over a limit`);
    },
  };
}

interface PaidRun {
  latencies: Float64Array;
  failures: number;
  /** What the first failed payment said, to tell a limit from a deadlock. */
  firstFailure: string | null;
  wallS: number;
  hubMs: number;
  postgresMs: number | null;
}

/** Pay every order with PAYERS payers at once; CPU per order of this process and of PostgreSQL. */
async function payAll(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  ids: readonly string[],
  pay: (id: string) => Promise<unknown>,
): Promise<PaidRun> {
  const latencies: number[] = [];
  let cursor = 0;
  let failures = 0;
  let firstFailure: string | null = null;
  const postgresBefore = engine === 'postgres' ? cpuSecondsByPid('postgres') : null;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await Promise.all(
    Array.from({ length: PAYERS }, async () => {
      while (cursor < ids.length) {
        const id = ids[cursor++] as string;
        const start = process.hrtime.bigint();
        try {
          await pay(id);
        } catch (error) {
          failures++;
          firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
        latencies.push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }),
  );
  const wallS = (performance.now() - wallStart) / 1000;
  // This process's CPU (all its threads: scrypt runs on libuv's pool) moves less than the rate does on a
  // shared machine; with PostgreSQL's it gives the most orders per second the machine's cores could take.
  const cpu = process.cpuUsage(cpuStart);
  const postgresS = postgresBefore ? await postgresCpuSince(db, postgresBefore) : null;
  return {
    latencies: sorted(Float64Array.from(latencies)),
    failures,
    firstFailure,
    wallS,
    hubMs: (cpu.user + cpu.system) / 1000 / ids.length,
    postgresMs: postgresS === null ? null : (postgresS * 1000) / ids.length,
  };
}

function cpuNote(run: PaidRun): string {
  const server = run.postgresMs === null ? '' : ` + ${run.postgresMs.toFixed(2)} ms PostgreSQL`;
  const ceiling = (CORES * 1000) / (run.hubMs + (run.postgresMs ?? 0));
  return `CPU per order ${run.hubMs.toFixed(2)} ms hub${server}: at most ${ceiling.toFixed(0)}/s on ${CORES} cores`;
}

/**
 * The PIN check's scrypt alone, one at a time: its CPU time per check bounds the orders per second
 * the machine's cores can take with the PIN, whatever the database does.
 */
async function pinCheckAlone(options: BenchOptions): Promise<Row> {
  const pins = createPinHasher(randomBytes(32));
  const stored = await pins.hash('4321');
  const times = new Float64Array(options.quick ? 50 : 300);
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < times.length; i++) {
    const start = process.hrtime.bigint();
    if (!(await pins.verify('4321', stored)).right) throw new Error('the PIN did not verify');
    times[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / times.length;
  return row(
    'PIN check alone (scrypt N=2^10, keyed), one at a time',
    sorted(times),
    `CPU ${cpuMs.toFixed(2)} ms per check: at most ${((CORES * 1000) / cpuMs).toFixed(0)} checks/s on ${CORES} cores, nothing else running`,
  );
}

/**
 * Place orders (not timed), then pay them with 16 payers at once through the order service: the
 * PIN check, the wallet, the ledger moves and the order's move in one transaction each. Then the same
 * again through a guard without the second factor, for what the PIN's scrypt costs. Counted after the
 * runs: each order paid once, the wallets down by exactly the totals, the trial balance zero.
 */
async function payOrders(
  engine: 'sqlite' | 'postgres',
  points: ReadonlyArray<{ lat: number; lon: number }>,
  options: BenchOptions,
): Promise<{ rows: Row[]; ratios: Ratio[]; warnings: string[] }> {
  const warnings: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'genio-bench-commerce-'));
  const schema = `genio_bench_${Date.now().toString(36)}`;
  const storage = await openStorage({
    dataDir: dir,
    migrations: [...migrations, ...commerceMigrations],
    ...(engine === 'postgres' ? { url: namedPgUrl(), pgSchema: schema } : {}),
  });
  try {
    await storage.migrate();
    // Many homes pay at once, as on a real hub: one home's wallet is not a hot account everyone queues on.
    const homes = Array.from({ length: HOMES }, (_, i) => `home_bench_${i}`);
    for (const id of homes)
      await storage.db
        .insertInto('homes')
        .values({ id, name: id, language: 'en', created_at: 0, updated_at: 0 })
        .execute();
    const commerce = createCommerceModule({ db: storage.db, secretKey: randomBytes(32) });
    const merchant = await commerce.merchants.apply({ name: 'Bench Bakery', currency: 'EUR' });
    await commerce.merchants.approve(merchant.id);
    const allDay = ['00:00-24:00'];
    const hours = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
    options.log(`${engine}: importing 10,000 stores`);
    const importStart = performance.now();
    await commerce.stores.importStores(
      merchant.id,
      points.slice(0, 10_000).map((p, i) => ({
        ref: `r${i}`,
        name: `Store ${i}`,
        lat: p.lat,
        lon: p.lon,
        timezone: 'Europe/Rome',
        hours,
      })),
    );
    const importMs = performance.now() - importStart;
    await commerce.menus.put(merchant.id, { items: [{ ref: 'bun', name: { en: 'Bun' }, price: 120 }] });
    for (const homeId of homes) {
      await commerce.guard.set(homeId, {
        enabled: true,
        pin: '4321',
        perOrderLimit: 10_000,
        dailyLimit: 1_000_000_000,
      });
      await commerce.wallet.topUp(homeId, {
        amount: 10_000_000,
        currency: 'EUR',
        key: `seed-${homeId}`,
        by: 'operator',
      });
    }
    const count = options.quick ? 128 : 1200;
    options.log(`${engine}: placing ${2 * count} orders for ${HOMES} homes`);
    const place = async () => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++)
        ids.push(
          (
            await commerce.orders.place(
              homes[i % HOMES] as string,
              'tok_bench',
              { merchantId: merchant.id, items: [{ ref: 'bun', quantity: 1 }] },
              { lat: 45.46, lon: 9.19 },
            )
          ).id,
        );
      return ids;
    };
    const ids = await place();
    const unguardedIds = await place();
    const transfersBaseline = new Float64Array(PAYERS * 4);
    options.log(`${engine}: one ledger transfer at a time, ${transfersBaseline.length} times (baseline)`);
    for (let i = 0; i < transfersBaseline.length; i++) {
      const start = process.hrtime.bigint();
      await commerce.wallet.topUp(homes[i % HOMES] as string, {
        amount: 1,
        currency: 'EUR',
        key: `b${i}`,
        by: 'operator',
      });
      transfersBaseline[i] = Number(process.hrtime.bigint() - start) / 1000;
    }
    const walletsTotal = async () => {
      let total = 0;
      for (const homeId of homes) total += (await commerce.wallet.balance(homeId, 'EUR')).balance;
      return total;
    };
    const paidCount = async () => {
      const paidRow = await sql<{
        n: number | string;
      }>`SELECT count(*) AS n FROM orders WHERE status = 'paid'`.execute(storage.db);
      return Number(paidRow.rows[0]?.n ?? 0);
    };
    const before = await walletsTotal();
    options.log(`${engine}: paying ${count} orders, ${PAYERS} at once`);
    const withPin = await payAll(storage.db, engine, ids, (id) =>
      commerce.orders.pay(id, { tokenId: 'tok_bench', factor: { pin: '4321' } }),
    );
    const paid = await paidCount();
    const charged = (before - (await walletsTotal())) / 120;

    options.log(`${engine}: paying ${count} orders, ${PAYERS} at once, without the PIN check`);
    const unguarded = createOrderService({
      db: storage.db,
      ledger: commerce.ledger,
      merchants: commerce.merchants,
      stores: commerce.stores,
      guard: withoutSecondFactor(commerce.guard),
      menuOf: (id) => commerce.menus.get(id),
      onMoved: commerce.merchantWebhooks.enqueue,
    });
    const withoutPin = await payAll(storage.db, engine, unguardedIds, (id) =>
      unguarded.pay(id, { tokenId: 'tok_bench', factor: { pin: 'not checked' } }),
    );
    const paidBoth = await paidCount();
    const chargedBoth = (before - (await walletsTotal())) / 120;

    if (charged !== paid)
      warnings.push(`${engine}: ${charged} charges for ${paid} paid orders (double charge)`);
    if (chargedBoth !== paidBoth)
      warnings.push(`${engine}: ${chargedBoth} charges for ${paidBoth} paid orders (double charge)`);
    if (withPin.failures)
      warnings.push(`${engine}: ${withPin.failures} payments failed, the first with ${withPin.firstFailure}`);
    if (withoutPin.failures)
      warnings.push(
        `${engine}: ${withoutPin.failures} payments without PIN failed, the first with ${withoutPin.firstFailure}`,
      );
    const balance = await commerce.ledger.trialBalance();
    if (!balance.balanced)
      warnings.push(`${engine}: trial balance off (${balance.debits} vs ${balance.credits})`);
    const mismatches = await commerce.ledger.verify();
    if (mismatches.length)
      warnings.push(`${engine}: ${mismatches.length} accounts differ from their transfers`);
    const baseline = sorted(transfersBaseline);
    const paidRow = (label: string, run: PaidRun, n: number, note: string): Row => ({
      ...row(label, run.latencies),
      metrics: {
        n: run.latencies.length,
        p50: percentile(run.latencies, 50),
        p99: percentile(run.latencies, 99),
        perSec: n / run.wallS,
      },
      note,
    });
    return {
      rows: [
        {
          label: `${engine}: import 10,000 stores`,
          metrics: { n: 10_000, p50: null, p99: null, perSec: 10_000 / (importMs / 1000) },
          note: `${importMs.toFixed(0)} ms`,
        },
        row(`${engine}: one ledger transfer (baseline)`, baseline),
        paidRow(
          `${engine}: orders paid, ${PAYERS} payers (PIN check + ledger), ${HOMES} homes`,
          withPin,
          paid,
          `${paid} paid, ${charged} charged, trial balance ${balance.balanced ? 'zero' : 'OFF'}; ${cpuNote(withPin)}`,
        ),
        paidRow(
          `${engine}: the same without the PIN check (bench-only guard)`,
          withoutPin,
          paidBoth - paid,
          `${paidBoth - paid} paid, ${chargedBoth - charged} charged; ${cpuNote(withoutPin)}`,
        ),
      ],
      ratios: [
        {
          label: `${engine}: paid order p50 / one transfer p50`,
          value: percentile(withPin.latencies, 50) / percentile(baseline, 50),
        },
      ],
      warnings,
    };
  } finally {
    if (engine === 'postgres')
      await sql`DROP SCHEMA IF EXISTS ${sql.raw(`"${schema}"`)} CASCADE`.execute(storage.db).catch(() => {});
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const warnings: string[] = [];
  const queries = options.quick ? 1000 : 10_000;
  const next = random(42);
  const everyPoint = Array.from({ length: 100_000 }, (_, i) => ({
    id: `s${i}`,
    lat: 36 + next() * 24,
    lon: -9 + next() * 33,
  }));
  const probes = Array.from({ length: queries }, () => ({ lat: 36 + next() * 24, lon: -9 + next() * 33 }));
  const points = everyPoint;
  for (const size of [5_000, 100_000]) {
    const slice = everyPoint.slice(0, size);
    options.log(`indexing ${size} stores`);
    const buildStart = performance.now();
    const index = createGeoIndex(slice);
    const buildMs = performance.now() - buildStart;
    const indexed = timed(queries, (i) => {
      const p = probes[i] as { lat: number; lon: number };
      index.nearest(p.lat, p.lon, 5);
    });
    const scanQueries = Math.min(queries, options.quick ? 100 : 500);
    const scanned = timed(scanQueries, (i) => {
      const p = probes[i] as { lat: number; lon: number };
      const best: Array<{ d: number; id: string }> = [];
      for (const s of slice) {
        const d = haversineM(p.lat, p.lon, s.lat, s.lon);
        if (best.length < 5 || d < (best[4] as { d: number }).d) {
          best.push({ d, id: s.id });
          best.sort((a, b) => a.d - b.d);
          if (best.length > 5) best.pop();
        }
      }
    });
    // The index must agree with the scan on what is nearest.
    for (let i = 0; i < 50; i++) {
      const p = probes[i] as { lat: number; lon: number };
      const fromIndex = index.nearest(p.lat, p.lon, 1)[0]?.id;
      let bestId = '';
      let bestD = Number.POSITIVE_INFINITY;
      for (const s of slice) {
        const d = haversineM(p.lat, p.lon, s.lat, s.lon);
        if (d < bestD) {
          bestD = d;
          bestId = s.id;
        }
      }
      if (fromIndex !== bestId)
        warnings.push(`${size} stores, probe ${i}: index said ${fromIndex}, scan said ${bestId}`);
    }
    const label = size.toLocaleString('en');
    rows.push(
      row(`nearest 5 of ${label}: kd-tree index`, indexed, `index built in ${buildMs.toFixed(0)} ms`),
    );
    rows.push(row(`nearest 5 of ${label}: linear scan (baseline)`, scanned));
    ratios.push({
      label: `${label} stores: scan p50 / index p50`,
      value: percentile(scanned, 50) / percentile(indexed, 50),
    });
  }

  rows.push(await pinCheckAlone(options));
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (options.signal.aborted) break;
    const result = await payOrders(engine, points, options).catch((error: unknown) => {
      warnings.push(`${engine}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    if (!result) continue;
    rows.push(...result.rows);
    ratios.push(...result.ratios);
    warnings.push(...result.warnings);
  }
  return {
    params: { queries, quick: options.quick, payers: PAYERS, homes: HOMES },
    columns,
    rows,
    ratios,
    warnings,
    samples: [],
  };
}

export const benchmark: Benchmark = {
  name: 'commerce',
  description: 'nearest stores of 100,000, store import, order place+pay against a bare transfer',
  run,
};
