/**
 * The system under test: the real Genio hub (SQLite in a temp data dir, silent logs) with
 * BENCH_HOMES homes (default 20) created through its API. Announces {"homes": N, "port": P}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../packages/hub/src/config/index.js';
import { type Hub, startHub } from '../../packages/hub/src/hub.js';
import { createLogger } from '../../packages/hub/src/log/index.js';
import { announce, onShutdown } from './common.js';

const adminToken = process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token-0123456789';
const homeCount = Number(process.env.BENCH_HOMES ?? 20);

async function seed(hub: Hub): Promise<void> {
  const baseUrl = `http://127.0.0.1:${hub.ports.http}`;
  for (let i = 1; i <= homeCount; i++) {
    const response = await fetch(`${baseUrl}/api/v1/homes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Bench home ${String(i).padStart(2, '0')}`, language: 'en' }),
    });
    if (response.status !== 201) {
      throw new Error(`seeding home ${i} failed: ${response.status} ${await response.text()}`);
    }
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'genio-bench-'));
let hub: Hub | undefined;
const cleanup = async () => {
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
};
onShutdown(cleanup);

try {
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      httpHost: '127.0.0.1',
      httpPort: 0,
      mqttHost: '127.0.0.1',
      mqttPort: 0,
      logLevel: 'silent',
      adminToken,
    },
  });
  hub = await startHub(config, { log: createLogger('silent') });
  await seed(hub);
  announce(hub.ports.http, { homes: homeCount });
} catch (error) {
  console.error(error);
  await cleanup().catch(() => {});
  process.exit(1);
}
