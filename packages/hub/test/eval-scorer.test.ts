/**
 * The device-level scorer of bench/assistant-devices.ts: its matching rules, the evaluation sets'
 * consistency with their thing models, and its plain MQTT device against a real hub.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../../bench/lib/eval/hub-client.js';
import { lintHomeSet } from '../../../bench/lib/eval/lint-set.js';
import { listHomeSets, loadHomeSet, readCaseFile, SetError } from '../../../bench/lib/eval/load-set.js';
import { type DeviceEffects, judgeCase, timersMatch, valueMatches } from '../../../bench/lib/eval/match.js';
import { PlainDevice } from '../../../bench/lib/eval/plain-device.js';
import type { EvalCase, Expectation } from '../../../bench/lib/eval/types.js';
import { lightModel } from './device-fixtures.js';
import { startTestHub, type TestHub } from './harness.js';

const homesDir = join(import.meta.dirname, '..', '..', '..', 'bench', 'data', 'homes');

function expectation(device: string, fields: Partial<Expectation> = {}): Expectation {
  return { device, set: {}, call: null, may: {}, optional: false, ...fields };
}
function evalCase(expect: Expectation[], extra: Partial<EvalCase> = {}): EvalCase {
  return { id: 't', turns: ['x'], expect, timers: null, answerIncludes: [], ...extra };
}
function received(entries: Record<string, Partial<DeviceEffects>>): Map<string, DeviceEffects> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, { properties: {}, services: [], ...v }]));
}
const observe = (r: Map<string, DeviceEffects>, reply = '', timers: string[] | null = null) => ({
  received: r,
  reply,
  timers,
});

describe('values', () => {
  it('matches numbers, bools as 1/0, ranges, strings without case and structs field by field', () => {
    expect(valueMatches(40, 40)).toBe(true);
    expect(valueMatches(40, 41)).toBe(false);
    expect(valueMatches(1, true)).toBe(true);
    expect(valueMatches(0, true)).toBe(false);
    expect(valueMatches({ min: 100, max: 104 }, 102)).toBe(true);
    expect(valueMatches({ min: 100, max: 104 }, 105)).toBe(false);
    expect(valueMatches({ min: 100, max: 104 }, '102')).toBe(false);
    expect(valueMatches('#0000ff', '#0000FF')).toBe(true);
    expect(valueMatches({ Red: 255, Green: 0, Blue: 0 }, { Red: 255, Green: 0, Blue: 0 })).toBe(true);
    expect(valueMatches({ Red: 255, Green: 0, Blue: 0 }, { Red: 255, Green: 0, Blue: 1 })).toBe(false);
    expect(valueMatches({ Red: 255, Green: 0 }, { Red: 255, Green: 0, Blue: 0 })).toBe(false);
  });
});

describe('judging a case', () => {
  const lampOn = evalCase([expectation('lamp', { set: { power: 1 } })]);

  it('is right when the expected device got the expected value and nothing else moved', () => {
    const verdict = judgeCase(lampOn, observe(received({ lamp: { properties: { power: 1 } } })));
    expect(verdict).toEqual({ right: true, wrongAction: false, problems: [] });
  });

  it('misses a wrong value, a missing device and a property that was not asked for', () => {
    expect(judgeCase(lampOn, observe(received({ lamp: { properties: { power: 0 } } }))).right).toBe(false);
    expect(judgeCase(lampOn, observe(received({}))).problems).toEqual(['lamp received nothing']);
    const extra = judgeCase(lampOn, observe(received({ lamp: { properties: { power: 1, brightness: 5 } } })));
    expect(extra.right).toBe(false);
    expect(extra.wrongAction).toBe(false);
  });

  it('accepts a "may" property only with its value', () => {
    const c = evalCase([expectation('lamp', { set: { brightness: 40 }, may: { power: 1 } })]);
    expect(
      judgeCase(c, observe(received({ lamp: { properties: { brightness: 40, power: 1 } } }))).right,
    ).toBe(true);
    expect(judgeCase(c, observe(received({ lamp: { properties: { brightness: 40 } } }))).right).toBe(true);
    expect(
      judgeCase(c, observe(received({ lamp: { properties: { brightness: 40, power: 0 } } }))).right,
    ).toBe(false);
  });

  it('counts any other device that moved as a wrong action', () => {
    const verdict = judgeCase(
      lampOn,
      observe(received({ lamp: { properties: { power: 1 } }, fan: { properties: { power: 1 } } })),
    );
    expect(verdict.right).toBe(false);
    expect(verdict.wrongAction).toBe(true);
    expect(verdict.problems).toEqual(['fan should not have moved']);
  });

  it('lets nothing at all move in a negative case, and a device with empty effects did not move', () => {
    const negative = evalCase([]);
    expect(judgeCase(negative, observe(received({ fan: {} }))).right).toBe(true);
    const verdict = judgeCase(negative, observe(received({ fan: { services: ['start'] } })));
    expect(verdict).toMatchObject({ right: false, wrongAction: true });
  });

  it('lets an optional device stay still but checks what it gets', () => {
    const c = evalCase([
      expectation('a', { set: { power: 0 } }),
      expectation('b', { set: { power: 0 }, optional: true }),
    ]);
    expect(judgeCase(c, observe(received({ a: { properties: { power: 0 } } }))).right).toBe(true);
    expect(
      judgeCase(c, observe(received({ a: { properties: { power: 0 } }, b: { properties: { power: 0 } } })))
        .right,
    ).toBe(true);
    expect(
      judgeCase(c, observe(received({ a: { properties: { power: 0 } }, b: { properties: { power: 1 } } })))
        .right,
    ).toBe(false);
  });

  it('wants exactly the expected service', () => {
    const c = evalCase([expectation('robot', { call: 'start_clean' })]);
    expect(judgeCase(c, observe(received({ robot: { services: ['start_clean'] } }))).right).toBe(true);
    expect(judgeCase(c, observe(received({ robot: { services: ['return_to_base'] } }))).right).toBe(false);
    expect(judgeCase(c, observe(received({ robot: { properties: { power: 1 } } }))).right).toBe(false);
  });

  it('judges timers by name, exactly, and the reply by the strings it must contain', () => {
    expect(timersMatch(['egg'], ['egg'])).toBe(true);
    expect(timersMatch(['œufs'], ['les oeufs'])).toBe(true);
    expect(timersMatch(['egg'], ['egg', 'pasta'])).toBe(false);
    expect(timersMatch(['egg'], [''])).toBe(false);
    const timed = evalCase([], { timers: ['egg'] });
    expect(judgeCase(timed, observe(received({}), '', ['Egg'])).right).toBe(true);
    expect(judgeCase(timed, observe(received({}), '', [])).right).toBe(false);
    const question = evalCase([], { answerIncludes: ['14,5'] });
    expect(judgeCase(question, observe(received({}), 'Fuori ci sono 14,5 °C.')).right).toBe(true);
    expect(judgeCase(question, observe(received({}), 'Fuori ci sono 14.5°C.')).right).toBe(false);
  });
});

describe('evaluation sets', () => {
  it('has two homes whose cases fit their thing models, 60 per language', () => {
    const names = listHomeSets(homesDir);
    expect(names).toEqual(expect.arrayContaining(['lakeside-flat', 'villa-rosa']));
    for (const name of names) {
      const set = loadHomeSet(homesDir, name);
      expect(set.caseFiles.map((f) => f.language)).toEqual(['zh', 'en', 'it', 'fr']);
      for (const file of set.caseFiles) expect(file.cases.length).toBeGreaterThanOrEqual(60);
      expect(lintHomeSet(set)).toEqual([]);
    }
  });

  it('refuses a case file with an unknown device or field, naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'genio-eval-'));
    try {
      const file = join(dir, 'en.yaml');
      writeFileSync(
        file,
        'language: en\ncases:\n  - id: a\n    say: hi\n    expect: [{ device: ghost, set: { power: 1 } }]\n',
      );
      expect(() => readCaseFile(file, 'en', new Set(['lamp']))).toThrow(
        /cases\/0\/expect\/0\/device: no device "ghost"/,
      );
      writeFileSync(file, 'language: en\ncases:\n  - id: a\n    sey: hi\n    expect: []\n');
      expect(() => readCaseFile(file, 'en', new Set())).toThrow(SetError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plain device on a real hub', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a property set and a service call, answers both and reports the new values', async () => {
    const client = new HubClient(t.baseUrl, t.adminToken);
    const home = await client.call<{ id: string }>('POST', '/api/v1/homes', { name: 'Eval', language: 'en' });
    const product = await client.call<{ productKey: string }>('POST', '/api/v1/products', {
      name: 'Lamp',
      category: 'light',
      thingModel: lightModel,
      capabilities: { power: 'LightSwitch', brightness: 'Brightness' },
    });
    const created = await client.call<{ id: string; deviceName: string; deviceSecret: string }>(
      'POST',
      '/api/v1/devices',
      {
        productKey: product.productKey,
        homeId: home.id,
        name: 'Desk lamp',
      },
    );
    const device = new PlainDevice({
      port: t.hub.ports.mqtt,
      productKey: product.productKey,
      deviceName: created.deviceName,
      deviceSecret: created.deviceSecret,
      serviceEffects: { blink: { Mode: 1 } },
    });
    await device.connect();
    try {
      await device.report({ LightSwitch: 0, Brightness: 10 });
      await client.call('POST', `/api/v1/devices/${created.id}/capabilities`, {
        power: true,
        brightness: 40,
      });
      await client.call('POST', `/api/v1/devices/${created.id}/services/blink`, { params: { times: 2 } });
      expect(device.effects).toEqual({ properties: { LightSwitch: 1, Brightness: 40 }, services: ['blink'] });
      await new Promise((r) => setTimeout(r, 100));
      const state = await client.call<{ properties: Record<string, { value: unknown }> }>(
        'GET',
        `/api/v1/devices/${created.id}`,
      );
      expect(JSON.stringify(state)).toMatch(/"Brightness"[^}]*40/);
      device.clear();
      expect(device.effects).toEqual({ properties: {}, services: [] });
    } finally {
      await device.close();
    }
  });
});
