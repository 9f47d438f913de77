/**
 * One payment under the microscope: every statement `commerce.orders.pay` sends, with its time, on
 * PostgreSQL (or SQLite with `sqlite`), then the PIN check's scrypt alone, then the CPU that the hub
 * process and PostgreSQL's processes spend per order with 16 payers at once (from /proc).
 *
 *   node --conditions=genio-source --import tsx bench/tools/commerce-profile.ts [postgres|sqlite]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { commerceMigrations, createCommerceModule } from '../../packages/hub/src/commerce/index.js';
import { createPinHasher } from '../../packages/hub/src/commerce/payments/pin-hash.js';
import { type Database, migrations, openStorage } from '../../packages/hub/src/storage/index.js';
import { processCpuSeconds } from '../lib/proc.js';

const engine = process.argv[2] === 'sqlite' ? 'sqlite' : 'postgres';
const PG_URL = process.env.GENIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HOMES = 64;
const PAYERS = 16;
const ORDERS = 800;
/** One merchant is what the bench measures; more show what its two hot ledger rows cost. */
const MERCHANTS = Number(process.env.MERCHANTS ?? 1);

/** Every PostgreSQL server process on this machine (postmaster, backends, WAL writer...). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function postgresCpuSeconds(): number {
  return postgresPids().reduce((sum, pid) => sum + (processCpuSeconds(pid) ?? 0), 0);
}

const dir = mkdtempSync(join(tmpdir(), 'genio-profile-'));
const schema = `genio_profile_${Date.now().toString(36)}`;
const storage = await openStorage({
  dataDir: dir,
  migrations: [...migrations, ...commerceMigrations],
  ...(engine === 'postgres' ? { url: PG_URL, pgSchema: schema } : {}),
});
await storage.migrate();

let recording = false;
const statements: Array<{ sql: string; ms: number }> = [];
const log = (event: LogEvent) => {
  if (recording) statements.push({ sql: event.query.sql, ms: event.queryDurationMillis });
};
const int8 = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (value: string) => Number(value);
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
};
const pool =
  engine === 'postgres'
    ? new pg.Pool({ connectionString: PG_URL, max: 10, types: int8, options: `-c search_path=${schema}` })
    : null;
const db = new Kysely<Database>({
  dialect: pool
    ? new PostgresDialect({ pool })
    : new SqliteDialect({ database: new SqliteDatabase(join(dir, 'genio.db')) }),
  log,
});

try {
  const homes = Array.from({ length: HOMES }, (_, i) => `home_p_${i}`);
  for (const id of homes)
    await db.insertInto('homes').values({ id, name: id, language: 'en', created_at: 0, updated_at: 0 }).execute();
  const secretKey = randomBytes(32);
  const commerce = createCommerceModule({ db, secretKey });
  const merchantIds: string[] = [];
  for (let m = 0; m < MERCHANTS; m++) {
    const merchant = await commerce.merchants.apply({ name: `Profile Bakery ${m}`, currency: 'EUR' });
    await commerce.merchants.approve(merchant.id);
    await commerce.stores.importStores(merchant.id, [
      { ref: 'r0', name: 'Store 0', lat: 45.46, lon: 9.19, timezone: 'Europe/Rome' },
    ]);
    await commerce.menus.put(merchant.id, { items: [{ ref: 'bun', name: { en: 'Bun' }, price: 120 }] });
    merchantIds.push(merchant.id);
  }
  for (const homeId of homes) {
    await commerce.guard.set(homeId, { enabled: true, pin: '4321', perOrderLimit: 10_000, dailyLimit: 1e9 });
    await commerce.wallet.topUp(homeId, { amount: 10_000_000, currency: 'EUR', key: 'seed', by: 'operator' });
  }
  const ids: string[] = [];
  for (let i = 0; i < ORDERS + 3; i++)
    ids.push(
      (
        await commerce.orders.place(homes[i % HOMES] as string, 'tok', {
          merchantId: merchantIds[i % MERCHANTS] as string,
          storeRef: 'r0',
          items: [{ ref: 'bun', quantity: 1 }],
        })
      ).id,
    );

  // Warm up (first payment opens the merchant's accounts), then record the third one alone.
  await commerce.orders.pay(ids[0] as string, { tokenId: 'tok', factor: { pin: '4321' } });
  await commerce.orders.pay(ids[1] as string, { tokenId: 'tok', factor: { pin: '4321' } });
  recording = true;
  const start = performance.now();
  await commerce.orders.pay(ids[2] as string, { tokenId: 'tok', factor: { pin: '4321' } });
  const wallMs = performance.now() - start;
  recording = false;
  const dbMs = statements.reduce((sum, s) => sum + s.ms, 0);
  console.log(`${engine}: one payment alone, ${statements.length} statements, ${wallMs.toFixed(2)} ms wall`);
  for (const s of statements) console.log(`  ${s.ms.toFixed(3).padStart(7)} ms  ${s.sql.slice(0, 150)}`);
  console.log(`  statements' time together: ${dbMs.toFixed(2)} ms`);

  const pins = createPinHasher(secretKey);
  const stored = await pins.hash('4321');
  const rounds = 200;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await pins.verify('4321', stored);
  const scryptWall = (performance.now() - t0) / rounds;
  const scryptCpu = (() => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1000 / rounds;
  })();
  console.log(`scrypt verify alone: ${scryptWall.toFixed(2)} ms wall, ${scryptCpu.toFixed(2)} ms CPU each`);

  const rest = ids.slice(3);
  let cursor = 0;
  const hub0 = process.cpuUsage();
  const pg0 = engine === 'postgres' ? postgresCpuSeconds() : 0;
  const w0 = performance.now();
  await Promise.all(
    Array.from({ length: PAYERS }, async () => {
      while (cursor < rest.length) {
        const id = rest[cursor++] as string;
        await commerce.orders.pay(id, { tokenId: 'tok', factor: { pin: '4321' } });
      }
    }),
  );
  const wallS = (performance.now() - w0) / 1000;
  const hubUsed = process.cpuUsage(hub0);
  const hubMs = (hubUsed.user + hubUsed.system) / 1000 / rest.length;
  const pgMs = engine === 'postgres' ? ((postgresCpuSeconds() - pg0) * 1000) / rest.length : 0;
  console.log(
    `${PAYERS} payers: ${(rest.length / wallS).toFixed(0)} orders/s; CPU per order: hub ${hubMs.toFixed(2)} ms` +
      (engine === 'postgres' ? `, PostgreSQL ${pgMs.toFixed(2)} ms` : '') +
      `; ceiling on 2 cores ${((2 * 1000) / (hubMs + pgMs)).toFixed(0)} orders/s`,
  );
  const balance = await commerce.ledger.trialBalance();
  console.log(`trial balance ${balance.balanced ? 'zero' : 'OFF'}`);
} finally {
  if (engine === 'postgres') await sql`DROP SCHEMA IF EXISTS ${sql.raw(`"${schema}"`)} CASCADE`.execute(db);
  await db.destroy();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
