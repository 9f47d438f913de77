import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Backend, backends, dropSchema, testPgUrl } from '../../../test/harness.js';
import { migrations, openStorage, type Storage } from '../../storage/index.js';
import {
  commerceMigration,
  createMerchantService,
  createStoreService,
  ledgerMigration,
  storesFromCsv,
} from '../index.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function open(backend: Backend): Promise<Storage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-stores-'));
  const all = [...migrations, ledgerMigration, commerceMigration];
  const schema = `genio_s_${randomBytes(6).toString('hex')}`;
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
  return storage;
}

describe.each(backends)('merchants and stores on %s', (backend) => {
  it('takes an application, approves or rejects it with a reason', async () => {
    const storage = await open(backend);
    const merchants = createMerchantService({ db: storage.db });
    const m = await merchants.apply({ name: { en: 'Sunrise Café', zh: '日出咖啡' }, currency: 'EUR' });
    expect(m).toMatchObject({ status: 'pending', currency: 'EUR', name: { zh: '日出咖啡' } });
    await expect(merchants.requireApproved(m.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(await merchants.approve(m.id)).toMatchObject({ status: 'approved' });
    await expect(merchants.reject(m.id, ' ')).rejects.toMatchObject({
      params: { field: 'reason' },
      code: 'validation_failed',
    });
    expect(await merchants.reject(m.id, 'no food licence')).toMatchObject({
      status: 'rejected',
      reason: 'no food licence',
    });
    await expect(merchants.apply({ name: 'X', currency: 'EURO' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(merchants.apply({ name: 'X', currency: 'ZZZ' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('imports thousands of stores, upserts by ref and finds the nearest (open) ones', async () => {
    const storage = await open(backend);
    const merchant = await createMerchantService({ db: storage.db }).apply({
      name: 'Chain',
      currency: 'CNY',
    });
    const stores = createStoreService({ db: storage.db });
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      ref: `s${i}`,
      name: `Store ${i}`,
      lat: 30 + (i % 60) / 10,
      lon: 110 + Math.floor(i / 60) / 10,
      timezone: 'Asia/Shanghai',
      ...(i === 0 ? { hours: { mon: ['09:00-10:00'] } } : {}),
    }));
    expect(await stores.importStores(merchant.id, rows)).toEqual({ created: 3000, updated: 0 });
    expect(await stores.count(merchant.id)).toBe(3000);
    const near = await stores.near(merchant.id, { lat: 30.001, lon: 110.001 }, { limit: 3 });
    expect(near[0]).toMatchObject({ ref: 's0', open: false });
    expect(near[0]!.distanceM).toBeLessThan(200);
    expect(near.map((s) => s.distanceM)).toEqual([...near.map((s) => s.distanceM)].sort((a, b) => a - b));
    const openNow = await stores.near(
      merchant.id,
      { lat: 30.001, lon: 110.001 },
      { limit: 1, openAt: Date.parse('2026-12-01T02:00:00Z') },
    );
    expect(openNow[0]?.ref).not.toBe('s0');

    // Moving a store is an update, and the index follows it.
    expect(
      await stores.importStores(merchant.id, [{ ref: 's2999', name: 'Moved', lat: 30.0011, lon: 110.0011 }]),
    ).toEqual({
      created: 0,
      updated: 1,
    });
    const again = await stores.near(merchant.id, { lat: 30.0011, lon: 110.0011 }, { limit: 1 });
    expect(again[0]).toMatchObject({ ref: 's2999', name: 'Moved' });
  });

  it('refuses a bad row by naming it, and imports none of the batch', async () => {
    const storage = await open(backend);
    const merchant = await createMerchantService({ db: storage.db }).apply({
      name: 'Chain',
      currency: 'EUR',
    });
    const stores = createStoreService({ db: storage.db });
    await expect(
      stores.importStores(merchant.id, [
        { ref: 'a', name: 'A', lat: 45, lon: 9 },
        { ref: 'b', name: 'B', lat: 95, lon: 9 },
      ]),
    ).rejects.toMatchObject({ params: { field: 'stores[1].lat' } });
    await expect(
      stores.importStores(merchant.id, [{ ref: 'a', name: 'A', lat: 45, lon: 9, timezone: 'Mars/Olympus' }]),
    ).rejects.toMatchObject({ params: { field: 'stores[0].timezone' } });
    expect(await stores.count(merchant.id)).toBe(0);
  });
});

describe('stores from CSV', () => {
  it('reads quoted fields, weekday hours and names the line of a bad number', () => {
    const csv =
      'ref,name,lat,lon,timezone,mon,tue\r\nr1,"Piazza ""Duomo"", Milano",45.46,9.19,Europe/Rome,07:00-11:00;12:00-22:00,\nr2,Roma,41.9,12.5,,,08:00-20:00\n';
    expect(storesFromCsv(csv)).toEqual([
      {
        ref: 'r1',
        name: 'Piazza "Duomo", Milano',
        lat: 45.46,
        lon: 9.19,
        timezone: 'Europe/Rome',
        hours: { mon: ['07:00-11:00', '12:00-22:00'] },
      },
      { ref: 'r2', name: 'Roma', lat: 41.9, lon: 12.5, hours: { tue: ['08:00-20:00'] } },
    ]);
    expect(() => storesFromCsv('ref,name,lat,lon\nr1,A,north,9\n')).toThrow(/line 2/);
    expect(() => storesFromCsv('ref,name\nr1,A\n')).toThrow(/"lat"/);
  });
});
