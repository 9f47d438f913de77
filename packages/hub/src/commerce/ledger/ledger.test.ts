import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, backends, dropSchema, testPgUrl } from '../../../test/harness.js';
import { migrations, openStorage, type Storage } from '../../storage/index.js';
import { SLOTS, slotOf } from './balances.js';
import {
  createIdempotencyStore,
  createLedger,
  type Ledger,
  type LedgerTables,
  ledgerMigrations,
} from './index.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function open(backend: Backend, clock?: () => number): Promise<{ storage: Storage; ledger: Ledger }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-ledger-'));
  const all = [...migrations, ...ledgerMigrations];
  const schema = `genio_l_${randomBytes(6).toString('hex')}`;
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
  return { storage, ledger: createLedger({ db: storage.db, ...(clock ? { clock } : {}) }) };
}

async function wallets(ledger: Ledger) {
  const source = await ledger.openAccount({ kind: 'provider_clearing', owner: 'test', currency: 'EUR' });
  const wallet = await ledger.openAccount({
    kind: 'household_wallet',
    owner: 'home_1',
    currency: 'EUR',
    noOverdraft: true,
  });
  const merchant = await ledger.openAccount({ kind: 'merchant_payable', owner: 'm_1', currency: 'EUR' });
  return { source, wallet, merchant };
}

describe.each(backends)('ledger on %s', (backend) => {
  it('opens one account per kind, owner and currency', async () => {
    const { ledger } = await open(backend);
    const a = await ledger.openAccount({
      kind: 'household_wallet',
      owner: 'h',
      currency: 'EUR',
      noOverdraft: true,
    });
    const b = await ledger.openAccount({
      kind: 'household_wallet',
      owner: 'h',
      currency: 'EUR',
      noOverdraft: true,
    });
    expect(b.id).toBe(a.id);
    await expect(ledger.openAccount({ kind: 'x', owner: 'h', currency: 'euro' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('moves money between two accounts and stays balanced', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 'topup:1',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 1000,
      reference: 'top-up',
    });
    await ledger.transfer({
      id: 'pay:1',
      debitAccountId: wallet.id,
      creditAccountId: merchant.id,
      amount: 350,
      reference: 'order',
    });
    expect((await ledger.account(wallet.id)).available).toBe(650);
    expect((await ledger.account(merchant.id)).creditsPosted).toBe(350);
    const trial = await ledger.trialBalance();
    expect(trial).toMatchObject({ debits: 1350, credits: 1350, balanced: true });
    expect(await ledger.verify()).toEqual([]);
  });

  it('refuses to take a no-overdraft account below zero, and changes nothing', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 't1',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 100,
      reference: '',
    });
    await expect(
      ledger.transfer({
        id: 't2',
        debitAccountId: wallet.id,
        creditAccountId: merchant.id,
        amount: 101,
        reference: '',
      }),
    ).rejects.toMatchObject({ code: 'insufficient_funds', status: 402 });
    expect((await ledger.account(wallet.id)).available).toBe(100);
    expect((await ledger.transfersOf(wallet.id)).map((t) => t.id)).toEqual(['t1']);
  });

  it('answers a repeated transfer id with the stored transfer and refuses a different one', async () => {
    const { ledger } = await open(backend);
    const { source, wallet } = await wallets(ledger);
    const input = {
      id: 'topup:k',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 500,
      reference: 'r',
    };
    const [first] = await ledger.transfer(input);
    const [again] = await ledger.transfer(input);
    expect(again).toEqual(first);
    expect((await ledger.account(wallet.id)).available).toBe(500);
    await expect(ledger.transfer({ ...input, amount: 501 })).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
  });

  it('moves only the new legs of linked transfers retried with one more leg, and refuses one id twice over', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    const topUp = {
      id: 'in',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 100,
      reference: '',
    };
    const pay = {
      id: 'pay',
      debitAccountId: wallet.id,
      creditAccountId: merchant.id,
      amount: 30,
      reference: '',
    };
    const [first] = await ledger.transfer(topUp);
    const [again, paid] = await ledger.transfer([topUp, pay]);
    expect(again).toEqual(first);
    expect(paid).toMatchObject({ id: 'pay', amount: 30 });
    expect((await ledger.account(wallet.id)).available).toBe(70);
    await expect(
      ledger.transfer([
        { ...pay, id: 'twice' },
        { ...pay, id: 'twice', amount: 31 },
      ]),
    ).rejects.toMatchObject({
      code: 'idempotency_key_reused',
    });
    expect((await ledger.account(wallet.id)).available).toBe(70);
    expect(await ledger.verify()).toEqual([]);
  });

  it('applies linked transfers all together or not at all', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 'in',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 100,
      reference: '',
    });
    await expect(
      ledger.transfer([
        { id: 'a', debitAccountId: wallet.id, creditAccountId: merchant.id, amount: 60, reference: '' },
        { id: 'b', debitAccountId: wallet.id, creditAccountId: merchant.id, amount: 60, reference: '' },
      ]),
    ).rejects.toMatchObject({ code: 'insufficient_funds' });
    expect((await ledger.account(wallet.id)).available).toBe(100);
    expect((await ledger.account(merchant.id)).creditsPosted).toBe(0);
  });

  it('reserves with a pending transfer, posts part of it once, and voids another', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 'in',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 1000,
      reference: '',
    });
    await ledger.transfer({
      id: 'hold',
      debitAccountId: wallet.id,
      creditAccountId: merchant.id,
      amount: 400,
      pending: true,
      reference: 'o1',
    });
    expect((await ledger.account(wallet.id)).available).toBe(600);
    await ledger.postPending('hold', { id: 'capture', amount: 300 });
    expect(await ledger.account(wallet.id)).toMatchObject({
      available: 700,
      debitsPending: 0,
      debitsPosted: 300,
    });
    await expect(ledger.voidPending('hold', { id: 'void-late' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await ledger.postPending('hold', { id: 'capture', amount: 300 })).id).toBe('capture');

    await ledger.transfer({
      id: 'hold2',
      debitAccountId: wallet.id,
      creditAccountId: merchant.id,
      amount: 200,
      pending: true,
      reference: 'o2',
    });
    await ledger.voidPending('hold2', { id: 'void2' });
    expect((await ledger.account(wallet.id)).available).toBe(700);
    expect((await ledger.trialBalance()).balanced).toBe(true);
    expect(await ledger.verify()).toEqual([]);
  });

  it('lets exactly as many concurrent spends through as the money allows', async () => {
    const { ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 'in',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 1000,
      reference: '',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ledger.transfer({
          id: `spend:${i}`,
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amount: 100,
          reference: '',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'insufficient_funds' });
    expect((await ledger.account(wallet.id)).available).toBe(0);
    expect(await ledger.verify()).toEqual([]);
    expect((await ledger.trialBalance()).balanced).toBe(true);
  });

  it('counts one movement when the same transfer id races with itself', async () => {
    const { ledger } = await open(backend);
    const { source, wallet } = await wallets(ledger);
    const input = {
      id: 'topup:race',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 250,
      reference: '',
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ledger.transfer(input)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect((await ledger.account(wallet.id)).available).toBe(250);
  });
});

