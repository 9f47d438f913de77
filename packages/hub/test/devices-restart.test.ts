import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, createLight, inbox, subscribe } from './device-fixtures.js';
import { backends, startTestHub, type TestHub } from './harness.js';

describe.each(backends)('device state across a hub restart on %s', (backend) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(backend);
  });
  afterAll(async () => t?.close());

  it('keeps products, devices, reported state, history and desired values; devices reconnect with the same secret', async () => {
    const { device, product } = await createLight(t, 'lamp-restart');
    const prefix = `/sys/${device.productKey}/${device.deviceName}/thing`;
    const client = await connectRaw(
      t.hub.ports.mqtt,
      alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
    );
    const box = inbox(client);
    await subscribe(client, `${prefix}/event/property/post_reply`);
    client.publish(
      `${prefix}/event/property/post`,
      JSON.stringify({
        id: '1',
        params: { LightSwitch: 1, Brightness: 77 },
        method: 'thing.event.property.post',
      }),
    );
    expect((await box.next((m) => m.body?.id === '1')).body.code).toBe(200);
    client.end(true);
    await expect
      .poll(async () => (await t.request('GET', `/api/v1/devices/${device.id}`)).json().online)
      .toBe(false);
    expect(
      (
        await t.request('POST', `/api/v1/devices/${device.id}/properties?queue=true`, {
          body: { Brightness: 20 },
        })
      ).status,
    ).toBe(202);

    await t.restart();

    const after = (await t.request('GET', `/api/v1/devices/${device.id}`)).json();
    expect(after).toMatchObject({ online: false, properties: { LightSwitch: 1, Brightness: 77 } });
    expect(
      (await t.request('GET', `/api/v1/products/${product.productKey}`)).json().capabilities,
    ).toMatchObject({ power: 'LightSwitch' });
    expect(
      (await t.request('GET', `/api/v1/devices/${device.id}/history/Brightness`))
        .json()
        .map((p: { value: number }) => p.value),
    ).toContain(77);

    const again = await connectRaw(
      t.hub.ports.mqtt,
      alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
    );
    const box2 = inbox(again);
    await subscribe(again, `${prefix}/service/property/set`);
    const set = await box2.next((m) => m.topic === `${prefix}/service/property/set`);
    expect(set.body.params).toEqual({ Brightness: 20 });
    again.end(true);
  });
});
