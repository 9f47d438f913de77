import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lightModel } from '../../hub/test/device-fixtures.js';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, startWebHub } from './browser.js';
import { simulatedLight } from './simulated-light.js';

// What a newcomer does, end to end, through the two web apps only: the console creates a home, an
// area, a product and a device and pairs a screen; the screen shows the simulated device and controls it.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const lights: Array<Awaited<ReturnType<typeof simulatedLight>>> = [];

beforeAll(async () => {
  [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
});
afterAll(async () => {
  for (const light of lights) light.client.end(true);
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await hub?.close();
});

async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser, viewport);
  contexts.push(opened.context);
  return opened;
}

describeBrowser('from the console to the speaker screen', () => {
  it('creates everything in the console, pairs the screen, and controls the light by touch and by voice', async () => {
    const { page: consolePage, errors: consoleErrors } = await open({ width: 1280, height: 800 });
    await consolePage.goto(`${hub.baseUrl}/console`);
    await consolePage.getByLabel('Token').fill(hub.adminToken);
    await consolePage.getByRole('button', { name: 'Sign in' }).click();
    await consolePage.locator('.role').waitFor();

    // A home and an area.
    await consolePage.getByLabel('Home name').fill('Flat 3B');
    await consolePage.getByLabel('Language').selectOption('en');
    await consolePage.getByRole('button', { name: 'Create home' }).click();
    await consolePage.getByLabel('Area name').fill('Kitchen');
    await consolePage.getByRole('button', { name: 'Add area' }).click();
    await consolePage.getByText('Kitchen', { exact: true }).first().waitFor();

    // The screen pairing code, read off the console as a person would.
    await consolePage.getByRole('button', { name: 'Pair a screen' }).click();
    const code = ((await consolePage.getByTestId('pairing-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);

    // A product from its TSL: the light's power is LightSwitch, found without a mapping.
    await consolePage
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Products' })
      .click();
    await consolePage.getByLabel('Product name').fill('Acme lamp');
    await consolePage.getByLabel('Category').selectOption('light');
    await consolePage.getByLabel('Product TSL').fill(JSON.stringify(lightModel, null, 2));
    await consolePage.getByRole('button', { name: 'Create product' }).click();
    await consolePage.getByRole('heading', { name: 'Capability mapping' }).waitFor();

    // A device in the kitchen; its credentials are shown once.
    await consolePage
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Devices' })
      .click();
    await consolePage.getByLabel('Device name').fill('Ceiling light');
    await consolePage.getByLabel('Area').selectOption({ label: 'Kitchen' });
    await consolePage.getByRole('button', { name: 'Add device' }).click();
    const panel = consolePage.locator('section.panel.once');
    await panel.waitFor();
    const secret = ((await panel.locator('code.secret').textContent()) ?? '').trim();
    const [device] = (await hub.request('GET', '/api/v1/devices')).json() as Array<{
      id: string;
      productKey: string;
      deviceName: string;
    }>;
    expect(device).toBeDefined();
    const { id, productKey, deviceName } = device as NonNullable<typeof device>;
    expect(await panel.textContent()).toContain(deviceName);

    // The screen, paired with the code from the console.
    const { page: screen, errors: screenErrors } = await open({ width: 1024, height: 600 });
    await screen.goto(`${hub.baseUrl}/`);
    await screen.getByLabel('Pairing code').fill(code.toLowerCase());
    await screen.getByRole('button', { name: 'Pair' }).click();
    await screen.getByTestId('home-name').getByText('Flat 3B').waitFor();

    // The simulated device connects with the credentials the console showed; its tile comes online.
    const light = await simulatedLight(hub.hub.ports.mqtt, { productKey, deviceName, deviceSecret: secret });
    lights.push(light);
    const tile = screen.getByTestId(`tile-${id}`);
    await tile.getByText('Ceiling light').waitFor();
    await screen.waitForSelector(`[data-testid="tile-${id}"][data-online="true"]`, { timeout: 5000 });

    // Touch: the switch reaches the device.
    const toggled = light.nextSet({ LightSwitch: 1 });
    await tile.getByRole('switch').click();
    await toggled;
    await screen.waitForSelector(`[data-testid="tile-${id}"] [role="switch"][aria-checked="true"]`, {
      timeout: 2000,
    });

    // The device reports a brightness; the tile shows it within a second.
    light.report({ Brightness: 63 });
    await tile.getByText('63 %').waitFor({ timeout: 1000 });

    // Voice, typed: the light turns off and a card shows.
    const off = light.nextSet({ LightSwitch: 0 });
    await screen.getByLabel('Say something').fill('turn off the ceiling light');
    await screen.getByLabel('Say something').press('Enter');
    await off;
    const card = screen.getByTestId('card');
    await card.waitFor();
    expect(await card.textContent()).toContain('Ceiling light');
    await screen.waitForSelector(`[data-testid="tile-${id}"] [role="switch"][aria-checked="false"]`, {
      timeout: 2000,
    });

    // No hardware at all: a second device that the hub itself plays, started from the console.
    await consolePage.getByRole('button', { name: 'I have saved them' }).click();
    await consolePage.getByLabel('Device name').fill('Desk lamp');
    await consolePage.getByLabel('Area').selectOption({ label: 'Kitchen' });
    await consolePage.getByRole('button', { name: 'Add device' }).click();
    await consolePage.getByRole('button', { name: 'Simulate this device' }).click();
    await consolePage.getByRole('button', { name: 'Stop the simulated device' }).waitFor();
    const desk = (await hub.request('GET', '/api/v1/devices'))
      .json()
      .find((d: { name: string }) => d.name === 'Desk lamp');
    await screen.waitForSelector(`[data-testid="tile-${desk.id}"][data-online="true"]`, { timeout: 5000 });
    await screen.getByTestId(`tile-${desk.id}`).getByRole('switch').click();
    await screen.waitForSelector(`[data-testid="tile-${desk.id}"] [role="switch"][aria-checked="true"]`, {
      timeout: 3000,
    });
    await screen.getByLabel('Say something').fill('turn off the desk lamp');
    await screen.getByLabel('Say something').press('Enter');
    await screen.waitForSelector(`[data-testid="tile-${desk.id}"] [role="switch"][aria-checked="false"]`, {
      timeout: 3000,
    });

    expect(consoleErrors).toEqual([]);
    expect(screenErrors).toEqual([]);
  });
});
