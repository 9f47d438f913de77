/**
 * The sandbox red team again, each hostile app as a package through the real install path (upload,
 * automated review, publish, install): the hostile part runs on "open …", after review passed. Each
 * must be stopped with its code in the developer's log, the household hears a plain reply, and the
 * hub answers another request meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './harness.js';
import { devLog, installApp, manifest, say, token } from './miniapps-fixtures.js';

let t: TestHub;
let developer: string;
let household: string;
let homeId: string;
const who = () => ({ developer, household, homeId });

/** A bundle that behaves until it is launched, then runs `hostile`. */
const hostileOnLaunch = (hostile: string) => `
genio.register({
  async handle(event, host) {
    if (event.type !== 'launch') return { speech: 'fine' };
    ${hostile}
  },
});`;

beforeAll(async () => {
  t = await startTestHub('sqlite');
  developer = await token(t, { name: 'mallory', role: 'developer' });
  homeId = (await t.request('POST', '/api/v1/homes', { body: { name: 'Casa', language: 'en' } })).json().id;
  household = await token(t, { name: 'anna', role: 'household', homeId });
});
afterAll(async () => {
  await t?.close();
});

const cases: Array<{ id: string; word: string; body: string; codes: string[] }> = [
  { id: 'loop', word: 'spinner', body: 'for (;;) {}', codes: ['miniapp_timeout'] },
  {
    id: 'bomb',
    word: 'hoarder',
    body: "const hoard = []; for (let i = 0; ; i++) hoard.push('x'.repeat(1000) + i, { i, more: [i, i, i] });",
    codes: ['miniapp_memory', 'miniapp_timeout'],
  },
  {
    id: 'dive',
    word: 'diver',
    body: 'const dive = (n) => dive(n + 1) + 1; return dive(0);',
    codes: ['miniapp_stack'],
  },
  {
    id: 'storm',
    word: 'stormer',
    body: 'const storm = () => Promise.resolve().then(storm); for (let i = 0; i < 100; i++) void storm(); return new Promise(() => {});',
    codes: ['miniapp_timeout'],
  },
  {
    id: 'huge',
    word: 'shouter',
    body: "return { speech: 'x'.repeat(2_000_000) };",
    codes: ['miniapp_too_large'],
  },
];

describe('hostile mini-apps installed through the real path', () => {
  for (const c of cases)
    it(`contains ${c.id} with ${c.codes.join(' or ')}, the hub answering meanwhile`, async () => {
      const appId = `com.example.${c.id}`;
      await installApp(
        t,
        who(),
        manifest(appId, { name: { en: `${c.word} app` }, invocation: { en: [`${c.word} app`] } }),
        hostileOnLaunch(c.body),
      );
      const [reply, health] = await Promise.all([
        say(t, household, homeId, `open ${c.word} app`),
        t.request('GET', '/api/v1/homes', { token: household }),
      ]);
      expect(health.status).toBe(200);
      expect(reply.speech.text).not.toMatch(/x{100}/);
      expect(reply.speech.text.length).toBeGreaterThan(0);
      const log = await devLog(t, developer, appId);
      expect(
        log.some((line) => line.code !== null && c.codes.includes(line.code)),
        JSON.stringify(log),
      ).toBe(true);
      // The hub still answers the household at once, and a typed command still works.
      const after = await t.request('GET', '/api/v1/homes', { token: household });
      expect(after.status).toBe(200);
    }, 60_000);

  it('shows an escape probe nothing of the hub: no process, no require, no import', async () => {
    const appId = 'com.example.probe';
    await installApp(
      t,
      who(),
      manifest(appId, { name: { en: 'prober app' }, invocation: { en: ['prober app'] } }),
      hostileOnLaunch(`
        const seen = [];
        try { seen.push(typeof this.constructor.constructor('return process')()); } catch (e) { seen.push('threw'); }
        try { seen.push(typeof Function('return globalThis')().process); } catch (e) { seen.push('threw'); }
        seen.push(typeof require);
        try { await import('fs'); seen.push('imported'); } catch (e) { seen.push('no import'); }
        ({}).__proto__.polluted = 'yes';
        return { speech: seen.join(',') };`),
    );
    const reply = await say(t, household, homeId, 'open prober app');
    const [viaConstructor, ...rest] = reply.speech.text.split(',');
    expect(['undefined', 'threw']).toContain(viaConstructor);
    expect(rest).toEqual(['undefined', 'undefined', 'no import']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
