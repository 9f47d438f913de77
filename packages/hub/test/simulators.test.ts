import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulators } from '../../../examples/devices/index.js';
import { startTestHub, type TestHub } from './harness.js';

// Every example simulator registers its product (so its thing model and mapping are valid),
// connects through the SDK and reports values the hub accepts.
let t: TestHub;
let homeId: string;
const open: Device[] = [];
const stops: Array<() => void> = [];

beforeAll(async () => {
  t = await startTestHub('sqlite');
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Sim', language: 'it' } })).json().id;
});
afterAll(async () => {
  for (const stop of stops) stop();
  for (const d of open) await d.close();
  await t?.close();
});

async function run(kind: string, name = kind) {
  const sim = simulators[kind];
  if (!sim) throw new Error(`no simulator ${kind}`);
  const product = await t.request('POST', '/api/v1/products', {
    body: {
      name: sim.productName,
      category: sim.category,
      thingModel: sim.thingModel,
      ...(sim.capabilities ? { capabilities: sim.capabilities } : {}),
    },
  });
  expect(product.status, product.body).toBe(201);
  const created = await t.request('POST', '/api/v1/devices', {
    body: { productKey: product.json().productKey, homeId, name },
  });
  expect(created.status, created.body).toBe(201);
  const device = created.json();
  const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...device });
  open.push(sdk);
  stops.push(sim.run(sdk, { tickMs: 20, random: Math.random }));
  return { device, product: product.json() };
}

const properties = async (id: string) => (await t.request('GET', `/api/v1/devices/${id}`)).json().properties;

describe('example simulators', () => {
  it.each(Object.keys(simulators))('%s registers, connects and reports valid state', async (kind) => {
    const { device } = await run(kind);
    await expect
      .poll(async () => Object.keys(await properties(device.id)).length, { timeout: 5000 })
      .toBeGreaterThan(0);
  });

  it('a vacuum starts, drains its battery and docks through capabilities', async () => {
    const { device, product } = await run('vacuum', 'Second vacuum');
    expect(Object.keys(product.capabilities)).toEqual(
      expect.arrayContaining(['workState', 'batteryLevel', 'start', 'pause', 'dock']),
    );
    expect(
      (
        await t.request('POST', `/api/v1/devices/${device.id}/capabilities`, {
          body: { start: { area: 'cucina' } },
        })
      ).status,
    ).toBe(200);
    const workState = (await t.request('GET', `/api/v1/products/${product.productKey}`)).json().capabilities
      .workState;
    const cleaning = 1;
    await expect.poll(async () => (await properties(device.id))[workState]).toBe(cleaning);
    expect(
      (await t.request('POST', `/api/v1/devices/${device.id}/capabilities`, { body: { dock: {} } })).status,
    ).toBe(200);
    await expect.poll(async () => (await properties(device.id))[workState]).not.toBe(cleaning);
  });

  it('a fridge keeps two compartments apart', async () => {
    const { device, product } = await run('fridge', 'Second fridge');
    expect(product.capabilities).toHaveProperty('targetTemperature');
    expect(product.capabilities).toHaveProperty('freezerTargetTemperature');
    const set = await t.request('POST', `/api/v1/devices/${device.id}/capabilities`, {
      body: { freezerTargetTemperature: -20 },
    });
    expect(set.status).toBe(200);
    await expect
      .poll(async () => (await properties(device.id))[product.capabilities.freezerTargetTemperature])
      .toBe(-20);
  });
});
