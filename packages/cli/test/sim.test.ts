import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';
import { simCommand } from '../src/commands/sim.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

// The machine's Mosquitto on 1883 stands in for the stray broker a newcomer already had: the simulator
// used to connect there, say "connected" and leave the lights offline in Genio.
const MOSQUITTO = process.env.GENIO_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';

let t: TestHub;
let other: TestHub;
let mosquitto: mqtt.MqttClient;
const alinkOnMosquitto: string[] = [];

beforeAll(async () => {
  t = await startTestHub('sqlite');
  other = await startTestHub('sqlite');
  mosquitto = await mqtt.connectAsync(MOSQUITTO, { clientId: `genio-sim-test-${process.pid}` });
  mosquitto.on('message', (topic) => alinkOnMosquitto.push(topic));
  await mosquitto.subscribeAsync('/sys/#');
});
afterAll(async () => {
  await mosquitto?.endAsync();
  await t?.close();
  await other?.close();
});

function recordingIo(env: Record<string, string> = {}): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), env, cwd: process.cwd() };
}

// What `npm start` in this environment would use: the sim reads the same settings to find the hub.
const hubEnv = () => ({ GENIO_DATA_DIR: t.hub.config.dataDir, GENIO_HTTP_PORT: String(t.hub.ports.http) });

type DeviceRow = { id: string; name: string; homeId: string; online: boolean };
const simHomes = async () =>
  ((await t.request('GET', '/api/v1/homes')).json() as Array<{ id: string; name: string }>).filter(
    (h) => h.name === 'Simulation',
  );
const onlineLights = async () =>
  ((await t.request('GET', '/api/v1/devices?online=true')).json() as DeviceRow[]).filter((d) =>
    d.name.startsWith('light '),
  );

describe('genio sim', () => {
  it('runs the README command as written: the hub’s broker (not 1883, not Mosquitto), devices online, no token needed', async () => {
    expect(t.hub.ports.mqtt).not.toBe(1883);
    for (const run of [1, 2]) {
      const io = recordingIo(hubEnv());
      const stop = new AbortController();
      const running = simCommand(['light', '--count', '3', '--tick-ms', '50'], io, stop.signal);
      await expect
        .poll(() => io.lines.join('\n'), { timeout: 15_000 })
        .toMatch(/3 simulated light\(s\) connected/);
      expect(io.lines.join('\n')).toContain(`:${t.hub.ports.mqtt} and online in home "Simulation"`);
      expect(await onlineLights()).toHaveLength(3);
      const [first] = await onlineLights();
      await expect
        .poll(
          async () =>
            Object.keys((await t.request('GET', `/api/v1/devices/${first?.id}`)).json().properties).length,
        )
        .toBeGreaterThan(0);
      stop.abort();
      expect(await running, `run ${run}`).toBe(0);
      await expect.poll(async () => (await onlineLights()).length).toBe(0);
      // The second run finds the first run's home and devices instead of making new ones.
      expect(await simHomes()).toHaveLength(1);
      const lights = ((await t.request('GET', '/api/v1/devices')).json() as DeviceRow[]).filter((d) =>
        d.name.startsWith('light '),
      );
      expect(lights).toHaveLength(3);
    }
    expect(alinkOnMosquitto).toEqual([]);
    // The temporary operator tokens it made are revoked.
    const tokens = (await t.request('GET', '/api/v1/tokens?includeRevoked=true')).json() as Array<{
      name: string;
      revokedAt: number | null;
    }>;
    const temporary = tokens.filter((k) => k.name.startsWith('genio sim'));
    expect(temporary).toHaveLength(2);
    expect(temporary.every((k) => k.revokedAt !== null)).toBe(true);
  });

  it('puts devices in the home given with --home', async () => {
    const home = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'it' } })
    ).json();
    const io = recordingIo();
    const stop = new AbortController();
    const running = simCommand(
      ['plug', '--url', t.baseUrl, '--token', t.adminToken, '--home', home.id, '--tick-ms', '50'],
      io,
      stop.signal,
    );
    await expect
      .poll(() => io.lines.join('\n'), { timeout: 15_000 })
      .toMatch(/1 simulated plug\(s\) connected/);
    const devices = (
      await t.request('GET', `/api/v1/devices?homeId=${home.id}&online=true`)
    ).json() as DeviceRow[];
    expect(devices.map((d) => d.name)).toEqual(['plug 1']);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('fails loudly, non-zero, when pointed at a broker that is not the hub’s (Mosquitto accepts anyone)', async () => {
    const io = recordingIo();
    const mosquittoUrl = new URL(MOSQUITTO);
    const code = await main(
      [
        'sim',
        'fridge',
        '--url',
        t.baseUrl,
        '--token',
        t.adminToken,
        '--mqtt-host',
        mosquittoUrl.hostname,
        '--mqtt-port',
        mosquittoUrl.port || '1883',
        '--online-timeout-ms',
        '1500',
      ],
      io,
    );
    expect(code).toBe(1);
    const output = io.lines.join('\n');
    expect(output).toMatch(/the hub shows 0 online: that broker is not this hub's/);
    expect(output).not.toMatch(/connected to .* and online/);
  });

  it('fails loudly, non-zero, when the broker refuses the credentials (CONNACK not authorized)', async () => {
    const io = recordingIo();
    const code = await main(
      [
        'sim',
        'vacuum',
        '--url',
        t.baseUrl,
        '--token',
        t.adminToken,
        '--mqtt-host',
        '127.0.0.1',
        '--mqtt-port',
        String(other.hub.ports.mqtt),
      ],
      io,
    );
    expect(code).toBe(1);
    expect(io.lines.join('\n')).toMatch(
      /refused the credentials of "vacuum 1" \(dev_\w+\) \(CONNACK: not authorized\)/,
    );
  });

  it('explains what is missing', async () => {
    const io = recordingIo();
    await expect(simCommand(['toaster'], io)).rejects.toThrow(/genio sim </);
    await expect(
      simCommand(['light', '--url', t.baseUrl, '--data-dir', '/nonexistent/genio-data'], io),
    ).rejects.toThrow(/a token is needed/);
    const unreachable = recordingIo();
    expect(
      await main(['sim', 'light', '--url', 'http://127.0.0.1:9', '--token', 'x'.repeat(20)], unreachable),
    ).toBe(1);
    expect(unreachable.lines.join('\n')).toMatch(/cannot reach the hub at http:\/\/127.0.0.1:9/);
  });
});