describe.each(backends)('balance slots on %s', (backend) => {
  it("keeps a wallet's balance in its own row, spreads a merchant's over slots, and adds them up", async () => {
    const { storage, ledger } = await open(backend);
    const { source, wallet, merchant } = await wallets(ledger);
    await ledger.transfer({
      id: 'in',
      debitAccountId: source.id,
      creditAccountId: wallet.id,
      amount: 10_000,
      reference: '',
    });
    for (let i = 0; i < 40; i++)
      await ledger.transfer({
        id: `pay:${i}`,
        debitAccountId: wallet.id,
        creditAccountId: merchant.id,
        amount: 10,
        reference: '',
      });
    const slots = storage.db.withTables<LedgerTables>().selectFrom('ledger_balance_slots').selectAll();
    expect(await slots.where('account_id', '=', wallet.id).execute()).toEqual([]);
    const merchantSlots = await slots.where('account_id', '=', merchant.id).execute();
    expect(merchantSlots.length).toBeGreaterThan(4);
    expect(merchantSlots.length).toBeLessThanOrEqual(SLOTS);
    expect(await ledger.account(merchant.id)).toMatchObject({ creditsPosted: 400, available: 400 });
    expect((await ledger.account(wallet.id)).available).toBe(9_600);
    expect((await ledger.trialBalance()).balanced).toBe(true);
    expect(await ledger.verify()).toEqual([]);
  });
});

