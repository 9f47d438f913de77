import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GenioConfig, loadConfig } from '@genio/hub';
import { afterAll, describe, expect, it } from 'vitest';
import { hubAddresses } from '../src/addresses.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

const dataDir = mkdtempSync(join(tmpdir(), 'genio-doctor-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const config = (overrides: Partial<GenioConfig>) => loadConfig({ overrides: { dataDir, ...overrides } });

describe('the addresses genio doctor prints', () => {
  it('uses the public URL, else the one listening address, else the LAN address, else localhost', () => {
    expect(hubAddresses(config({ publicUrl: 'https://genio.example.org/' }), '10.0.0.5')).toEqual({
      http: 'https://genio.example.org/',
      mqtt: 'mqtt://genio.example.org:1883',
      mqttWs: null,
      localOnly: false,
    });
    expect(
      hubAddresses(config({ mqttHost: '192.168.1.9', mqttPort: 1884, mqttWsPort: 8083 }), '10.0.0.5'),
    ).toEqual({
      http: 'http://10.0.0.5:8700',
      mqtt: 'mqtt://192.168.1.9:1884',
      mqttWs: 'ws://192.168.1.9:8083',
      localOnly: false,
    });
    expect(hubAddresses(config({}), null)).toEqual({
      http: 'http://localhost:8700',
      mqtt: 'mqtt://localhost:1883',
      mqttWs: null,
      localOnly: true,
    });
  });

  it('are printed by genio doctor', async () => {
    const lines: string[] = [];
    const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), env: {}, cwd: process.cwd() };
    await main(
      [
        'doctor',
        '--data-dir',
        dataDir,
        '--http-port',
        '0',
        '--mqtt-port',
        '0',
        '--public-url',
        'http://hub.lan:8700',
      ],
      io,
    );
    const output = lines.join('\n');
    expect(output).toContain('Addresses for phones and devices with this configuration:');
    expect(output).toMatch(/HTTP\s+http:\/\/hub\.lan:8700/);
    expect(output).toMatch(/MQTT\s+mqtt:\/\/hub\.lan:0/);
  });
});
