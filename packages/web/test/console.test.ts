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
