import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples/thing-models/', import.meta.url));
const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'));

/** The shipped thing-model samples (examples/thing-models) are JSON the hub's product API accepts as they are. */
describe('examples/thing-models', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('has one sample per common category', () => {
    expect(files.sort()).toEqual(
      ['curtain', 'fan', 'light', 'lock', 'plug', 'sensor', 'thermostat', 'vacuum'].map((n) => `${n}.json`),
    );
  });

  it.each(files)('%s is accepted by POST /api/v1/products with every capability it maps', async (file) => {
    const body = JSON.parse(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
    const response = await hub.request('POST', '/api/v1/products', { body });
    expect(response.json()).toMatchObject({ name: body.name, category: body.category });
    expect(response.status).toBe(201);
    expect(Object.keys(response.json().capabilities).sort()).toEqual(Object.keys(body.capabilities).sort());
  });
});
