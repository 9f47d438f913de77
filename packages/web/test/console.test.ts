import type { MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  alinkCredentials,
  connectRaw,
  inbox,
  lightModel,
  subscribe,
} from '../../hub/test/device-fixtures.js';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';

/** The operators' console against a real hub and a real Chromium, one signed-in page walking through it. */
describeBrowser('operators console', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const clients: MqttClient[] = [];
  const state: { homeId?: string; productKey?: string; deviceId?: string } = {};

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    ({ context, page, errors } = await newPage(browser, { width: 1280, height: 800 }));
    // A missing element fails with its locator well before the test's own timeout.
    page.setDefaultTimeout(8000);
  });
  afterAll(async () => {
    for (const client of clients) client.end(true);
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  /** Every form control on the page has a label (or an aria-label), then the screenshot. */
  const shot = async (name: string) => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
        .filter((el) => (el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/console-${name}.png` });
  };
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();

  it('refuses a wrong token in words, then signs in with the operator token and shows its role', async () => {
    await page.goto(`${hub.baseUrl}/console`);
    await page.getByLabel('Token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('did not accept this token');
    expect(await page.getByLabel('Token').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Token').fill(hub.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.role').waitFor();
    expect(await page.locator('.role').textContent()).toBe('operator');
    expect(await page.evaluate(() => localStorage.getItem('genio.console.token'))).toBe(hub.adminToken);
    await page.getByText('No homes yet. Create the first one above.').waitFor();
  });

  it('creates a home and an area, and pairs a screen with a code, countdown and QR image', async () => {
    await page.getByLabel('Home name').fill('Casa Rossi');
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Create home' }).click();
    await page.getByRole('heading', { name: 'Casa Rossi' }).waitFor();
    const homes = (await hub.request('GET', '/api/v1/homes')).json();
    expect(homes).toMatchObject([{ name: 'Casa Rossi', language: 'it' }]);
    state.homeId = homes[0].id;

    await page.getByLabel('Area name').fill('Kitchen');
    await page.getByLabel('Aliases').fill('cucina, cooking room');
    await page.getByRole('button', { name: 'Add area' }).click();
    await page.getByRole('list', { name: 'Areas of this home' }).getByText('Kitchen').waitFor();
    const areas = (await hub.request('GET', `/api/v1/homes/${state.homeId}/areas`)).json();
    expect(areas).toMatchObject([{ name: 'Kitchen', aliases: ['cucina', 'cooking room'] }]);

    // A duplicate area name comes back as the hub's conflict, in words.
    await page.getByLabel('Area name').fill('kitchen');
    await page.getByRole('button', { name: 'Add area' }).click();
    await page.locator('form[aria-label="Add an area"] [role=alert]').waitFor();

    await page.getByRole('button', { name: 'Pair a screen' }).click();
    const code = page.getByTestId('pairing-code');
    await code.waitFor();
    expect(await code.textContent()).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(await page.locator('.countdown-value').textContent()).toMatch(/^(10:00|9:\d\d)$/);
    const qr = page.getByRole('img', { name: 'QR code that pairs a screen with Casa Rossi' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByRole('link', { name: /\/\?pair=[A-Z2-9]{6}$/ }).count()).toBe(1);
    await shot('homes');
  });

  it('shows a JSON syntax error with line and column, and the hub TSL error at the field it names', async () => {
    await nav('Products');
    await page.getByText('No products yet.').waitFor();
    await page.getByLabel('Product name').fill('Acme lamp');
    await page.getByLabel('Category').selectOption('light');
    const tsl = page.getByLabel('Product TSL');
    await tsl.fill('{\n  "properties": [\n    { "identifier": "LightSwitch", }\n  ]\n}');
    await page.getByRole('button', { name: 'Create product' }).click();
    const problem = page.locator('.tsl-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('JSON syntax error');
    expect(await problem.textContent()).toContain(
      'At line 3, column 36: JSON syntax error: Trailing comma before }',
    );
    expect(await tsl.getAttribute('aria-invalid')).toBe('true');

    // Brightness with max below min: the hub refuses with field thingModel/properties/1/dataType/specs/max.
    const bad = structuredClone(lightModel);
    const specs = bad.properties[1]?.dataType.specs as unknown as Record<string, string>;
    specs.min = '50';
    specs.max = '10';
    await tsl.fill(JSON.stringify(bad, null, 2));
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect.poll(() => problem.textContent()).toContain('properties/1/dataType/specs/max');
    expect(await problem.textContent()).toContain('must not be smaller than min');
    expect(await problem.textContent()).toMatch(/^At line \d+: /);
    expect(await page.locator('.json-editor mark').textContent()).toBe('"max": "10"');
    // The problem is tied to the textarea for screen readers.
    const describedBy = (await tsl.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('tsl-problem');
    await page.locator('.json-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot('product-tsl-error');

    await tsl.fill(JSON.stringify(lightModel, null, 2));
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: 'Capability mapping' }).waitFor();
    const products = (await hub.request('GET', '/api/v1/products')).json();
    expect(products).toMatchObject([{ name: 'Acme lamp', category: 'light' }]);
    state.productKey = products[0].productKey;

    // Map power to LightSwitch (not found by name) and save.
    await page.getByLabel('Capability power').selectOption('LightSwitch');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping saved.').waitFor();
    const product = (await hub.request('GET', `/api/v1/products/${state.productKey}`)).json();
    expect(product.capabilities).toMatchObject({ power: 'LightSwitch', brightness: 'Brightness' });
  });

  it('adds a device and shows its credentials once, with a pairing QR code', async () => {
    await nav('Devices');
    await page.getByLabel('Device name').fill('Desk lamp');
    await page.getByLabel('Area').selectOption({ label: 'Kitchen' });
    await page.getByRole('button', { name: 'Add device' }).click();
    const panel = page.locator('section.panel.once');
    await panel.waitFor();
    const devices = (await hub.request('GET', `/api/v1/devices?homeId=${state.homeId}`)).json();
    expect(devices).toMatchObject([{ name: 'Desk lamp', productKey: state.productKey }]);
    state.deviceId = devices[0].id;
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain(state.productKey);
    expect(text).toContain(devices[0].deviceName);
    const secret = (await panel.locator('code.secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(10);
    const qr = page.getByRole('img', { name: `Pairing QR code for ${devices[0].deviceName}` });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(true);
    await page.getByRole('button', { name: 'Copy credentials' }).waitFor();

    // The secret shown works: a device signs in with it and the list turns it online, live.
    const client = await connectRaw(
      hub.hub.ports.mqtt,
      alinkCredentials(state.productKey as string, devices[0].deviceName, secret),
    );
    clients.push(client);
    await page
      .getByRole('row', { name: /Desk lamp/ })
      .getByText('Online')
      .waitFor();
  });

  it('shows the device with a history chart and a command form generated from the TSL', async () => {
    const device = (await hub.request('GET', `/api/v1/devices/${state.deviceId}`)).json();
    const client = clients[0] as MqttClient;
    const box = inbox(client);
    const prefix = `/sys/${device.productKey}/${device.deviceName}/thing`;
    await subscribe(client, `${prefix}/#`);
    const now = Date.now();
    const readings = [20, 35, 30, 55, 70, 64];
    for (const [i, value] of readings.entries()) {
      client.publish(
        `${prefix}/event/property/post`,
        JSON.stringify({
          id: String(100 + i),
          version: '1.0',
          params: { LightSwitch: 1, Brightness: { value, time: now - (readings.length - i) * 60_000 } },
          method: 'thing.event.property.post',
        }),
      );
      await box.next((m) => m.topic.endsWith('/event/property/post_reply') && m.body.id === String(100 + i));
    }

    await page.getByRole('link', { name: 'Desk lamp' }).click();
    await page.getByRole('heading', { name: 'Desk lamp', level: 1 }).waitFor();
    const chart = page.locator('figure.chart svg');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(
      /Brightness: 6 readings .* lowest 20 %, highest 70 %, latest 64 %/,
    );

    const brightness = page.getByLabel('Brightness', { exact: true });
    expect(await brightness.getAttribute('type')).toBe('number');
    expect(await brightness.getAttribute('min')).toBe('0');
    expect(await brightness.getAttribute('max')).toBe('100');
    expect(await brightness.getAttribute('step')).toBe('1');
    expect(await brightness.inputValue()).toBe('64');
    expect(await page.getByRole('switch', { name: 'Power' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Mode', { exact: true }).evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await page.getByLabel('Times').getAttribute('max')).toBe('10');

    // Set brightness; the simulated device answers and the console shows its answer.
    await brightness.fill('40');
    await page.getByRole('button', { name: 'Set properties' }).click();
    const set = await box.next((m) => m.topic === `${prefix}/service/property/set`);
    expect(set.body.params).toEqual({ Brightness: 40 });
    client.publish(
      `${prefix}/service/property/set_reply`,
      JSON.stringify({ id: set.body.id, code: 200, data: {} }),
    );
    await page.getByText('The device answered 200').waitFor();

    // A live report updates the current value and extends the chart.
    client.publish(
      `${prefix}/event/property/post`,
      JSON.stringify({
        id: '200',
        version: '1.0',
        params: { Brightness: 88 },
        method: 'thing.event.property.post',
      }),
    );
    await page.getByRole('cell', { name: '88 %' }).waitFor();
    await expect.poll(() => chart.getAttribute('aria-label')).toContain('latest 88 %');
    await shot('device-detail');
  });

  it('creates a household token, shows its secret once, and revokes it after a confirmation', async () => {
    await nav('Tokens');
    await page.getByLabel('Token name').fill('Kitchen screen');
    await page.getByLabel('Role').selectOption('household');
    await page.getByLabel('Home', { exact: true }).selectOption({ label: 'Casa Rossi' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^gn_/);
    const listed = (await hub.request('GET', '/api/v1/tokens')).json();
    expect(listed).toContainEqual(
      expect.objectContaining({ name: 'Kitchen screen', role: 'household', homeId: state.homeId }),
    );
    expect((await hub.request('GET', '/api/v1/homes', { token: secret })).status).toBe(200);
    await shot('tokens');

    await page.getByRole('button', { name: 'Revoke token Kitchen screen' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('row', { name: /Kitchen screen/ }).waitFor({ state: 'detached' });
    expect((await hub.request('GET', '/api/v1/homes', { token: secret })).status).toBe(401);
  });

  it('shows live events newest first, filtered by name, and pauses', async () => {
    await nav('Live log');
    await page.getByTestId('live-state').getByText('Connected').waitFor();
    // Events from earlier steps are kept: the home created in the console is there.
    await page.locator('ol.log .event-name', { hasText: 'home.created' }).first().waitFor();

    await hub.request('POST', '/api/v1/homes', { body: { name: 'Chalet', language: 'fr' } });
    const first = page.locator('ol.log > li').first();
    await expect.poll(() => first.locator('.event-name').textContent()).toBe('home.created');
    expect(await first.locator('.event-summary').textContent()).toContain('name=Chalet');
    await first.locator('summary').click();
    expect(await first.locator('pre').textContent()).toContain('"language": "fr"');

    await page.getByLabel('Event name starts with').fill('device.');
    await expect.poll(() => page.locator('ol.log .event-name', { hasText: 'home.' }).count()).toBe(0);
    expect(await page.locator('ol.log .event-name', { hasText: 'device.' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Event name starts with').fill('home.');

    await page.getByRole('button', { name: 'Pause' }).click();
    await hub.request('POST', '/api/v1/homes', { body: { name: 'Baita', language: 'it' } });
    await page.getByRole('button', { name: 'Resume (1 new)' }).waitFor();
    expect(await page.locator('ol.log .event-summary', { hasText: 'Baita' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume (1 new)' }).click();
    await page.locator('ol.log .event-summary', { hasText: 'Baita' }).waitFor();
    await page.getByLabel('Event name starts with').fill('');
    await shot('live-log');
  });

  it('goes back to sign-in with a clear message when the token stops working', async () => {
    const created = (
      await hub.request('POST', '/api/v1/tokens', {
        body: { name: 'Short-lived', role: 'household', homeId: state.homeId },
      })
    ).json();
    const other = await newPage(browser, { width: 1280, height: 800 });
    await other.page.goto(`${hub.baseUrl}/console`);
    await other.page.getByLabel('Token').fill(created.token);
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.page.locator('.role', { hasText: 'household' }).waitFor();
    await hub.request('DELETE', `/api/v1/tokens/${created.id}`);
    await other.page.getByText('Your session ended').waitFor();
    await other.page.getByLabel('Token').waitFor();
    expect(other.errors).toEqual([]);
    await other.context.close();
    expect(errors).toEqual([]);
  });
});

/** Sign a fresh page in with a token and wait for the role in the header. */
async function signIn(page: Page, baseUrl: string, token: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.role', { hasText: role }).waitFor();
}

/** Whether the page scrolls sideways (a phone must never have to). */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** A button is on screen, inside the viewport's width, and can be pressed. */
async function reachable(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, name).not.toBeNull();
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
  expect(await button.isEnabled()).toBe(true);
}

/** Each role sees what it may use: a household manages its devices from a phone, a brand works alone, a merchant lands somewhere. */
describeBrowser('console for every role', () => {
  let hub: TestHub;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const ids: { homeId?: string; kitchen?: string; bedroom?: string; productKey?: string; lampId?: string } =
    {};
  let householdToken = '';

  const open = async (viewport: { width: number; height: number }) => {
    const opened = await newPage(browser, viewport);
    opened.page.setDefaultTimeout(8000);
    contexts.push(opened.context);
    return opened;
  };

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    const home = (
      await hub.request('POST', '/api/v1/homes', { body: { name: 'Flat 4', language: 'en' } })
    ).json();
    ids.homeId = home.id;
    const area = (name: string) =>
      hub.request('POST', `/api/v1/homes/${home.id}/areas`, { body: { name } }).then((r) => r.json().id);
    ids.kitchen = await area('Kitchen');
    ids.bedroom = await area('Bedroom');
    const product = (
      await hub.request('POST', '/api/v1/products', {
        body: {
          name: 'Lamp',
          category: 'light',
          thingModel: lightModel,
          capabilities: { power: 'LightSwitch' },
        },
      })
    ).json();
    ids.productKey = product.productKey;
    const lamp = (
      await hub.request('POST', '/api/v1/devices', {
        body: { productKey: product.productKey, homeId: home.id, areaId: ids.kitchen, name: 'Ceiling light' },
      })
    ).json();
    ids.lampId = lamp.id;
    householdToken = (
      await hub.request('POST', '/api/v1/tokens', {
        body: { name: 'Phone', role: 'household', homeId: home.id },
      })
    ).json().token;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.close();
  });

  it('lets a household rename, move, alias and delete a device from a 390 px phone, with no sideways scroll', async () => {
    const { page, errors } = await open({ width: 390, height: 844 });
    await signIn(page, hub.baseUrl, householdToken, 'household');
    const menu = page.getByRole('navigation', { name: 'Console' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'Homes and areas',
      'Devices',
      'Products',
      'Tokens',
      'Live log',
    ]);
    expect(await scrollsSideways(page)).toBe(false);
    // What a household may not change is not offered: a product's mapping and deletion, other roles' tokens.
    await menu.getByRole('link', { name: 'Products' }).click();
    expect(await page.getByRole('form', { name: 'Create a product' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Lamp' }).click();
    await page.getByRole('form', { name: 'Capability mapping' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save mapping' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete product' }).count()).toBe(0);
    await menu.getByRole('link', { name: 'Tokens' }).click();
    const roles = await page.getByLabel('Role').locator('option').allTextContents();
    expect(roles).toEqual(['household']);
    await menu.getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('link', { name: 'Ceiling light' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByRole('link', { name: 'Ceiling light' }).click();
    const settings = page.getByRole('form', { name: 'Device settings' });
    await settings.waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await reachable(page, 'Save device');
    await reachable(page, 'Delete device');

    await settings.getByLabel('Device display name').fill('Reading lamp');
    await settings.getByLabel('Device area').selectOption({ label: 'Bedroom' });
    await settings.getByLabel('Device aliases').fill('bedside lamp, lampada');
    await page.getByRole('button', { name: 'Save device' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('heading', { name: 'Reading lamp', level: 1 }).waitFor();
    expect((await hub.request('GET', `/api/v1/devices/${ids.lampId}`)).json()).toMatchObject({
      name: 'Reading lamp',
      areaId: ids.bedroom,
      aliases: ['bedside lamp', 'lampada'],
    });

    // The hub's conflict for a taken name is shown at the name field. (The hub's duplicate-name check is
    // another change of issue 10; its answer is stood in for here so the console's part is tested alone.)
    await page.route(`**/api/v1/devices/${ids.lampId}`, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 409,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Conflict',
              status: 409,
              code: 'conflict',
              detail: 'A device named Desk lamp is already in this home.',
              field: 'name',
            }),
          })
        : route.continue(),
    );
    await settings.getByLabel('Device display name').fill('Desk lamp');
    await page.getByRole('button', { name: 'Save device' }).click();
    const nameError = settings.locator('.field-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toContain('already in this home');
    expect(await settings.getByLabel('Device display name').getAttribute('aria-invalid')).toBe('true');
    await page.unroute(`**/api/v1/devices/${ids.lampId}`);

    // Deleting asks first; cancelling keeps the device.
    await page.getByRole('button', { name: 'Delete device' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await hub.request('GET', `/api/v1/devices/${ids.lampId}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete device' }).click();
    await reachable(page, 'Yes, delete');
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    expect((await hub.request('GET', `/api/v1/devices/${ids.lampId}`)).status).toBe(404);
    await page.getByText('No devices in this home yet.').waitFor();
    expect(errors).toEqual([]);
  });

  it('gives a developer its own products, test home and simulated device, with no 403 anywhere', async () => {
    const developer = (
      await hub.request('POST', '/api/v1/tokens', { body: { name: 'Acme brand', role: 'developer' } })
    ).json().token;
    const { page, errors } = await open({ width: 1280, height: 800 });
    const refusals: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 403) refusals.push(response.url());
    });
    await signIn(page, hub.baseUrl, developer, 'developer');
    const menu = page.getByRole('navigation', { name: 'Console' });
    const links = await menu.getByRole('link').allTextContents();
    expect(links).toEqual(['Homes and areas', 'Devices', 'Products', 'Live log', 'Mini-apps']);

    // A product from the form's example, without typing a thing model.
    await menu.getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Insert example').selectOption({ label: 'Plug' });
    expect(await page.getByLabel('Category').inputValue()).toBe('plug');
    expect(JSON.parse(await page.getByLabel('Product TSL').inputValue())).toMatchObject({
      category: 'plug',
      capabilities: { power: 'PowerSwitch' },
    });
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: 'Example smart plug' }).waitFor();

    // A test home of its own.
    await menu.getByRole('link', { name: 'Homes and areas' }).click();
    await page.getByRole('heading', { name: 'New test home' }).waitFor();
    expect(await page.getByText('Flat 4').count()).toBe(0);
    await page.getByLabel('Home name').fill('Acme lab');
    await page.getByRole('button', { name: 'Create home' }).click();
    await page.getByRole('heading', { name: 'Acme lab' }).waitFor();

    // A device of its product in that home, with everything its firmware needs, then played by the hub.
    await menu.getByRole('link', { name: 'Devices' }).click();
    await page.getByLabel('Product', { exact: true }).selectOption({ label: 'Example smart plug (plug)' });
    await page.getByLabel('Device name').fill('Bench plug');
    await page.getByRole('button', { name: 'Add device' }).click();
    const panel = page.locator('section.panel.once');
    await panel.waitFor();
    const info = (await hub.request('GET', '/api/v1/hub')).json();
    await panel.getByTestId('broker-host').waitFor();
    expect(await panel.getByTestId('broker-host').textContent()).toBe(info.mqtt.host);
    expect(await panel.getByTestId('broker-port').textContent()).toBe(String(hub.hub.ports.mqtt));
    expect(await panel.textContent()).toContain('MQTT over websocket port');
    const [device] = (await hub.request('GET', '/api/v1/devices?productKey=' + ''))
      .json()
      .filter((d: { name: string }) => d.name === 'Bench plug');
    expect(await panel.textContent()).toContain(`/sys/${device.productKey}/${device.deviceName}/thing/`);
    await panel.getByRole('button', { name: 'Simulate this device' }).click();
    await page
      .getByRole('row', { name: /Bench plug/ })
      .getByText('Online')
      .waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();

    await menu.getByRole('link', { name: 'Live log' }).click();
    await page.getByTestId('live-state').filter({ hasText: 'Connected' }).waitFor();
    expect(refusals).toEqual([]);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lands a merchant token on a Merchant page instead of 403s', async () => {
    const shop = await hub.hub.commerce.merchants.apply({ name: 'Corner bakery', currency: 'EUR' });
    const merchant = (
      await hub.request('POST', '/api/v1/tokens', {
        body: { name: 'Bakery', role: 'merchant', merchantId: shop.id },
      })
    ).json().token;
    const { page, errors } = await open({ width: 390, height: 844 });
    const refusals: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 403) refusals.push(response.url());
    });
    await signIn(page, hub.baseUrl, merchant, 'merchant');
    await page.getByRole('heading', { name: 'Merchant', level: 1 }).waitFor();
    expect(await page.getByTestId('merchant-id').textContent()).toBe(shop.id);
    const links = await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents();
    expect(links).toEqual(['Merchant']);
    // A bookmarked page it may not use says so instead of asking the hub.
    await page.goto(`${hub.baseUrl}/console#/devices`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(refusals).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('warns when the screen-pairing link names localhost and nothing better is known', async () => {
    const { page, errors } = await open({ width: 1280, height: 800 });
    await signIn(page, hub.baseUrl, hub.adminToken, 'operator');
    await page.getByRole('button', { name: 'Pair a screen' }).click();
    const warning = page.getByTestId('pairing-local-warning');
    await warning.waitFor();
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('only in a browser on this machine');
    expect(await page.getByTestId('pairing-link').textContent()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/\?pair=/,
    );
    expect(errors).toEqual([]);
  });
});

describeBrowser('a hub with a public URL and MQTT over websocket', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([
      startWebHub('sqlite', { publicUrl: 'https://genio.example.org:8443/', mqttWsPort: 0 }),
      launchBrowser(),
    ]);
    await hub.request('POST', '/api/v1/homes', { body: { name: 'Villa', language: 'it' } });
    await hub.request('POST', '/api/v1/products', {
      body: { name: 'Lamp', category: 'light', thingModel: lightModel },
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  it('links and QR-encodes the public URL, not localhost, when the console is opened on localhost', async () => {
    const opened = await newPage(browser, { width: 1280, height: 800 });
    context = opened.context;
    const { page, errors } = opened;
    page.setDefaultTimeout(8000);
    await signIn(page, hub.baseUrl.replace('127.0.0.1', 'localhost'), hub.adminToken, 'operator');
    await page.getByRole('button', { name: 'Pair a screen' }).click();
    const link = page.getByTestId('pairing-link');
    await link.waitFor();
    const code = ((await page.getByTestId('pairing-code').textContent()) ?? '').replace('-', '');
    const expected = `https://genio.example.org:8443/?pair=${code}`;
    expect(await link.textContent()).toBe(expected);
    expect(await link.getAttribute('href')).toBe(expected);
    const qr = page.getByRole('img', { name: 'QR code that pairs a screen with Villa' });
    await qr.waitFor();
    expect(await qr.getAttribute('data-url')).toBe(expected);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('pairing-local-warning').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('gives firmware the public broker host, the MQTT port and the websocket port as the hub says', async () => {
    const page = (context as BrowserContext).pages()[0] as Page;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByLabel('Device name').fill('Hall lamp');
    await page.getByRole('button', { name: 'Add device' }).click();
    const panel = page.locator('section.panel.once');
    await panel.getByTestId('broker-host').waitFor();
    expect(await panel.getByTestId('broker-host').textContent()).toBe('genio.example.org');
    expect(await panel.getByTestId('broker-port').textContent()).toBe(String(hub.hub.ports.mqtt));
    // mqttWsPort is asked for; the panel says what the hub answers (a port once the hub listens, else "off").
    const { wsPort } = (await hub.request('GET', '/api/v1/hub')).json().mqtt;
    if (wsPort === null) expect(await panel.textContent()).toContain('off on this hub');
    else expect(await panel.getByTestId('broker-ws-port').textContent()).toBe(String(wsPort));
  });
});
