import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectOptions, connect, type Device, DeviceError } from '../src/index.js';
import { startBroker, type TestBroker } from './broker.js';

const PK = 'a1Lamp';
const DN = 'lamp-1';
const SECRET = 'lamp-secret';
const T = `/sys/${PK}/${DN}/thing`;
type Lamp = { LightSwitch: number; Brightness: number };

let broker: TestBroker;
const open: Device<Lamp>[] = [];

beforeAll(async () => {
  broker = await startBroker({ [`${PK}/${DN}`]: SECRET });
});
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
  broker.received.length = 0;
  broker.answer = () => ({ code: 200, data: {} });
  broker.swallow = () => false;
});
afterAll(async () => broker?.close());

async function lamp(extra: Partial<ConnectOptions> = {}): Promise<Device<Lamp>> {
  const device = await connect<Lamp>({
    host: '127.0.0.1',
    port: broker.port,
    productKey: PK,
    deviceName: DN,
    deviceSecret: SECRET,
    reconnect: { minMs: 20, maxMs: 100 },
    requestTimeoutMs: 2000,
    connectTimeoutMs: 3000,
    ...extra,
  });
  open.push(device);
  return device;
}

const nextConnect = (device: Device<Lamp>) => new Promise<void>((resolve) => device.on('connect', resolve));

