import { connect, type Device } from '@genio/device-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulators } from '../../../examples/devices/index.js';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

// Text in, a command at a real MQTT device out, and a true answer in the right language.
let t: TestHub;
let homeId: string;
const ids: Record<string, string> = {};
const received: Record<string, Array<Record<string, unknown>>> = {};
const open: Device[] = [];

async function addLight(name: string, areaId: string | null, online = true) {
  const product = (
    await t.request('POST', '/api/v1/products', {
      body: {
        name: 'Lamp',
        category: 'light',
        thingModel: lightModel,
        capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
      },
    })
  ).json();
  const device = (
    await t.request('POST', '/api/v1/devices', {
      body: { productKey: product.productKey, homeId, name, ...(areaId ? { areaId } : {}) },
    })
  ).json();
  ids[ids[name] ? `${name} 2` : name] = device.id;
  received[device.id] = [];
  if (!online) return;
  const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...device });
  sdk.onSet(async (values) => {
    received[device.id]?.push(values);
    await sdk.report(values);
  });
  open.push(sdk);
}

const say = async (text: string, extra: Record<string, unknown> = {}) => {
  const response = await t.request('POST', '/api/v1/conversation', { body: { text, homeId, ...extra } });
  expect(response.status, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  t = await startTestHub('sqlite', { commandTimeoutMs: 1500 });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'en' } })).json().id;
  const kitchen = (
    await t.request('POST', `/api/v1/homes/${homeId}/areas`, {
      body: { name: 'Kitchen', aliases: ['cucina', 'cuisine', '厨房'] },
    })
  ).json().id;
  const bedroom = (
    await t.request('POST', `/api/v1/homes/${homeId}/areas`, {
      body: { name: 'Bedroom', aliases: ['camera', 'chambre', '卧室'] },
    })
  ).json().id;
  await addLight('ceiling light', kitchen);
  await addLight('reading lamp', bedroom);
  await addLight('night lamp', kitchen);
  await addLight('night lamp', bedroom);
  await addLight('porch light', null, false);
});
afterAll(async () => {
  for (const d of open) await d.close();
  await t?.close();
});

