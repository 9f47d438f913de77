import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, backends, dropSchema, testPgUrl } from '../../../test/harness.js';
import { migrations, openStorage } from '../../storage/index.js';
import { ledgerMigration } from '../ledger/index.js';
import { commerceMigration } from '../migration.js';
import { createPaymentGuard, LOCK_MS, MAX_WRONG } from './settings.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function setup(backend: Backend) {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-pay-'));
  const all = [...migrations, ledgerMigration, commerceMigration];
  const schema = `genio_p_${randomBytes(6).toString('hex')}`;
  const storage =
    backend === 'sqlite'
      ? await openStorage({ dataDir, migrations: all })
      : await openStorage({ url: testPgUrl, dataDir, pgSchema: schema, migrations: all });
  cleanups.push(async () => {
    await storage.close();
    if (backend === 'postgres') await dropSchema(schema);
    rmSync(dataDir, { recursive: true, force: true });
  });
  await storage.migrate();
  await storage.db
    .insertInto('homes')
    .values({ id: 'h1', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
    .execute();
  let at = Date.parse('2026-12-01T08:00:00Z');
  const clock = { now: () => at, advance: (ms: number) => (at += ms) };
  return { guard: createPaymentGuard({ db: storage.db, clock: clock.now }), clock, db: storage.db };
}

const pay = (factor: { pin: string } | { challenge: string }, amount = 500) => ({
  tokenId: 'tok_parent',
  amount,
  currency: 'EUR',
  factor,
  spentToday: 0,
});

describe.each(backends)('voice payment guard on %s', (backend) => {
  it('is off until enabled with a PIN, and never returns the PIN', async () => {
    const { guard } = await setup(backend);
    await expect(guard.authorize('h1', pay({ pin: '1234' }))).rejects.toMatchObject({
      code: 'payment_disabled',
    });
    await expect(
      guard.set('h1', { enabled: true, perOrderLimit: 1000, dailyLimit: 5000 }),
    ).rejects.toMatchObject({
      params: { field: 'pin' },
    });
    await expect(
      guard.set('h1', { enabled: true, pin: '12a4', perOrderLimit: 1000, dailyLimit: 5000 }),
    ).rejects.toMatchObject({
      params: { field: 'pin' },
    });
    const settings = await guard.set('h1', {
      enabled: true,
      pin: '2468',
      perOrderLimit: 1000,
      dailyLimit: 5000,
    });
    expect(settings).toMatchObject({ enabled: true, hasPin: true });
    expect(JSON.stringify(settings)).not.toContain('2468');
    await expect(guard.authorize('h1', pay({ pin: '2468' }))).resolves.toBeUndefined();
  });

  it('locks after five wrong PINs, even guessed at once, and unlocks after fifteen minutes', async () => {
    const { guard, clock } = await setup(backend);
    await guard.set('h1', { enabled: true, pin: '2468', perOrderLimit: 1000, dailyLimit: 5000 });
    await expect(guard.authorize('h1', pay({ pin: '0000' }))).rejects.toMatchObject({
      code: 'payment_pin_wrong',
      params: { attemptsLeft: MAX_WRONG - 1 },
    });
    const guesses = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => guard.authorize('h1', pay({ pin: String(1000 + i) }))),
    );
    expect(guesses.every((g) => g.status === 'rejected')).toBe(true);
    await expect(guard.authorize('h1', pay({ pin: '2468' }))).rejects.toMatchObject({
      code: 'payment_locked',
      status: 423,
    });
    clock.advance(LOCK_MS + 1000);
    await expect(guard.authorize('h1', pay({ pin: '2468' }))).resolves.toBeUndefined();
  }, 60_000);

  it('takes a screen challenge once and only while it is fresh', async () => {
    const { guard, clock } = await setup(backend);
    await guard.set('h1', { enabled: true, pin: '2468', perOrderLimit: 1000, dailyLimit: 5000 });
    const { code } = await guard.newChallenge('h1');
    expect(code).toMatch(/^\d\d$/);
    await expect(guard.authorize('h1', pay({ challenge: code }))).resolves.toBeUndefined();
    await expect(guard.authorize('h1', pay({ challenge: code }))).rejects.toMatchObject({
      code: 'payment_pin_wrong',
    });
    const late = await guard.newChallenge('h1');
    clock.advance(3 * 60_000);
    await expect(guard.authorize('h1', pay({ challenge: late.code }))).rejects.toMatchObject({
      code: 'payment_pin_wrong',
    });
  });

  it('refuses over the limits, a denied member and another currency', async () => {
    const { guard } = await setup(backend);
    await guard.set('h1', {
      enabled: true,
      pin: '2468',
      perOrderLimit: 1000,
      dailyLimit: 1500,
      deniedTokenIds: ['tok_kid'],
    });
    await expect(guard.authorize('h1', pay({ pin: '2468' }, 1001))).rejects.toMatchObject({
      code: 'payment_limit',
    });
    await expect(
      guard.authorize('h1', { ...pay({ pin: '2468' }, 600), spentToday: 1000 }),
    ).rejects.toMatchObject({
      code: 'payment_limit',
    });
    await expect(
      guard.authorize('h1', { ...pay({ pin: '2468' }), tokenId: 'tok_kid' }),
    ).rejects.toMatchObject({
      code: 'payment_denied',
    });
    await expect(guard.authorize('h1', { ...pay({ pin: '2468' }), currency: 'CNY' })).rejects.toMatchObject({
      code: 'payment_limit',
    });
    await expect(
      guard.set('h1', { enabled: true, perOrderLimit: 2000, dailyLimit: 1000 }),
    ).rejects.toMatchObject({
      params: { field: 'perOrderLimit' },
    });
  });

  it('re-makes a PIN hash of the earlier, unkeyed kind the first time the right PIN is given', async () => {
    const { guard, db } = await setup(backend);
    await guard.set('h1', { enabled: true, pin: '9999', perOrderLimit: 1000, dailyLimit: 5000 });
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64')}$${scryptSync('2468', salt, 32).toString('base64')}`;
    const table = db.withTables<{ payment_settings: { home_id: string; pin_hash: string | null } }>();
    await table
      .updateTable('payment_settings')
      .set({ pin_hash: legacy })
      .where('home_id', '=', 'h1')
      .execute();
    const stored = async () =>
      (
        await table
          .selectFrom('payment_settings')
          .select('pin_hash')
          .where('home_id', '=', 'h1')
          .executeTakeFirst()
      )?.pin_hash;
    await expect(guard.authorize('h1', pay({ pin: '1111' }))).rejects.toMatchObject({
      code: 'payment_pin_wrong',
    });
    expect(await stored()).toBe(legacy);
    await guard.authorize('h1', pay({ pin: '2468' }));
    expect(await stored()).toMatch(/^scrypt2\$/);
    await guard.authorize('h1', pay({ pin: '2468' }));
  });
});
