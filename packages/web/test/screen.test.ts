import type { MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLight, lightModel } from '../../hub/test/device-fixtures.js';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';
import { simulatedLight } from './simulated-light.js';

// The speaker screen in a real browser against a real hub, with a simulated light on real MQTT.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: MqttClient[] = [];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
});
afterAll(async () => {
  for (const client of clients) client.end(true);
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await hub?.close();
});

interface Creds {
  id: string;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

async function connectLight(device: Creds) {
  const light = await simulatedLight(hub.hub.ports.mqtt, device);
  clients.push(light.client);
  return light;
}

async function post(url: string, body: unknown) {
  const response = await hub.request('POST', url, { body });
  expect(response.status, response.body).toBeLessThan(300);
  return response.json();
}

/** A home in a language, with a Kitchen area (named per language, aliased in the others) and a light in it. */
async function homeWithKitchenLight(language: 'it' | 'zh', kitchen: string, lightName: string) {
  const home = await post('/api/v1/homes', { name: language === 'it' ? 'Casa Rossi' : '王家', language });
  const area = await post(`/api/v1/homes/${home.id}/areas`, {
    name: kitchen,
    aliases: ['kitchen', 'cucina', 'cuisine', '厨房'].filter((a) => a !== kitchen),
  });
  const product = await post('/api/v1/products', {
    name: 'Lamp',
    category: 'light',
    thingModel: lightModel,
    capabilities: { power: 'LightSwitch', brightness: 'Brightness', colorTemperature: 'ColorTemperature' },
  });
  const device = await post('/api/v1/devices', {
    productKey: product.productKey,
    homeId: home.id,
    areaId: area.id,
    name: lightName,
  });
  return { home, area, device: device as Creds };
}

async function newScreen(viewport?: { width: number; height: number }) {
  const opened = await newPage(browser, viewport);
  contexts.push(opened.context);
  return opened;
}

/** Create a code in the hub and type it as a person would ("abc-234"). */
async function pair(page: Page, homeId: string) {
  const { code } = await post(`/api/v1/homes/${homeId}/screen-pairing`, {});
  await page.goto(`${hub.baseUrl}/`);
  await page
    .getByLabel('Pairing code')
    .fill(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="home-name"]').waitFor();
  await page.locator('.connection-open').waitFor();
}

const tileOf = (page: Page, id: string) => page.locator(`[data-testid="tile-${id}"]`);

describeBrowser('the speaker screen with an English home', () => {
  let page: Page;
  let errors: string[];
  let light: Awaited<ReturnType<typeof createLight>>;
  let device: Awaited<ReturnType<typeof connectLight>>;
  let kitchenId: string;

  beforeAll(async () => {
    light = await createLight(hub, 'screen-lamp');
    kitchenId = (await post(`/api/v1/homes/${light.home.id}/areas`, { name: 'Kitchen' })).id;
    await hub.request('PATCH', `/api/v1/devices/${light.device.id}`, {
      body: { areaId: kitchenId, name: 'Ceiling light' },
    });
    ({ page, errors } = await newScreen({ width: 1024, height: 600 }));
  });

  it('refuses a wrong pairing code in words, and pairs with the right one typed loosely', async () => {
    await page.goto(`${hub.baseUrl}/`);
    await page.getByRole('heading', { name: 'Pair this screen' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-pairing.png` });

    await page.getByLabel('Pairing code').fill('zzz-999');
    await page.getByRole('button', { name: 'Pair' }).click();
    await page
      .getByText('That code is wrong or has expired. Ask for a new one in the console.')
      .waitFor({ timeout: 5000 });

    await pair(page, light.home.id);
    await page.locator('[data-testid="home-name"]').getByText('Home', { exact: true }).waitFor();
    const stored = await page.evaluate<string | null>("localStorage.getItem('genio.screen.session')");
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ homeId: light.home.id });
  });

  it('shows the device tile in its area; toggling reaches the device; a reported value shows within a second', async () => {
    device = await connectLight(light.device);
    const tile = tileOf(page, light.device.id);
    await page
      .locator(`[data-testid="area-${kitchenId}"]`)
      .getByRole('heading', { name: 'Kitchen' })
      .waitFor();
    await page.waitForSelector(`[data-testid="tile-${light.device.id}"][data-online="true"]`);
    expect(await tile.locator('.tile-name').textContent()).toBe('Ceiling light');

    const toggle = tile.getByRole('switch');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const set = device.nextSet({ LightSwitch: 1 });
    await toggle.click();
    await set;
    await tile.locator('[role="switch"][aria-checked="true"]').waitFor();

    device.report({ Brightness: 40, LightSwitch: 1 });
    await tile
      .locator('.control-range output')
      .filter({ hasText: '40 %' })
      .first()
      .waitFor({ timeout: 1000 });
    expect(await tile.locator('input[type="range"]').first().inputValue()).toBe('40');
    device.report({ LightSwitch: 0 });
    await tile.locator('[role="switch"][aria-checked="false"]').waitFor({ timeout: 1000 });
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-home.png` });
  });

  it('sends a typed turn with Enter; the device obeys and the reply shows with its card', async () => {
    device.report({ LightSwitch: 1 });
    await tileOf(page, light.device.id)
      .locator('[role="switch"][aria-checked="true"]')
      .waitFor({ timeout: 1000 });
    const set = device.nextSet({ LightSwitch: 0 });
    await page.getByLabel('Say something').fill('turn off the ceiling light');
    await page.getByLabel('Say something').press('Enter');
    await set;
    const reply = page.locator('[data-testid="reply"]');
    await reply
      .locator('[data-testid="speech"]')
      .filter({ hasText: /Turned off (the )?ceiling light/i })
      .waitFor();
    await reply.locator('[data-testid="card"]').waitFor();
    // Said once: the card carries the sentence, not the sentence and a card repeating it.
    expect(((await reply.textContent()) ?? '').match(/Turned off (the )?ceiling light/gi)?.length).toBe(1);
    await tileOf(page, light.device.id)
      .locator('[role="switch"][aria-checked="false"]')
      .waitFor({ timeout: 1000 });
    expect(await page.getByLabel('Say something').inputValue()).toBe('');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-card.png` });
  });

  it('shows a refused command as a short message on the tile', async () => {
    const tile = tileOf(page, light.device.id);
    device.answer.code = 5093;
    device.answer.message = 'LightSwitch: the lamp is too hot';
    const set = device.nextSet({ LightSwitch: 1 });
    await tile.getByRole('switch').click();
    await set;
    await tile
      .locator('[data-testid="tile-error"]')
      .filter({ hasText: 'The device refused: LightSwitch: the lamp is too hot' })
      .waitFor();
    expect(await tile.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    device.answer.code = 200;
    delete device.answer.message;
  });

  it('keeps keyboard focus on a control after it is used', async () => {
    const tile = tileOf(page, light.device.id);
    const focused = () =>
      page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label") ?? null');
    await tile.getByRole('switch').focus();
    const set = device.nextSet({ LightSwitch: 1 });
    await page.keyboard.press('Space');
    await set;
    await tile.locator('[role="switch"][aria-checked="true"]').waitFor();
    expect(await focused()).toBe('Power: Ceiling light');

    const slider = tile.getByRole('slider', { name: 'Brightness: Ceiling light' });
    await slider.focus();
    const before = Number(await slider.inputValue());
    const dimmed = device.nextSet({ Brightness: before + 1 });
    await page.keyboard.press('ArrowRight');
    await dimmed;
    await page.waitForFunction(() => document.querySelector('.tile [aria-busy="true"]') === null);
    expect(await focused()).toBe('Brightness: Ceiling light');
  });

  it('says the hub is unreachable, and stops saying "Online", while the live connection is down; recovers', async () => {
    const watched = await newScreen({ width: 1024, height: 600 });
    const state: { down: boolean; socket: WebSocketRoute | null } = { down: false, socket: null };
    await watched.page.routeWebSocket(/\/api\/v1\/events/, (ws) => {
      if (state.down) return void ws.close({ code: 1011, reason: 'hub gone' });
      state.socket = ws;
      ws.connectToServer();
    });
    const { code } = await post(`/api/v1/homes/${light.home.id}/screen-pairing`, {});
    await watched.page.goto(`${hub.baseUrl}/?pair=${code}`);
    const tile = tileOf(watched.page, light.device.id);
    const banner = watched.page.locator('[data-testid="hub-unreachable"]');
    await watched.page.waitForSelector(`[data-testid="tile-${light.device.id}"][data-online="true"]`);
    expect(await tile.locator('[data-testid="status"]').textContent()).toBe('Online');
    expect(await banner.count()).toBe(0);

    state.down = true;
    await state.socket?.close({ code: 1011, reason: 'hub gone' });
    await banner.waitFor({ timeout: 3000 });
    expect(await banner.textContent()).toContain('The hub cannot be reached');
    expect(await tile.locator('[data-testid="status"]').textContent()).not.toBe('Online');
    expect(await tile.getAttribute('data-online')).toBe('unknown');

    state.down = false;
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await watched.page.waitForSelector(`[data-testid="tile-${light.device.id}"][data-online="true"]`);
    expect(await tile.locator('[data-testid="status"]').textContent()).toBe('Online');
    expect(watched.errors).toEqual([]);
    await watched.context.close();
  });

  it('falls back to REST for a turn when the websocket is down', async () => {
    const cut = await newScreen({ width: 1024, height: 600 });
    // The socket is answered by a stand-in that closes at once, as a broken network would.
    await cut.page.routeWebSocket(/\/api\/v1\/events/, (ws) => ws.close({ code: 1011, reason: 'down' }));
    const { code } = await post(`/api/v1/homes/${light.home.id}/screen-pairing`, {});
    await cut.page.goto(`${hub.baseUrl}/?pair=${code}`);
    await cut.page.locator('[data-testid="home-name"]').waitFor();
    await cut.page.locator('.connection-closed').waitFor();
    const set = device.nextSet({ LightSwitch: 1 });
    await cut.page.getByLabel('Say something').fill('turn on the ceiling light');
    await cut.page.getByRole('button', { name: 'Send' }).click();
    await set;
    await cut.page
      .locator('[data-testid="speech"]')
      .filter({ hasText: /Turned on (the )?ceiling light/i })
      .waitFor();
    await cut.context.close();
  });

  it('counts down a timer and shows a notification when it finishes, which can be dismissed', async () => {
    const timer = await post(`/api/v1/homes/${light.home.id}/timers`, { seconds: 1, name: 'Pasta' });
    const notification = page.locator(`[data-testid="notification-${timer.id}"]`);
    await notification.waitFor({ timeout: 5000 });
    expect(await notification.textContent()).toContain('Pasta');
    await notification.getByRole('button', { name: 'Dismiss' }).click();
    await notification.waitFor({ state: 'detached' });

    const long = await post(`/api/v1/homes/${light.home.id}/timers`, { seconds: 600 });
    const row = page.locator(`[data-testid="timer-${long.id}"]`);
    await row
      .getByRole('timer')
      .filter({ hasText: /^(10:00|9:5\d)$/ })
      .waitFor();
    await row.getByRole('button', { name: 'Cancel Timer' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await hub.request('GET', `/api/v1/homes/${light.home.id}/timers`)).json()).toEqual([]);
  });

  it('titles the timer card with a word and a drawn icon, not an emoji', async () => {
    await page.getByLabel('Say something').fill('set a timer for 7 minutes');
    await page.getByLabel('Say something').press('Enter');
    const card = page.locator('[data-testid="reply"] [data-testid="card"]');
    await card.locator('[data-testid="icon-timer"]').waitFor();
    expect(await card.locator('.card-title').textContent()).toBe('Timer');
    expect((await card.textContent()) ?? '').not.toMatch(/\p{Extended_Pictographic}/u);
    for (const timer of (await hub.request('GET', `/api/v1/homes/${light.home.id}/timers`)).json())
      await hub.request('DELETE', `/api/v1/homes/${light.home.id}/timers/${timer.id}`);
  });

  it('shows the device offline, with its controls disabled, when it disconnects', async () => {
    device.client.end(true);
    const tile = tileOf(page, light.device.id);
    await page.waitForSelector(`[data-testid="tile-${light.device.id}"][data-online="false"]`, {
      timeout: 3000,
    });
    expect(await tile.locator('[data-testid="status"]').textContent()).toBe('Offline');
    expect(await tile.getByRole('switch').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('pairs from the QR link (?pair=CODE), drops the code from the address, and fits a phone', async () => {
    const phone = await newScreen({ width: 390, height: 844 });
    const { url } = await post(`/api/v1/homes/${light.home.id}/screen-pairing`, {});
    await phone.page.goto(`${hub.baseUrl}/${new URL(url).search}`);
    await phone.page.locator(`[data-testid="tile-${light.device.id}"]`).waitFor();
    expect(new URL(phone.page.url()).search).toBe('');
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-phone.png` });
    expect(phone.errors).toEqual([]);
  });

