import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

// `genio miniapp publish` against a real hub. The hub's mini-app routes come from another branch: this
// suite runs once packages/hub/src/miniapps/index.ts is merged, and says so loudly until then.
const merged = existsSync(fileURLToPath(new URL('../../hub/src/miniapps/index.ts', import.meta.url)));
if (!merged)
  console.warn(
    '\n[genio tests] genio miniapp publish SKIPPED: the hub mini-app platform is not merged into this branch yet.\n',
  );

let t: TestHub;
const work = mkdtempSync(join(tmpdir(), 'genio-miniapp-publish-'));
function capture(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, cwd: work };
}

(merged ? describe : describe.skip)('genio miniapp publish', () => {
  beforeAll(async () => {
    t = await startTestHub('sqlite');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('uploads a packed app with a developer token and prints its review status', async () => {
    const developer = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'dev', role: 'developer' } })
    ).json().token;
    expect(await main(['miniapp', 'new', 'hello', '--id', 'com.example.hello'], capture())).toBe(0);
    expect(await main(['miniapp', 'pack', 'hello'], capture())).toBe(0);
    const io = capture();
    const file = join(work, 'hello', 'dist', 'com.example.hello-1.0.0.gapp');
    expect(await main(['miniapp', 'publish', file, '--hub', t.baseUrl, '--token', developer], io)).toBe(0);
    expect(io.lines[0]).toBe('com.example.hello 1.0.0: in review');
    const stored = (
      await t.request('GET', '/api/v1/miniapps/com.example.hello', { token: developer })
    ).json();
    expect(stored.versions).toEqual([expect.objectContaining({ version: '1.0.0', status: 'in_review' })]);

    // A directory is packed on the way; a household token may not publish; an unknown token is named.
    const home = (await t.request('POST', '/api/v1/homes', { body: { name: 'H', language: 'en' } })).json();
    const household = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'h', role: 'household', homeId: home.id } })
    ).json().token;
    const refused = capture();
    expect(
      await main(
        ['miniapp', 'publish', join(work, 'hello'), '--hub', t.baseUrl, '--token', household],
        refused,
      ),
    ).toBe(1);
    expect(refused.errors[0]).toMatch(/the hub refused the package: 403/);
    const unknown = capture();
    expect(await main(['miniapp', 'publish', file, '--hub', t.baseUrl, '--token', 'gn_nope'], unknown)).toBe(
      1,
    );
    expect(unknown.errors[0]).toContain('the hub does not know this token');
  });
});
