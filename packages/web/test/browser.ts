import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { type Backend, startTestHub, type TestHub } from '../../hub/test/harness.js';
import { decideChromium } from './chromium.js';

/** Whether this machine runs the browser suites (throws in CI when Chromium is missing). */
export const CHROMIUM = decideChromium(process.env, existsSync);
/** `describe` for a suite that needs Chromium: skipped where there is none (global-setup says so once). */
export const describeBrowser = CHROMIUM.run ? describe : describe.skip;

export const WEB_DIR = fileURLToPath(new URL('../dist', import.meta.url));
/**
 * Where the suites write screenshots: under test-results/ (ignored by git), so `npm test` never
 * rewrites tracked files. `npm run screenshots` copies the ones the docs show into docs/screenshots.
 */
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../../test-results/screenshots', import.meta.url));

/** Debian's Chromium, headless, with the flags this machine needs (and any a suite adds, such as a fake microphone). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM.executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      ...extraArgs,
    ],
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
