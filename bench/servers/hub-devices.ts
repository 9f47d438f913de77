/**
 * The real hub (SQLite in a temp dir, silent logs) with one home, one sensor product and
 * BENCH_DEVICES devices registered in-process; their credentials go to BENCH_CREDENTIALS_FILE.
 * Announces {"port": httpPort, "mqtt": mqttPort, "devices": N}.
 */
import { writeFileSync } from 'node:fs';

import { type BenchHub, startBenchHub } from '../lib/bench-hub.js';
import { announce, onShutdown } from './common.js';

const adminToken = process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token-0123456789';
const deviceCount = Number(process.env.BENCH_DEVICES ?? 1000);
const credentialsFile = process.env.BENCH_CREDENTIALS_FILE;

/** A sensor with two numeric readings and a writable switch, as the benchmarks post and set them. */
export const benchThingModel = {
  properties: [
    {
      identifier: 'temperature',
      name: 'Temperature',
      accessMode: 'r',
      dataType: { type: 'float', specs: { min: '-40', max: '80', step: '0.1', unit: '°C' } },
    },
    {
      identifier: 'humidity',
      name: 'Humidity',
      accessMode: 'r',
      dataType: { type: 'int', specs: { min: '0', max: '100', step: '1', unit: '%' } },
    },
    {
      identifier: 'power',
      name: 'Power',
      accessMode: 'rw',
      dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
    },
  ],
};

let started: BenchHub | undefined;
const cleanup = async () => {
  await started?.stop();
};
onShutdown(cleanup);

try {
  if (!credentialsFile) throw new Error('BENCH_CREDENTIALS_FILE is not set');
  // The load is many devices at a steady pace, not one flooding device.
  started = await startBenchHub(adminToken, { deviceRateLimit: 10_000 });
  const hub = started.hub;
  const operator = { tokenId: 'bench', name: 'bench', role: 'operator' as const, homeId: null };
  const home = await hub.homes.createHome({ name: 'Bench', language: 'en' });
  const product = await hub.devices.products.create(
    { name: 'Bench sensor', category: 'sensor', thingModel: benchThingModel },
    operator,
  );
  const devices: Array<{ id: string; productKey: string; deviceName: string; deviceSecret: string }> = [];
  for (let i = 0; i < deviceCount; i++) {
    const d = await hub.devices.registry.create({
      productKey: product.productKey,
      homeId: home.id,
      name: `Sensor ${i}`,
      deviceName: `sensor-${i}`,
    });
    devices.push({
      id: d.id,
      productKey: d.productKey,
      deviceName: d.deviceName,
      deviceSecret: d.deviceSecret,
    });
  }
  writeFileSync(credentialsFile, JSON.stringify(devices));
  announce(hub.ports.http, { mqtt: hub.ports.mqtt, devices: deviceCount });
} catch (error) {
  console.error(error);
  await cleanup().catch(() => {});
  process.exit(1);
}