describe('assistant turns end to end', () => {
  it('turns a named device off and says so', async () => {
    const turn = await say('turn off the ceiling light');
    expect(turn).toMatchObject({
      language: 'en',
      intent: { name: 'device.turn_off' },
      continueConversation: false,
    });
    expect(received[ids['ceiling light'] as string]).toContainEqual({ LightSwitch: 0 });
    expect(turn.speech.text).toBe('Turned off the ceiling light (Kitchen).');
  });

  it('detects Italian, French and Chinese and answers in them', async () => {
    const it = await say('accendi la luce in cucina');
    expect(it.language).toBe('it');
    expect(it.speech.text).toMatch(/^Ho acceso /);
    expect(received[ids['ceiling light'] as string]).toContainEqual({ LightSwitch: 1 });
    const fr = await say('règle la lampe de lecture à 30 %'.replace('lampe de lecture', 'reading lamp'));
    expect(fr.language).toBe('fr');
    expect(received[ids['reading lamp'] as string]).toContainEqual({ Brightness: 30 });
    const zh = await say('把卧室的灯关掉');
    expect(zh.language).toBe('zh');
    expect(zh.speech.text).toMatch(/^已关闭/);
    expect(received[ids['reading lamp'] as string]).toContainEqual({ LightSwitch: 0 });
  });

  it('asks which one when a name is ambiguous, and takes the short answer', async () => {
    // Both off: when only one would change, that one is switched without asking (assistant-what-is-meant).
    await say('turn off the night lamp in the kitchen');
    await say('turn off the night lamp in the bedroom');
    const kitchenBefore = [...(received[ids['night lamp'] as string] ?? [])];
    const first = await say('turn on the night lamp');
    expect(first.continueConversation).toBe(true);
    expect(first.speech.text).toBe('Which one: Kitchen or Bedroom?');
    const second = await say('the bedroom one', { conversationId: first.conversationId });
    expect(second.intent.name).toBe('device.turn_on');
    expect(second.speech.text).toBe('Turned on the night lamp (Bedroom).');
    expect(received[ids['night lamp'] as string]).toEqual(kitchenBefore);
    expect(received[ids['night lamp 2'] as string]?.at(-1)).toEqual({ LightSwitch: 1 });
  });

  it('tells the truth about an offline device and answers queries from the shadow', async () => {
    const offline = await say('turn on the porch light');
    expect(offline.speech.text).toBe('The porch light is offline.');
    await say('set the ceiling light to 40 percent');
    const state = await say('is the ceiling light on');
    expect(state.speech.text).toBe('The ceiling light (Kitchen) is on.');
  });

  it('never stays silent, and keeps households to their home', async () => {
    const unknown = await say('sing me a song about spaceships', { language: 'en' });
    expect(unknown.intent).toBeNull();
    expect(unknown.speech.text).toMatch(/didn't get that/);
    const other = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'fr' } })
    ).json().id;
    const token = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'h', role: 'household', homeId: other } })
    ).json().token;
    expect(
      (
        await t.request('POST', '/api/v1/conversation', {
          token,
          body: { text: 'turn on the night lamp', homeId },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('POST', '/api/v1/conversation', {
          token,
          body: { text: 'quelle heure est-il', homeId: other },
        })
      ).json().speech.text,
    ).toMatch(/^Il est /);
  });

  it('runs a timer, says how long is left, and announces the end in the language it was set in', async () => {
    const finished: Array<{ speech: string }> = [];
    t.hub.bus.on('test', 'timer.finished', (e) => {
      finished.push(e);
    });
    expect((await say('imposta un timer di un secondo')).speech.text).toBe('Timer impostato per 1 secondo.');
    expect((await say('how much time is left', { language: 'en' })).speech.text).toMatch(
      /^\d second(s)? left\.$/,
    );
    await expect.poll(() => finished.length, { timeout: 3000 }).toBe(1);
    expect(finished[0]?.speech).toBe('Tempo scaduto: il timer di 1 secondo è finito.');
    expect((await say('cancel the timer')).speech.text).toBe("There's no timer running.");
  });

  it('follows up on the previous request in the same conversation', async () => {
    const first = await say('turn off the lights in the kitchen');
    expect(first.speech.text).toMatch(/^Turned off /);
    const before = received[ids['reading lamp'] as string]?.length ?? 0;
    const next = await say('and the bedroom too', { conversationId: first.conversationId });
    expect(next.intent).toMatchObject({ name: 'device.turn_off' });
    expect(received[ids['reading lamp'] as string]?.length).toBeGreaterThan(before);
    expect(received[ids['reading lamp'] as string]?.at(-1)).toEqual({ LightSwitch: 0 });
    const italian = await say('accendi la luce in cucina');
    const again = await say('e anche in camera', { conversationId: italian.conversationId });
    expect(again.speech.text).toMatch(/^Ho acceso .*Bedroom/);
    expect((await say('and the bedroom too')).intent).toBeNull();
  });

  it('drives simulated appliances: a vacuum cleans an area and docks, an air conditioner changes mode', async () => {
    const run = async (kind: string, name: string) => {
      const sim = simulators[kind];
      if (!sim) throw new Error(kind);
      const product = (
        await t.request('POST', '/api/v1/products', {
          body: { name: sim.productName, category: sim.category, thingModel: sim.thingModel },
        })
      ).json();
      const device = (
        await t.request('POST', '/api/v1/devices', { body: { productKey: product.productKey, homeId, name } })
      ).json();
      const sdk = await connect({ host: '127.0.0.1', port: t.hub.ports.mqtt, ...device });
      open.push(sdk);
      const calls: unknown[] = [];
      sdk.onService('start', (params) => {
        calls.push(['start', params]);
        return {};
      });
      sdk.onService('dock', () => {
        calls.push(['dock']);
        return {};
      });
      sdk.onSet(async (values) => {
        calls.push(['set', values]);
        await sdk.report(values);
      });
      return { device, calls };
    };
    const robbie = await run('vacuum', 'Robbie');
    const breeze = await run('airConditioner', 'Breeze');
    expect((await say('vacuum the kitchen')).speech.text).toBe('Robbie started cleaning.');
    expect(robbie.calls).toContainEqual(['start', { area: 'Kitchen' }]);
    expect((await say('manda Robbie alla base')).speech.text).toBe('Robbie sta tornando alla base.');
    expect(robbie.calls).toContainEqual(['dock']);
    expect((await say('把Breeze调成制冷模式')).speech.text).toBe('Breeze已切换到制冷模式。');
    expect(breeze.calls).toContainEqual(['set', { mode: 1 }]);
    expect((await say('set the fan speed of Breeze to high')).speech.text).toBe(
      'The fan speed of Breeze is high.',
    );
    expect(breeze.calls).toContainEqual(['set', { fanSpeed: 3 }]);
    // Words meant for a light, said to an air conditioner: "on warm" is its heat mode.
    const warm = await say('metti Breeze sul caldo');
    expect(warm.speech.text, JSON.stringify(warm.intent)).toBe('Breeze è in modalità riscaldamento.');
    expect(breeze.calls).toContainEqual(['set', { mode: 2 }]);
  });

  it('switches a light that is "closed" or "opened" (Québec French) instead of refusing', async () => {
    const turn = await say('ferme la ceiling light');
    expect(turn.intent.name).toBe('device.set_position');
    expect(received[ids['ceiling light'] as string]).toContainEqual({ LightSwitch: 0 });
    expect(turn.speech.text).toContain('ceiling light');
  });

  // Switching on many devices of a place is asked first; "everything off" said outright is not (see assistant-what-is-meant).
  it('asks before switching on many devices of an area at once, and takes yes or no', async () => {
    const hall = (await t.request('POST', `/api/v1/homes/${homeId}/areas`, { body: { name: 'Hall' } })).json()
      .id;
    for (const n of [1, 2, 3, 4]) await addLight(`hall light ${n}`, hall, n === 1);
    const question = await say('turn on everything in the hall');
    expect(question.speech.text).toBe('That will turn on 4 devices in Hall. Shall I go ahead?');
    expect(question.continueConversation).toBe(true);
    expect((await say('no', { conversationId: question.conversationId })).speech.text).toBe('OK.');
    expect(received[ids['hall light 1'] as string]).toEqual([]);
    const again = await say('accendi tutto in hall', { language: 'it' });
    expect(again.speech.text).toBe('Così accendo 4 dispositivi in Hall. Procedo?');
    const done = await say('sì', { conversationId: again.conversationId, language: 'it' });
    expect(done.speech.text).toContain("Ho acceso l'hall light 1 (Hall).");
    expect(done.speech.text).toContain('hall light 2 (Hall) è offline.');
    expect(received[ids['hall light 1'] as string]).toEqual([{ LightSwitch: 1 }]);
  });
});
