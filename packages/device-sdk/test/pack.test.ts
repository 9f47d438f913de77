import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLight } from '../../hub/test/device-fixtures.js';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';

// What a brand does: pack the SDK, install the tarball in its own project, import it and connect to a hub.
const run = promisify(execFile);
const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = resolve(sdkDir, '../../node_modules/typescript/bin/tsc');

let t: TestHub;
let work: string;
beforeAll(async () => {
  t = await startTestHub('sqlite');
  work = mkdtempSync(join(tmpdir(), 'genio-sdk-pack-'));
});
afterAll(async () => {
  await t?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('@genio/device-sdk as a published package', () => {
  it('packs a build (ESM + .d.ts), installs from the tarball and connects a device to a real hub', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: sdkDir });
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = info?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']),
    );
    expect(files.some((f) => f.startsWith('test/'))).toBe(false);

    const app = join(work, 'brand-firmware');
    await run('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'brand-firmware', version: '1.0.0', private: true, type: 'module' }),
    );
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, info?.filename ?? '')],
      {
        cwd: app,
      },
    );

    const light = await createLight(t, 'packed-lamp');
    writeFileSync(
      join(app, 'lamp.mjs'),
      `import { connect } from '@genio/device-sdk';
const lamp = await connect({
  host: '127.0.0.1',
  port: Number(process.env.PORT),
  productKey: process.env.PK,
  deviceName: process.env.DN,
  deviceSecret: process.env.DS,
  connectTimeoutMs: 5000,
});
await lamp.report({ Brightness: 42 });
await lamp.close();
console.log('reported');
`,
    );
    const lamp = await run('node', ['lamp.mjs'], {
      cwd: app,
      env: {
        ...process.env,
        PORT: String(t.hub.ports.mqtt),
        PK: light.device.productKey,
        DN: light.device.deviceName,
        DS: light.device.deviceSecret,
      },
    });
    expect(lamp.stdout.trim()).toBe('reported');
    const state = (await t.request('GET', `/api/v1/devices/${light.device.id}`)).json();
    expect(state.properties.Brightness).toBe(42);

    // The types ship too: a brand's TypeScript sees the SDK's declarations.
    writeFileSync(
      join(app, 'typed.ts'),
      `import { connect, type Device } from '@genio/device-sdk';
export const open = (secret: string): Promise<Device<{ Brightness: number }>> =>
  connect({ host: 'hub', productKey: 'pk', deviceName: 'dn', deviceSecret: secret });
// @ts-expect-error a report of an unknown type is refused by the declarations
export const wrong = (device: Device<{ Brightness: number }>) => device.report({ Brightness: 'high' });
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
