import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type GenioConfig, loadConfig } from '../src/config/index.js';
import { type Hub, startHub } from '../src/hub.js';
import { createLogger } from '../src/log/index.js';

/** The PostgreSQL server tests use (this machine and CI: trust auth, database test). */
export const testPgUrl = process.env.GENIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A storage backend a suite can run against. */
export type Backend = 'sqlite' | 'postgres';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function availableBackends(): Promise<Backend[]> {
  if (await postgresAnswers()) return ['sqlite', 'postgres'];
  // CI and this project's machines have PostgreSQL; a laptop with only Node may not. Never skip silently, never in CI.
  if (process.env.CI) throw new Error(`PostgreSQL is required in CI and does not answer at ${testPgUrl}`);
  console.warn(
    `\n[genio tests] PostgreSQL does not answer at ${testPgUrl}: storage suites run on SQLite only. Set GENIO_TEST_PG_URL to include it.\n`,
  );
  return ['sqlite'];
}

/** The storage backends every storage-touching suite runs against: SQLite always, PostgreSQL when it answers (always in CI). */
export const backends: readonly Backend[] = await availableBackends();

/** A hub on ephemeral ports with its own data dir (and PostgreSQL schema), plus helpers to call it. */
export interface TestHub {
  hub: Hub;
  adminToken: string;
  baseUrl: string;
  /** fastify.inject with the operator token unless another token (or null for none) is given. */
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; json: () => any; body: string; headers: Record<string, unknown> }>;
  /** Stop the hub and start it again on the same data (and schema), as after a power cut or upgrade. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Start a hub for a test; close() stops it and removes its data. */
export async function startTestHub(
  backend: Backend = 'sqlite',
  overrides: Partial<GenioConfig> = {},
): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-test-'));
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  const pgSchema = backend === 'postgres' ? `genio_t_${randomBytes(6).toString('hex')}` : undefined;
  const config = loadConfig({
    overrides: {
      dataDir,
      httpHost: '127.0.0.1',
      httpPort: 0,
      mqttHost: '127.0.0.1',
      mqttPort: 0,
      logLevel: 'silent',
      adminToken,
      ...(backend === 'postgres' ? { dbUrl: testPgUrl } : {}),
      ...overrides,
    },
  });
  const start = () => startHub(config, { log: createLogger('silent'), ...(pgSchema ? { pgSchema } : {}) });
  let hub = await start();
  return {
    get hub() {
      return hub;
    },
    adminToken,
    get baseUrl() {
      return `http://127.0.0.1:${hub.ports.http}`;
    },
    async restart() {
      await hub.stop();
      hub = await start();
    },
    async request(method, url, options = {}) {
      const token = options.token === undefined ? adminToken : options.token;
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await hub.http.inject({
        method,
        url,
        headers,
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      return {
        status: response.statusCode,
        json: () => response.json(),
        body: response.body,
        headers: response.headers,
      };
    },
    async close() {
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (pgSchema) await dropSchema(pgSchema);
    },
  };
}

/** Drop a test schema from the shared PostgreSQL. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPgUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
