import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// What an app author does: pack the SDK, install the tarball in their own project, import both entries,
// run their app in the harness and type-check against the declarations.
const run = promisify(execFile);
const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = resolve(sdkDir, '../../node_modules/typescript/bin/tsc');
const work = mkdtempSync(join(tmpdir(), 'genio-miniapp-sdk-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('@genio/miniapp-sdk as a published package', () => {
  it('packs a build (ESM + .d.ts), installs from the tarball, runs an app in the harness and types it', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: sdkDir });
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = info?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/testing/index.js',
        'dist/testing/index.d.ts',
      ]),
    );
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);

    const app = join(work, 'kiki');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'kiki', version: '1.0.0', private: true, type: 'module' }),
    );
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, info?.filename ?? '')],
      { cwd: app },
    );

    writeFileSync(
      join(app, 'check.mjs'),
      `import { permissions, appFromHandlers } from '@genio/miniapp-sdk';
import { createTestHarness } from '@genio/miniapp-sdk/testing';
const manifest = {
  id: 'com.example.kiki', version: '1.0.0', name: { en: 'Kiki' }, description: { en: 'Wings' },
  invocation: { en: ['Kiki'] }, intents: [], permissions: [{ name: 'storage', reason: { en: 'Remember' } }],
};
const bundle = "genio.register({ async handle(e, host) { await host.storage.set({ key: 'seen', value: true }); return { speech: 'hi ' + e.type }; } })";
const app = await createTestHarness({ manifest, bundle });
const { reply } = await app.say('open Kiki');
console.log(reply.speech, app.home.storage.get('seen'), permissions.length, typeof appFromHandlers);
`,
    );
    const checked = await run('node', ['check.mjs'], { cwd: app });
    expect(checked.stdout.trim()).toBe('hi launch true 8 function');

    writeFileSync(
      join(app, 'typed.ts'),
      `import { defineApp, type Manifest } from '@genio/miniapp-sdk';
import { createTestHarness } from '@genio/miniapp-sdk/testing';
export const start = (manifest: Manifest, bundle: string) => createTestHarness({ manifest, bundle });
export const define = () =>
  defineApp({
    launch: (event) => ({ speech: event.language, card: { type: 'text', title: 'Kiki', text: 'Menu' } }),
    intent: async (event, host) => ({ speech: String(await host.storage.get({ key: event.intent })) }),
  });
// @ts-expect-error a card type the screen does not have is refused by the declarations
export const wrong = () => defineApp({ launch: () => ({ speech: 'x', card: { type: 'html', html: '<b>' } }) });
`,
    );
    await run(
      'node',
      [
        tsc,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--typeRoots',
        resolve(sdkDir, '../../node_modules/@types'),
        '--types',
        'node',
        'typed.ts',
      ],
      { cwd: app },
    ).catch((error: { stdout?: string }) => {
      throw new Error(`tsc refused the packed types:\n${error.stdout ?? String(error)}`);
    });
  }, 180_000);
});
