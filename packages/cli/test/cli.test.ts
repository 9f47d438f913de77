import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@genio/hub';
import { afterAll, describe, expect, it } from 'vitest';
import { runChecks } from '../src/commands/doctor.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'genio.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'genio-cli-'));
  dirs.push(dir);
  return dir;
}

function captureIo(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    env: {},
    cwd: process.cwd(),
  };
}

function hold(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, port: typeof a === 'object' && a ? a.port : 0 });
    });
  });
}

describe('genio CLI', () => {
  it('prints usage and refuses unknown commands', async () => {
    const io = captureIo();
    expect(await main(['help'], io)).toBe(0);
    expect(io.lines.join('\n')).toContain('doctor');
    const bad = captureIo();
    expect(await main(['fly'], bad)).toBe(2);
    expect(bad.errors.join('\n')).toContain('unknown command "fly"');
  });

  it('creates, lists and revokes tokens on the database directly', async () => {
    const dataDir = tempDir();
    const create = captureIo();
    expect(
      await main(
        ['token', 'create', '--role', 'developer', '--name', 'ci', '--json', '--data-dir', dataDir],
        create,
      ),
    ).toBe(0);
    const created = JSON.parse(create.lines[0] as string);
    expect(created).toMatchObject({ role: 'developer', name: 'ci' });
    expect(created.token).toMatch(/^gn_/);

    const list = captureIo();
    await main(['token', 'list', '--json', '--data-dir', dataDir], list);
    expect(JSON.parse(list.lines[0] as string).map((t: { id: string }) => t.id)).toContain(created.id);
    expect(list.lines[0]).not.toContain(created.token);

    expect(await main(['token', 'revoke', created.id, '--data-dir', dataDir], captureIo())).toBe(0);
    const after = captureIo();
    await main(['token', 'list', '--json', '--data-dir', dataDir], after);
    expect(JSON.parse(after.lines[0] as string).map((t: { id: string }) => t.id)).not.toContain(created.id);

    const badRole = captureIo();
    expect(await main(['token', 'create', '--role', 'king', '--data-dir', dataDir], badRole)).toBe(2);
    expect(badRole.errors[0]).toContain('--role must be one of');
    const unknown = captureIo();
    expect(await main(['token', 'revoke', 'tok_nope', '--data-dir', dataDir], unknown)).toBe(1);
    expect(unknown.errors[0]).toContain('No token with id tok_nope');
  });

  it('reports a bad setting with the flag that carries it', async () => {
    const io = captureIo();
    expect(await main(['doctor', '--http-port', 'abc'], io)).toBe(1);
    expect(io.errors[0]).toContain('--http-port');
  });

  it('doctor fails a port in use and passes the rest', async () => {
    const held = await hold();
    try {
      const config = loadConfig({
        env: {},
        overrides: {
          dataDir: tempDir(),
          httpHost: '127.0.0.1',
          httpPort: 0,
          mqttHost: '127.0.0.1',
          mqttPort: held.port,
        },
      });
      const checks = await runChecks(config);
      const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
      expect(byName['MQTT port']).toMatchObject({ status: 'fail' });
      expect(byName['MQTT port']?.fix).toContain('--mqtt-port');
      expect(byName['HTTP port']?.status).toBe('ok');
      expect(byName.Database?.status).toBe('ok');
      expect(byName['Node.js']?.status).toBe('ok');
      expect(
        checks.filter((c) => ['espeak-ng', 'ffmpeg'].includes(c.name)).every((c) => c.status !== 'fail'),
      ).toBe(true);
      const old = await runChecks(config, 'v18.19.0');
      expect(old.find((c) => c.name === 'Node.js')?.status).toBe('fail');
    } finally {
      held.server.close();
    }
  });

  it('the genio binary exits 1 with a clear message when the MQTT port is taken', async () => {
    const held = await hold();
    try {
      const result = await run(
        process.execPath,
        [
          bin,
          'start',
          '--data-dir',
          tempDir(),
          '--http-port',
          '0',
          '--mqtt-host',
          '127.0.0.1',
          '--mqtt-port',
          String(held.port),
          '--log-level',
          'silent',
        ],
        {
          timeout: 30_000,
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${held.port} (MQTT) is already in use`);
      expect(result.stderr).toContain('--mqtt-port');
    } finally {
      held.server.close();
    }
  });
});
