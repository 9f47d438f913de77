import { describe, expect, it } from 'vitest';
import type { Device, ResolvedCapabilities } from '../../devices/index.js';
import type { Area } from '../../homes/index.js';
import type { Command } from './model.js';
import { type HomeView, resolve } from './resolve.js';

const device = (
  id: string,
  name: string,
  category: Device['category'],
  areaId: string | null = null,
): Device => ({
  id,
  productKey: category,
  deviceName: id,
  category,
  homeId: 'h',
  areaId,
  name,
  aliases: [],
  online: true,
  disabled: false,
  lastSeen: null,
  properties: {},
  createdAt: 0,
});
const area = (id: string, name: string): Area => ({
  id,
  homeId: 'h',
  name,
  aliases: [],
  createdAt: 0,
  updatedAt: 0,
});
const int = (min: number, max: number, step: number, unit?: string) => ({
  type: 'int' as const,
  specs: { min, max, step, ...(unit ? { unit } : {}) },
});

const caps: Record<string, ResolvedCapabilities> = {
  light: {
    power: {
      identifier: 'On',
      kind: 'property',
      writable: true,
      dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
    },
    brightness: { identifier: 'B', kind: 'property', writable: true, dataType: int(1, 100, 1, '%') },
  },
  airConditioner: {
    targetTemperature: { identifier: 'T', kind: 'property', writable: true, dataType: int(16, 30, 1) },
  },
  curtain: { position: { identifier: 'P', kind: 'property', writable: true, dataType: int(0, 100, 1, '%') } },
  vacuum: { start: { identifier: 'start', kind: 'service', writable: true } },
};

const state: Record<string, Record<string, unknown>> = { lamp: { B: 95 }, ac: { T: 29 } };
const home: HomeView = {
  devices: [
    device('lamp', 'reading lamp', 'light', 'attic'),
    device('desk', '台灯', 'light', 'attic'),
    device('n1', 'night light', 'light', 'attic'),
    device('n2', 'night light', 'light', 'hall'),
    device('ac', 'thermostat', 'airConditioner', 'hall'),
    device('cur', 'curtains', 'curtain', 'hall'),
    device('vac', 'Robby', 'vacuum'),
  ],
  areas: [area('attic', 'Attic'), area('hall', 'Hallway')],
  capabilities: async (d) => caps[d.category] ?? {},
  properties: async (d) => state[d.id] ?? {},
};
const command = (c: Partial<Command>): Command => ({
  action: 'turn_on',
  targets: [],
  except: [],
  language: 'en',
  ...c,
});

