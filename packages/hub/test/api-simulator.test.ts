import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// A device someone just added, brought to life by the hub itself: no code, no second terminal.
describe('simulated devices run by the hub', () => {
  let t: TestHub;
  let homeId: string;
  let deviceId: string;
  beforeAll(async () => {
    t = await startTestHub();
    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'en' } })).json().id;
    const product = (
      await t.request('POST', '/api/v1/products', {
        body: { name: 'Lamp', category: 'light', thingModel: lightModel },
      })
    ).json();
    deviceId = (
      await t.request('POST', '/api/v1/devices', {
        body: { productKey: product.productKey, homeId, name: 'Desk lamp' },
      })
    ).json().id;
  });
  afterAll(async () => t?.close());

  const device = async () => (await t.request('GET', `/api/v1/devices/${deviceId}`)).json();
  async function until(check: () => Promise<boolean>, what: string) {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('connects with the device’s credentials, reports starting values and applies sets', async () => {
    expect((await t.request('GET', `/api/v1/devices/${deviceId}/simulator`)).json()).toEqual({
      running: false,
    });
    const started = await t.request('PUT', `/api/v1/devices/${deviceId}/simulator`);
    expect(started.status).toBe(200);
    expect(started.json()).toEqual({ running: true });
    await until(async () => (await device()).online === true, 'online');
    await until(async () => (await device()).properties?.LightSwitch === 0, 'starting values');
    expect((await device()).properties.Brightness).toBe(0);

    const set = await t.request('POST', `/api/v1/devices/${deviceId}/properties`, {
      body: { LightSwitch: 1, Brightness: 70 },
    });
    expect(set.status, set.body).toBeLessThan(300);
    await until(async () => (await device()).properties?.Brightness === 70, 'the set applied');
    expect((await device()).properties.LightSwitch).toBe(1);

    // Starting twice is harmless.
    expect((await t.request('PUT', `/api/v1/devices/${deviceId}/simulator`)).status).toBe(200);
  });

  it('is for those who may reach the device only', async () => {
    const otherHome = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
    ).json().id;
    const stranger = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'x', role: 'household', homeId: otherHome } })
    ).json().token;
    expect(
      (await t.request('PUT', `/api/v1/devices/${deviceId}/simulator`, { token: stranger })).status,
    ).toBe(403);
    expect((await t.request('DELETE', `/api/v1/devices/${deviceId}/simulator`, { token: null })).status).toBe(
      401,
    );
    expect((await t.request('PUT', '/api/v1/devices/dev_missing/simulator')).status).toBe(404);
  });

  it('stops on request, and when its device is deleted', async () => {
    expect((await t.request('DELETE', `/api/v1/devices/${deviceId}/simulator`)).status).toBe(204);
    await until(async () => (await device()).online === false, 'offline');
    expect((await t.request('GET', `/api/v1/devices/${deviceId}/simulator`)).json()).toEqual({
      running: false,
    });

    await t.request('PUT', `/api/v1/devices/${deviceId}/simulator`);
    await until(async () => (await device()).online === true, 'online again');
    expect((await t.request('DELETE', `/api/v1/devices/${deviceId}`)).status).toBe(204);
    expect((await t.request('GET', `/api/v1/devices/${deviceId}/simulator`)).status).toBe(404);
  });
});
