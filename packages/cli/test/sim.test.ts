import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';
import { simCommand } from '../src/commands/sim.js';
import type { Io } from '../src/io.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('sqlite');
});
afterAll(async () => t?.close());

describe('genio sim', () => {
  it('registers the product, creates N devices, connects them and disconnects on stop', async () => {
    const lines: string[] = [];
    const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), env: {}, cwd: process.cwd() };
    const stop = new AbortController();
    const running = simCommand(
      [
        'plug',
        '--count',
        '3',
        '--url',
        t.baseUrl,
        '--token',
        t.adminToken,
        '--mqtt-port',
        String(t.hub.ports.mqtt),
        '--tick-ms',
        '50',
      ],
      io,
      stop.signal,
    );
    const online = async () =>
      ((await t.request('GET', '/api/v1/devices?online=true')).json() as unknown[]).length;
    await expect.poll(online, { timeout: 10_000 }).toBe(3);
    // The hub sees the connections a moment before the command has finished waiting for them.
    await expect.poll(() => lines.join('\n')).toMatch(/3 simulated plug\(s\) connected/);
    const devices = (await t.request('GET', '/api/v1/devices')).json() as Array<{ id: string }>;
    await expect
      .poll(
        async () =>
          Object.keys((await t.request('GET', `/api/v1/devices/${devices[0]?.id}`)).json().properties).length,
      )
      .toBeGreaterThan(0);
    stop.abort();
    expect(await running).toBe(0);
    await expect.poll(online).toBe(0);
  });

  it('explains what is missing', async () => {
    const io: Io = { out: () => {}, err: () => {}, env: {}, cwd: process.cwd() };
    await expect(simCommand(['toaster'], io)).rejects.toThrow(/genio sim </);
    await expect(simCommand(['light', '--url', t.baseUrl], io)).rejects.toThrow(/a token is needed/);
  });
});
