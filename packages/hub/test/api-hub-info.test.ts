import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLanAddress } from '../src/http/routes/hub-info.js';
import { version } from '../src/version.js';
import { startTestHub, type TestHub } from './harness.js';

let plain: TestHub;
let everywhere: TestHub;
let published: TestHub;
beforeAll(async () => {
  plain = await startTestHub();
  everywhere = await startTestHub('sqlite', { mqttHost: '0.0.0.0' });
  published = await startTestHub('sqlite', { publicUrl: 'https://genio.example.org:8443/' });
});
afterAll(async () => {
  await plain?.close();
  await everywhere?.close();
  await published?.close();
});

describe('GET /api/v1/hub', () => {
  it('gives the bound MQTT port (not the configured 0) and a LAN host when the broker listens everywhere', async () => {
    const response = await everywhere.request('GET', '/api/v1/hub', { headers: { host: 'hub.lan:8700' } });
    expect(response.status).toBe(200);
    const info = response.json();
    expect(everywhere.hub.config.mqttPort).toBe(0);
    expect(info.mqtt.port).toBe(everywhere.hub.ports.mqtt);
    expect(info.mqtt.port).toBeGreaterThan(0);
    expect(info.mqtt.wsPort).toBe(everywhere.hub.ports.mqttWs);
    const expectedHost = firstLanAddress() ?? 'hub.lan';
    expect(info.mqtt.host).toBe(expectedHost);
    expect(info.mqtt.url).toBe(`mqtt://${expectedHost}:${everywhere.hub.ports.mqtt}`);
    expect(info.version).toBe(version);
    expect(info.publicUrl).toBeNull();
  });

  it('gives the one address a broker listens on when it is not a wildcard', async () => {
    const info = (await plain.request('GET', '/api/v1/hub', { headers: { host: 'hub.lan:8700' } })).json();
    expect(info.mqtt.host).toBe('127.0.0.1');
    expect(info.mqtt.url).toBe(`mqtt://127.0.0.1:${plain.hub.ports.mqtt}`);
  });

  it('takes the host from --public-url when it is set', async () => {
    const info = (await published.request('GET', '/api/v1/hub')).json();
    expect(info.mqtt.host).toBe('genio.example.org');
    expect(info.mqtt.url).toBe(`mqtt://genio.example.org:${published.hub.ports.mqtt}`);
    expect(info.publicUrl).toBe('https://genio.example.org:8443/');
  });

  it('answers any valid token, and nobody without one', async () => {
    const home = (
      await plain.request('POST', '/api/v1/homes', { body: { name: 'Info', language: 'en' } })
    ).json();
    for (const role of ['household', 'merchant', 'developer'] as const) {
      const created = (
        await plain.request('POST', '/api/v1/tokens', {
          body: { name: role, role, ...(role === 'household' ? { homeId: home.id } : {}) },
        })
      ).json();
      const response = await plain.request('GET', '/api/v1/hub', { token: created.token });
      expect(response.status, role).toBe(200);
      expect(response.json().mqtt.port).toBe(plain.hub.ports.mqtt);
    }
    const anonymous = await plain.request('GET', '/api/v1/hub', { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json().code).toBe('unauthorized');
  });
});
