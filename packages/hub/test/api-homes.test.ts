import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestHub, type TestHub } from './harness.js';

describe.each(backends)('homes and areas API on %s', (backend) => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub(backend);
  });
  afterAll(async () => t?.close());

  it('creates, lists, reads, renames and deletes a home', async () => {
    const created = await t.request('POST', '/api/v1/homes', {
      body: { name: '  Casa  Rossi ', language: 'it' },
    });
    expect(created.status).toBe(201);
    const home = created.json();
    expect(home).toMatchObject({ name: 'Casa Rossi', language: 'it' });
    expect(home.id).toMatch(/^home_/);
    expect(typeof home.createdAt).toBe('number');

    expect((await t.request('GET', '/api/v1/homes')).json().map((h: { id: string }) => h.id)).toContain(
      home.id,
    );
    expect((await t.request('GET', `/api/v1/homes/${home.id}`)).json().name).toBe('Casa Rossi');

    const patched = await t.request('PATCH', `/api/v1/homes/${home.id}`, { body: { language: 'fr' } });
    expect(patched.json()).toMatchObject({ name: 'Casa Rossi', language: 'fr' });

    expect((await t.request('DELETE', `/api/v1/homes/${home.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/v1/homes/${home.id}`)).status).toBe(404);
  });

  it('names the wrong field in a 400', async () => {
    const badLanguage = await t.request('POST', '/api/v1/homes', { body: { name: 'x', language: 'de' } });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.json()).toMatchObject({ code: 'validation_failed', field: 'language' });

    const missing = await t.request('POST', '/api/v1/homes', { body: { language: 'en' } });
    expect(missing.json()).toMatchObject({ status: 400, field: 'name' });

    const extra = await t.request('POST', '/api/v1/homes', {
      body: { name: 'x', language: 'en', owner: 'me' },
    });
    expect(extra.json()).toMatchObject({ status: 400, field: 'owner' });

    const blank = await t.request('POST', '/api/v1/homes', { body: { name: '   ', language: 'en' } });
    expect(blank.json()).toMatchObject({ status: 400, field: 'name' });

    const notJson = await t.request('POST', '/api/v1/homes', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json().code).toBe('validation_failed');
  });

  it('manages areas with aliases, rejects duplicates and unknown ids', async () => {
    const home = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Home', language: 'en' } })
    ).json();
    const kitchen = await t.request('POST', `/api/v1/homes/${home.id}/areas`, {
      body: { name: 'Kitchen', aliases: ['cooking area', 'Cooking Area', 'cucina'] },
    });
    expect(kitchen.status).toBe(201);
    expect(kitchen.json()).toMatchObject({
      name: 'Kitchen',
      aliases: ['cooking area', 'cucina'],
      homeId: home.id,
    });
    const id = kitchen.json().id;

    const dup = await t.request('POST', `/api/v1/homes/${home.id}/areas`, { body: { name: 'kitchen' } });
    expect(dup.status).toBe(409);
    expect(dup.json().field).toBe('name');

    await t.request('POST', `/api/v1/homes/${home.id}/areas`, { body: { name: 'Bedroom' } });
    const list = (await t.request('GET', `/api/v1/homes/${home.id}/areas`)).json();
    expect(list.map((a: { name: string }) => a.name)).toEqual(['Kitchen', 'Bedroom']);

    const renamed = await t.request('PATCH', `/api/v1/homes/${home.id}/areas/${id}`, {
      body: { name: 'Big kitchen' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Big kitchen', aliases: ['cooking area', 'cucina'] });

    expect((await t.request('GET', `/api/v1/homes/${home.id}/areas/area_nope`)).status).toBe(404);
    expect((await t.request('POST', '/api/v1/homes/home_nope/areas', { body: { name: 'X' } })).status).toBe(
      404,
    );
    expect((await t.request('DELETE', `/api/v1/homes/${home.id}/areas/${id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/v1/homes/${home.id}/areas`)).json()).toHaveLength(1);

    // Deleting the home removes its areas too.
    expect((await t.request('DELETE', `/api/v1/homes/${home.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/v1/homes/${home.id}/areas`)).status).toBe(404);
  });
});
