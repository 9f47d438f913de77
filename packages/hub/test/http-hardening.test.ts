import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config/index.js';
import { type Hub, startHub } from '../src/hub.js';
import { createLogger } from '../src/log/index.js';

const adminToken = `test-admin-${'h'.repeat(24)}`;
const dirs: string[] = [];

/** A hub on ephemeral ports serving a tiny web build, with its log lines kept. */
async function hubWithLog(): Promise<{ hub: Hub; lines: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'genio-hard-'));
  const webDir = join(dataDir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
  dirs.push(dataDir);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    overrides: {
      dataDir,
      webDir,
      httpHost: '127.0.0.1',
      httpPort: 0,
      mqttHost: '127.0.0.1',
      mqttPort: 0,
      adminToken,
    },
  });
  return { hub: await startHub(config, { log: createLogger('info', sink) }), lines };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('web assets', () => {
  let hub: Hub;
  let lines: string[];
  beforeAll(async () => {
    ({ hub, lines } = await hubWithLog());
  });
  afterAll(async () => hub?.stop());

  it('serves a built asset and answers 404, never 500, to anything that tries to climb out', async () => {
    expect((await hub.http.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    for (const url of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%2findex.html',
      '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/%00',
      '/assets/a%5c..%5c..%5cindex.html',
      '/assets/missing.js',
    ]) {
      const response = await hub.http.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code, url).toBe('not_found');
    }
    expect(lines.join('')).not.toContain('request failed');
  });
});

describe('logs', () => {
  it('never write the access_token of a failed request', async () => {
    const { hub, lines } = await hubWithLog();
    try {
      // The database going away is a failure every request meets; the log must still hide the secret.
      await hub.storage.close();
      const response = await hub.http.inject({
        method: 'GET',
        url: '/api/v1/homes?access_token=gn_secret_value_1234567890',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(response.statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('request failed');
      expect(log).toContain('access_token=[redacted]');
      expect(log).not.toContain('gn_secret_value_1234567890');
    } finally {
      await hub.stop().catch(() => {});
    }
  });
});

describe('shutdown', () => {
  it('does not wait for an idle keep-alive client, nor one that sent nothing or half a request', async () => {
    const { hub } = await hubWithLog();
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: hub.ports.http, path: '/healthz', agent },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(Object.keys(agent.freeSockets).length).toBe(1);
      // Two more that hold a connection: one that never sent a byte, one that sent half a request.
      const silent = connect(hub.ports.http, '127.0.0.1');
      const half = connect(hub.ports.http, '127.0.0.1');
      await Promise.all([silent, half].map((s) => new Promise((r) => s.once('connect', r))));
      half.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      for (const s of [silent, half]) s.on('error', () => {});
      const started = performance.now();
      await hub.stop();
      const took = performance.now() - started;
      expect(took).toBeLessThan(1500);
    } finally {
      agent.destroy();
    }
  });
});

describe('deleting a home', () => {
  it("closes the open websockets of that home's household tokens", async () => {
    const { hub } = await hubWithLog();
    try {
      const auth = { authorization: `Bearer ${adminToken}` };
      const home = (
        await hub.http.inject({
          method: 'POST',
          url: '/api/v1/homes',
          headers: auth,
          payload: { name: 'Gone', language: 'en' },
        })
      ).json();
      const other = (
        await hub.http.inject({
          method: 'POST',
          url: '/api/v1/homes',
          headers: auth,
          payload: { name: 'Stays', language: 'en' },
        })
      ).json();
      const tokenFor = async (homeId: string) =>
        (
          await hub.http.inject({
            method: 'POST',
            url: '/api/v1/tokens',
            headers: auth,
            payload: { name: 'screen', role: 'household', homeId },
          })
        ).json().token as string;
      const open = (token: string) =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${hub.ports.http}/api/v1/events?access_token=${token}`);
          ws.on('message', (data) => {
            if (JSON.parse(String(data)).type === 'ready') resolve(ws);
          });
          ws.on('error', reject);
        });
      const doomed = await open(await tokenFor(home.id));
      const survivor = await open(await tokenFor(other.id));
      const closed = new Promise<number>((resolve) => doomed.on('close', (code) => resolve(code)));
      expect(
        (await hub.http.inject({ method: 'DELETE', url: `/api/v1/homes/${home.id}`, headers: auth }))
          .statusCode,
      ).toBe(204);
      expect(await closed).toBe(4401);
      expect(survivor.readyState).toBe(WebSocket.OPEN);
      survivor.close();
    } finally {
      await hub.stop();
    }
  });
});
