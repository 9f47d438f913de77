import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
let homeId: string;
let productKey: string;

beforeAll(async () => {
  t = await startTestHub();
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'en' } })).json().id;
  productKey = (
    await t.request('POST', '/api/v1/products', {
      body: { name: 'Lamp', category: 'light', thingModel: lightModel },
    })
  ).json().productKey;
});
afterAll(async () => t?.close());

const addDevice = (name: string, areaId?: string) =>
  t.request('POST', '/api/v1/devices', {
    body: { productKey, homeId, name, ...(areaId ? { areaId } : {}) },
  });
const addArea = async (name: string) =>
  (await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name } })).json().id as string;

describe('device names within a home', () => {
  it('refuses a second device with the same name in the same place, naming the one it clashes with', async () => {
    const first = (await addDevice('Ceiling light')).json();
    const second = await addDevice('  ceiling LIGHT ');
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ code: 'conflict', field: 'name' });
    expect(second.json().detail).toContain(first.id);
    expect(second.json().detail).toContain('Ceiling light');
  });

  it('accepts the same name in another area, and refuses renaming or moving into a clash', async () => {
    const kitchen = await addArea('Kitchen');
    const bedroom = await addArea('Bedroom');
    const inKitchen = (await addDevice('Reading lamp', kitchen)).json();
    const inBedroom = await addDevice('Reading lamp', bedroom);
    expect(inBedroom.status).toBe(201);
    const moved = await t.request('PATCH', `/api/v1/devices/${inBedroom.json().id}`, {
      body: { areaId: kitchen },
    });
    expect(moved.status).toBe(409);
    expect(moved.json().detail).toContain(inKitchen.id);
    const other = (await addDevice('Floor lamp', kitchen)).json();
    const renamed = await t.request('PATCH', `/api/v1/devices/${other.id}`, {
      body: { name: 'Reading Lamp' },
    });
    expect(renamed.status).toBe(409);
    // Renaming a device to its own name (another case) is no clash.
    expect(
      (await t.request('PATCH', `/api/v1/devices/${other.id}`, { body: { name: 'FLOOR lamp' } })).status,
    ).toBe(200);
  });
});

describe('"Simulate this device" across a hub restart', () => {
  it('runs again after the restart and keeps the state the device had', async () => {
    const deviceId = (await addDevice('Simulated lamp')).json().id as string;
    const device = async () => (await t.request('GET', `/api/v1/devices/${deviceId}`)).json();
    expect((await t.request('PUT', `/api/v1/devices/${deviceId}/simulator`)).status).toBe(200);
    await expect.poll(async () => (await device()).properties.Brightness).toBe(0);
    const set = await t.request('POST', `/api/v1/devices/${deviceId}/properties`, {
      body: { LightSwitch: 1, Brightness: 70 },
    });
    expect(set.status, set.body).toBe(200);
    await expect.poll(async () => (await device()).properties.Brightness).toBe(70);

    await t.restart();
    expect((await t.request('GET', `/api/v1/devices/${deviceId}/simulator`)).json()).toEqual({
      running: true,
    });
    await expect.poll(async () => (await device()).online).toBe(true);
    expect((await device()).properties).toMatchObject({ LightSwitch: 1, Brightness: 70 });
    // It still answers: a set after the restart is applied by the resumed simulator.
    const again = await t.request('POST', `/api/v1/devices/${deviceId}/properties`, {
      body: { Brightness: 40 },
    });
    expect(again.status, again.body).toBe(200);
    await expect.poll(async () => (await device()).properties.Brightness).toBe(40);

    // Stopped on purpose, it stays stopped after the next restart.
    expect((await t.request('DELETE', `/api/v1/devices/${deviceId}/simulator`)).status).toBe(204);
    await t.restart();
    expect((await t.request('GET', `/api/v1/devices/${deviceId}/simulator`)).json()).toEqual({
      running: false,
    });
  });
});
