import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../hub/test/harness.js';
import type { Io } from '../src/io.js';
import { main } from '../src/main.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('sqlite');
});
afterAll(async () => t?.close());

function capture(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    env: {},
    cwd: process.cwd(),
  };
}

describe('genio say', () => {
  it('answers in the language of the sentence, as text or JSON', async () => {
    const home = (
      await t.request('POST', '/api/v1/homes', { body: { name: 'Maison', language: 'fr' } })
    ).json();
    const io = capture();
    expect(
      await main(['say', 'quelle', 'heure', 'est-il', '--url', t.baseUrl, '--token', t.adminToken], io),
    ).toBe(0);
    expect(io.lines[0]).toMatch(/^Il est \d/);
    const json = capture();
    expect(
      await main(
        ['say', 'what time is it', '--home', home.id, '--json', '--url', t.baseUrl, '--token', t.adminToken],
        json,
      ),
    ).toBe(0);
    expect(JSON.parse(json.lines.join('\n'))).toMatchObject({ language: 'en', intent: { name: 'time.now' } });
  });

  it('explains a missing token, a bad language and an unreachable hub', async () => {
    const io = capture();
    expect(await main(['say', 'hello'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/a token is needed/);
    expect(await main(['say', 'hello', '--lang', 'de', '--token', 'x'], io)).toBe(2);
    expect(await main(['say', 'hello', '--token', 'x', '--url', 'http://127.0.0.1:9'], io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/cannot reach the hub/);
  });
});
