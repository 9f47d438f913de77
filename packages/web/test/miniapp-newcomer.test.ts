import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';
import { describeMiniapps, developerToken, genio, packedApp } from './miniapp-fixtures.js';

// docs/miniapps.md, walked as a newcomer does: genio miniapp new → test → pack → publish (upload) → the
// operator publishes in the console → the household installs on the screen and grants → "open <app>"
// typed in English and in Chinese → the app's card on the screen.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function open(viewport = { width: 1024, height: 600 }): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(browser, viewport);
  contexts.push(opened.context);
  return opened;
}

async function say(page: Page, text: string) {
  const box = page.getByLabel(/Say something|说点什么/);
  await box.fill(text);
  await box.press('Enter');
}

const lastCard = (page: Page) => page.locator('[data-testid="reply"] [data-testid="card"]').last();

describeMiniapps('a newcomer ships a mini-app and a household opens it by voice', () => {
  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.close();
  });

  it('goes from an empty directory to the app’s card on the screen, in two languages', async () => {
    // The developer: scaffold, run the tests, pack, upload with a developer token.
    const { work, file } = await packedApp();
    const uploaded = await genio(
      work,
      'miniapp',
      'publish',
      file,
      '--hub',
      hub.baseUrl,
      '--token',
      await developerToken(hub),
    );
    expect(uploaded[0]).toBe('com.example.kiki 1.0.0: in review');

    // The operator publishes it in the console.
    const operator = await open();
    await operator.page.goto(`${hub.baseUrl}/console`);
    await operator.page.getByLabel('Token').fill(hub.adminToken);
    await operator.page.getByRole('button', { name: 'Sign in' }).click();
    await operator.page.getByRole('link', { name: 'Mini-app review', exact: true }).click();
    await operator.page.getByRole('button', { name: 'Publish Kiki Chicken 1.0.0' }).click();
    await operator.page.getByText('No version waits for review.').waitFor();

    // The household installs it on its screen and grants storage.
    const home = (
      await hub.request('POST', '/api/v1/homes', { body: { name: 'Newcomer home', language: 'en' } })
    ).json();
    const { code } = (
      await hub.request('POST', `/api/v1/homes/${home.id}/screen-pairing`, { body: {} })
    ).json();
    const { page, errors } = await open();
    await page.goto(`${hub.baseUrl}/?pair=${code}`);
    await page.locator('.connection-open').waitFor();
    await page.getByRole('button', { name: 'Apps' }).click();
    await page.getByRole('button', { name: 'Install Kiki Chicken' }).click();
    const sheet = page.getByRole('dialog', { name: 'Install Kiki Chicken?' });
    await sheet.getByRole('button', { name: 'Grant Keep its own data on this speaker' }).click();
    await sheet.getByRole('button', { name: 'Install', exact: true }).click();
    await page
      .getByRole('list', { name: 'Installed on this speaker' })
      .getByText('Say “open Kiki Chicken”')
      .waitFor();
    await page.getByRole('button', { name: 'Close apps' }).click();

    // "open Kiki Chicken", typed: the app's card, drawn by the screen's own card renderer.
    await say(page, 'open Kiki Chicken');
    await expect.poll(() => lastCard(page).getAttribute('data-card-type')).toBe('text');
    expect(await lastCard(page).textContent()).toContain('Kiki Chicken');
    expect(await lastCard(page).textContent()).toContain('Hello! Ask me to say hello to someone.');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-miniapp-open-en.png` });
    await say(page, 'exit');
    await page.locator('[data-testid="reply"]').filter({ hasText: 'Goodbye!' }).waitFor();

    // The same app in Chinese.
    await say(page, '打开琪琪炸鸡');
    await expect.poll(async () => lastCard(page).textContent()).toContain('琪琪炸鸡');
    expect(await lastCard(page).textContent()).toContain('你好！让我向某人问好吧。');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/screen-miniapp-open-zh.png` });

    // The conversation is the app's and nothing else: the hub's answer names it too.
    const turn = (
      await hub.request('POST', '/api/v1/conversation', {
        body: { homeId: home.id, text: 'open Kiki Chicken' },
      })
    ).json();
    expect(turn.card).toMatchObject({ type: 'text', title: 'Kiki Chicken' });
    expect(errors).toEqual([]);
  });
});
