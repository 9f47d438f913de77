import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestHub, type TestHub } from './harness.js';

describe.each(backends)('screen pairing and timers API on %s', (backend) => {
  let t: TestHub;
  let homeId: string;
  let otherHomeId: string;
  beforeAll(async () => {
    t = await startTestHub(backend);
    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'it' } })).json().id;
    otherHomeId = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Other', language: 'en' } })
    ).json().id;
  });
  afterAll(async () => t?.close());

  it('trades a pairing code once for a household token of that home only', async () => {
    const created = await t.request('POST', `/api/v1/homes/${homeId}/screen-pairing`);
    expect(created.status).toBe(201);
    const { code, url, expiresAt } = created.json();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(url).toMatch(new RegExp(`/\\?pair=${code}$`));
    expect(expiresAt).toBeGreaterThan(Date.now() + 9 * 60_000);

    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    const claimed = await t.request('POST', '/api/v1/screen-pairing/claim', {
      token: null,
      body: { code: typed },
    });
    expect(claimed.status).toBe(200);
    const { token, homeId: pairedHome } = claimed.json();
    expect(pairedHome).toBe(homeId);

    expect((await t.request('GET', `/api/v1/homes/${homeId}`, { token })).json().name).toBe('Flat');
    expect((await t.request('GET', `/api/v1/homes/${otherHomeId}`, { token })).status).toBe(403);
    expect(
      (await t.request('POST', '/api/v1/homes', { token, body: { name: 'x', language: 'en' } })).status,
    ).toBe(403);

    const again = await t.request('POST', '/api/v1/screen-pairing/claim', { token: null, body: { code } });
    expect(again.status).toBe(404);
    expect(again.json().code).toBe('not_found');

    const tokens = (await t.request('GET', '/api/v1/tokens')).json() as Array<{
      name: string;
      homeId: string;
    }>;
    expect(tokens.filter((k) => k.homeId === homeId && k.name.startsWith('Screen paired'))).toHaveLength(1);
  });

  it('lets a household pair another screen of its own home but not of another', async () => {
    const household = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'phone', role: 'household', homeId } })
    ).json().token;
    expect(
      (await t.request('POST', `/api/v1/homes/${homeId}/screen-pairing`, { token: household })).status,
    ).toBe(201);
    expect(
      (await t.request('POST', `/api/v1/homes/${otherHomeId}/screen-pairing`, { token: household })).status,
    ).toBe(403);
    expect((await t.request('POST', '/api/v1/homes/home_missing/screen-pairing')).status).toBe(404);
  });

  it('serves the pairing QR code as a PNG and refuses malformed codes', async () => {
    const { code } = (await t.request('POST', `/api/v1/homes/${homeId}/screen-pairing`)).json();
    const png = await t.request('GET', `/api/v1/homes/${homeId}/screen-pairing.png?code=${code}`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const bad = await t.request('GET', `/api/v1/homes/${homeId}/screen-pairing.png?code=<script>`);
    expect(bad.status).toBe(400);
  });

  it('lists, starts and cancels timers, with events, only within the caller’s home', async () => {
    const household = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'screen', role: 'household', homeId } })
    ).json().token;
    const events: string[] = [];
    t.hub.bus.onAny('test-timers', (e) => {
      if (e.name.startsWith('timer.')) events.push(e.name);
    });
    const started = await t.request('POST', `/api/v1/homes/${homeId}/timers`, {
      token: household,
      body: { seconds: 600, name: 'pasta' },
    });
    expect(started.status).toBe(201);
    const timer = started.json();
    expect(timer).toMatchObject({ homeId, name: 'pasta', seconds: 600, language: 'it' });

    const listed = (await t.request('GET', `/api/v1/homes/${homeId}/timers`, { token: household })).json();
    expect(listed.map((x: { id: string }) => x.id)).toEqual([timer.id]);
    expect((await t.request('GET', `/api/v1/homes/${otherHomeId}/timers`, { token: household })).status).toBe(
      403,
    );
    expect(
      (
        await t.request('POST', `/api/v1/homes/${homeId}/timers`, { token: household, body: { seconds: 0 } })
      ).json(),
    ).toMatchObject({ status: 400, field: 'seconds' });

    expect((await t.request('DELETE', `/api/v1/homes/${otherHomeId}/timers/${timer.id}`)).status).toBe(404);
    expect(
      (await t.request('DELETE', `/api/v1/homes/${homeId}/timers/${timer.id}`, { token: household })).status,
    ).toBe(204);
    expect((await t.request('GET', `/api/v1/homes/${homeId}/timers`)).json()).toEqual([]);
    expect((await t.request('DELETE', `/api/v1/homes/${homeId}/timers/${timer.id}`)).status).toBe(404);
    t.hub.bus.off('test-timers');
    expect(events).toEqual(['timer.started', 'timer.cancelled']);
  });
});

describe('screen pairing brute force', () => {
  let t: TestHub;
  let homeId: string;
  beforeAll(async () => {
    t = await startTestHub();
    homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Flat', language: 'en' } })).json().id;
  });
  afterAll(async () => t?.close());

  it('refuses guessing after ten wrong codes from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await t.request('POST', '/api/v1/screen-pairing/claim', {
            token: null,
            body: { code: `ZZZZZ${i % 10}` },
          })
        ).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right code is refused while the address is locked out.
    const { code } = (await t.request('POST', `/api/v1/homes/${homeId}/screen-pairing`)).json();
    expect(
      (await t.request('POST', '/api/v1/screen-pairing/claim', { token: null, body: { code } })).status,
    ).toBe(429);
  });
});
