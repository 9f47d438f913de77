import { connect, type Device, DeviceError } from '@genio/device-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLight } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// The SDK against the real hub and its built-in broker.
let t: TestHub;
let light: Awaited<ReturnType<typeof createLight>>;
const open: Device[] = [];

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1000 });
  light = await createLight(t, 'sdk-lamp');
});
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});
afterAll(async () => t?.close());

async function connectLight(extra: { bufferLimit?: number; deviceSecret?: string } = {}) {
  const device = await connect<{ LightSwitch: number; Brightness: number }>({
    host: '127.0.0.1',
    port: t.hub.ports.mqtt,
    productKey: light.device.productKey,
    deviceName: light.device.deviceName,
    deviceSecret: extra.deviceSecret ?? light.device.deviceSecret,
    reconnect: { minMs: 20, maxMs: 200 },
    requestTimeoutMs: 2000,
    connectTimeoutMs: 3000,
    ...(extra.bufferLimit ? { bufferLimit: extra.bufferLimit } : {}),
  });
  open.push(device);
  return device;
}

const state = async () => (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json();

/** Drop the device's connection from the broker side, as a network failure would. */
function kick() {
  const clients = (t.hub.broker.aedes as unknown as { clients: Record<string, { close(): void }> }).clients;
  for (const [id, client] of Object.entries(clients))
    if (id.startsWith(`${light.device.productKey}.`)) client.close();
}

describe('device SDK against the hub', () => {
  it('refuses to connect with a wrong secret', async () => {
    await expect(connectLight({ deviceSecret: 'nope' })).rejects.toMatchObject({ code: 'not_authorized' });
  });

  it('reports properties and learns the Alink error code of a bad value', async () => {
    const device = await connectLight();
    await expect(device.report({ LightSwitch: 1, Brightness: 64 })).resolves.toEqual({});
    expect((await state()).properties).toMatchObject({ LightSwitch: 1, Brightness: 64 });
    const error = await device.report({ Brightness: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe(5093);
  });

  it('answers property sets and service calls from the API', async () => {
    const device = await connectLight();
    const seen: unknown[] = [];
    device.onSet((values) => {
      seen.push(values);
    });
    device.onService('blink', (params) => ({ done: Number(params.times) > 0 ? 1 : 0 }));
    const set = await t.request('POST', `/api/v1/devices/${light.device.id}/capabilities`, {
      body: { brightness: 25 },
    });
    expect(set.status).toBe(200);
    expect(seen).toEqual([{ Brightness: 25 }]);
    const call = await t.request('POST', `/api/v1/devices/${light.device.id}/services/blink`, {
      body: { params: { times: 2 } },
    });
    expect(call.json()).toMatchObject({ status: 'replied', reply: { code: 200, data: { done: 1 } } });
  });

  it('raises events the hub accepts and refuses unknown ones', async () => {
    const device = await connectLight();
    await expect(device.emit('overheat', { temperature: 70.5 })).resolves.toEqual({});
    await expect(device.emit('melted', {})).rejects.toMatchObject({ code: 5094 });
  });

  it('buffers reports while disconnected and sends them in order after reconnecting', async () => {
    const device = await connectLight();
    const buffered: Array<Promise<unknown>> = [];
    device.on('disconnect', () => {
      if (buffered.length) return;
      buffered.push(device.report({ Brightness: 11 }), device.report({ Brightness: 12 }));
    });
    const reconnected = new Promise<void>((resolve) => device.on('connect', resolve));
    kick();
    await reconnected;
    await expect(Promise.all(buffered)).resolves.toHaveLength(2);
    expect((await state()).properties.Brightness).toBe(12);
  });

  it('drops the oldest buffered report beyond the limit', async () => {
    const device = await connectLight({ bufferLimit: 2 });
    const dropped: string[] = [];
    device.on('dropped', (method) => dropped.push(method));
    const results: Array<Promise<unknown>> = [];
    device.on('disconnect', () => {
      if (results.length) return;
      for (const b of [1, 2, 3]) results.push(device.report({ Brightness: b }).catch((e: unknown) => e));
    });
    const reconnected = new Promise<void>((resolve) => device.on('connect', resolve));
    kick();
    await reconnected;
    const [first, second, third] = await Promise.all(results);
    expect(first).toMatchObject({ code: 'dropped' });
    expect(second).toEqual({});
    expect(third).toEqual({});
    expect(dropped).toEqual(['thing.event.property.post']);
  });

  it('receives desired state queued while it was away, and can ask for it', async () => {
    const queued = await t.request('POST', `/api/v1/devices/${light.device.id}/properties?queue=true`, {
      body: { Brightness: 33 },
    });
    expect(queued.status).toBe(202);
    // Refuse the delivered set once, so the desired value stays for getDesired.
    let refusals = 1;
    const received: unknown[] = [];
    const device = await connectLight();
    device.onSet((values) => {
      received.push(values);
      if (refusals-- > 0) throw new DeviceError(5093, 'not now');
    });
    await expect.poll(() => received).toEqual([{ Brightness: 33 }]);
    const desired = await device.getDesired(['Brightness']);
    expect(desired).toEqual({ Brightness: { value: 33 } });
  });
});
