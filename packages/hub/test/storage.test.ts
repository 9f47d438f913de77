import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../src/storage/index.js';
import { type Backend, backends, dropSchema, testPgUrl } from './harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function open(backend: Backend): Promise<Storage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-storage-'));
  if (backend === 'sqlite') {
    const storage = await openStorage({ dataDir });
    cleanups.push(async () => {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    return storage;
  }
  const schema = `genio_t_${randomBytes(6).toString('hex')}`;
  const storage = await openStorage({ url: testPgUrl, dataDir, pgSchema: schema });
  cleanups.push(async () => {
    await storage.close();
    await dropSchema(schema);
  });
  return storage;
}

describe.each(backends)('storage on %s', (backend) => {
  it('applies every migration once, then none', async () => {
    const storage = await open(backend);
    expect(storage.dialect).toBe(backend);
    const first = await storage.migrate();
    expect(first).toContain('001-foundation');
    expect(await storage.migrate()).toEqual([]);
  });

  it('keeps UTC milliseconds as numbers and cascades home deletion to areas', async () => {
    const storage = await open(backend);
    await storage.migrate();
    const at = 1_764_000_000_123;
    await storage.db
      .insertInto('homes')
      .values({ id: 'h1', name: 'H', language: 'en', created_at: at, updated_at: at })
      .execute();
    await storage.db
      .insertInto('areas')
      .values({ id: 'a1', home_id: 'h1', name: 'K', aliases: '[]', created_at: at, updated_at: at })
      .execute();
    const home = await storage.db.selectFrom('homes').selectAll().executeTakeFirstOrThrow();
    expect(home.created_at).toBe(at);
    await storage.db.deleteFrom('homes').where('id', '=', 'h1').execute();
    const areas = await storage.db.selectFrom('areas').selectAll().execute();
    expect(areas).toEqual([]);
  });

  it('refuses an area for a home that does not exist', async () => {
    const storage = await open(backend);
    await storage.migrate();
    await expect(
      storage.db
        .insertInto('areas')
        .values({ id: 'a', home_id: 'nope', name: 'K', aliases: '[]', created_at: 1, updated_at: 1 })
        .execute(),
    ).rejects.toThrow();
  });

  it('rolls back a failed transaction whole', async () => {
    const storage = await open(backend);
    await storage.migrate();
    await expect(
      storage.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('homes')
          .values({ id: 'h2', name: 'H', language: 'en', created_at: 1, updated_at: 1 })
          .execute();
        await trx
          .insertInto('homes')
          .values({ id: 'h2', name: 'dup', language: 'en', created_at: 1, updated_at: 1 })
          .execute();
      }),
    ).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*) as n from homes`.execute(storage.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
  });
});

describe.runIf(backends.includes('postgres'))('storage on postgres', () => {
  it('prepares a query with parameters once per connection, whatever its values', async () => {
    const storage = await open('postgres');
    await storage.migrate();
    const query = (id: string) => storage.db.selectFrom('homes').select('id').where('id', '=', id);
    const prepared = await storage.db.transaction().execute(async (trx) => {
      for (const id of ['h1', 'h2', 'h3'])
        await trx.selectFrom('homes').select('id').where('id', '=', id).execute();
      return sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
    });
    const text = query('h1').compile().sql;
    expect(prepared.rows.filter((r) => r.statement === text)).toHaveLength(1);
  });
});

describe('storage errors', () => {
  it('says which database it cannot reach', async () => {
    await expect(
      openStorage({ url: 'postgres://nobody@127.0.0.1:1/none', dataDir: tmpdir() }),
    ).rejects.toThrow(/Cannot reach the database: postgres:\/\/nobody@127.0.0.1:1\/none/);
  });
});