describe.runIf(backends.includes('postgres'))('balance slots on postgres', () => {
  it('lets two payments to one merchant commit without waiting on each other', async () => {
    const { ledger } = await open('postgres');
    const { source, merchant } = await wallets(ledger);
    const ids = Array.from({ length: 40 }, (_, i) => `pay:${i}`);
    const first = ids[0] as string;
    const second = ids.find((id) => slotOf(id) !== slotOf(first)) as string;
    const pay = (id: string) => ({
      id,
      debitAccountId: source.id,
      creditAccountId: merchant.id,
      amount: 5,
      reference: '',
    });
    let written: () => void = () => {};
    let finish: () => void = () => {};
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const held = ledger.inTransaction(async (tx) => {
      await ledger.transfer(pay(first), tx);
      written();
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    await wrote;
    const other = ledger.transfer(pay(second)).then(() => 'committed');
    const waited = new Promise((resolve) => setTimeout(() => resolve('waited'), 3_000));
    expect(await Promise.race([other, waited])).toBe('committed');
    finish();
    await held;
    expect((await ledger.account(merchant.id)).creditsPosted).toBe(10);
  });
});

describe.each(backends)('idempotency keys on %s', (backend) => {
  it('stores the first answer, replays it, refuses another request and answers 409 while in flight', async () => {
    const at = 1_000_000;
    const { storage } = await open(backend);
    const store = createIdempotencyStore({ db: storage.db, clock: () => at, staleAfterMs: 30_000 });
    let runs = 0;
    const work = async () => {
      runs++;
      return { status: 201, body: { credited: 500 } };
    };
    const first = await store.run('topup:h1', 'k1', { amount: 500 }, work);
    const again = await store.run('topup:h1', 'k1', { amount: 500 }, work);
    expect(first).toEqual({ status: 201, body: { credited: 500 }, replayed: false });
    expect(again).toEqual({ status: 201, body: { credited: 500 }, replayed: true });
    expect(runs).toBe(1);
    await expect(store.run('topup:h1', 'k1', { amount: 501 }, work)).rejects.toMatchObject({
      code: 'idempotency_key_reused',
      status: 422,
    });
    // Another scope may use the same key.
    await store.run('topup:h2', 'k1', { amount: 500 }, work);
    expect(runs).toBe(2);

    let release: () => void = () => {};
    const slow = store.run(
      'pay:o1',
      'k2',
      {},
      () =>
        new Promise<{ status: number; body: object }>((r) => {
          release = () => r({ status: 200, body: {} });
        }),
    );
    await new Promise((r) => setTimeout(r, 20));
    await expect(store.run('pay:o1', 'k2', {}, work)).rejects.toMatchObject({
      code: 'idempotency_in_flight',
      status: 409,
    });
    release();
    await slow;
  });

  it('stores a refusal as the answer, frees the key after an internal failure, and takes over a stale one', async () => {
    let at = 5_000_000;
    const { storage, ledger } = await open(backend, () => at);
    const store = createIdempotencyStore({ db: storage.db, clock: () => at, staleAfterMs: 30_000 });
    const { wallet, merchant } = await wallets(ledger);
    const spend = () =>
      ledger
        .transfer({
          id: 'p',
          debitAccountId: wallet.id,
          creditAccountId: merchant.id,
          amount: 5,
          reference: '',
        })
        .then(() => ({ status: 200, body: { ok: true } }));
    await expect(store.run('pay', 'k', {}, spend)).rejects.toMatchObject({ code: 'insufficient_funds' });
    const replay = await store.run('pay', 'k', {}, spend);
    expect(replay).toMatchObject({ status: 402, replayed: true });

    let calls = 0;
    await expect(
      store.run('x', 'k', {}, async () => {
        calls++;
        throw new Error('database went away');
      }),
    ).rejects.toThrow('database went away');
    await store.run('x', 'k', {}, async () => {
      calls++;
      return { status: 200, body: 1 };
    });
    expect(calls).toBe(2);

    // A key left in flight by a crashed request is taken over once it is stale.
    await storage.db
      .withTables<import('./tables.js').LedgerTables>()
      .insertInto('idempotency_keys')
      .values({
        scope: 'y',
        key: 'k',
        request_hash: createHashOf({}),
        state: 'in_flight',
        status: null,
        response: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await expect(store.run('y', 'k', {}, async () => ({ status: 200, body: 2 }))).rejects.toMatchObject({
      code: 'idempotency_in_flight',
    });
    at += 31_000;
    expect(await store.run('y', 'k', {}, async () => ({ status: 200, body: 2 }))).toMatchObject({ body: 2 });
    expect(await store.prune(0)).toBeGreaterThan(0);
  });
});

function createHashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
