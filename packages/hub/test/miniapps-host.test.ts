import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alinkCredentials, connectRaw, inbox, lightModel, subscribe } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';
import { devLog, installApp, manifest, pack, say, token, upload } from './miniapps-fixtures.js';

// The host API at work and under attack, every app installed through the real path (upload, review,
// install with grants): a real MQTT light, a real HTTP server for fetch, the commerce module for
// payments. Every refusal is a clear error in the developer's log while the hub keeps answering.
let t: TestHub;
let developer: string;
let household: string;
let homeId: string;
let light: { id: string; productKey: string; deviceName: string };
let lightClient: MqttClient;
let lightInbox: ReturnType<typeof inbox>;
let allowed: Server;
let offList: Server;
let allowedPort: number;
let offListHits = 0;
let merchantId: string;

const who = () => ({ developer, household, homeId });
const reason = (en: string) => ({ en });

/** A bundle whose launch runs `body` (with `host` and `event` in scope) and speaks what it returns. */
const launching = (body: string) => `
genio.register({
  async handle(event, host) {
    if (event.type !== 'launch') return { speech: 'event ' + event.type + ' ' + JSON.stringify(event.payment || event.slots || {}) };
    try {
      const said = await (async () => { ${body} })();
      return { speech: 'ok ' + JSON.stringify(said) };
    } catch (error) {
      return { speech: 'refused ' + error.message };
    }
  },
});`;

async function listen(handler: RequestListener): Promise<[Server, number]> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, (server.address() as AddressInfo).port];
}

beforeAll(async () => {
  t = await startTestHub('sqlite');
  developer = await token(t, { name: 'acme', role: 'developer' });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'en' } })).json().id;
  await t.request('PATCH', `/api/v1/homes/${homeId}`, {
    body: { location: { lat: 45.46427, lon: 9.18951 } },
  });
  household = await token(t, { name: 'anna', role: 'household', homeId });

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
      body: { productKey: product.productKey, homeId, name: 'Desk lamp' },
    })
  ).json();
  light = { id: device.id, productKey: device.productKey, deviceName: device.deviceName };
  lightClient = await connectRaw(
    t.hub.ports.mqtt,
    alinkCredentials(device.productKey, device.deviceName, device.deviceSecret),
  );
  lightInbox = inbox(lightClient);
  const prefix = `/sys/${device.productKey}/${device.deviceName}/thing`;
  await subscribe(lightClient, `${prefix}/service/property/set`);
  lightClient.on('message', (topic, payload) => {
    if (!topic.endsWith('/property/set')) return;
    const { id } = JSON.parse(payload.toString()) as { id: string };
    lightClient.publish(`${prefix}/service/property/set_reply`, JSON.stringify({ id, code: 200, data: {} }));
  });

  [allowed, allowedPort] = await listen((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ path: request.url, weather: 'sunny' }));
  });
  let offListPort: number;
  [offList, offListPort] = await listen((_request, response) => {
    offListHits++;
    response.end('secret');
  });
  process.env.GENIO_TEST_OFF_LIST_PORT = String(offListPort);

  const applied = await t.request('POST', '/api/v1/merchants/applications', {
    token: null,
    body: { name: { en: 'Kiki Chicken' }, currency: 'EUR', contact: { email: 'kiki@example.com' } },
  });
  merchantId = applied.json().merchant.id;
  const merchantToken = applied.json().token;
  await t.request('POST', `/api/v1/merchants/${merchantId}/stores`, {
    token: merchantToken,
    body: [{ ref: 'duomo', name: 'Duomo', lat: 45.4642, lon: 9.19, timezone: 'Europe/Rome' }],
  });
  await t.request('PUT', `/api/v1/merchants/${merchantId}/menu`, {
    token: merchantToken,
    body: { items: [{ ref: 'wings', name: { en: 'Wings' }, price: 450 }] },
  });
  await t.request('POST', `/api/v1/merchants/${merchantId}/approve`);
  await t.request('PUT', `/api/v1/homes/${homeId}/payment-settings`, {
    token: household,
    body: { enabled: true, pin: '1357', currency: 'EUR', perOrderLimit: 5000, dailyLimit: 20000 },
  });
  await t.request('POST', `/api/v1/homes/${homeId}/wallet/top-ups`, {
    token: household,
    body: { amount: 2000, currency: 'EUR' },
    headers: { 'idempotency-key': 'top-1' },
  });
});
afterAll(async () => {
  lightClient?.end(true);
  allowed?.close();
  offList?.close();
  await t?.close();
});

/** The hub still answers an ordinary request. */
async function hubAnswers() {
  const turn = await say(t, household, homeId, 'what time is it');
  expect(turn.intent?.name).toBe('time.now');
}

