import type { MqttClient } from 'mqtt';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lightModel } from '../../hub/test/device-fixtures.js';
import type { TestHub } from '../../hub/test/harness.js';
import { audit, describeViolations } from './axe.js';
import { describeBrowser, launchBrowser, newPage, startWebHub } from './browser.js';
import { simulatedLight } from './simulated-light.js';

// An axe-core audit of every page and state that matters, in a real browser against a real hub: no
// serious or critical violations. A failure lists each rule with its help text and the elements.

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

async function post(url: string, body: unknown) {
  const response = await hub.request('POST', url, { body });
  expect(response.status, response.body).toBeLessThan(300);
  return response.json();
}

async function open(viewport = { width: 1024, height: 600 }) {
  const opened = await newPage(browser, viewport);
  opened.page.setDefaultTimeout(8000);
  contexts.push(opened.context);
  return opened;
}

/** Audit the page as it is now; the message lists every serious or critical violation. */
async function expectAccessible(page: Page) {
  expect(describeViolations(await audit(page))).toBe('');
}

describeBrowser('the audit itself', () => {
  it('reports what it should: a nameless button and unreadable text', async () => {
    const { page } = await open();
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><main><h1>Bad</h1>' +
        '<button></button><p style="color:#777;background:#888">faint</p></main></html>',
    );
    const found = await audit(page);
    expect(found.map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast']);
    expect(describeViolations(found)).toMatch(/^\[critical\] button-name: .+\n {4}button$/m);
  });
});

