import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestHarness } from '@genio/miniapp-sdk/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readArchive } from '../src/commands/miniapp-archive.js';
import { checkManifest } from '../src/commands/miniapp-manifest.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'genio-miniapp-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, cwd: work };
}

describe('genio miniapp new → test → pack', () => {
  it('scaffolds an app that passes its own tests and packs into a package tar reads', async () => {
    const made = capture();
    expect(
      await main(
        [
          'miniapp',
          'new',
          'kiki',
          '--id',
          'com.example.kiki',
          '--name',
          'Kiki Chicken',
          '--name-zh',
          '琪琪炸鸡',
        ],
        made,
      ),
    ).toBe(0);
    expect(made.lines[0]).toContain('manifest.json, src/app.js, test/conversations.json');

    const tested = capture();
    expect(await main(['miniapp', 'test', 'kiki'], tested)).toBe(0);
    expect(tested.lines).toEqual(['✓ opens and greets (en)', '✓ 打开并问好 (zh)', '2 passed, 0 failed']);

    const packed = capture();
    expect(await main(['miniapp', 'pack', 'kiki'], packed)).toBe(0);
    const file = join(work, 'kiki', 'dist', 'com.example.kiki-1.0.0.gapp');
    expect(packed.lines[0]).toBe('com.example.kiki 1.0.0: kiki/dist/com.example.kiki-1.0.0.gapp');

    // A real tar reads it: exactly the manifest and the bundle.
    const listing = await run('tar', ['-tzf', file]);
    expect(listing.stdout.trim().split('\n')).toEqual(['manifest.json', 'bundle.js']);
    const files = readArchive(readFileSync(file));
    const manifest = JSON.parse(String(files.get('manifest.json')));
    expect(checkManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      id: 'com.example.kiki',
      invocation: { en: ['Kiki Chicken'], zh: ['琪琪炸鸡'] },
    });

    // The packed bundle is the app: it runs in the harness and answers in both languages.
    const harness = await createTestHarness({
      manifest,
      bundle: String(files.get('bundle.js')),
      language: 'zh',
    });
    expect((await harness.say('打开琪琪炸鸡')).reply.card).toEqual({
      type: 'text',
      title: '琪琪炸鸡',
      text: expect.any(String),
    });
  });

  it('fails a test whose answer changed, saying what differs', async () => {
    expect(await main(['miniapp', 'new', 'broken'], capture())).toBe(0);
    const app = join(work, 'broken', 'src', 'app.js');
    writeFileSync(app, readFileSync(app, 'utf8').replace("hello: 'Hello! Ask", "hello: 'Hi! Ask"));
    const io = capture();
    expect(await main(['miniapp', 'test', 'broken'], io)).toBe(1);
    expect(io.lines.join('\n')).toMatch(
      /✗ opens and greets \(en\)\n\s+"open Broken": speech "Hi! Ask me.*" does not contain "Hello!"/,
    );
    expect(io.lines.at(-1)).toBe('1 passed, 1 failed');
  });

  it('refuses a bad manifest with every field named, before writing anything', async () => {
    expect(await main(['miniapp', 'new', 'bad'], capture())).toBe(0);
    const path = join(work, 'bad', 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.version = '1.0';
    manifest.permissions.push({ name: 'camera', reason: { en: 'x' } });
    manifest.permissions[0].reason = { en: 'only English' };
    manifest.intents[0].sentences.en.push('greet {someone');
    manifest.network = { allowlist: ['https://api.example.com/v1'] };
    writeFileSync(path, JSON.stringify(manifest));
    const io = capture();
    expect(await main(['miniapp', 'pack', 'bad'], io)).toBe(1);
    const message = io.errors.join('\n');
    expect(message).toContain('version: must be a semantic version like "1.0.0", got "1.0"');
    expect(message).toContain('permissions[1].name: must be one of storage, network');
    expect(message).toContain('permissions[0].reason.zh: the household reads why in zh');
    expect(message).toContain('intents[0].sentences.en[2]: bad slot');
    expect(message).toContain('network.allowlist[0]: must be a host name');
    expect(() => readFileSync(join(work, 'bad', 'dist', 'com.example.bad-1.0.gapp'))).toThrow();
  });

  it('bundles with the project’s esbuild, and without it refuses a file that imports', async () => {
    expect(await main(['miniapp', 'new', 'modular'], capture())).toBe(0);
    const dir = join(work, 'modular');
    writeFileSync(
      join(dir, 'src', 'words.js'),
      "export const greeting = 'Hello! Ask me to say hello to someone.';\n",
    );
    const app = join(dir, 'src', 'app.js');
    writeFileSync(
      app,
      `import { greeting } from './words.js';\n${readFileSync(app, 'utf8').replace("hello: 'Hello! Ask me to say hello to someone.'", 'hello: greeting')}`,
    );
    const single = capture();
    expect(await main(['miniapp', 'pack', 'modular'], single)).toBe(1);
    expect(single.errors[0]).toMatch(/src\/app\.js:1 imports or exports.*npm i -D esbuild/);

    // The app's project has esbuild: it bundles into one script the sandbox runs.
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const bundled = capture();
    expect(await main(['miniapp', 'pack', 'modular'], bundled)).toBe(0);
    expect(bundled.lines[1]).toContain('esbuild');
    expect(await main(['miniapp', 'test', 'modular'], capture())).toBe(0);
    const bundle = String(
      readArchive(readFileSync(join(dir, 'dist', 'com.example.modular-1.0.0.gapp'))).get('bundle.js'),
    );
    expect(bundle).not.toMatch(/^\s*import\s/m);
  });

  it('explains a missing token, an unknown subcommand and a directory that is not empty', async () => {
    const io = capture();
    expect(await main(['miniapp', 'publish', 'x.gapp'], io)).toBe(2);
    expect(io.errors.at(-1)).toContain('a developer token is needed');
    expect(await main(['miniapp', 'fly'], io)).toBe(2);
    expect(io.errors.at(-1)).toContain('unknown subcommand "fly"');
    expect(await main(['miniapp', 'new', 'kiki'], io)).toBe(1);
    expect(io.errors.at(-1)).toContain('is not empty');
    expect(
      await main(
        ['miniapp', 'publish', join(work, 'kiki'), '--token', 't', '--hub', 'http://127.0.0.1:9'],
        io,
      ),
    ).toBe(1);
    expect(io.errors.at(-1)).toContain('cannot reach the hub at http://127.0.0.1:9');
  });
});
