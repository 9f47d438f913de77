import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';

// Ordering breakfast on the speaker's screen in Chromium: the menu as a product grid, items chosen by
// touch and by words, paying with the two digits shown on the screen, and the "ready" notification.
// Judged by the order the hub stored, the household's wallet and the ledger.

let hub: TestHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let homeId: string;
let merchantToken: string;
let merchantId: string;

const allDay = ['00:00-24:00'];
const hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  body?: unknown,
  token?: string,
  key?: string,
) {
  const response = await hub.request(method, url, {
    ...(body === undefined ? {} : { body }),
    ...(token ? { token } : {}),
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
  expect(response.status, response.body).toBeLessThan(300);
  return response.json();
}

async function say(text: string) {
  const box = page.getByLabel('Say something');
  await box.fill(text);
  await box.press('Enter');
}

const lastCard = () => page.locator('[data-testid="reply"] [data-testid="card"]').last();

describeBrowser('ordering on the screen', () => {
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    ({ context, page } = await newPage(browser, { width: 1024, height: 600 }));
    const home = await call('POST', '/api/v1/homes', { name: 'Breakfast home', language: 'en' });
    homeId = home.id;
    await call('PATCH', `/api/v1/homes/${homeId}`, { location: { lat: 48.8566, lon: 2.3522 } });
    const applied = await call('POST', '/api/v1/merchants', { name: 'Morning Bakery', currency: 'EUR' });
    merchantId = applied.id;
    merchantToken = (await call('POST', '/api/v1/tokens', { name: 'bakery', role: 'merchant', merchantId }))
      .token;
    await call('PUT', `/api/v1/merchants/${merchantId}/stores`, [
      { ref: 'rivoli', name: 'Rue de Rivoli 10', lat: 48.857, lon: 2.353, timezone: 'Europe/Paris', hours },
    ]);
    await call('PUT', `/api/v1/merchants/${merchantId}/menu`, {
      items: [
        { ref: 'croissant', name: { en: 'Croissant', fr: 'Croissant' }, price: 140 },
        {
          ref: 'juice',
          name: { en: 'Orange juice', fr: "Jus d'orange" },
          price: 350,
          options: [
            {
              ref: 'size',
              name: { en: 'Size' },
              min: 1,
              max: 1,
              choices: [
                { ref: 'small', name: { en: 'Small' } },
                { ref: 'large', name: { en: 'Large' }, price: 100 },
              ],
            },
          ],
        },
        { ref: 'eclair', name: { en: 'Eclair', fr: 'Éclair' }, price: 280 },
      ],
    });
    await call('POST', `/api/v1/merchants/${merchantId}/approve`);
    await call('PUT', `/api/v1/homes/${homeId}/payment-settings`, {
      enabled: true,
      pin: '2580',
      currency: 'EUR',
      perOrderLimit: 5000,
      dailyLimit: 10000,
    });
    await call(
      'POST',
      `/api/v1/homes/${homeId}/wallet/top-ups`,
      { amount: 3000, currency: 'EUR' },
      undefined,
      'seed',
    );
    const { code } = await call('POST', `/api/v1/homes/${homeId}/screen-pairing`, {});
    await page.goto(`${hub.baseUrl}/`);
    await page.getByLabel('Pairing code').fill(code);
    await page.keyboard.press('Enter');
    await page.locator('.connection-open').waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  it('shows the menu, takes items by touch and by words, and pays with the digits on the screen', async () => {
    await say('order from Morning Bakery');
    const grid = lastCard();
    await grid.locator('[data-card-type="product-grid"], .product-grid').first().waitFor();
    expect(await grid.locator('.product').count()).toBe(3);
    // Touch: the croissant tile.
    await grid.getByRole('button', { name: /Croissant/ }).click();
    await page
      .locator('[data-testid="speech"], [data-testid="card"]')
      .filter({ hasText: 'Added 1 × Croissant' })
      .first()
      .waitFor();
    // Words: two orange juices.
    await say('two orange juices');
    await page.locator('[data-testid="reply"]').filter({ hasText: '2 × Orange juice' }).last().waitFor();
    // An option, changed by words on the line just added.
    await say('make it large');
    await page
      .locator('[data-testid="reply"]')
      .filter({ hasText: '2 × Orange juice (Large)' })
      .last()
      .waitFor();
    await say('check out');
    const confirmation = page.locator('[data-card-type="confirmation"]').last();
    await confirmation.waitFor();
    const digits = /two digits: (\d{2})/.exec((await confirmation.textContent()) ?? '')?.[1] as string;
    expect(digits).toMatch(/^\d\d$/);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-order-confirm.png` });
    await say(digits);
    await page.locator('[data-testid="reply"]').filter({ hasText: 'pickup code' }).last().waitFor();

    const [order] = await call('GET', `/api/v1/homes/${homeId}/orders`);
    expect(order).toMatchObject({ status: 'paid', storeRef: 'rivoli', total: 140 + 2 * (350 + 100) });
    expect(order.lines[1]).toMatchObject({ ref: 'juice', quantity: 2, options: { size: ['large'] } });
    expect((await call('GET', `/api/v1/homes/${homeId}/wallet?currency=EUR`)).balance).toBe(
      3000 - order.total,
    );
    expect((await call('GET', '/api/v1/ledger/trial-balance')).balanced).toBe(true);

    // The bakery says it is ready: the screen tells the household with the pickup code.
    await call(
      'POST',
      `/api/v1/orders/${order.id}/transitions`,
      { to: 'ready', eventId: 'ready-1' },
      merchantToken,
    );
    const notification = page.locator('.notification').filter({ hasText: order.pickupCode });
    await notification.waitFor();
    expect(await notification.textContent()).toContain('Morning Bakery');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-order-ready.png` });
  });
});
