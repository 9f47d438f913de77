import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLight } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// Alibaba's own Node.js device SDK (alibabacloud-iot-device-sdk), unchanged, pointed at Genio:
// firmware written for that cloud must work with only a new host name.
interface AlinkReplyBody {
  id: string;
  code: number;
  data?: unknown;
}
interface AliDevice {
  on(event: 'connect' | 'error', listener: (arg?: unknown) => void): void;
  postProps(params: Record<string, unknown>, cb: (res: AlinkReplyBody) => void): void;
  postEvent(event: string, params: Record<string, unknown>, cb: (res: AlinkReplyBody) => void): void;
  onProps(cb: (cmd: { id: string; params: Record<string, unknown> }) => void): void;
  onService(
    name: string,
    cb: (req: { id: string; params: Record<string, unknown> }, reply: (body: object) => void) => void,
  ): void;
  end(force?: boolean): void;
}
const iot = createRequire(import.meta.url)('alibabacloud-iot-device-sdk') as {
  device(config: Record<string, unknown>): AliDevice;
};

let t: TestHub;
let light: Awaited<ReturnType<typeof createLight>>;
let device: AliDevice;

const post = (params: Record<string, unknown>) =>
  new Promise<AlinkReplyBody>((resolve) => device.postProps(params, resolve));

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 2000 });
  light = await createLight(t, 'ali-lamp');
  device = iot.device({
    productKey: light.device.productKey,
    deviceName: light.device.deviceName,
    deviceSecret: light.device.deviceSecret,
    brokerUrl: `mqtt://127.0.0.1:${t.hub.ports.mqtt}`,
  });
  await new Promise<void>((resolve, reject) => {
    device.on('connect', () => resolve());
    device.on('error', (e) => reject(e));
  });
});
afterAll(async () => {
  device?.end(true);
  await t?.close();
});

describe("Alibaba's device SDK against Genio", () => {
  it('connects with its own signing and reports properties; the hub echoes its ids', async () => {
    const reply = await post({ LightSwitch: 1, Brightness: 55 });
    expect(reply.code).toBe(200);
    expect(reply.id).toContain('|exp-topic|');
    expect((await t.request('GET', `/api/v1/devices/${light.device.id}`)).json()).toMatchObject({
      online: true,
      properties: { LightSwitch: 1, Brightness: 55 },
    });
    expect((await post({ Brightness: 400 })).code).toBe(5093);
    expect((await post({ Colour: 1 })).code).toBe(5092);
  });

  it('raises events in its own (unwrapped) form', async () => {
    const seen: unknown[] = [];
    t.hub.bus.on('test', 'device.event', (e) => {
      seen.push(e.params);
    });
    const reply = await new Promise<AlinkReplyBody>((resolve) =>
      device.postEvent('overheat', { temperature: 81.5 }, resolve),
    );
    expect(reply.code).toBe(200);
    expect(seen).toContainEqual({ temperature: 81.5 });
  });

  it('takes property sets the way its examples do: apply, then post the new values', async () => {
    device.onProps((cmd) => {
      device.postProps(cmd.params, () => {});
    });
    const response = await t.request('POST', `/api/v1/devices/${light.device.id}/properties`, {
      body: { Brightness: 20 },
    });
    expect(response.status).toBe(200);
    expect(response.json().reply.code).toBe(200);
    expect((await t.request('GET', `/api/v1/devices/${light.device.id}`)).json().properties.Brightness).toBe(
      20,
    );
  });

  it('answers service calls through its reply function', async () => {
    device.onService('blink', (req, reply) =>
      reply({ id: req.id, code: 200, data: { done: Number(req.params.times) > 0 ? 1 : 0 } }),
    );
    const response = await t.request('POST', `/api/v1/devices/${light.device.id}/services/blink`, {
      body: { params: { times: 3 } },
    });
    expect(response.json()).toMatchObject({ status: 'replied', reply: { code: 200, data: { done: 1 } } });
  });
});
