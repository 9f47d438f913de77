import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../src/config/index.js';
import { type Hub, startHub } from '../src/hub.js';
import { createLogger } from '../src/log/index.js';

// A hub whose log is kept, so that a test can see what a request made it write.
let hub: Hub;
let dataDir: string;
const logLines: string[] = [];
const adminToken = `test-admin-${'e'.repeat(24)}`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'genio-enc-'));
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    overrides: {
      dataDir,
      httpHost: '127.0.0.1',
      httpPort: 0,
      mqttHost: '127.0.0.1',
      mqttPort: 0,
      adminToken,
    },
  });
  hub = await startHub(config, { log: createLogger('info', sink) });
});
afterAll(async () => {
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Percent-encode one character of a path: the router decodes it, a string prefix check does not. */
function encodeAt(path: string, index: number): string {
  const hex = (path.charCodeAt(index) as number).toString(16).toUpperCase().padStart(2, '0');
  return `${path.slice(0, index)}%${hex}${path.slice(index + 1)}`;
}

/** Encoded spellings of a route: each static segment with its first letter encoded, and the lower-case hex form. */
function encodedVariants(url: string): string[] {
  const concrete = url.replace(/:[A-Za-z]+/g, 'x_123').replace(/\*$/, 'index.html');
  const variants = new Set<string>();
  let offset = 0;
  for (const segment of concrete.split('/')) {
    if (segment && /^[a-z]/i.test(segment) && !segment.startsWith('x_123')) {
      const encoded = encodeAt(concrete, offset);
      variants.add(encoded);
      variants.add(encoded.replace(/%[0-9A-F]{2}/, (m) => m.toLowerCase()));
    }
    offset += segment.length + 1;
  }
  return [...variants];
}

describe('authentication follows the route the router matched', () => {
  it('refuses every encoded spelling of every guarded route with 401, never a handler error', async () => {
    const guarded = hub.http.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        ![
          '/healthz',
          '/api/openapi.json',
          '/api/v1/pairing/claim',
          '/api/v1/screen-pairing/claim',
          // Authenticated by the provider's HMAC signature instead of a token.
          '/api/v1/payments/webhooks/:provider',
          '/api/v1/merchants/applications',
        ].includes(r.url) &&
        !r.url.startsWith('/api/docs') &&
        (r.url.startsWith('/api') || r.url === '/metrics'),
    );
    expect(guarded.length).toBeGreaterThan(30);
    let tried = 0;
    for (const route of guarded) {
      for (const url of encodedVariants(route.url)) {
        const response = await hub.http.inject({
          method: route.method as 'GET',
          url,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        tried++;
        expect(response.statusCode, `${route.method} ${url}`).toBe(401);
        expect(response.json().code, `${route.method} ${url}`).toBe('unauthorized');
      }
    }
    expect(tried).toBeGreaterThan(100);
    expect(logLines.join('')).not.toContain('request failed');
  });

  it('answers the same for a device that exists and one that does not', async () => {
    const home = (
      await hub.http.inject({
        method: 'POST',
        url: '/api/v1/homes',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: { name: 'Enc', language: 'en' },
      })
    ).json();
    const product = (
      await hub.http.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: {
          name: 'Lamp',
          category: 'light',
          thingModel: {
            properties: [{ identifier: 'powerstate', name: 'Power', dataType: { type: 'bool' } }],
          },
        },
      })
    ).json();
    const device = (
      await hub.http.inject({
        method: 'POST',
        url: '/api/v1/devices',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: { productKey: product.productKey, homeId: home.id, name: 'Lamp' },
      })
    ).json();
    expect(device.id).toBeTruthy();
    const existing = await hub.http.inject({ method: 'GET', url: `/%61pi/v1/devices/${device.id}` });
    const missing = await hub.http.inject({ method: 'GET', url: '/%61pi/v1/devices/dev_nothere' });
    expect([existing.statusCode, missing.statusCode]).toEqual([401, 401]);
    expect(existing.body).toBe(missing.body.replace('dev_nothere', device.id));
  });

  it('refuses a websocket upgrade on an encoded events path without a token', async () => {
    const url = `ws://127.0.0.1:${hub.ports.http}/%61pi/v1/events`;
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => {
        resolve('open');
        ws.close();
      });
      ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome).toBe('http 401');
  });

  it('keeps public routes public when encoded', async () => {
    expect((await hub.http.inject({ method: 'GET', url: '/%68ealthz' })).statusCode).toBe(200);
  });
});
