import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { describeBrowser, launchBrowser, newPage, startWebHub } from './browser.js';

describeBrowser('web pages served by the hub', () => {
  let hub: TestHub;
  let browser: Browser;
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('serves the screen at / and the console at /console with long-lived hashed assets', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(`${hub.baseUrl}/`);
    await page.goto(`${hub.baseUrl}/console`);
    expect(await page.title()).toBe('Genio console');
    const asset = await hub.request('GET', '/', { token: null });
    expect(asset.status).toBe(200);
    const script = /src="(\/assets\/[^"]+)"/.exec(asset.body)?.[1];
    expect(script).toBeTruthy();
    const js = await hub.request('GET', script as string, { token: null });
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await hub.request('GET', '/assets/../../package.json', { token: null })).status).not.toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });
});
