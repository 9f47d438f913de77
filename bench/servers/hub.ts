/**
 * The system under test: the real Genio hub (SQLite in a temp data dir, silent logs) with
 * BENCH_HOMES homes (default 20) created through its API. Announces {"homes": N, "port": P}.
 */
import type { Hub } from '../../packages/hub/src/hub.js';
import { type BenchHub, startBenchHub } from '../lib/bench-hub.js';
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

let started: BenchHub | undefined;
const cleanup = async () => {
  await started?.stop();
};
onShutdown(cleanup);

try {
  started = await startBenchHub(adminToken);
  await seed(started.hub);
  announce(started.hub.ports.http, { homes: homeCount });
} catch (error) {
  console.error(error);
  await cleanup().catch(() => {});
  process.exit(1);
}
