import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestHub } from '../../hub/test/harness.js';
import { launchBrowser, newPage, SCREENSHOTS_DIR, startWebHub } from './browser.js';
import { askForNotifications, describeMiniapps, developerToken, packedApp } from './miniapp-fixtures.js';

// The developer uploads in the console and reads the review; the operator reviews in the console what the
// app asks for and publishes, rejects with a reason and rolls back. Judged by what the hub then answers.

let hub: TestHub;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function signIn(token: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { context, page } = await newPage(browser, viewport);
  contexts.push(context);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${hub.baseUrl}/console`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.role').waitFor();
  return page;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();

/** Upload in the console; the result line, or the console's error when the hub refused. */
async function upload(page: Page, file: string): Promise<string> {
  await nav(page, 'Mini-apps');
  await page.getByLabel('Package (.gapp)').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload for review' }).click();
  const answer = page.locator(
    '[data-testid="upload-result"], form[aria-label="Upload a mini-app"] [role="alert"]',
  );
  return (await answer.first().textContent()) ?? '';
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describeMiniapps('mini-app review in the console', () => {
  let developer: Page;
  let operator: Page;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startWebHub(), launchBrowser()]);
    developer = await signIn(await developerToken(hub));
    operator = await signIn(hub.adminToken);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await hub?.close();
  });

  it('the developer uploads; the operator sees the permissions with their reasons, sizes and checks, and rejects with a reason', async () => {
    const first = await packedApp({ edit: askForNotifications });
    expect(await upload(developer, first.file)).toContain('com.example.kiki 1.0.0: waiting for review');
    await developer.getByRole('link', { name: 'Kiki Chicken' }).click();
    const version = developer.locator('li[data-version="1.0.0"]');
    await expect.poll(() => version.getByTestId('version-status').textContent()).toBe('In review');

    await nav(operator, 'Mini-app review');
    const review = operator.getByRole('article', { name: 'Review Kiki Chicken 1.0.0' });
    await review.waitFor();
    const permissions = review.getByRole('table', { name: 'Permissions of Kiki Chicken 1.0.0' });
    expect(
      await permissions
        .locator('tr[data-permission]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-permission'))),
    ).toEqual(['storage', 'notifications']);
    expect(await permissions.locator('tr[data-permission="notifications"]').textContent()).toContain(
      '在订单准备好时通知您',
    );
    expect(await review.getByTestId('sizes').textContent()).toMatch(/package \d+(\.\d)? (B|KB), bundle \d/);
    expect(
      await review.getByRole('list', { name: 'Checks of Kiki Chicken 1.0.0' }).locator('li').count(),
    ).toBeGreaterThan(0);
    await operator.screenshot({ path: `${SCREENSHOTS_DIR}/console-miniapp-review.png`, fullPage: true });

    await review.getByRole('button', { name: 'Reject Kiki Chicken 1.0.0' }).click();
    await review
      .getByLabel('Reason for rejecting Kiki Chicken 1.0.0')
      .fill('Notifications are not used by any intent: remove the permission.');
    await review.getByRole('button', { name: 'Reject with this reason' }).click();
    await operator.getByText('No version waits for review.').waitFor();

    const stored = (await hub.request('GET', '/api/v1/miniapps/com.example.kiki')).json();
    const rejected = stored.versions.find((v: { version: string }) => v.version === '1.0.0');
    expect(rejected).toMatchObject({ status: 'rejected' });
    await developer.reload();
    await expect
      .poll(() => developer.locator('li[data-version="1.0.0"]').getByTestId('review-reason').textContent())
      .toContain('Notifications are not used by any intent');
  });

  it('publishes a fixed version, publishes the next and rolls back to the first, at a phone’s width too', async () => {
    expect(await upload(developer, (await packedApp({ version: '1.0.1' })).file)).toContain(
      '1.0.1: waiting for review',
    );
    // The operator's page is still open from the rejection: "Refresh" loads the new upload.
    await operator.getByRole('button', { name: 'Refresh' }).click();
    await operator.getByRole('button', { name: 'Publish Kiki Chicken 1.0.1' }).click();
    await operator.getByText('No version waits for review.').waitFor();
    await expect
      .poll(
        async () => (await hub.request('GET', '/api/v1/miniapps/com.example.kiki')).json().publishedVersion,
      )
      .toBe('1.0.1');

    const phone = await signIn(hub.adminToken, { width: 390, height: 844 });
    expect(await upload(developer, (await packedApp({ version: '1.1.0' })).file)).toContain(
      '1.1.0: waiting for review',
    );
    await nav(phone, 'Mini-app review');
    await phone.getByRole('button', { name: 'Publish Kiki Chicken 1.1.0' }).click();
    await expect
      .poll(
        async () => (await hub.request('GET', '/api/v1/miniapps/com.example.kiki')).json().publishedVersion,
      )
      .toBe('1.1.0');
    await noSidewaysScroll(phone);

    const rollBack = phone.getByRole('form', { name: 'Roll back Kiki Chicken' });
    await rollBack.getByLabel('Version of Kiki Chicken to go back to').selectOption('1.0.1');
    await rollBack.getByRole('button', { name: 'Roll back' }).click();
    await expect
      .poll(
        async () => (await hub.request('GET', '/api/v1/miniapps/com.example.kiki')).json().publishedVersion,
      )
      .toBe('1.0.1');
    await phone.screenshot({ path: `${SCREENSHOTS_DIR}/console-miniapp-review-phone.png`, fullPage: true });
  }, 90_000);

  it('shows a developer no review page, and an operator page to nobody else', async () => {
    const links = await developer
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link')
      .allTextContents();
    expect(links).toContain('Mini-apps');
    expect(links).not.toContain('Mini-app review');
    await developer.goto(`${hub.baseUrl}/console#/miniapp-review`);
    await developer.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