describe('storage', () => {
  it('keeps each app’s storage to itself: another app cannot read it, whatever it passes', async () => {
    const storage = [{ name: 'storage' as const, reason: reason('Keeps notes.') }];
    await installApp(
      t,
      who(),
      manifest('com.example.keeper', { invocation: { en: ['keeper'] }, permissions: storage }),
      launching(
        `await host.storage.set({ key: 'secret', value: 'k33p' }); return host.storage.get({ key: 'secret' });`,
      ),
    );
    await installApp(
      t,
      who(),
      manifest('com.example.thief', { invocation: { en: ['thief'] }, permissions: storage }),
      launching(
        `return [await host.storage.get({ key: 'secret' }), await host.storage.get({ key: 'secret', appId: 'com.example.keeper' }), await host.storage.keys({})];`,
      ),
    );
    expect((await say(t, household, homeId, 'open keeper')).speech.text).toBe('ok "k33p"');
    expect((await say(t, household, homeId, 'open thief')).speech.text).toBe('ok [null,null,[]]');
  });

  it('refuses a write over the storage quota with a clear error in the developer log', async () => {
    await installApp(
      t,
      who(),
      manifest('com.example.hoarder', {
        invocation: { en: ['hoarder'] },
        permissions: [{ name: 'storage', reason: reason('Keeps a lot.') }],
        resources: { storageKb: 1 },
      }),
      launching(
        `await host.storage.set({ key: 'a', value: 'x'.repeat(600) }); await host.storage.set({ key: 'b', value: 'x'.repeat(600) }); return 'stored';`,
      ),
    );
    const turn = await say(t, household, homeId, 'open hoarder');
    expect(turn.speech.text).toMatch(/^refused .*limit of 1024 bytes/);
    const [line] = await devLog(t, developer, 'com.example.hoarder');
    expect(line).toMatchObject({ level: 'error', code: 'payload_too_large' });
    expect(line?.message).toMatch(/storage.set refused/);
    await hubAnswers();
  });
});

