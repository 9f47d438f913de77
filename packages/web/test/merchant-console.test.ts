import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { audit, describeViolations } from './axe.js';
import { describeBrowser, launchBrowser, SCREENSHOTS_DIR, startWebHub } from './browser.js';

const STORES_CSV =
  'ref,name,lat,lon,timezone\nduomo,Duomo,45.4642,9.1900,Europe/Rome\nnavigli,Navigli,45.4520,9.1760,Europe/Rome\n';
const BAD_CSV =
  'ref,name,lat,lon,timezone\nduomo,Duomo,45.4642,9.1900,Europe/Rome\nnavigli,Navigli,north,9.1760,Europe/Rome\n';

const MENU = {
  items: [
    { ref: 'cornetto', name: { en: 'Croissant', it: 'Cornetto' }, price: 150, category: 'bakery' },
    {
      ref: 'cappuccino',
      name: { en: 'Cappuccino' },
      price: 180,
      category: 'coffee',
      options: [
        {
          ref: 'size',
          name: { en: 'Size' },
          min: 1,
          max: 1,
          choices: [
            { ref: 'small', name: { en: 'Small' } },
            { ref: 'large', name: { en: 'Large' }, price: 60 },
          ],
        },
      ],
    },
  ],
};

/**
 * A merchant's whole path in the console against a real hub and Chromium: it applies on a phone, is
 * signed in with the token shown once, uploads stores and a menu, the operator approves it, and a
 * household's paid order reaches its board live, where the merchant moves it along.
 */
