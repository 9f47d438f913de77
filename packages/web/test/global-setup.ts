import { build } from 'vite';

/** Build the screen app and console once before the browser tests (about a second), so they test this tree's code. */
export default async function setup(): Promise<void> {
  await build({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
