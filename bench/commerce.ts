/**
 * Commerce figures: (a) nearest-5 of 100,000 stores through the kd-tree index against a linear
 * haversine scan of the same points in the same run; (b) importing 10,000 stores; (c) placing and
 * paying an order (PIN check, one transaction with the ledger) against a bare wallet top-up (one
 * ledger transfer) on the same database, and the trial balance after it all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function timedAsync(n: number, work: (i: number) => Promise<void>): Promise<Float64Array> {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await work(i);
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

async function run(options: BenchOptions): Promise<BenchResult> {
  const rows: Row[] = [];
  const ratios: Ratio[] = [];
  const warnings: string[] = [];
  const storeCount = 100_000;
  const queries = options.quick ? 1000 : 10_000;
  const next = random(42);
  options.log(`indexing ${storeCount} stores`);
  const points = Array.from({ length: storeCount }, (_, i) => ({
    id: `s${i}`,
    lat: 36 + next() * 24,
    lon: -9 + next() * 33,
  }));
  const buildStart = performance.now();
  const index = createGeoIndex(points);
  const buildMs = performance.now() - buildStart;
  const probes = Array.from({ length: queries }, () => ({ lat: 36 + next() * 24, lon: -9 + next() * 33 }));
  const indexed = timed(queries, (i) => {
    const p = probes[i] as { lat: number; lon: number };
    index.nearest(p.lat, p.lon, 5);
  });
  const scanQueries = Math.min(queries, options.quick ? 100 : 500);
  const scanned = timed(scanQueries, (i) => {
    const p = probes[i] as { lat: number; lon: number };
    const best: Array<{ d: number; id: string }> = [];
    for (const s of points) {
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
    for (const s of points) {
      const d = haversineM(p.lat, p.lon, s.lat, s.lon);
      if (d < bestD) {
        bestD = d;
        bestId = s.id;
      }
    }
    if (fromIndex !== bestId) warnings.push(`probe ${i}: index said ${fromIndex}, scan said ${bestId}`);
  }
  rows.push(row('nearest 5 of 100,000: kd-tree index', indexed, `index built in ${buildMs.toFixed(0)} ms`));
  rows.push(row('nearest 5 of 100,000: linear scan (baseline)', scanned));
  ratios.push({
    label: 'linear scan p50 / index p50',
    value: percentile(scanned, 50) / percentile(indexed, 50),
  });

  const dir = mkdtempSync(join(tmpdir(), 'genio-bench-commerce-'));
  const storage = await openStorage({ dataDir: dir, migrations: [...migrations, ...commerceMigrations] });
  try {
    await storage.migrate();
    await storage.db
      .insertInto('homes')
      .values({ id: 'home_bench', name: 'Bench', language: 'en', created_at: 0, updated_at: 0 })
      .execute();
    const commerce = createCommerceModule({ db: storage.db });
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
    const rowsToImport = points.slice(0, 10_000).map((p, i) => ({
      ref: `r${i}`,
      name: `Store ${i}`,
      lat: p.lat,
      lon: p.lon,
      timezone: 'Europe/Rome',
      hours,
    }));
    options.log('importing 10,000 stores');
    const importStart = performance.now();
    await commerce.stores.importStores(merchant.id, rowsToImport);
    const importMs = performance.now() - importStart;
    rows.push({
      label: 'import 10,000 stores (one request)',
      metrics: { n: 10_000, p50: null, p99: null, perSec: 10_000 / (importMs / 1000) },
      note: `${importMs.toFixed(0)} ms`,
    });
    await commerce.menus.put(merchant.id, { items: [{ ref: 'bun', name: { en: 'Bun' }, price: 120 }] });
    await commerce.guard.set('home_bench', {
      enabled: true,
      pin: '4321',
      perOrderLimit: 10_000,
      dailyLimit: 100_000_000,
    });
    const orders = options.quick ? 50 : 300;
    await commerce.wallet.topUp('home_bench', {
      amount: 10_000_000,
      currency: 'EUR',
      key: 'seed',
      by: 'operator',
    });
    options.log(`placing and paying ${orders} orders`);
    const topUps = await timedAsync(orders, async (i) => {
      await commerce.wallet.topUp('home_bench', { amount: 1, currency: 'EUR', key: `t${i}`, by: 'operator' });
    });
    const paid = await timedAsync(orders, async () => {
      const order = await commerce.orders.place(
        'home_bench',
        'tok_bench',
        { merchantId: merchant.id, items: [{ ref: 'bun', quantity: 1 }] },
        { lat: 45.46, lon: 9.19 },
      );
      await commerce.orders.pay(order.id, { tokenId: 'tok_bench', factor: { pin: '4321' } });
    });
    rows.push(row('wallet top-up: one ledger transfer (baseline)', topUps));
    rows.push(
      row(
        'order placed at the nearest open store and paid by PIN',
        paid,
        'SQLite, includes scrypt PIN check',
      ),
    );
    ratios.push({
      label: 'place+pay p50 / one transfer p50',
      value: percentile(paid, 50) / percentile(topUps, 50),
    });
    const balance = await commerce.ledger.trialBalance();
    if (!balance.balanced)
      warnings.push(`trial balance off: debits ${balance.debits}, credits ${balance.credits}`);
    const mismatches = await commerce.ledger.verify();
    if (mismatches.length)
      warnings.push(`${mismatches.length} accounts' cached balances differ from their transfers`);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    params: { stores: storeCount, queries, quick: options.quick },
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
