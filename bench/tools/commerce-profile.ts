/**
 * One payment under the microscope: every statement `commerce.orders.pay` sends, with its time, on
 * PostgreSQL (or SQLite with `sqlite`), then the PIN check's scrypt alone, then the CPU that this
 * process and PostgreSQL (its backends for this script, and its WAL writer and other helpers, from
 * /proc) spend per order with 16 payers at once. MERCHANTS=n spreads the orders over n merchants.
 *
 *   node --conditions=genio-source --import tsx bench/tools/commerce-profile.ts [postgres|sqlite]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LogEvent, sql } from 'kysely';
import { commerceMigrations, createCommerceModule } from '../../packages/hub/src/commerce/index.js';
import { createPinHasher } from '../../packages/hub/src/commerce/payments/pin-hash.js';
import { migrations, openStorage } from '../../packages/hub/src/storage/index.js';
import { cpuSecondsByPid } from '../lib/proc.js';

const engine = process.argv[2] === 'sqlite' ? 'sqlite' : 'postgres';
const APPLICATION = 'genio-commerce-profile';
const url = new URL(process.env.GENIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
url.searchParams.set('application_name', APPLICATION);
const HOMES = 64;
const PAYERS = 16;
const ORDERS = 800;
const MERCHANTS = Number(process.env.MERCHANTS ?? 1);

let recording = false;
const statements: Array<{ sql: string; ms: number }> = [];
const log = (event: LogEvent) => {
  if (recording) statements.push({ sql: event.query.sql, ms: event.queryDurationMillis });
};

const dir = mkdtempSync(join(tmpdir(), 'genio-profile-'));
const schema = `genio_profile_${Date.now().toString(36)}`;
const storage = await openStorage({
  dataDir: dir,
  migrations: [...migrations, ...commerceMigrations],
  log,
  ...(engine === 'postgres' ? { url: url.toString(), pgSchema: schema } : {}),
});
const { db } = storage;

try {
  await storage.migrate();
  const homes = Array.from({ length: HOMES }, (_, i) => `home_p_${i}`);
  for (const id of homes)
    await db
      .insertInto('homes')
      .values({ id, name: id, language: 'en', created_at: 0, updated_at: 0 })
      .execute();
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

  // Warm up (the first payment opens the merchant's accounts), then record the third one alone.
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
  const scryptUsed = process.cpuUsage(cpu0);
  const scryptCpu = (scryptUsed.user + scryptUsed.system) / 1000 / rounds;
  console.log(`scrypt verify alone: ${scryptWall.toFixed(2)} ms wall, ${scryptCpu.toFixed(2)} ms CPU each`);

  const rest = ids.slice(3);
  let cursor = 0;
  const pgBefore = engine === 'postgres' ? cpuSecondsByPid('postgres') : null;
  const hub0 = process.cpuUsage();
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
  let pgMs = 0;
  if (pgBefore) {
    const after = cpuSecondsByPid('postgres');
    const ours = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
      WHERE application_name = ${APPLICATION} OR backend_type <> 'client backend'`.execute(db);
    for (const { pid } of ours.rows) pgMs += (after.get(pid) ?? 0) - (pgBefore.get(pid) ?? 0);
    pgMs = (pgMs * 1000) / rest.length;
  }
  console.log(
    `${PAYERS} payers: ${(rest.length / wallS).toFixed(0)} orders/s; CPU per order: hub ${hubMs.toFixed(2)} ms` +
      (pgBefore ? `, PostgreSQL ${pgMs.toFixed(2)} ms` : '') +
      `; ceiling on 2 cores ${((2 * 1000) / (hubMs + pgMs)).toFixed(0)} orders/s`,
  );
  const balance = await commerce.ledger.trialBalance();
  console.log(`trial balance ${balance.balanced ? 'zero' : 'OFF'}`);
} finally {
  if (engine === 'postgres') await sql`DROP SCHEMA IF EXISTS ${sql.raw(`"${schema}"`)} CASCADE`.execute(db);
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
