import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';
import { askForNotifications, describeMiniapps, packedApp } from './miniapp-fixtures.js';

// A household installs a published app on the screen: a sheet lists each permission with the app's
// reason in the home's language, the household grants or refuses each; then turns it off and uninstalls.
// Judged by what the hub stored for the home.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const APP = 'com.example.kiki';

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  const response = await hub.request(method, url, body === undefined ? {} : { body });
  expect(response.status, response.body).toBeLessThan(300);
  return response.json();
}

async function pairedScreen(homeId: string, viewport: { width: number; height: number }) {
  const { context, page, errors } = await newPage(browser, viewport);
  contexts.push(context);
  const { code } = await call('POST', `/api/v1/homes/${homeId}/screen-pairing`, {});
  await page.goto(`${hub.baseUrl}/?pair=${code}`);
  await page.locator('.connection-open').waitFor();
  return { page, errors };
}

const installed = async (homeId: string) =>
  (
    (await call('GET', `/api/v1/homes/${homeId}/miniapps`)) as Array<{
      appId: string;
      enabled: boolean;
      grants: string[];
    }>
  ).find((app) => app.appId === APP);

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describeMiniapps('installing a mini-app on the screen', () => {
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    const { file } = await packedApp({ edit: askForNotifications });
    const uploaded = await hub.request('POST', '/api/v1/miniapps', {
      body: (await import('node:fs')).readFileSync(file),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(uploaded.status, uploaded.body).toBe(201);
    await call('POST', `/api/v1/miniapps/${APP}/versions/1.0.0/publish`);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.close();
  });

  for (const [label, viewport] of [
    ['a phone (390×844)', { width: 390, height: 844 }],
    ['the speaker (1024×600)', { width: 1024, height: 600 }],
  ] as const) {
    it(`a Chinese home grants one permission and refuses the other, on ${label}`, async () => {
      const home = await call('POST', '/api/v1/homes', { name: `家 ${viewport.width}`, language: 'zh' });
      const { page, errors } = await pairedScreen(home.id, viewport);
      await page.getByRole('button', { name: '应用' }).click();
      const catalogue = page.getByRole('list', { name: '可用的应用' });
      await catalogue.getByRole('button', { name: '安装琪琪炸鸡' }).click();

      const sheet = page.getByRole('dialog', { name: '安装琪琪炸鸡？' });
      await sheet.waitFor();
      // Each permission with the app's own reason, in the home's language.
      expect(await sheet.getByTestId('permission-reason').allTextContents()).toEqual([
        '用来记录问候的次数',
        '在订单准备好时通知您',
      ]);
      const install = sheet.getByRole('button', { name: '安装', exact: true });
      expect(await install.isDisabled()).toBe(true);
      await sheet.getByRole('button', { name: '允许在此音箱上保存自己的数据' }).click();
      await sheet.getByRole('button', { name: '拒绝发送通知' }).click();
      await noSidewaysScroll(page);
      await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-miniapp-permissions-${viewport.width}.png` });
      await install.click();
      await sheet.waitFor({ state: 'detached' });

      await expect.poll(async () => (await installed(home.id))?.grants).toEqual(['storage']);
      const row = page.getByRole('list', { name: '已安装在此音箱' }).locator(`li[data-app-id="${APP}"]`);
      expect(await row.textContent()).toContain('说“打开琪琪炸鸡”');
      expect(await row.textContent()).toContain('已允许：在此音箱上保存自己的数据');

      await row.getByRole('switch', { name: '关闭琪琪炸鸡' }).click();
      await expect.poll(async () => (await installed(home.id))?.enabled).toBe(false);
      await row.getByRole('switch', { name: '开启琪琪炸鸡' }).click();
      await expect.poll(async () => (await installed(home.id))?.enabled).toBe(true);

      page.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: '卸载琪琪炸鸡' }).click();
      await expect.poll(() => installed(home.id)).toBeUndefined();
      await page
        .getByRole('list', { name: '可用的应用' })
        .getByRole('button', { name: '安装琪琪炸鸡' })
        .waitFor();
      await noSidewaysScroll(page);
      expect(errors).toEqual([]);
    });
  }

  it('an English home reads the reasons in English and may refuse everything', async () => {
    const home = await call('POST', '/api/v1/homes', { name: 'Flat', language: 'en' });
    const { page } = await pairedScreen(home.id, { width: 1024, height: 600 });
    await page.getByRole('button', { name: 'Apps' }).click();
    await page.getByRole('button', { name: 'Install Kiki Chicken' }).click();
    const sheet = page.getByRole('dialog', { name: 'Install Kiki Chicken?' });
    expect(await sheet.getByTestId('permission-reason').allTextContents()).toEqual([
      'To count how many greetings it has said',
      'To tell you when your order is ready',
    ]);
    await sheet.getByRole('button', { name: 'Refuse Keep its own data on this speaker' }).click();
    await sheet.getByRole('button', { name: 'Refuse Send notifications' }).click();
    await sheet.getByRole('button', { name: 'Install', exact: true }).click();
    await expect.poll(async () => (await installed(home.id))?.grants).toEqual([]);
  });
});