describeBrowser('the speaker screen', () => {
  let page: Page;
  let errors: string[];
  let deviceId: string;
  let homeId: string;
  let light: Awaited<ReturnType<typeof simulatedLight>>;

  beforeAll(async () => {
    ({ page, errors } = await open());
  });

  it('pairing page, also with a wrong code refused', async () => {
    await page.goto(`${hub.baseUrl}/`);
    await page.getByRole('heading', { name: 'Pair this screen' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Pairing code').fill('zzz-999');
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.locator('[data-testid="pair-error"]').filter({ hasText: /wrong/ }).waitFor();
    await expectAccessible(page);
  });

  it('home with an online device tile and a running timer, then the tile offline', async () => {
    const home = await post('/api/v1/homes', { name: 'Home', language: 'en' });
    const area = await post(`/api/v1/homes/${home.id}/areas`, { name: 'Kitchen' });
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
      name: 'Ceiling light',
    });
    deviceId = device.id;
    homeId = home.id;
    light = await simulatedLight(hub.hub.ports.mqtt, device);
    clients.push(light.client);
    await post(`/api/v1/homes/${home.id}/timers`, { seconds: 600, name: 'Pasta' });

    const { code } = await post(`/api/v1/homes/${home.id}/screen-pairing`, {});
    await page.getByLabel('Pairing code').fill(code);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="home-name"]').waitFor();
    await page.locator('.connection-open').waitFor();
    await page.waitForSelector(`[data-testid="tile-${deviceId}"][data-online="true"]`);
    light.report({ LightSwitch: 1, Brightness: 40 });
    await page.locator(`[data-testid="tile-${deviceId}"] [role="switch"][aria-checked="true"]`).waitFor();
    await page.locator('[data-testid^="timer-"]').waitFor();
    await expectAccessible(page);
  });

  it('a reply with its card', async () => {
    await page.getByLabel('Say something').fill('turn off the ceiling light');
    await page.getByLabel('Say something').press('Enter');
    await page.locator('[data-testid="reply"] [data-testid="card"]').waitFor();
    await page.locator('[data-testid="speech"]').waitFor();
    await expectAccessible(page);
  });

  it('a finished timer notification', async () => {
    const timer = await post(`/api/v1/homes/${homeId}/timers`, { seconds: 1, name: 'Eggs' });
    await page.locator(`[data-testid="notification-${timer.id}"]`).waitFor({ timeout: 5000 });
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('the same home on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page);
    await page.setViewportSize({ width: 1024, height: 600 });
  });

  it('a refused command and an offline tile', async () => {
    light.answer.code = 5093;
    light.answer.message = 'LightSwitch: the lamp is too hot';
    const tile = page.locator(`[data-testid="tile-${deviceId}"]`);
    await tile.getByRole('switch').click();
    await tile.locator('[data-testid="tile-error"]').filter({ hasText: 'too hot' }).waitFor();
    await expectAccessible(page);
    light.client.end(true);
    await page.waitForSelector(`[data-testid="tile-${deviceId}"][data-online="false"]`);
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});

describeBrowser('the console', () => {
  let page: Page;
  let errors: string[];
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name }).click();

  beforeAll(async () => {
    ({ page, errors } = await open({ width: 1280, height: 800 }));
  });

  it('sign-in page, also with a refused token', async () => {
    await page.goto(`${hub.baseUrl}/console`);
    await page.getByLabel('Token').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Token').fill('not-a-real-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').first().waitFor();
    await expectAccessible(page);
  });

  it('homes page with a home, its areas and a screen pairing code', async () => {
    await page.getByLabel('Token').fill(hub.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.role').waitFor();
    await page.getByLabel('Home name').fill('Casa Rossi');
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Create home' }).click();
    await page.getByRole('heading', { name: 'Casa Rossi' }).waitFor();
    await page.getByLabel('Area name').fill('Cucina');
    await page.getByRole('button', { name: 'Add area' }).click();
    await page.getByRole('list', { name: 'Areas of this home' }).getByText('Cucina').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Pair a screen' }).click();
    await page.getByTestId('pairing-code').waitFor();
    await page.getByRole('img', { name: /QR code that pairs a screen/ }).waitFor();
    await expectAccessible(page);
  });

  it('products page with a JSON syntax error, then the hub TSL error highlighted in place', async () => {
    await nav('Products');
    await page.getByLabel('Product name').waitFor();
    await page.getByLabel('Product name').fill('Acme lamp');
    await page.getByLabel('Category').selectOption('light');
    const tsl = page.getByLabel('Product TSL');
    await tsl.fill('{\n  "properties": [\n    { "identifier": "LightSwitch", }\n  ]\n}');
    await page.getByRole('button', { name: 'Create product' }).click();
    const problem = page.locator('.tsl-problem');
    await problem.filter({ hasText: 'JSON syntax error' }).waitFor();
    await expectAccessible(page);

    const bad = structuredClone(lightModel);
    const specs = bad.properties[1]?.dataType.specs as unknown as Record<string, string>;
    specs.min = '50';
    specs.max = '10';
    await tsl.fill(JSON.stringify(bad, null, 2));
    await page.getByRole('button', { name: 'Create product' }).click();
    await problem.filter({ hasText: 'properties/1/dataType/specs/max' }).waitFor();
    await page.locator('.json-editor mark').waitFor();
    await expectAccessible(page);
  });

  it('beyond the list: devices with new credentials, a device page, the live log', async () => {
    await page.getByLabel('Product TSL').fill(JSON.stringify(lightModel, null, 2));
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { name: 'Capability mapping' }).waitFor();
    await expectAccessible(page);
    await nav('Devices');
    // The page picks the first home once homes load: choose ours only after that.
    await page.getByLabel('Device name').waitFor();
    await page.getByLabel('Home', { exact: true }).selectOption({ label: 'Casa Rossi' });
    await page.getByLabel('Product').selectOption({ label: 'Acme lamp (light)' });
    await page.getByLabel('Device name').fill('Desk lamp');
    await page.getByLabel('Area').selectOption({ label: 'Cucina' });
    await page.getByRole('button', { name: 'Add device' }).click();
    await page.locator('section.panel.once').waitFor();
    await page.getByRole('img', { name: /Pairing QR code for/ }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('link', { name: 'Desk lamp' }).click();
    await page.getByRole('button', { name: 'Set properties' }).waitFor();
    await expectAccessible(page);
    await nav('Live log');
    await page.getByTestId('live-state').getByText('Connected').waitFor();
    await page.locator('ol.log > li').first().locator('summary').click();
    await expectAccessible(page);
  });

  it('tokens page with a new token shown once', async () => {
    await nav('Tokens');
    await page.getByLabel('Token name').fill('Kitchen screen');
    await page.getByLabel('Role').selectOption('household');
    await page.getByLabel('Home', { exact: true }).selectOption({ label: 'Casa Rossi' });
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('token-secret').waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});

describeBrowser('the card gallery', () => {
  it('every card, in English and in Chinese, with turns in the log', async () => {
    const { page, errors } = await open({ width: 1280, height: 800 });
    await page.goto(`${hub.baseUrl}/cards`);
    await page.locator('[data-testid="card"][data-card-type="unknown"]').waitFor();
    await expectAccessible(page);
    const list = page.locator('[data-testid="card"][data-card-type="list"]');
    await list.getByRole('button', { name: /Bedroom/ }).click();
    await page.locator('[data-testid="card"][data-card-type="form"]').getByRole('button').click();
    await page.getByLabel('Screen language').selectOption('zh');
    await page.locator('[data-testid="turn"]').nth(1).waitFor();
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});
