import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lightModel } from './device-fixtures.js';
import { backends, startTestHub, type TestHub } from './harness.js';

// A brand tries its own product end to end with its developer token alone: no operator in the loop.
describe.each(backends)('a developer token on %s', (backend) => {
  let t: TestHub;
  let dev: string;
  let otherDev: string;
  let household: string;
  let operatorHome: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    const token = async (body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/tokens', { body })).json().token as string;
    dev = await token({ name: 'acme', role: 'developer' });
    otherDev = await token({ name: 'rival', role: 'developer' });
    operatorHome = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Real', language: 'en' } })
    ).json().id;
    household = await token({ name: 'family', role: 'household', homeId: operatorHome });
  });
  afterAll(async () => t?.close());

  const as = (token: string) => ({
    get: (url: string) => t.request('GET', url, { token }),
    post: (url: string, body?: unknown) => t.request('POST', url, { token, ...(body ? { body } : {}) }),
    put: (url: string) => t.request('PUT', url, { token }),
    del: (url: string) => t.request('DELETE', url, { token }),
  });

  it('creates a test home, areas and devices of its own product, simulates and talks to them', async () => {
    const me = (await as(dev).get('/api/v1/me')).json();
    expect(me.role).toBe('developer');
    expect(me.can).toEqual(expect.arrayContaining(['home.create', 'device.simulate', 'conversation.turn']));
    expect(me.can).not.toContain('token.create');

    const home = await as(dev).post('/api/v1/homes', { name: 'Acme lab', language: 'en' });
    expect(home.status).toBe(201);
    const homeId = home.json().id as string;
    const area = await as(dev).post(`/api/v1/homes/${homeId}/areas`, { name: 'Bench' });
    expect(area.status).toBe(201);
    const product = (
      await as(dev).post('/api/v1/products', { name: 'Acme lamp', category: 'light', thingModel: lightModel })
    ).json();
    const device = await as(dev).post('/api/v1/devices', {
      productKey: product.productKey,
      homeId,
      areaId: area.json().id,
      name: 'Test lamp',
    });
    expect(device.status).toBe(201);
    const deviceId = device.json().id as string;
    expect((await as(dev).get('/api/v1/homes')).json().map((h: { id: string }) => h.id)).toEqual([homeId]);
    expect((await as(dev).get('/api/v1/devices')).json().map((d: { id: string }) => d.id)).toEqual([
      deviceId,
    ]);

    expect((await as(dev).put(`/api/v1/devices/${deviceId}/simulator`)).json()).toEqual({ running: true });
    for (let i = 0; i < 100 && !(await as(dev).get(`/api/v1/devices/${deviceId}`)).json().online; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await as(dev).get(`/api/v1/devices/${deviceId}`)).json().online).toBe(true);
    const turn = await as(dev).post('/api/v1/conversation', { text: 'turn on the test lamp', homeId });
    expect(turn.status).toBe(200);
    expect(turn.json().intent?.name).toBe('device.turn_on');
    expect((await as(dev).del(`/api/v1/devices/${deviceId}/simulator`)).status).toBe(204);

    // Nobody else's developer, and no household, sees the test home; operators do.
    expect((await as(otherDev).get(`/api/v1/homes/${homeId}`)).status).toBe(403);
    expect((await as(otherDev).get('/api/v1/homes')).json()).toEqual([]);
    expect((await as(otherDev).get(`/api/v1/devices/${deviceId}`)).status).toBe(403);
    expect((await as(household).get(`/api/v1/homes/${homeId}`)).status).toBe(403);
    expect((await t.request('GET', `/api/v1/homes/${homeId}`)).status).toBe(200);
  });

  it("never reaches other homes, nor puts another developer's product in its test home", async () => {
    const homeId = (await as(dev).post('/api/v1/homes', { name: 'Acme lab 2', language: 'en' })).json().id;
    const rivalProduct = (
      await as(otherDev).post('/api/v1/products', {
        name: 'Rival lamp',
        category: 'light',
        thingModel: lightModel,
      })
    ).json();
    const ownProduct = (
      await as(dev).post('/api/v1/products', {
        name: 'Acme lamp 2',
        category: 'light',
        thingModel: lightModel,
      })
    ).json();
    expect(
      (await as(dev).post('/api/v1/devices', { productKey: rivalProduct.productKey, homeId, name: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (
        await as(dev).post('/api/v1/devices', {
          productKey: ownProduct.productKey,
          homeId: operatorHome,
          name: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await as(dev).get(`/api/v1/homes/${operatorHome}`)).status).toBe(403);
    expect((await as(dev).get(`/api/v1/devices?homeId=${operatorHome}`)).status).toBe(403);
    expect((await as(dev).post('/api/v1/conversation', { text: 'hello', homeId: operatorHome })).status).toBe(
      403,
    );
    expect((await as(dev).get(`/api/v1/products/${rivalProduct.productKey}`)).status).toBe(403);
    expect((await as(dev).del(`/api/v1/homes/${operatorHome}`)).status).toBe(403);
    expect((await as(otherDev).del(`/api/v1/homes/${homeId}`)).status).toBe(403);
    expect((await as(dev).del(`/api/v1/homes/${homeId}`)).status).toBe(204);
  });
});
