/**
 * Commerce figures: (a) nearest-5 of 100,000 stores through the kd-tree index against a linear
 * haversine scan of the same points in the same run; (b) importing 10,000 stores; (c) placing and
 * paying an order (PIN check, one transaction with the ledger) against a bare wallet top-up (one
 * ledger transfer) on the same database, and the trial balance after it all.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  commerceMigrations,
  createCommerceModule,
  createGeoIndex,
} from '../packages/hub/src/commerce/index.js';
import { migrations, openStorage } from '../packages/hub/src/storage/index.js';
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
const PG_URL = process.env.GENIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Place orders (not timed), then pay them with 16 payers at once through the order service: the
 * PIN check, the wallet, the ledger moves and the order's move in one transaction each. Counted after
 * the run: each order paid once, the wallet down by exactly the total, the trial balance zero.
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
    ...(engine === 'postgres' ? { url: PG_URL, pgSchema: schema } : {}),
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
    options.log(`${engine}: placing ${count} orders for ${HOMES} homes`);
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
    const before = await walletsTotal();
    options.log(`${engine}: paying ${count} orders, ${PAYERS} at once`);
    const latencies: number[] = [];
    let cursor = 0;
    let failures = 0;
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      Array.from({ length: PAYERS }, async () => {
        while (cursor < ids.length) {
          const id = ids[cursor++] as string;
          const start = process.hrtime.bigint();
          try {
            await commerce.orders.pay(id, { tokenId: 'tok_bench', factor: { pin: '4321' } });
          } catch {
            failures++;
          }
          latencies.push(Number(process.hrtime.bigint() - start) / 1000);
        }
      }),
    );
    const wallS = (performance.now() - wallStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    // CPU of this process (all its threads: scrypt runs on libuv's pool) per order: on a shared machine
    // it moves less than the rate does. The database server's own CPU (PostgreSQL) is not in it.
    const cpuMsPerOrder = (cpu.user + cpu.system) / 1000 / ids.length;
    const after = await walletsTotal();
    const paidRow = await sql<{
      n: number | string;
    }>`SELECT count(*) AS n FROM orders WHERE status = 'paid'`.execute(storage.db);
    const paid = Number(paidRow.rows[0]?.n ?? 0);
    const charged = (before - after) / 120;
    if (charged !== paid)
      warnings.push(`${engine}: ${charged} charges for ${paid} paid orders (double charge)`);
    if (failures) warnings.push(`${engine}: ${failures} payments failed`);
    const balance = await commerce.ledger.trialBalance();
    if (!balance.balanced)
      warnings.push(`${engine}: trial balance off (${balance.debits} vs ${balance.credits})`);
    const mismatches = await commerce.ledger.verify();
    if (mismatches.length)
      warnings.push(`${engine}: ${mismatches.length} accounts differ from their transfers`);
    const paidTimes = sorted(Float64Array.from(latencies));
    const baseline = sorted(transfersBaseline);
    return {
      rows: [
        {
          label: `${engine}: import 10,000 stores`,
          metrics: { n: 10_000, p50: null, p99: null, perSec: 10_000 / (importMs / 1000) },
          note: `${importMs.toFixed(0)} ms`,
        },
        row(`${engine}: one ledger transfer (baseline)`, baseline),
        {
          ...row(`${engine}: orders paid, ${PAYERS} payers (PIN check + ledger), ${HOMES} homes`, paidTimes),
          metrics: {
            n: paidTimes.length,
            p50: percentile(paidTimes, 50),
            p99: percentile(paidTimes, 99),
            perSec: paid / wallS,
          },
          note: `${paid} paid, ${charged} charged, trial balance ${balance.balanced ? 'zero' : 'OFF'}, ${cpuMsPerOrder.toFixed(2)} ms CPU of the hub process per order`,
        },
      ],
      ratios: [
        {
          label: `${engine}: paid order p50 / one transfer p50`,
          value: percentile(paidTimes, 50) / percentile(baseline, 50),
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