  it('goes back to pairing with a clear message when the token is revoked', async () => {
    const { tokenId } = JSON.parse(
      (await page.evaluate<string | null>("localStorage.getItem('genio.screen.session')")) ?? '{}',
    ) as { tokenId: string };
    expect((await hub.request('DELETE', `/api/v1/tokens/${tokenId}`)).status).toBeLessThan(300);
    await page.getByText('This screen was signed out in the console. Pair it again to continue.').waitFor();
    expect(await page.evaluate<string | null>("localStorage.getItem('genio.screen.session')")).toBeNull();
  });
});

describeBrowser('list cards', () => {
  it('answers "which one?" by tapping an item, in the same conversation', async () => {
    const home = await post('/api/v1/homes', { name: 'Flat', language: 'en' });
    const product = await post('/api/v1/products', {
      name: 'Lamp',
      category: 'light',
      thingModel: lightModel,
      capabilities: { power: 'LightSwitch' },
    });
    const lights: Creds[] = [];
    for (const room of ['Kitchen', 'Bedroom']) {
      const area = await post(`/api/v1/homes/${home.id}/areas`, { name: room });
      lights.push(
        await post('/api/v1/devices', {
          productKey: product.productKey,
          homeId: home.id,
          areaId: area.id,
          name: 'night lamp',
        }),
      );
    }
    const bedroom = await connectLight(lights[1] as Creds);
    const { page, errors } = await newScreen();
    await pair(page, home.id);
    await page.getByLabel('Say something').fill('turn on the night lamp');
    await page.getByLabel('Say something').press('Enter');
    const card = page.locator('[data-testid="card"][data-card-type="list"]');
    await card.waitFor();
    const set = bedroom.nextSet({ LightSwitch: 1 });
    await card.getByRole('button', { name: /Bedroom/ }).click();
    await set;
    await page
      .locator('[data-testid="speech"]')
      .filter({ hasText: /Turned on (the )?night lamp \(Bedroom\)\./i })
      .waitFor();
    expect(errors).toEqual([]);
  });
  it('switches the tapped one of two same-named lights, one of them in no area', async () => {
    const home = await post('/api/v1/homes', { name: 'Loft', language: 'en' });
    const kitchen = await post(`/api/v1/homes/${home.id}/areas`, { name: 'Kitchen' });
    const product = await post('/api/v1/products', {
      name: 'Lamp',
      category: 'light',
      thingModel: lightModel,
      capabilities: { power: 'LightSwitch' },
    });
    const create = (extra: object): Promise<Creds> =>
      post('/api/v1/devices', {
        productKey: product.productKey,
        homeId: home.id,
        name: 'Ceiling light',
        ...extra,
      });
    const placed = await create({ areaId: kitchen.id });
    const unplaced = await create({});
    const [placedLight, unplacedLight] = [await connectLight(placed), await connectLight(unplaced)];
    const setsOnPlaced: unknown[] = [];
    placedLight.client.on('message', (topic) => {
      if (topic.endsWith('/service/property/set')) setsOnPlaced.push(topic);
    });
    const { page, errors } = await newScreen();
    await pair(page, home.id);
    await page.getByLabel('Say something').fill('turn on the ceiling light');
    await page.getByLabel('Say something').press('Enter');
    const card = page.locator('[data-testid="card"][data-card-type="list"]');
    await card.waitFor();
    const choices = card.getByRole('button', { name: /Ceiling light/ });
    expect(await choices.count()).toBe(2);
    // The item without a subtitle is the light in no area.
    const set = unplacedLight.nextSet({ LightSwitch: 1 });
    await choices.filter({ hasNot: page.locator('.item-subtitle') }).click();
    await set;
    unplacedLight.report({ LightSwitch: 1 });
    await tileOf(page, unplaced.id)
      .locator('[role="switch"][aria-checked="true"]')
      .waitFor({ timeout: 2000 });
    expect(await tileOf(page, placed.id).getByRole('switch').getAttribute('aria-checked')).toBe('false');
    expect(setsOnPlaced).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describeBrowser('the speaker screen with a door lock', () => {
  it('shows the lock’s state, unlocks from its tile after asking, and locks by voice but never unlocks', async () => {
    const home = await post('/api/v1/homes', { name: 'Casa Serra', language: 'en' });
    // Locked is key 0 for this brand: the tile and the voice go by the labels.
    const product = await post('/api/v1/products', {
      name: 'Serra smart lock',
      category: 'lock',
      thingModel: {
        properties: [
          {
            identifier: 'LockState',
            name: 'Lock',
            accessMode: 'rw',
            dataType: { type: 'enum', specs: { '0': 'Locked', '1': 'Unlocked' } },
          },
        ],
        services: [],
        events: [],
      },
    });
    const creds = (await post('/api/v1/devices', {
      productKey: product.productKey,
      homeId: home.id,
      name: 'front door lock',
    })) as Creds;
    const lock = await connectLight(creds);
    const { page, errors } = await newScreen({ width: 1024, height: 600 });
    await pair(page, home.id);
    await page.waitForSelector(`[data-testid="tile-${creds.id}"][data-online="true"]`);
    lock.report({ LockState: 0 });
    const tile = tileOf(page, creds.id);
    await tile
      .locator('[data-testid="lock-state"]')
      .filter({ hasText: /^Locked$/ })
      .waitFor({ timeout: 1000 });

    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    const unlocked = lock.nextSet({ LockState: 1 });
    await tile.getByRole('button', { name: 'Unlock: front door lock' }).click();
    await unlocked;
    expect(asked).toEqual(['Unlock front door lock?']);
    await tile
      .locator('[data-testid="lock-state"]')
      .filter({ hasText: /^Unlocked$/ })
      .waitFor({ timeout: 1000 });

    await page.getByLabel('Say something').fill('unlock the front door');
    await page.getByLabel('Say something').press('Enter');
    await page
      .locator('[data-testid="speech"]')
      .filter({ hasText: 'unlock them from the Genio app' })
      .waitFor();

    const locked = lock.nextSet({ LockState: 0 });
    await page.getByLabel('Say something').fill('lock the front door');
    await page.getByLabel('Say something').press('Enter');
    await locked;
    await page
      .locator('[data-testid="speech"]')
      .filter({ hasText: 'The front door lock is locked.' })
      .waitFor();
    await tile
      .locator('[data-testid="lock-state"]')
      .filter({ hasText: /^Locked$/ })
      .waitFor({ timeout: 1000 });
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-lock.png` });
    expect(errors).toEqual([]);
  });
});

describeBrowser('the speaker screen in the home language', () => {
  it('speaks Italian: translated labels, and "spegni la luce della cucina" turns the light off', async () => {
    const { home, device: creds } = await homeWithKitchenLight('it', 'Cucina', 'Plafoniera');
    const device = await connectLight(creds);
    const { page, errors } = await newScreen({ width: 1024, height: 600 });
    await pair(page, home.id);
    await page.getByRole('heading', { name: 'Dispositivi' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('it');
    await page.waitForSelector(`[data-testid="tile-${creds.id}"][data-online="true"]`);
    device.report({ LightSwitch: 1, Brightness: 70 });
    const tile = tileOf(page, creds.id);
    await tile.locator('[role="switch"][aria-checked="true"]').waitFor({ timeout: 1000 });
    expect(await tile.getByRole('switch').textContent()).toContain('Acceso');

    const set = device.nextSet({ LightSwitch: 0 });
    await page.getByLabel('Di’ qualcosa').fill('spegni la luce della cucina');
    await page.getByRole('button', { name: 'Invia' }).click();
    await set;
    await page
      .locator('[data-testid="speech"]')
      .filter({ hasText: /^Ho spento / })
      .waitFor();
    await tile.locator('[role="switch"][aria-checked="false"]').waitFor({ timeout: 1000 });
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-italian.png` });
    expect(errors).toEqual([]);
  });

  it('speaks Chinese: translated labels, and "关掉厨房的灯" turns the light off', async () => {
    const { home, device: creds } = await homeWithKitchenLight('zh', '厨房', '吸顶灯');
    const device = await connectLight(creds);
    const { page, errors } = await newScreen({ width: 1280, height: 800 });
    await pair(page, home.id);
    await page.getByRole('heading', { name: '设备' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    await page.waitForSelector(`[data-testid="tile-${creds.id}"][data-online="true"]`);
    device.report({ LightSwitch: 1 });
    await tileOf(page, creds.id).locator('[role="switch"][aria-checked="true"]').waitFor({ timeout: 1000 });

    const set = device.nextSet({ LightSwitch: 0 });
    await page.getByLabel('说点什么').fill('关掉厨房的灯');
    await page.getByLabel('说点什么').press('Enter');
    await set;
    await page
      .locator('[data-testid="speech"]')
      .filter({ hasText: /^已关闭/ })
      .waitFor();
    await page.getByText('计时器', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