describe('devices', () => {
  it('controls the real light only with the devices.control permission declared and granted', async () => {
    const bundleFor = () =>
      launching(
        `return host.devices.control({ deviceId: '${light.id}', values: { power: true, brightness: 40 } });`,
      );
    // Declares only devices.read.
    await installApp(
      t,
      who(),
      manifest('com.example.peeker', {
        invocation: { en: ['peeker'] },
        permissions: [{ name: 'devices.read', reason: reason('Shows your lights.') }],
      }),
      bundleFor(),
    );
    const undeclared = await say(t, household, homeId, 'open peeker');
    expect(undeclared.speech.text).toMatch(/refused .*may not devices\.control/);
    expect((await devLog(t, developer, 'com.example.peeker'))[0]?.message).toMatch(
      /does not declare the devices\.control permission/,
    );
    // Declares it, but the household did not grant it.
    await installApp(
      t,
      who(),
      manifest('com.example.switcher', {
        invocation: { en: ['switcher'] },
        permissions: [{ name: 'devices.control', reason: reason('Turns on your lights.') }],
      }),
      bundleFor(),
      [],
    );
    expect((await say(t, household, homeId, 'open switcher')).speech.text).toMatch(/^refused/);
    expect((await devLog(t, developer, 'com.example.switcher'))[0]?.message).toMatch(/has not granted/);
    // Granted: the real device receives the command on the assistant's path.
    await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/com.example.switcher`, {
      token: household,
      body: { grants: ['devices.control'] },
    });
    const granted = await say(t, household, homeId, 'open switcher');
    expect(granted.speech.text).toBe(`ok [{"deviceId":"${light.id}","status":"replied"}]`);
    // The granted command was answered by the device, so any earlier one would have arrived before it: none did.
    const sets = lightInbox.messages.filter((m) => m.topic.endsWith('/property/set'));
    expect(sets.map((m) => m.body.params)).toEqual([{ LightSwitch: 1, Brightness: 40 }]);
    await hubAnswers();
  });

  it('lists devices by capability with devices.read, and gives the home location only coarsely', async () => {
    await installApp(
      t,
      who(),
      manifest('com.example.lister', {
        invocation: { en: ['lister'] },
        permissions: [
          { name: 'devices.read', reason: reason('Shows lights.') },
          { name: 'location', reason: reason('Local weather.') },
        ],
      }),
      launching(
        `const lights = await host.devices.list({ capability: 'brightness' }); const none = await host.devices.list({ capability: 'heartRate' }); return [lights.map((d) => d.name), none.length, await host.location.get()];`,
      ),
    );
    expect((await say(t, household, homeId, 'open lister')).speech.text).toBe(
      'ok [["Desk lamp"],0,{"lat":45.46,"lon":9.19}]',
    );
  });
});

describe('timers and notifications', () => {
  it('starts a timer the app alone may cancel, notifies the screen, and uninstalling cancels its timers', async () => {
    const notified: unknown[] = [];
    t.hub.bus.on('test-miniapps', 'miniapp.notification', (payload) => {
      notified.push(payload);
    });
    await installApp(
      t,
      who(),
      manifest('com.example.cook', {
        invocation: { en: ['cook helper'] },
        permissions: [
          { name: 'timers', reason: reason('Times your pasta.') },
          { name: 'notifications', reason: reason('Tells you when.') },
        ],
      }),
      launching(
        `const timer = await host.timers.start({ seconds: 600, name: 'pasta' }); await host.notifications.send({ title: 'Pasta', text: 'Ten minutes' }); let other; try { await host.timers.cancel({ timerId: 'tmr_not_mine' }); } catch (e) { other = e.message; } return [typeof timer.timerId, other];`,
      ),
    );
    expect((await say(t, household, homeId, 'open cook helper')).speech.text).toBe(
      'ok ["string","No timer of this app with id tmr_not_mine."]',
    );
    expect(notified).toEqual([{ homeId, appId: 'com.example.cook', title: 'Pasta', text: 'Ten minutes' }]);
    const timers = (await t.request('GET', `/api/v1/homes/${homeId}/timers`, { token: household })).json();
    expect(timers.map((x: { name: string }) => x.name)).toContain('pasta');
    await t.request('DELETE', `/api/v1/homes/${homeId}/miniapps/com.example.cook`, { token: household });
    const after = (await t.request('GET', `/api/v1/homes/${homeId}/timers`, { token: household })).json();
    expect(after.map((x: { name: string }) => x.name)).not.toContain('pasta');
    t.hub.bus.off('test-miniapps');
  });
});

describe('network', () => {
  it('fetches from an allowlisted host through the hub and refuses any other', async () => {
    const offListPort = process.env.GENIO_TEST_OFF_LIST_PORT as string;
    await installApp(
      t,
      who(),
      manifest('com.example.weather', {
        invocation: { en: ['weather box'] },
        permissions: [{ name: 'network', reason: reason('Reads the forecast.') }],
        network: { allowlist: [`127.0.0.1:${allowedPort}`] },
      }),
      launching(
        `const ok = await host.network.fetch({ url: 'http://127.0.0.1:${allowedPort}/today' }); let off; try { await host.network.fetch({ url: 'http://127.0.0.1:${offListPort}/' }); off = 'reached'; } catch (e) { off = e.message; } return [ok.status, JSON.parse(ok.body), off];`,
      ),
    );
    const turn = await say(t, household, homeId, 'open weather box');
    expect(turn.speech.text).toBe(
      `ok [200,{"path":"/today","weather":"sunny"},"This token may not network.fetch. 127.0.0.1:${offListPort} is not on the app's network allowlist"]`,
    );
    expect(offListHits).toBe(0);
    expect((await devLog(t, developer, 'com.example.weather'))[0]).toMatchObject({ code: 'forbidden' });
    expect((await devLog(t, developer, 'com.example.weather'))[0]?.message).toMatch(
      new RegExp(`127.0.0.1:${offListPort} is not on the app's network allowlist`),
    );
  });
});

describe('cards and failures', () => {
  it('refuses a card carrying script: the household hears the app had a problem, the developer reads why', async () => {
    await installApp(
      t,
      who(),
      manifest('com.example.scripted', { invocation: { en: ['scripted'] } }),
      `genio.register({ async handle() { console.log('building the card'); return { speech: 'hi', card: { type: 'text', title: 'Hi', text: '<script>fetch("//evil")</script>' } }; } });`,
    );
    const turn = await say(t, household, homeId, 'open scripted');
    expect(turn.speech.text).toBe('Sorry, Quiz Time had a problem. Please try again later.');
    expect(turn.card).toBeUndefined();
    const [line] = await devLog(t, developer, 'com.example.scripted');
    expect(line).toMatchObject({ level: 'error', code: 'validation_failed' });
    expect(line?.message).toMatch(/card\/text .*HTML, script and script URLs are refused/);
    // The app's console lines reach the developer too.
    expect(await devLog(t, developer, 'com.example.scripted')).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'building the card' }),
    );
    await hubAnswers();
  });

  it('replaces a runtime that was stopped with a fresh one on the next event, and says so per language', async () => {
    await installApp(
      t,
      who(),
      manifest('com.example.hang', {
        invocation: { en: ['hang app'], it: ['hang app'] },
        resources: { cpuMsPerEvent: 50 },
        permissions: [{ name: 'storage', reason: reason('x') }],
      }),
      `let events = 0;
       genio.register({ async handle(event, host) {
         events++;
         if (!(await host.storage.get({ key: 'hung' }))) { await host.storage.set({ key: 'hung', value: true }); for (;;) {} }
         return { speech: 'fresh runtime, event ' + events };
       } });`,
    );
    const hanging = say(t, household, homeId, 'apri hang app', { language: 'it' });
    // The hub answers others while the app is stuck.
    await hubAnswers();
    expect((await hanging).speech.text).toBe('Scusa, Quiz Time ha avuto un problema. Riprova più tardi.');
    const [line] = await devLog(t, developer, 'com.example.hang');
    expect(line).toMatchObject({ code: 'miniapp_timeout' });
    expect(line?.message).toMatch(/will be replaced/);
    const next = await say(t, household, homeId, 'open hang app');
    expect(next.speech.text).toBe('fresh runtime, event 1');
  });
});

