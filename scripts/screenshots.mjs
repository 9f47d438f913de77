// Refresh docs/screenshots/*.png from the browser suites. `npm test` writes its screenshots to
// test-results/screenshots (ignored by git) and never touches the docs; this is the explicit step that does.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fresh = join(root, 'test-results/screenshots');
const docs = join(root, 'docs/screenshots');
const suites = ['screen', 'console', 'gallery'].map((name) => `packages/web/test/${name}.test.ts`);

const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--maxWorkers=1', ...suites], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GENIO_REQUIRE_CHROMIUM: '1' },
});
if (run.status !== 0) {
  console.error('screenshots: the browser suites failed; docs/screenshots left as they were.');
  process.exit(run.status ?? 1);
}
let copied = 0;
for (const name of readdirSync(docs).filter((file) => file.endsWith('.png'))) {
  const source = join(fresh, name);
  if (!existsSync(source) || statSync(source).mtimeMs < started) {
    console.error(
      `screenshots: no fresh ${name} in test-results/screenshots (is it still taken by a suite?)`,
    );
    process.exitCode = 1;
    continue;
  }
  copyFileSync(source, join(docs, name));
  copied++;
}
console.log(`screenshots: ${copied} file(s) copied to docs/screenshots`);
