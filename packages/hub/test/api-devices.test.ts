import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLight, lightModel } from './device-fixtures.js';
import { backends, startTestHub, type TestHub } from './harness.js';

describe.each(backends)('products and devices API on %s', (backend) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(backend);
  });
  afterAll(async () => t?.close());

  it('registers a product and resolves its capabilities', async () => {
    const created = await t.request('POST', '/api/v1/products', {
      body: {
        name: 'Lamp',
        category: 'light',
        thingModel: lightModel,
        capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json().productKey).toMatch(/^a1[A-Za-z0-9]{9}$/);
    expect(created.json().capabilities).toMatchObject({ power: 'LightSwitch', brightness: 'Brightness' });
  });

  it('names the path of the first thing-model error, and refuses unknown categories and bad mappings', async () => {
    const bad = structuredClone(lightModel);
    (bad.properties[1] as unknown as { dataType: { specs: Record<string, string> } }).dataType.specs.max =
      'lots';
    const response = await t.request('POST', '/api/v1/products', {
      body: { name: 'X', category: 'light', thingModel: bad },
    });
    expect(response.status).toBe(400);
    expect(response.json().field).toMatch(/^thingModel\/properties\/1\/dataType\/specs/);
    const reserved = structuredClone(lightModel);
    reserved.properties[0]!.identifier = 'value';
    expect(
      (
        await t.request('POST', '/api/v1/products', {
          body: { name: 'X', category: 'light', thingModel: reserved },
        })
      ).json().field,
    ).toMatch(/^thingModel\/properties\/0/);
    expect(
      (
        await t.request('POST', '/api/v1/products', {
          body: { name: 'X', category: 'toaster', thingModel: lightModel },
        })
      ).json().field,
    ).toBe('category');
    const mapping = await t.request('POST', '/api/v1/products', {
      body: { name: 'X', category: 'light', thingModel: lightModel, capabilities: { power: 'Missing' } },
    });
    expect(mapping.json().field).toBe('capabilities/power');
  });

  it('creates a device with a secret shown once, lists it with filters, rotates the secret', async () => {
    const { device, home } = await createLight(t, 'lamp-api-1');
    expect(device.deviceSecret).toMatch(/^[0-9a-f]{48}$/);
    const fetched = (await t.request('GET', `/api/v1/devices/${device.id}`)).json();
    expect(fetched).toMatchObject({ id: device.id, online: false, category: 'light', properties: {} });
    expect(JSON.stringify(fetched)).not.toContain(device.deviceSecret);
    expect((await t.request('GET', `/api/v1/devices?homeId=${home.id}&category=light`)).json()).toHaveLength(
      1,
    );
    expect((await t.request('GET', `/api/v1/devices?homeId=${home.id}&category=vacuum`)).json()).toHaveLength(
      0,
    );
    expect((await t.request('GET', `/api/v1/devices?homeId=${home.id}&online=true`)).json()).toHaveLength(0);
    const rotated = (await t.request('POST', `/api/v1/devices/${device.id}/secret`)).json();
    expect(rotated.deviceSecret).not.toBe(device.deviceSecret);
    const dup = await t.request('POST', '/api/v1/devices', {
      body: { productKey: device.productKey, homeId: home.id, name: 'Again', deviceName: 'lamp-api-1' },
    });
    expect(dup.status).toBe(409);
  });

  it('refuses an area of another home', async () => {
    const a = await createLight(t);
    const other = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'fr' } })
    ).json();
    const area = (
      await t.request('POST', `/api/v1/homes/${other.id}/areas`, { body: { name: 'Salon' } })
    ).json();
    const moved = await t.request('PATCH', `/api/v1/devices/${a.device.id}`, { body: { areaId: area.id } });
    expect(moved.status).toBe(400);
    expect(moved.json().field).toBe('areaId');
  });

  it('scopes devices to households', async () => {
    const mine = await createLight(t);
    const theirs = await createLight(t);
    const token = (
      await t.request('POST', '/api/v1/tokens', {
        body: { name: 'h', role: 'household', homeId: mine.home.id },
      })
    ).json().token;
    expect((await t.request('GET', `/api/v1/devices/${mine.device.id}`, { token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/devices/${theirs.device.id}`, { token })).status).toBe(403);
    expect(
      (
        await t.request('POST', `/api/v1/devices/${theirs.device.id}/capabilities`, {
          token,
          body: { power: true },
        })
      ).status,
    ).toBe(403);
    const listed = (await t.request('GET', '/api/v1/devices', { token })).json();
    expect(listed.map((d: { id: string }) => d.id)).toEqual([mine.device.id]);
    expect((await t.request('GET', `/api/v1/devices?homeId=${theirs.home.id}`, { token })).status).toBe(403);
    expect(
      (
        await t.request('POST', '/api/v1/devices', {
          token,
          body: { productKey: theirs.device.productKey, homeId: theirs.home.id, name: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('pairs with a one-time code, also as a QR image', async () => {
    const { device } = await createLight(t);
    const { code } = (await t.request('POST', `/api/v1/devices/${device.id}/pairing`)).json();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const claimed = await t.request('POST', '/api/v1/pairing/claim', {
      token: null,
      body: { code: code.toLowerCase() },
    });
    expect(claimed.status).toBe(200);
    expect(claimed.json()).toMatchObject({ id: device.id, deviceName: device.deviceName });
    expect(claimed.json().deviceSecret).toMatch(/^[0-9a-f]{48}$/);
    expect((await t.request('POST', '/api/v1/pairing/claim', { token: null, body: { code } })).status).toBe(
      404,
    );

    const png = await t.request('GET', `/api/v1/devices/${device.id}/pairing.png`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['x-pairing-code']).toMatch(/^[A-Z2-9]{8}$/);
    expect(png.body.slice(1, 4)).toBe('PNG');
  });
});
