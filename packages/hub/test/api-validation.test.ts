import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.close());

/** Words of a schema language a person filling a form should never read. */
const schemaWords = /pattern|\^|\$|NOT have|anyOf|must match|schema/;

describe('validation problems say in plain words what is wrong, and name the field', () => {
  it('for a pattern, a length, a type and a union', async () => {
    const home = (await t.request('POST', '/api/v1/homes', { body: { name: 'V', language: 'en' } })).json();
    const cases = [
      {
        response: await t.request('GET', `/api/v1/homes/${home.id}/screen-pairing.png?code=abc`),
        field: 'code',
        words: 'must be 6 capital letters or digits',
      },
      {
        response: await t.request('POST', '/api/v1/homes', {
          body: { name: 'x'.repeat(101), language: 'en' },
        }),
        field: 'name',
        words: 'must be at most 100 characters',
      },
      {
        response: await t.request('GET', '/api/v1/devices/d/history/p?limit=lots'),
        field: 'limit',
        words: 'must be a whole number',
      },
      {
        response: await t.request('PATCH', `/api/v1/homes/${home.id}`, { body: { language: 'xx' } }),
        field: 'language',
        words: 'must be one of zh, en, it, fr',
      },
    ];
    for (const { response, field, words } of cases) {
      const problem = response.json();
      expect(problem.status, field).toBe(400);
      expect(problem.field).toBe(field);
      expect(problem.detail).toContain(words);
      expect(problem.detail).not.toMatch(schemaWords);
    }
  });
});
