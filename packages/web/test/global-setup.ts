import { existsSync } from 'node:fs';
import { build } from 'vite';
import { decideChromium } from './chromium.js';

/**
 * Build the screen app and console once before the browser tests (about a second), so they test this
 * tree's code. Without Chromium (outside CI) there is nothing to build for: say so in one line instead.
 */
export default async function setup(): Promise<void> {
  const chromium = decideChromium(process.env, existsSync);
  if (!chromium.run) {
    console.warn(`\n${chromium.notice}\n`);
    return;
  }
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
