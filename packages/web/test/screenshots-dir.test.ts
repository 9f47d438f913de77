import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS_DIR } from './browser.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('screenshots taken by the browser suites', () => {
  it('land in a folder git ignores, so npm test leaves tracked files alone', () => {
    const shot = relative(root, `${SCREENSHOTS_DIR}/screen-home.png`);
    expect(shot.startsWith('docs')).toBe(false);
    const ignored = spawnSync('git', ['check-ignore', '--quiet', '--no-index', shot], { cwd: root });
    expect(ignored.status, `${shot} is not ignored by git`).toBe(0);
  });
});
