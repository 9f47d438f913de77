import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
let homeA: string;
let homeB: string;
let householdA: { id: string; token: string };
let merchant: string;
let developer: string;

beforeAll(async () => {
  t = await startTestHub();
  homeA = (await t.request('POST', '/api/v1/homes', { body: { name: 'A', language: 'en' } })).json().id;
  homeB = (await t.request('POST', '/api/v1/homes', { body: { name: 'B', language: 'zh' } })).json().id;
  householdA = (
    await t.request('POST', '/api/v1/tokens', { body: { name: 'alice', role: 'household', homeId: homeA } })
  ).json();
  const shop = await t.hub.commerce.merchants.apply({ name: 'Shop', currency: 'EUR' });
  merchant = (
    await t.request('POST', '/api/v1/tokens', {
      body: { name: 'shop', role: 'merchant', merchantId: shop.id },
    })
  ).json().token;
  developer = (await t.request('POST', '/api/v1/tokens', { body: { name: 'dev', role: 'developer' } })).json()
    .token;
});
afterAll(async () => t?.close());

describe('roles and scopes', () => {
  it('tells each token who it is', async () => {
    const me = (await t.request('GET', '/api/v1/me', { token: householdA.token })).json();
    expect(me).toMatchObject({ tokenId: householdA.id, name: 'alice', role: 'household', homeId: homeA });
    expect(me.can).toContain('conversation.turn');
    expect(me.can).not.toContain('home.create');
    expect((await t.request('GET', '/api/v1/me', { token: merchant })).json()).toMatchObject({
      role: 'merchant',
      homeId: null,
    });
    expect((await t.request('GET', '/api/v1/me')).json().role).toBe('operator');
  });

  it('a household token reaches its own home only', async () => {
    const own = householdA.token;
    expect((await t.request('GET', `/api/v1/homes/${homeA}`, { token: own })).status).toBe(200);
    const other = await t.request('GET', `/api/v1/homes/${homeB}`, { token: own });
    expect(other.status).toBe(403);
    expect(other.json().code).toBe('forbidden');
    expect(
      (await t.request('GET', '/api/v1/homes', { token: own })).json().map((h: { id: string }) => h.id),
    ).toEqual([homeA]);
    expect(
      (await t.request('POST', `/api/v1/homes/${homeA}/areas`, { token: own, body: { name: 'Hall' } }))
        .status,
    ).toBe(201);
    expect(
      (await t.request('POST', `/api/v1/homes/${homeB}/areas`, { token: own, body: { name: 'Hall' } }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('PATCH', `/api/v1/homes/${homeB}`, { token: own, body: { name: 'mine' } })).status,
    ).toBe(403);
  });

  it('only operators create and delete homes (a developer only its own test homes)', async () => {
    for (const token of [householdA.token, merchant, developer]) {
      if (token !== developer)
        expect(
          (await t.request('POST', '/api/v1/homes', { token, body: { name: 'X', language: 'en' } })).status,
        ).toBe(403);
      expect((await t.request('DELETE', `/api/v1/homes/${homeB}`, { token })).status).toBe(403);
    }
  });

  it('merchants cannot read homes; developers see none but their own test homes', async () => {
    expect((await t.request('GET', '/api/v1/homes', { token: merchant })).status).toBe(403);
    for (const token of [merchant, developer]) {
      expect((await t.request('GET', `/api/v1/homes/${homeA}`, { token })).status).toBe(403);
    }
    const seen = (await t.request('GET', '/api/v1/homes', { token: developer })).json();
    expect(seen.map((h: { id: string }) => h.id)).not.toContain(homeA);
    expect(seen.map((h: { id: string }) => h.id)).not.toContain(homeB);
  });

  it('households issue household tokens for their own home only', async () => {
    const own = householdA.token;
    const screen = await t.request('POST', '/api/v1/tokens', {
      token: own,
      body: { name: 'screen', role: 'household', homeId: homeA },
    });
    expect(screen.status).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/tokens', {
          token: own,
          body: { name: 'x', role: 'household', homeId: homeB },
        })
      ).status,
    ).toBe(403);
    expect(
      (await t.request('POST', '/api/v1/tokens', { token: own, body: { name: 'x', role: 'operator' } }))
        .status,
    ).toBe(403);
    const listed = (await t.request('GET', '/api/v1/tokens', { token: own })).json();
    expect(listed.every((tok: { homeId: string }) => tok.homeId === homeA)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(screen.json().token);
  });

  it('validates token scope rules', async () => {
    const noHome = await t.request('POST', '/api/v1/tokens', { body: { name: 'x', role: 'household' } });
    expect(noHome.json()).toMatchObject({ status: 400, field: 'homeId' });
    const scopedMerchant = await t.request('POST', '/api/v1/tokens', {
      body: { name: 'x', role: 'merchant', homeId: homeA },
    });
    expect(scopedMerchant.json()).toMatchObject({ status: 400, field: 'homeId' });
    const unscopedMerchant = await t.request('POST', '/api/v1/tokens', {
      body: { name: 'x', role: 'merchant' },
    });
    expect(unscopedMerchant.json()).toMatchObject({ status: 400, field: 'merchantId' });
    const unknownMerchant = await t.request('POST', '/api/v1/tokens', {
      body: { name: 'x', role: 'merchant', merchantId: 'mer_zzz' },
    });
    expect(unknownMerchant.status).toBe(404);
    const unknownHome = await t.request('POST', '/api/v1/tokens', {
      body: { name: 'x', role: 'household', homeId: 'home_zzz' },
    });
    expect(unknownHome.status).toBe(404);
    const badRole = await t.request('POST', '/api/v1/tokens', { body: { name: 'x', role: 'root' } });
    expect(badRole.json()).toMatchObject({ status: 400, field: 'role' });
  });

  it('metrics are for operators, in Prometheus text format', async () => {
    expect((await t.request('GET', '/metrics', { token: householdA.token })).status).toBe(403);
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/^# HELP genio_http_requests_total/m);
    expect(metrics.body).toMatch(/genio_bus_events_total\{event="home.created"\} \d+/);
  });

  it('deleting a home revokes the tokens scoped to it', async () => {
    const home = (await t.request('POST', '/api/v1/homes', { body: { name: 'Temp', language: 'en' } })).json()
      .id;
    const tok = (
      await t.request('POST', '/api/v1/tokens', { body: { name: 'temp', role: 'household', homeId: home } })
    ).json();
    expect((await t.request('GET', `/api/v1/homes/${home}`, { token: tok.token })).status).toBe(200);
    await t.request('DELETE', `/api/v1/homes/${home}`);
    expect((await t.request('GET', '/api/v1/homes', { token: tok.token })).status).toBe(401);
  });
});
