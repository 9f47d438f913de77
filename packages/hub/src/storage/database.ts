import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type KyselyConfig,
  type Migration as KyselyMigration,
  Migrator,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  type SqliteDialectConfig,
  sql,
} from 'kysely';
import pg from 'pg';
import { GenioError } from '../errors/index.js';
import type { Migration } from './migration.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** Which engine a database runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle plus the engine it runs on. */
export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for people (a file path or a postgres URL without password). */
  location: string;
  /** Apply pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** How to open storage. */
export interface StorageOptions {
  /** postgres://... or sqlite:path or sqlite::memory:; default SQLite file in dataDir. */
  url?: string;
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); used by tests for isolation. */
  pgSchema?: string;
  migrations?: readonly Migration[];
  /** Told of every query with its duration (profiling tools). */
  log?: KyselyConfig['log'];
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

// int8 (bigint) columns hold UTC milliseconds and money minor units, both safe as JS numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return (value: string) => Number(value);
    // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads are not expressible here
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

function openPostgres(
  url: string,
  schema: string | undefined,
  log: KyselyConfig['log'],
): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  return {
    db: new Kysely<Database>({
      dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
      ...(log ? { log } : {}),
    }),
    pool,
  };
}

/**
 * The PostgreSQL side of the statement cache below: a query with parameters goes as a named statement,
 * so each connection parses and plans it once rather than on every call (on a busy 2-core hub that was
 * about two thirds of the server's CPU for a short query). One map gives each SQL text its name, so a
 * name never stands for two texts; it is bounded, and long texts (bulk inserts) stay unnamed, so ad-hoc
 * SQL cannot fill the server's memory. Only migrations change tables, and they run before anything
 * else. Behind a pooler in transaction mode, use one that keeps prepared statements (PgBouncer 1.21+).
 */
function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < STATEMENTS_KEPT && text.length <= PREPARED_TEXT_MAX) {
      name = `genio_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async connect() {
      const client = await pool.connect();
      const query = (text: string, values: ReadonlyArray<unknown>) => {
        const name = values.length ? nameOf(text) : undefined;
        return client.query(name ? { name, text, values: [...values] } : { text, values: [...values] });
      };
      // Kysely calls query(sql, parameters) for statements and query(cursor) to stream.
      const forward = (first: string | PostgresCursor<unknown>, values?: ReadonlyArray<unknown>) =>
        typeof first === 'string' ? query(first, values ?? []) : client.query(first as never);
      return {
        query: forward as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  };
}

const PREPARED_TEXT_MAX = 4000;

function openSqlite(path: string, log: KyselyConfig['log']): Kysely<Database> {
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(log ? { log } : {}),
  });
}

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query, and the
 * hub runs the same few hundred queries over and over. Statements are kept by their SQL text (the
 * oldest dropped past a bound, so ad-hoc SQL cannot grow it without end). Kysely holds the single
 * connection for one query at a time, so a kept statement is never in use twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close() {
      kept.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value as string);
        kept.set(sql, statement);
      }
      return statement;
    },
  };
}

const STATEMENTS_KEPT = 1000;

function sqlitePath(url: string | undefined, dataDir: string): string {
  if (url?.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    if (rest === ':memory:') return ':memory:';
    return resolve(rest);
  }
  mkdirSync(dataDir, { recursive: true });
  return join(resolve(dataDir), 'genio.db');
}

/** Open SQLite (default) or PostgreSQL and check that it answers. Does not migrate. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const list = options.migrations ?? allMigrations;
  const isPg = options.url?.startsWith('postgres');
  let db: Kysely<Database>;
  let location: string;
  if (isPg) {
    const url = options.url as string;
    location = redact(url);
    const opened = openPostgres(url, options.pgSchema, options.log);
    db = opened.db;
    try {
      if (options.pgSchema) {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.pgSchema.replace(/"/g, '')}"`);
        } finally {
          await admin.end();
        }
      }
      await sql`select 1`.execute(db);
    } catch (error) {
      await db.destroy();
      throw new GenioError(
        'database_unreachable',
        { reason: `${location}: ${(error as Error).message}` },
        { cause: error },
      );
    }
  } else {
    const path = sqlitePath(options.url, options.dataDir);
    location = path;
    try {
      db = openSqlite(path, options.log);
    } catch (error) {
      throw new GenioError(
        'database_unreachable',
        { reason: `${path}: ${(error as Error).message}` },
        { cause: error },
      );
    }
  }

  // Kysely looks for its bookkeeping tables in every schema; name ours so that another schema's copies don't count.
  let migrationTableSchema: string | undefined;
  if (isPg) {
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = current.rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
    provider: {
      async getMigrations() {
        const record: Record<string, KyselyMigration> = {};
        for (const m of list) record[m.name] = { up: (d) => m.up(d) };
        return record;
      },
    },
  });

  return {
    db,
    dialect: isPg ? 'postgres' : 'sqlite',
    location,
    async migrate() {
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new GenioError(
          'database_unreachable',
          { reason: `migration ${failed} failed: ${(error as Error).message}` },
          { cause: error },
        );
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    async close() {
      await db.destroy();
    },
  };
}
