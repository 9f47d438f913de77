import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type Backend, startTestHub, type TestHub } from '../../hub/test/harness.js';

export const CHROMIUM = process.env.GENIO_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIR = fileURLToPath(new URL('../dist', import.meta.url));
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));

/** Debian's Chromium, headless, with the flags this machine needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (.ci/run does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** A hub on ephemeral ports serving this tree's web build (with optional settings, such as publicUrl). */
export async function startWebHub(
  backend: Backend = 'sqlite',
  overrides: Parameters<typeof startTestHub>[1] = {},
): Promise<TestHub> {
  if (!existsSync(`${WEB_DIR}/index.html`)) throw new Error(`web build missing in ${WEB_DIR}`);
  return startTestHub(backend, { ...overrides, webDir: WEB_DIR });
}

/** A fresh browser context (own storage) at a given viewport; page errors fail loudly. */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1024, height: 600 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}