describe('connect', () => {
  it('connects with the right secret, with each sign method, and subscribes only to its own topics', async () => {
    for (const signMethod of ['hmacsha256', 'hmacsha1', 'hmacmd5'] as const) {
      const device = await lamp({ signMethod });
      expect(device.connected).toBe(true);
      await device.close();
      expect(device.connected).toBe(false);
    }
    const mine = broker.subscriptions.filter((s) => s.device === `${PK}/${DN}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.granted && s.topic.startsWith(`${T}/`))).toBe(true);
  });

  it('rejects a wrong secret at once with not_authorized, without retrying', async () => {
    broker.connects.length = 0;
    const started = Date.now();
    const error = await lamp({ deviceSecret: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ code: 'not_authorized' });
    expect((error as Error).message).toMatch(/deviceSecret/);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(broker.connects).toEqual([{ username: `${DN}&${PK}`, ok: false }]);
  });

  it('connects over websocket (protocol ws) with the same signed login, reports and answers sets', async () => {
    broker.connects.length = 0;
    const device = await lamp({ protocol: 'ws', port: broker.wsPort });
    expect(device.connected).toBe(true);
    expect(broker.connects).toEqual([{ username: `${DN}&${PK}`, ok: true }]);
    await expect(device.report({ Brightness: 30 })).resolves.toEqual({});
    expect(broker.received.at(-1)?.topic).toBe(`${T}/event/property/post`);
    let applied: Partial<Lamp> | undefined;
    device.onSet((values) => {
      applied = values;
    });
    const reply = await broker.call(`${T}/service/property/set`, {
      id: '7',
      version: '1.0',
      params: { LightSwitch: 0 },
      method: 'thing.service.property.set',
    });
    expect(reply).toMatchObject({ id: '7', code: 200 });
    expect(applied).toEqual({ LightSwitch: 0 });
    const refused = await lamp({ protocol: 'ws', port: broker.wsPort, deviceSecret: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'not_authorized' });
  });

  it('gives up with unreachable when nothing listens', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(lamp({ port, connectTimeoutMs: 300 })).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('requests to the hub', () => {
  it('reports properties and resolves with the reply data', async () => {
    const device = await lamp();
    broker.answer = () => ({ code: 200, data: { accepted: 2 } });
    await expect(device.report({ LightSwitch: 1, Brightness: 40 })).resolves.toEqual({ accepted: 2 });
    const [sent] = broker.received;
    expect(sent?.topic).toBe(`${T}/event/property/post`);
    expect(sent?.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      version: '1.0',
      sys: { ack: 1 },
      params: { LightSwitch: 1, Brightness: 40 },
      method: 'thing.event.property.post',
    });
  });

  it('uses incrementing digit ids', async () => {
    const device = await lamp();
    await device.report({ Brightness: 1 });
    await device.report({ Brightness: 2 });
    const [a, b] = broker.received.map((r) => Number(r.body.id));
    expect(b).toBe((a! + 1) % 4294967295);
  });

  it('rejects with the Alink code and message of an error reply', async () => {
    const device = await lamp();
    broker.answer = ({ body }) =>
      body.params.Brightness > 100 ? { code: 5093, message: 'Brightness out of range' } : { code: 200 };
    const error = await device.report({ Brightness: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ code: 5093, message: 'Brightness out of range' });
  });

  it('times out when the hub does not answer', async () => {
    const device = await lamp({ requestTimeoutMs: 150 });
    broker.answer = () => null;
    await expect(device.report({ Brightness: 1 })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('emits events as { value, time }', async () => {
    const device = await lamp();
    const before = Date.now();
    await expect(device.emit('overheat', { temperature: 81 })).resolves.toEqual({});
    const [sent] = broker.received;
    expect(sent?.topic).toBe(`${T}/event/overheat/post`);
    expect(sent?.body).toMatchObject({
      method: 'thing.event.overheat.post',
      version: '1.0',
      params: { value: { temperature: 81 } },
    });
    expect(sent?.body.params.time).toBeGreaterThanOrEqual(before);
  });

  it('asks for desired values', async () => {
    const device = await lamp();
    broker.answer = () => ({ code: 200, data: { Brightness: { value: 33, version: 2 } } });
    await expect(device.getDesired(['Brightness'])).resolves.toEqual({
      Brightness: { value: 33, version: 2 },
    });
    expect(broker.received[0]).toMatchObject({
      topic: `${T}/property/desired/get`,
      body: { method: 'thing.property.desired.get', params: ['Brightness'] },
    });
  });
});

describe('requests from the hub', () => {
  const set = (id: string, params: Record<string, unknown>, ack = 1) =>
    broker.call(
      `${T}/service/property/set`,
      { id, version: '1.0', sys: { ack }, params, method: 'thing.service.property.set' },
      ack ? 2000 : 300,
    );

  it('answers property sets: 200, the DeviceError code, or 400', async () => {
    const device = await lamp();
    const seen: unknown[] = [];
    device.onSet(async (values) => {
      seen.push(values);
      if (values.Brightness === 99) throw new DeviceError(5093, 'too bright for this lamp');
      if (values.Brightness === 98) throw new Error('driver failed');
    });
    expect(await set('101', { Brightness: 25 })).toMatchObject({ id: '101', code: 200, version: '1.0' });
    expect(await set('102', { Brightness: 99 })).toMatchObject({
      id: '102',
      code: 5093,
      message: 'too bright for this lamp',
    });
    expect(await set('103', { Brightness: 98 })).toMatchObject({
      id: '103',
      code: 400,
      message: 'driver failed',
    });
    expect(seen).toEqual([{ Brightness: 25 }, { Brightness: 99 }, { Brightness: 98 }]);
    expect(await set('104', { Brightness: 1 }, 0)).toBeNull();
    expect(seen).toHaveLength(4);
  });

  it('answers service calls with the handler result, and 5094 for unknown services', async () => {
    const device = await lamp();
    device.onService('blink', async (params) => ({ done: Number(params.times) > 0 ? 1 : 0 }));
    const blink = await broker.call(`${T}/service/blink`, {
      id: '200',
      version: '1.0',
      params: { times: 3 },
      method: 'thing.service.blink',
    });
    expect(blink).toMatchObject({ id: '200', code: 200, data: { done: 1 }, method: 'thing.service.blink' });
    const unknown = await broker.call(`${T}/service/dance`, {
      id: '201',
      params: {},
      method: 'thing.service.dance',
    });
    expect(unknown).toMatchObject({ id: '201', code: 5094 });
  });
});

describe('connection loss', () => {
  it('reconnects after the broker drops it and flushes buffered reports in order', async () => {
    const device = await lamp();
    const seen: string[] = [];
    for (const e of ['connect', 'disconnect', 'reconnect'] as const) device.on(e, () => seen.push(e));
    const buffered: Array<Promise<unknown>> = [];
    device.on('disconnect', () => {
      expect(device.connected).toBe(false);
      if (!buffered.length) for (const b of [11, 12, 13]) buffered.push(device.report({ Brightness: b }));
    });
    const reconnected = nextConnect(device);
    broker.kick(PK, DN);
    await reconnected;
    expect(device.connected).toBe(true);
    await expect(Promise.all(buffered)).resolves.toEqual([{}, {}, {}]);
    expect(broker.received.map((r) => r.body.params.Brightness)).toEqual([11, 12, 13]);
    expect(seen.slice(0, 3)).toEqual(['disconnect', 'reconnect', 'connect']);
    // Still subscribed after reconnecting: downlinks arrive.
    device.onSet(() => {});
    expect(
      await broker.call(`${T}/service/property/set`, { id: '300', params: { Brightness: 5 } }),
    ).toMatchObject({ code: 200 });
  });

  it('sends again a request the broker never acknowledged before the connection dropped', async () => {
    const device = await lamp();
    let lost = 0;
    broker.swallow = (_topic, payload) => payload.includes('"Brightness":50') && lost++ === 0;
    const report = device.report({ Brightness: 50 });
    await expect.poll(() => lost).toBe(1);
    const reconnected = nextConnect(device);
    broker.kick(PK, DN);
    await reconnected;
    await expect(report).resolves.toEqual({});
    expect(broker.received.map((r) => r.body.params.Brightness)).toEqual([50]);
  });

  it('keeps retrying with backoff while the hub is away', async () => {
    const device = await lamp({ reconnect: { minMs: 10, maxMs: 40 } });
    const delays: number[] = [];
    device.on('reconnect', (_attempt, delay) => delays.push(delay));
    const reconnected = nextConnect(device);
    broker.kick(PK, DN);
    await reconnected;
    expect(delays.length).toBeGreaterThan(0);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(10);
    for (const d of delays) expect(d).toBeLessThanOrEqual(40);
  });

  it('drops the oldest buffered request beyond bufferLimit', async () => {
    const device = await lamp({ bufferLimit: 2 });
    const dropped: string[] = [];
    const errors: unknown[] = [];
    device.on('dropped', (method) => dropped.push(method));
    device.on('error', (e) => errors.push(e));
    const results: Array<Promise<unknown>> = [];
    device.on('disconnect', () => {
      if (!results.length)
        for (const b of [1, 2, 3]) results.push(device.report({ Brightness: b }).catch((e: unknown) => e));
    });
    const reconnected = nextConnect(device);
    broker.kick(PK, DN);
    await reconnected;
    const [first, second, third] = await Promise.all(results);
    expect(first).toBeInstanceOf(DeviceError);
    expect(first).toMatchObject({ code: 'dropped' });
    expect([second, third]).toEqual([{}, {}]);
    expect(dropped).toEqual(['thing.event.property.post']);
    expect(errors).toEqual([expect.objectContaining({ code: 'dropped' })]);
    expect(broker.received.map((r) => r.body.params.Brightness)).toEqual([2, 3]);
  });

  it('rejects what is still waiting when closed', async () => {
    const device = await lamp({ requestTimeoutMs: 5000 });
    broker.answer = () => null;
    const pending = device.report({ Brightness: 7 }).catch((e: unknown) => e);
    await expect.poll(() => broker.received.length).toBe(1);
    await device.close();
    expect(await pending).toMatchObject({ code: 'closed' });
    await expect(device.report({ Brightness: 8 })).rejects.toMatchObject({ code: 'closed' });
  });
});
