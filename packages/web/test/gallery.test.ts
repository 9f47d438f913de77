import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';

// The card gallery at /cards in a real browser, served by a real hub; it needs no token and calls no API.

const TYPES = ['text', 'list', 'product-grid', 'form', 'media', 'confirmation', 'unknown'] as const;

describeBrowser('card gallery', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const apiCalls: string[] = [];

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    ({ context, page, errors } = await newPage(browser, { width: 1280, height: 800 }));
    page.setDefaultTimeout(8000);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api')) apiCalls.push(request.url());
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  const card = (type: string) => page.locator(`[data-testid="card"][data-card-type="${type}"]`);
  const turns = () => page.locator('[data-testid="turn-log"] [data-testid="turn"]');
  const lastTurn = async () => JSON.parse((await turns().first().locator('pre').textContent()) ?? 'null');

  it('renders every card type next to its pretty-printed JSON, at /cards and /cards/', async () => {
    for (const path of ['/cards', '/cards/']) {
      const response = await hub.request('GET', path);
      expect(response.status).toBe(200);
      expect(response.body).toContain('<title>Genio card gallery</title>');
    }
    await page.goto(`${hub.baseUrl}/cards`);
    await page.getByRole('heading', { level: 1, name: 'Genio card gallery' }).waitFor();
    for (const type of TYPES) {
      await card(type).waitFor();
      expect(await card(type).count()).toBe(1);
      const sample = page.locator(`[data-testid="sample-${type}"]`);
      const json = JSON.parse((await sample.locator('pre.gallery-json').textContent()) ?? '');
      expect(json.type).toBe(type === 'unknown' ? 'weather-radar' : type);
      expect(await sample.locator('pre.gallery-json').textContent()).toContain('\n  "type": ');
    }
    // The product pictures and the media image load from the hub.
    const images = page.locator('[data-testid="card"] img');
    expect(await images.count()).toBe(4);
    await expect
      .poll(() =>
        images.evaluateAll((all: HTMLImageElement[]) => all.every((i) => i.complete && i.naturalWidth > 0)),
      )
      .toBe(true);
    expect(await card('product-grid').textContent()).toContain('€39.90');
    expect(await card('media').getByRole('img', { name: 'Lake Como at dusk' }).count()).toBe(1);
  });

  it('shows the fallback for an unknown card type', async () => {
    expect(await card('unknown').textContent()).toBe('This answer cannot be shown on this screen.');
  });

  it('logs the turn a list choice, a submitted form and a confirmation would send', async () => {
    await card('list')
      .getByRole('button', { name: /Bedroom/ })
      .click();
    await turns().first().waitFor();
    expect(await lastTurn()).toEqual({ type: 'turn', id: 1, text: 'Bedroom' });
    expect(await turns().first().getAttribute('data-from')).toBe('list');

    await card('list')
      .getByRole('button', { name: /Reading lamp/ })
      .click();
    await expect.poll(() => turns().count()).toBe(2);
    expect(await lastTurn()).toEqual({ type: 'turn', id: 2, text: 'Reading lamp' });

    const form = card('form');
    await form.getByLabel('Name').fill('Ada');
    await form.getByLabel('Guests').fill('2');
    await form.getByLabel('Time').selectOption('20:00');
    await form.getByRole('button', { name: 'Book' }).click();
    await expect.poll(() => turns().count()).toBe(3);
    expect(await lastTurn()).toEqual({ type: 'turn', id: 3, text: 'Name: Ada, Guests: 2, Time: 20:00' });
    expect(await turns().first().getAttribute('data-from')).toBe('form');

    await card('confirmation').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => turns().count()).toBe(4);
    expect(await lastTurn()).toEqual({ type: 'turn', id: 4, text: 'yes' });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/card-gallery.png`, fullPage: true });
  });

  it('switches the renderer to Italian: the confirmation buttons and their answers change', async () => {
    const buttons = card('confirmation').getByRole('button');
    expect(await buttons.allTextContents()).toEqual(['Yes', 'No']);
    await page.getByLabel('Screen language').selectOption('it');
    await expect.poll(() => buttons.allTextContents()).toEqual(['Sì', 'No']);
    expect(
      await page.locator('[data-testid="sample-confirmation"] .gallery-preview').getAttribute('lang'),
    ).toBe('it');
    expect(await card('form').getByRole('button', { name: 'Book' }).count()).toBe(1);
    expect(await card('unknown').textContent()).toBe(
      'Questa risposta non può essere mostrata su questo schermo.',
    );
    await buttons.first().click();
    await expect.poll(() => lastTurn()).toEqual({ type: 'turn', id: 5, text: 'sì' });

    await page.getByLabel('Screen language').selectOption('zh');
    await expect.poll(() => buttons.allTextContents()).toEqual(['是', '否']);
    await page.getByLabel('Screen language').selectOption('en');
  });

  it('raised no page errors and called no API', () => {
    expect(errors).toEqual([]);
    expect(apiCalls).toEqual([]);
  });
});