describe('resolve', () => {
  it('asks before opening a cover named only by its kind when the words were heard, not typed', async () => {
    const blinds = command({ action: 'open', targets: [{ kind: { value: 'curtain', text: 'blinds' } }] });
    expect((await resolve(blinds, home, [], { spoken: true })).kind).toBe('confirm');
    expect((await resolve(blinds, home)).kind).toBe('act');
    const named = command({ action: 'open', targets: [{ name: { ids: ['cur'], text: 'curtains' } }] });
    expect((await resolve(named, home, [], { spoken: true })).kind).toBe('act');
  });

  it('never widens what the home does not have, and offers the closest real name by sound', async () => {
    expect(
      await resolve(
        command({ targets: [{ kind: { value: 'light', text: 'light' }, unknown: 'garage' }] }),
        home,
      ),
    ).toEqual({
      kind: 'not_found',
      what: 'garage',
    });
    expect(await resolve(command({ action: 'turn_off', targets: [{ unknown: '台顶' }] }), home)).toEqual({
      kind: 'not_found',
      what: '台顶',
      suggestion: '台灯',
    });
    // Sounding exactly like a real name (tones aside) is that name, and only that one.
    const misheard = await resolve(command({ action: 'turn_off', targets: [{ unknown: '抬灯' }] }), home);
    expect(misheard.kind === 'act' && misheard.operations.map((o) => o.device.id)).toEqual(['desk']);
  });

  it('asks among devices sharing a name, unless the place says which', async () => {
    const both = await resolve(
      command({ targets: [{ name: { ids: ['n1', 'n2'], text: 'night light' } }] }),
      home,
    );
    expect(both.kind === 'ask' && both.choices.map((d) => d.id)).toEqual(['n1', 'n2']);
    const placed = await resolve(
      command({
        targets: [{ name: { ids: ['n1', 'n2'], text: 'night light' }, area: { id: 'hall', text: 'hall' } }],
      }),
      home,
    );
    expect(placed.kind === 'act' && placed.operations.map((o) => o.device.id)).toEqual(['n2']);
  });

  it('gives each verb the meaning the device kind has', async () => {
    const start = await resolve(
      command({ action: 'start', targets: [{ name: { ids: ['vac'], text: 'Robby' } }] }),
      home,
    );
    expect(start.kind === 'act' && start.operations[0]).toMatchObject({ capability: 'start', value: {} });
    const open = await resolve(
      command({ action: 'turn_on', targets: [{ name: { ids: ['cur'], text: 'c' } }] }),
      home,
    );
    expect(open.kind === 'act' && open.operations[0]).toMatchObject({ capability: 'position', value: 100 });
    const half = await resolve(
      command({
        action: 'open',
        value: { kind: 'extreme', which: 'half' },
        targets: [{ name: { ids: ['cur'], text: 'c' } }],
      }),
      home,
    );
    expect(half.kind === 'act' && half.operations[0]).toMatchObject({ capability: 'position', value: 50 });
  });

  it('steps from the current value, clamped to the range, and keeps percent as said on a % property', async () => {
    const lamp = [{ name: { ids: ['lamp'], text: 'reading lamp' } }];
    const up = await resolve(
      command({
        action: 'adjust',
        property: 'brightness',
        targets: lamp,
        value: { kind: 'relative', direction: 1, size: 'bit' },
      }),
      home,
    );
    expect(up.kind === 'act' && up.operations[0]).toMatchObject({ capability: 'brightness', reached: 100 });
    const min = await resolve(
      command({
        action: 'set',
        property: 'brightness',
        targets: lamp,
        value: { kind: 'extreme', which: 'min' },
      }),
      home,
    );
    expect(min.kind === 'act' && min.operations[0]?.reached).toBe(1);
    const ac = [{ name: { ids: ['ac'], text: 'thermostat' } }];
    const warmer = await resolve(
      command({
        action: 'adjust',
        targets: ac,
        value: { kind: 'relative', direction: 1, size: 'amount', amount: 2, unit: 'degrees' },
      }),
      home,
    );
    expect(warmer.kind === 'act' && warmer.operations[0]).toMatchObject({
      capability: 'targetTemperature',
      reached: 30,
    });
  });

  it('acts on the only device that can when nothing is named, and never on everything for a bare switch', async () => {
    const set = await resolve(
      command({ action: 'set', value: { kind: 'absolute', amount: 22, unit: 'degrees' } }),
      home,
    );
    expect(set.kind === 'act' && set.operations.map((o) => [o.device.id, o.reached])).toEqual([['ac', 22]]);
    expect(await resolve(command({ action: 'turn_on' }), home)).toEqual({
      kind: 'unable',
      temperature: false,
    });
  });

  it('leaves out what is excepted, and points "it" at the previous devices', async () => {
    const lights = await resolve(
      command({
        action: 'turn_off',
        targets: [{ kind: { value: 'light', text: 'lights' } }],
        except: [{ name: { ids: ['lamp'], text: 'reading lamp' } }],
      }),
      home,
    );
    expect(lights.kind === 'act' && lights.operations.map((o) => o.device.id)).toEqual(['desk', 'n1', 'n2']);
    const it = await resolve(command({ action: 'turn_off', targets: [{ reference: true }] }), home, ['cur']);
    expect(it.kind === 'act' && it.operations[0]).toMatchObject({ capability: 'position', value: 0 });
    expect(await resolve(command({ targets: [{ reference: true }] }), home)).toEqual({ kind: 'which' });
  });
});
