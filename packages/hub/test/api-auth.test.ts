import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.close());

/** Routes that answer without a token, and why: liveness, the API's own documentation. */
const publicRoutes = new Set([
  '/healthz',
  // Applying as a merchant needs no token (the application is reviewed, and rate-limited per address).
  '/api/v1/merchants/applications',
  '/api/openapi.json',
  '/api/v1/pairing/claim',
  '/api/v1/screen-pairing/claim',
  // A payment provider has no token: its notices are authenticated by their HMAC signature.
  '/api/v1/payments/webhooks/:provider',
]);

function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, 'x_123').replace(/\*$/, 'index.html');
}

describe('authentication on every route', () => {
  it('refuses every registered /api route and /metrics without a token, with problem+json 401', async () => {
    const routes = t.hub.http.routeTable;
    const guarded = routes.filter(
      (r) =>
        (r.url.startsWith('/api') || r.url === '/metrics') &&
        !publicRoutes.has(r.url) &&
        !r.url.startsWith('/api/docs') &&
        r.method !== 'HEAD',
    );
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    for (const route of guarded) {
      const response = await t.request(route.method as 'GET', concrete(route.url), {
        token: null,
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['content-type'], `${route.method} ${route.url}`).toContain(
        'application/problem+json',
      );
      expect(response.json().code).toBe('unauthorized');
    }
  });

  it('refuses a wrong token, a malformed header and a revoked token', async () => {
    expect((await t.request('GET', '/api/v1/homes', { token: 'gn_not-a-real-token-at-all' })).status).toBe(
      401,
    );
    expect(
      (await t.request('GET', '/api/v1/homes', { token: null, headers: { authorization: 'Basic abc' } }))
        .status,
    ).toBe(401);
    const created = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'tmp', role: 'developer' } })
    ).json();
    expect((await t.request('GET', '/api/v1/tokens', { token: created.token })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/tokens/${created.id}`)).status).toBe(200);
    expect((await t.request('GET', '/api/v1/tokens', { token: created.token })).status).toBe(401);
  });

  it('leaves health and the API documents public', async () => {
    expect((await t.request('GET', '/healthz', { token: null })).json().status).toBe('ok');
    const doc = (await t.request('GET', '/api/openapi.json', { token: null })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/homes/{homeId}/areas');
    expect((await t.request('GET', '/api/docs', { token: null })).status).toBeLessThan(400);
  });

  it('unknown /api paths need a token before they say 404', async () => {
    expect((await t.request('GET', '/api/v1/nothing-here', { token: null })).status).toBe(401);
    const response = await t.request('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.json().code).toBe('not_found');
  });
});
