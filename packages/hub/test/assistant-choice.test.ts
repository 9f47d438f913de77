import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, lightModel } from './device-fixtures.js';
import { backends, startTestHub, type TestHub } from './harness.js';

// Tapping an item of "Which one?" picks that device by id: two lights of the same name, one without
// an area, used to be told apart by the tapped title, which matched the other one.

interface Light {
  id: string;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

/** A light that applies every property set, answers it and reports the new values, as firmware does. */
async function obedientLight(port: number, light: Light): Promise<{ client: MqttClient; sets: number }> {
  const prefix = `/sys/${light.productKey}/${light.deviceName}/thing`;
  const client = await connectRaw(
    port,
    alinkCredentials(light.productKey, light.deviceName, light.deviceSecret),
  );
  const state = { client, sets: 0 };
  client.on('message', (topic, payload) => {
    if (topic !== `${prefix}/service/property/set`) return;
    state.sets++;
    const { id, params } = JSON.parse(payload.toString()) as { id: string; params: object };
    client.publish(`${prefix}/service/property/set_reply`, JSON.stringify({ id, code: 200, data: {} }));
    client.publish(
      `${prefix}/event/property/post`,
      JSON.stringify({ id: `${id}-r`, version: '1.0', params, method: 'thing.event.property.post' }),
    );
  });
  await client.subscribeAsync(`${prefix}/service/property/set`, { qos: 1 });
  return state;
}

describe.each(backends)('choosing in "Which one?" by id on %s', (backend) => {
  let t: TestHub;
  let homeId: string;
  let kitchen: Light;
  let unplaced: Light;
  const devices: Array<Awaited<ReturnType<typeof obedientLight>>> = [];

  beforeAll(async () => {
    t = await startTestHub(backend);
    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'en' } })).json().id;
    const areaId = (
      await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name: 'Kitchen' } })
    ).json().id;
    const { productKey } = (
      await t.request('POST', '/api/v1/products', {
        body: {
          name: 'Lamp',
          category: 'light',
          thingModel: lightModel,
          capabilities: { power: 'LightSwitch' },
        },
      })
    ).json();
    const create = async (extra: object) =>
      (
        await t.request('POST', '/api/v1/devices', {
          body: { productKey, homeId, name: 'Ceiling light', ...extra },
        })
      ).json() as Light;
    kitchen = await create({ areaId });
    unplaced = await create({});
    for (const light of [kitchen, unplaced]) devices.push(await obedientLight(t.hub.ports.mqtt, light));
  });
  afterAll(async () => {
    for (const device of devices) device.client.end(true);
    await t?.close();
  });

  const turn = (body: Record<string, unknown>) =>
    t.request('POST', '/api/v1/conversation', { body: { homeId, ...body } });
  const lightSwitch = async (light: Light) =>
    (await t.request('GET', `/api/v1/devices/${light.id}`)).json().properties.LightSwitch;

  it('switches the device whose item was tapped, not the other one of the same name', async () => {
    const question = (await turn({ text: 'turn on the ceiling light' })).json();
    expect(question.continueConversation).toBe(true);
    expect(question.card.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [kitchen.id, unplaced.id].sort(),
    );
    const tapped = question.card.items.find((item: { id: string }) => item.id === unplaced.id);
    const answer = await turn({
      text: tapped.title,
      conversationId: question.conversationId,
      choice: tapped.id,
    });
    expect(answer.status, answer.body).toBe(200);
    expect(answer.json().intent.name).toBe('device.turn_on');
    await expect.poll(() => lightSwitch(unplaced), { timeout: 3000 }).toBe(1);
    expect(await lightSwitch(kitchen)).not.toBe(1);
    expect(devices[0]?.sets).toBe(0);
  });

  it('refuses a choice the open question did not offer, or with no question open', async () => {
    const stranger = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
    ).json();
    const question = (await turn({ text: 'turn off the ceiling light' })).json();
    const wrong = await turn({
      text: 'that one',
      conversationId: question.conversationId,
      choice: stranger.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'validation_failed' });
    expect(wrong.body).toContain('choice');
    const unasked = await turn({ text: 'Ceiling light', choice: kitchen.id });
    expect(unasked.status).toBe(400);
    expect(devices[0]?.sets).toBe(0);
  });
});