describe('payments', () => {
  const payer = () =>
    manifest('com.example.kiki', {
      invocation: { en: ['kiki chicken'] },
      permissions: [{ name: 'payments', reason: reason('To order wings.') }],
      payments: { merchantId, maxPerOrder: 1000 },
    });
  // The app tries to confirm its own payment: there is no such host method.
  const payBundle = launching(
    `const asked = await host.payments.request({ items: [{ ref: 'wings', quantity: 2 }], storeRef: 'duomo' }); try { await host.payments.confirm({ orderId: asked.orderId }); } catch (e) {} return asked.status;`,
  );

  it('refuses payments.request without the grant', async () => {
    await installApp(t, who(), payer(), payBundle, []);
    expect((await say(t, household, homeId, 'open kiki chicken')).speech.text).toMatch(/^refused/);
    expect((await devLog(t, developer, 'com.example.kiki'))[0]?.message).toMatch(
      /has not granted com.example.kiki the payments permission/,
    );
    const orders = (await t.request('GET', `/api/v1/homes/${homeId}/orders`, { token: household })).json();
    expect(orders).toEqual([]);
  });

  it('hands the payment to the platform: read-back, PIN, and the app learns only the outcome', async () => {
    await t.request('PATCH', `/api/v1/homes/${homeId}/miniapps/com.example.kiki`, {
      token: household,
      body: { grants: ['payments'] },
    });
    const asked = await say(t, household, homeId, 'open kiki chicken');
    expect(asked.speech.text).toBe(
      'ok "awaiting_confirmation" Quiz Time asks for a payment. €9.00 to Kiki Chicken. To pay, say your payment PIN, or the two digits on the screen.',
    );
    expect(asked.card).toMatchObject({ type: 'confirmation', title: 'Pay €9.00 to Kiki Chicken' });
    expect(asked.continueConversation).toBe(true);
    const [order] = (await t.request('GET', `/api/v1/homes/${homeId}/orders`, { token: household })).json();
    // The app asked; nothing is paid until the household confirms.
    expect(order).toMatchObject({ status: 'placed', total: 900 });
    const c = { conversationId: asked.conversationId };
    expect((await say(t, household, homeId, 'open the garage', c)).speech.text).toMatch(/PIN/);
    expect((await say(t, household, homeId, '0000', c)).speech.text).toMatch(/PIN isn't right/);
    const paid = await say(t, household, homeId, '1357', c);
    expect(paid.speech.text).toBe(`event payment {"status":"paid","orderId":"${order.id}"}`);
    expect((await t.request('GET', `/api/v1/orders/${order.id}`, { token: household })).json().status).toBe(
      'paid',
    );
  });

  it('an order over the manifest’s maximum is refused and cancelled', async () => {
    const greedy = { ...payer(), id: 'com.example.greedy', invocation: { en: ['greedy'] } };
    await installApp(
      t,
      who(),
      greedy,
      launching(
        `return host.payments.request({ items: [{ ref: 'wings', quantity: 5 }], storeRef: 'duomo' });`,
      ),
    );
    expect((await say(t, household, homeId, 'open greedy')).speech.text).toMatch(
      /over the app's maxPerOrder of 1000/,
    );
    const orders = (await t.request('GET', `/api/v1/homes/${homeId}/orders`, { token: household })).json();
    expect(orders[0]).toMatchObject({ total: 2250, status: 'cancelled' });
  });
});

describe('uploads of the red-team apps went through review', () => {
  it('a bundle is refused upload when the manifest is invalid, before any check runs', async () => {
    const response = await upload(
      t,
      developer,
      pack({ ...manifest('com.example.x'), permissions: [{ name: 'root' }] } as never, ''),
    );
    expect(response.status).toBe(400);
  });
});