describeBrowser('merchant console', () => {
  let hub: TestHub;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let errors: string[];
  const merchant: { id: string; token: string } = { id: '', token: '' };

  /** A page with its own storage, in US English so money reads "€1.50" whatever the machine's locale. */
  const open = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    contexts.push(context);
    const opened = await context.newPage();
    opened.setDefaultTimeout(8000);
    const pageErrors: string[] = [];
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    return { page: opened, errors: pageErrors };
  };
  const section = (title: string) =>
    page.locator('section.panel', { has: page.getByRole('heading', { name: title }) });
  const step = (name: string) => page.locator(`ol.checklist li[data-step="${name}"]`);
  const scrollsSideways = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  const upload = async (name: string, mimeType: string, text: string) => {
    await page
      .getByLabel('Stores file (CSV or JSON)')
      .setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
    await page.getByRole('button', { name: 'Upload stores' }).click();
  };

  /** No serious or critical axe-core violation on the page as it is now. */
  const expectAccessible = async (on: Page) => expect(describeViolations(await audit(on))).toBe('');

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    ({ page, errors } = await open({ width: 390, height: 844 }));
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.close();
  });

  it('applies from the sign-in page, shows the token once and signs the console in with it', async () => {
    await page.goto(`${hub.baseUrl}/console`);
    await page.getByRole('link', { name: 'Apply as a merchant' }).click();
    await page.getByLabel('Business name in English').fill('Bar Aurora');
    await page.getByLabel('Business name in Italian').fill('Bar Aurora Milano');
    await page.getByLabel('Currency').selectOption('EUR');
    // A malformed address is the hub's refusal, shown at its field.
    await page.getByLabel('Contact email').fill('ciao@aurora');
    await page.getByLabel('Contact email').evaluate((input: HTMLInputElement) => {
      input.type = 'text';
    });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByLabel('Contact email').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await page.getByLabel('Contact email').fill('ciao@aurora.example');
    await page.getByRole('button', { name: 'Apply' }).click();

    const shown = page.getByTestId('merchant-token');
    await shown.waitFor();
    merchant.token = (await shown.textContent()) ?? '';
    expect(merchant.token.length).toBeGreaterThan(20);
    expect(await scrollsSideways()).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/console-merchant-applied.png` });
    await page.getByRole('button', { name: 'Open the merchant console' }).click();

    await page.locator('.role', { hasText: 'merchant' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('genio.console.token'))).toBe(merchant.token);
    merchant.id = (await page.getByTestId('merchant-id').textContent()) ?? '';
    const me = (await hub.request('GET', '/api/v1/me', { token: merchant.token })).json();
    expect(me).toMatchObject({ role: 'merchant', merchantId: merchant.id });
    const pending = (await hub.request('GET', '/api/v1/merchants?status=pending')).json();
    expect(pending).toMatchObject([{ id: merchant.id, name: { en: 'Bar Aurora', it: 'Bar Aurora Milano' } }]);
    expect(await page.getByTestId('merchant-status').textContent()).toBe('pending');
    await step('stores').getByText('import your stores').waitFor();
    expect(await step('stores').getByRole('link', { name: 'Upload stores' }).getAttribute('href')).toBe(
      '#/merchant/stores',
    );
    expect(await step('review').textContent()).toContain('waiting for the operator');
    // The token is shown only once: reloading the console never shows it again.
    await page.reload();
    await page.getByTestId('merchant-id').waitFor();
    expect(await page.getByTestId('merchant-token').count()).toBe(0);
    expect(await scrollsSideways()).toBe(false);
  });

  it('edits the profile, payout account and webhook; a bad IBAN is refused at its field', async () => {
    const profile = section('Profile');
    await profile.getByLabel('Name in French').fill('Bar Aurore');
    await profile.getByLabel('Payout account holder').fill('Aurora srl');
    await profile.getByLabel('IBAN').fill('IT60 nope');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => profile.getByLabel('IBAN').getAttribute('aria-invalid')).toBe('true');
    await profile.getByLabel('IBAN').fill('IT60 X054 2811 1010 0000 0123 456');
    await profile.getByLabel('Webhook URL').fill('https://aurora.example/hooks/genio');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await hub.request('GET', `/api/v1/merchants/${merchant.id}`)).json();
    expect(saved).toMatchObject({
      name: { en: 'Bar Aurora', it: 'Bar Aurora Milano', fr: 'Bar Aurore' },
      contact: { email: 'ciao@aurora.example' },
      payout: { holder: 'Aurora srl', iban: 'IT60X0542811101000000123456' },
      webhookUrl: 'https://aurora.example/hooks/genio',
    });
    await step('payout').getByText('payout account set').waitFor();
  });

  it('uploads stores as CSV, names the line and column of a bad one, and lists them', async () => {
    await step('stores').getByRole('link', { name: 'Upload stores' }).click();
    await upload('stores.csv', 'text/csv', BAD_CSV);
    const stores = section('Stores');
    await expect.poll(() => stores.getByRole('alert').textContent()).toContain('csv line 3: lat');
    expect(await stores.getByRole('table', { name: 'Stores' }).count()).toBe(0);

    await upload('stores.csv', 'text/csv', STORES_CSV);
    await expect
      .poll(() => page.getByTestId('store-import').textContent())
      .toBe('Created 2, updated 0; 2 stores in all.');
    const table = stores.getByRole('table', { name: 'Stores' });
    await table.getByRole('cell', { name: 'Navigli', exact: true }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    await step('stores').getByText('2 stores').waitFor();

    // A JSON array updates the store with the same ref.
    await upload(
      'stores.json',
      'application/json',
      JSON.stringify([{ ref: 'duomo', name: 'Duomo centrale', lat: 45.4642, lon: 9.19 }]),
    );
    await expect
      .poll(() => page.getByTestId('store-import').textContent())
      .toBe('Created 0, updated 1; 2 stores in all.');
    await table.getByRole('cell', { name: 'Duomo centrale', exact: true }).waitFor();
    expect(await scrollsSideways()).toBe(false);
  });

  it('checks the menu JSON, marks the field the hub refuses, saves it and previews prices in euros', async () => {
    const menu = section('Menu');
    const editor = menu.getByLabel('Menu JSON');
    await editor.fill('{\n  "items": [\n    { "ref": "cornetto", }\n  ]\n}');
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await expect.poll(() => menu.locator('.menu-problem').textContent()).toContain('At line 3, column');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');

    const wrong = structuredClone(MENU) as { items: Array<Record<string, unknown>> };
    (wrong.items[1] as Record<string, unknown>).price = 1.8;
    await editor.fill(JSON.stringify(wrong, null, 2));
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await expect.poll(() => menu.locator('.menu-problem').textContent()).toContain('items[1].price');
    expect(await menu.locator('.json-editor mark').textContent()).toBe('"price": 1.8');

    await editor.fill(JSON.stringify(MENU, null, 2));
    await menu.getByRole('button', { name: 'Save menu' }).click();
    await menu.getByRole('status').filter({ hasText: 'Menu saved.' }).waitFor();
    const preview = menu.getByRole('table', { name: 'Menu preview' });
    const row = (name: string) => preview.getByRole('row').filter({ hasText: name });
    expect(await row('Croissant').locator('td.price').textContent()).toBe('€1.50');
    expect(await row('Cappuccino').locator('td.price').textContent()).toBe('€1.80');
    expect(await row('Cappuccino').textContent()).toContain('Large +€0.60');
    const stored = (await hub.request('GET', `/api/v1/merchants/${merchant.id}/menu`)).json();
    expect(stored.items.map((item: { ref: string }) => item.ref)).toEqual(['cornetto', 'cappuccino']);
    await step('menu').getByText('2 items').waitFor();
    expect(await scrollsSideways()).toBe(false);
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/console-merchant.png`, fullPage: true });
  });

  it('lets the operator approve one application and reject another with a reason', async () => {
    const other = (
      await hub.request('POST', '/api/v1/merchants/applications', {
        token: null,
        body: { name: 'Fly-by-night', currency: 'EUR', contact: { email: 'x@fly.example' } },
      })
    ).json().merchant;
    const operator = await open({ width: 1280, height: 800 });
    const op = operator.page;
    await op.goto(`${hub.baseUrl}/console`);
    await op.getByLabel('Token').fill(hub.adminToken);
    await op.getByRole('button', { name: 'Sign in' }).click();
    await op.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Merchants' }).click();
    const aurora = op.getByRole('article', { name: 'Merchant Bar Aurora' });
    await aurora.waitFor();
    expect(await aurora.textContent()).toContain('ciao@aurora.example');

    await op.getByRole('button', { name: 'Reject Fly-by-night' }).click();
    await op.getByRole('button', { name: 'Reject with this reason' }).click();
    await op.getByText('Say why, so the merchant knows what to fix.').waitFor();
    await op.getByLabel('Reason for rejecting Fly-by-night').fill('the contact address does not answer');
    await op.getByRole('button', { name: 'Reject with this reason' }).click();
    await op.getByRole('article', { name: 'Merchant Fly-by-night' }).waitFor({ state: 'detached' });
    expect((await hub.request('GET', `/api/v1/merchants/${other.id}`)).json()).toMatchObject({
      status: 'rejected',
      reason: 'the contact address does not answer',
    });

    await aurora.getByRole('button', { name: 'Approve Bar Aurora' }).click();
    await op.getByText('No applications wait for review.').waitFor();
    expect((await hub.request('GET', `/api/v1/merchants/${merchant.id}`)).json().status).toBe('approved');
    await op.getByLabel('Show merchants').selectOption('rejected');
    await op
      .getByRole('article', { name: 'Merchant Fly-by-night' })
      .getByText('the contact address does not answer')
      .waitFor();
    await expectAccessible(op);
    await op.screenshot({ path: `${SCREENSHOTS_DIR}/console-merchants.png` });
    expect(operator.errors).toEqual([]);
  });

  it('shows a household order on the board live once paid, and moves it along to ready', async () => {
    await page.reload();
    await page.getByTestId('board-live').filter({ hasText: 'Live:' }).waitFor();
    expect(await page.getByTestId('merchant-status').textContent()).toBe('approved');
    await page.evaluate(() => {
      (window as unknown as { stayed: boolean }).stayed = true;
    });

    const home = (
      await hub.request('POST', '/api/v1/homes', { body: { name: 'Casa Bianchi', language: 'it' } })
    ).json();
    const household = (
      await hub.request('POST', '/api/v1/tokens', {
        body: { name: 'Phone', role: 'household', homeId: home.id },
      })
    ).json().token;
    const as = (
      method: Parameters<TestHub['request']>[0],
      url: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => hub.request(method, url, { token: household, body, ...(headers ? { headers } : {}) });
    await as('PATCH', `/api/v1/homes/${home.id}`, { location: { lat: 45.4655, lon: 9.189 } });
    await as('PUT', `/api/v1/homes/${home.id}/payment-settings`, {
      enabled: true,
      pin: '1357',
      currency: 'EUR',
      perOrderLimit: 5000,
      dailyLimit: 20000,
    });
    await as(
      'POST',
      `/api/v1/homes/${home.id}/wallet/top-ups`,
      { amount: 2000, currency: 'EUR' },
      {
        'idempotency-key': 'top-up-1',
      },
    );
    const placed = await as('POST', `/api/v1/homes/${home.id}/orders`, {
      merchantId: merchant.id,
      items: [
        { ref: 'cornetto', quantity: 2 },
        { ref: 'cappuccino', quantity: 1, options: { size: ['large'] } },
      ],
    });
    expect(placed.status).toBe(201);
    const order = placed.json();
    const paid = await as(
      'POST',
      `/api/v1/orders/${order.id}/pay`,
      { pin: '1357' },
      {
        'idempotency-key': `pay-${order.id}`,
      },
    );
    expect(paid.json()).toMatchObject({ status: 'paid' });
    const code: string = paid.json().pickupCode;

    const card = page.locator(`li.order-card[data-order-id="${order.id}"]`);
    await card.and(page.locator('[data-status="paid"]')).waitFor();
    expect(await card.textContent()).toContain(`Pickup ${code}`);
    expect(await card.textContent()).toContain('€5.40');
    expect(await card.textContent()).toContain('1 × Cappuccino (large)');
    for (const [button, status] of [
      ['Accept', 'accepted'],
      ['Start preparing', 'preparing'],
      ['Mark ready', 'ready'],
    ] as const) {
      await page.getByRole('button', { name: `${button} order ${code}` }).click();
      await card.and(page.locator(`[data-status="${status}"]`)).waitFor();
    }
    expect((await hub.request('GET', `/api/v1/orders/${order.id}`)).json().status).toBe('ready');
    await expectAccessible(page);
    await section('Order board').screenshot({ path: `${SCREENSHOTS_DIR}/console-merchant-board.png` });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await step('test_order').getByText('an order was paid').waitFor();
    expect(await scrollsSideways()).toBe(false);

    // A refund asks first, then gives the money back once.
    await page.getByRole('button', { name: `Refund order ${code}` }).click();
    await page.getByRole('button', { name: 'Yes, refund' }).click();
    await card.and(page.locator('[data-status="refunded"]')).waitFor();
    expect((await hub.request('GET', `/api/v1/orders/${order.id}`)).json().status).toBe('refunded');
    expect((await as('GET', `/api/v1/homes/${home.id}/wallet?currency=EUR`)).json().balance).toBe(2000);
    expect(errors).toEqual([]);
  });
});
