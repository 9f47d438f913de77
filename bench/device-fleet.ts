/**
 * A fleet of connected devices: (b) command round trip API -> device -> reply with N devices
 * connected (property set through POST /api/v1/devices/{id}/properties, answered by the device),
 * one request at a time and 16 at a time; (c) resident memory per connected idle device, for the
 * hub and, as a reference in the same run, for a Mosquitto holding the same number of connections.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alinkIdentity, type BenchDevice, startMosquitto } from './device-ingest.js';
import { postJson } from './lib/http.js';
import { closeSwarm, openSwarm } from './lib/mqtt-swarm.js';
import { processMemoryMiB } from './lib/proc.js';
import { launchServer } from './lib/server.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Row } from './lib/types.js';

const ADMIN_TOKEN = 'bench-admin-token-0123456789';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

const columns: Column[] = [
  { key: 'value', header: 'value', digits: 2 },
  { key: 'p50Ms', header: 'p50 ms', digits: 2 },
  { key: 'p99Ms', header: 'p99 ms', digits: 2 },
  { key: 'perSec', header: 'req/s', digits: 0 },
  { key: 'errors', header: 'errors', digits: 0 },
];

async function run(options: BenchOptions): Promise<BenchResult> {
  const n = options.quick ? 500 : 10_000;
  const requests = options.quick ? 300 : 3000;
  const rows: Row[] = [];
  const warnings: string[] = [];
  const samples: BenchResult['samples'] = [];
  const dir = mkdtempSync(join(tmpdir(), 'genio-bench-creds-'));
  const credentialsFile = join(dir, 'devices.json');
  options.log(`registering ${n} devices`);
  const hub = await launchServer('hub-devices', {
    env: { BENCH_DEVICES: String(n), BENCH_CREDENTIALS_FILE: credentialsFile },
    startTimeoutMs: 300_000,
  });
  const mosquitto = await startMosquitto();
  try {
    const devices = JSON.parse(readFileSync(credentialsFile, 'utf8')) as BenchDevice[];
    await settle(3000);
    const hubBefore = hub.memoryMiB();
    options.log(`connecting ${n} devices to Genio`);
    const fleet = await openSwarm(Number(hub.info.mqtt), devices.map(alinkIdentity), {
      concurrency: 100,
      signal: options.signal,
      setup: async (c) => {
        const d = devices[c.index] as BenchDevice;
        const setTopic = `/sys/${d.productKey}/${d.deviceName}/thing/service/property/set`;
        await c.subscribe(setTopic);
        c.onMessage = (_topic, payload) => {
          const { id } = JSON.parse(payload.toString()) as { id: string };
          c.publish(`${setTopic}_reply`, JSON.stringify({ id, code: 200, data: {} }), 0);
        };
      },
    });
    await settle(5000);
    const hubAfter = hub.memoryMiB();
    const kib = (before: { rss: number } | null, after: { rss: number } | null) =>
      before && after ? ((after.rss - before.rss) * 1024) / n : null;
    const hubPerDevice = kib(hubBefore, hubAfter);
    rows.push({
      label: `hub RSS KiB per idle device (${n})`,
      metrics: { value: hubPerDevice },
      note: `${hubBefore?.rss.toFixed(0)} -> ${hubAfter?.rss.toFixed(0)} MiB`,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    for (const concurrency of [1, 16]) {
      options.log(`round trips, ${concurrency} at a time`);
      const latencies: number[] = [];
      let errors = 0;
      let next = 0;
      const t0 = performance.now();
      const worker = async () => {
        while (next < requests) {
          if (options.signal.aborted) throw new Error('aborted');
          const i = next++;
          const d = devices[(i * 7919) % devices.length] as BenchDevice;
          const start = performance.now();
          const status = await postJson(
            agent,
            hub.port,
            `/api/v1/devices/${d.id}/properties`,
            ADMIN_TOKEN,
            `{"power":${i % 2}}`,
          );
          latencies.push(performance.now() - start);
          if (status !== 200) errors++;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const seconds = (performance.now() - t0) / 1000;
      const s = sorted(latencies);
      const row = { p50Ms: percentile(s, 50), p99Ms: percentile(s, 99), perSec: requests / seconds, errors };
      rows.push({
        label: `round trip API->device->reply, ${concurrency} at a time`,
        metrics: { value: null, ...row },
      });
      samples.push({ concurrency, devices: n, ...row });
      if (errors) warnings.push(`${errors} of ${requests} round trips did not answer 200`);
    }
    agent.destroy();
    await closeSwarm(fleet);
    // Mosquitto's reference after the hub's fleet is gone: both at once would pass the process's file limit.
    const mosquittoBefore = processMemoryMiB(mosquitto.pid);
    options.log(`connecting ${n} idle clients to Mosquitto`);
    const reference = await openSwarm(
      mosquitto.port,
      devices.map((_, i) => ({ clientId: `idle-${i}` })),
      {
        concurrency: 100,
        signal: options.signal,
      },
    );
    await settle(5000);
    const mosquittoAfter = processMemoryMiB(mosquitto.pid);
    const mosquittoPerDevice = kib(mosquittoBefore, mosquittoAfter);
    rows.push({
      label: `mosquitto RSS KiB per idle client (${n})`,
      metrics: { value: mosquittoPerDevice },
      note: `${mosquittoBefore?.rss.toFixed(0)} -> ${mosquittoAfter?.rss.toFixed(0)} MiB`,
    });
    await closeSwarm(reference);
    samples.push({ hubPerDeviceKiB: hubPerDevice, mosquittoPerDeviceKiB: mosquittoPerDevice });
  } finally {
    await hub.stop();
    await mosquitto.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  warnings.push(
    'RSS per device is the growth of the whole process divided by N; garbage not yet collected counts',
  );
  return { params: { devices: n, requests }, columns, rows, ratios: [], warnings, samples };
}

export const benchmark: Benchmark = {
  name: 'device-fleet',
  description: 'Command round trip with 10k devices connected, and RSS per idle device (hub and Mosquitto)',
  run,
};
