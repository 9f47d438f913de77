import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import type { DataType, Property, ThingModel } from '../tsl/types.js';
import {
  capabilityStates,
  fromDeviceValue,
  type ResolvedCapability,
  resolveCapabilities,
  toDeviceValue,
} from './index.js';

// A door lock: found under the identifiers brands use, its two states read from the labels and never
// from the keys, which brands number either way round.
const prop = (identifier: string, dataType: DataType, accessMode: 'r' | 'rw' = 'rw'): Property => ({
  identifier,
  name: identifier,
  accessMode,
  required: false,
  dataType,
});
const model = (...properties: Property[]): ThingModel => ({ properties, services: [], events: [] });
const enumOf = (...labels: string[]): DataType => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((label, i) => [String(i), label])),
});
const bool = (off: string, on: string): DataType => ({ type: 'bool', specs: { '0': off, '1': on } });

const lockOf = (dataType: DataType, identifier = 'LockState', category: 'lock' | undefined = 'lock') =>
  resolveCapabilities(model(prop(identifier, dataType)), undefined, category).lock;
const need = (found: ResolvedCapability | undefined): ResolvedCapability => {
  if (!found) throw new Error('the lock did not resolve');
  return found;
};

describe('a lock found by identifier', () => {
  it('reads the identifiers brands use, without case', () => {
    const ids = [
      'lock',
      'LockState',
      'Lock',
      'LockSwitch',
      'lock_state',
      'DeadboltState',
      'Latch',
      'Bolt',
      'LockStatus',
      'doorlock',
    ];
    for (const id of ids) expect(lockOf(enumOf('Unlocked', 'Locked'), id)?.identifier, id).toBe(id);
  });

  it('is found only on a lock: a washer’s door lock or an AC’s keypad lock is none', () => {
    const keypad = model(prop('PowerSwitch', bool('off', 'on')), prop('Lock', bool('off', 'on')));
    expect(resolveCapabilities(keypad, undefined, 'airConditioner').lock).toBeUndefined();
    expect(resolveCapabilities(keypad, undefined).lock).toBeUndefined();
    expect(resolveCapabilities(keypad, undefined, 'lock').lock?.identifier).toBe('Lock');
  });

  it('takes an explicit mapping to any identifier, on any product', () => {
    const m = model(prop('Riegel', enumOf('Offen', 'Locked', 'Unlocked')));
    expect(resolveCapabilities(m, undefined, 'lock').lock).toBeUndefined();
    const mapped = resolveCapabilities(m, { lock: 'Riegel' }, 'switch').lock;
    expect(mapped).toMatchObject({
      identifier: 'Riegel',
      writable: true,
      values: { locked: 1, unlocked: 2 },
    });
  });
});

describe('a lock’s states decided by the labels, never the keys', () => {
  it('maps the same labels to opposite keys for two brands', () => {
    expect(lockOf(enumOf('Locked', 'Unlocked'))?.values).toEqual({ locked: 0, unlocked: 1 });
    expect(lockOf(enumOf('Unlocked', 'Locked'))?.values).toEqual({ locked: 1, unlocked: 0 });
  });

  it('understands the words brands label them with, in four languages', () => {
    const pairs: Array<[string, string]> = [
      ['Thrown', 'Retracted'],
      ['Closed', 'Open'],
      ['上锁', '开锁'],
      ['已上锁', '未上锁'],
      ['Chiuso a chiave', 'Aperto'],
      ['Verrouillée', 'Déverrouillée'],
      ['LOCKED', 'not locked'],
    ];
    for (const [locked, unlocked] of pairs) {
      expect(lockOf(enumOf(unlocked, locked))?.values, locked).toEqual({ locked: 1, unlocked: 0 });
      expect(lockOf(enumOf(locked, unlocked))?.values, locked).toEqual({ locked: 0, unlocked: 1 });
    }
  });

  it('keeps a state of its own ("Jammed") out of the two, and says it as it is labelled', () => {
    const lock = need(lockOf(enumOf('Jammed', 'Unlocked', 'Locking', 'Locked')));
    expect(lock.values).toEqual({ locked: 3, unlocked: 1 });
    expect(fromDeviceValue('lock', 0, lock)).toBe('Jammed');
    expect(fromDeviceValue('lock', 3, lock)).toBe('locked');
  });

  it('refuses an enum whose labels do not name both states', () => {
    expect(lockOf(enumOf('Jammed', 'Locked'))).toBeUndefined();
    try {
      resolveCapabilities(model(prop('Bolt', enumOf('Left', 'Right'))), { lock: 'Bolt' }, 'lock');
      expect.unreachable('an enum without locked and unlocked cannot carry a lock');
    } catch (error) {
      expect(error).toBeInstanceOf(GenioError);
      expect((error as GenioError).message).toMatch(/lock needs labels meaning locked and unlocked/);
    }
    const text: DataType = { type: 'text', specs: { length: 8 } };
    expect(() => resolveCapabilities(model(prop('Bolt', text)), { lock: 'Bolt' }, 'lock')).toThrow(
      GenioError,
    );
  });
});

describe('a lock on a bool', () => {
  it('follows labels naming the states, either way round', () => {
    expect(lockOf(bool('Unlocked', 'Locked'))?.values).toEqual({ locked: 1, unlocked: 0 });
    expect(lockOf(bool('Locked', 'Unlocked'))?.values).toEqual({ locked: 0, unlocked: 1 });
  });

  it('is locked when on, and at 1 when the labels say nothing', () => {
    expect(lockOf(bool('on', 'off'))?.values).toEqual({ locked: 0, unlocked: 1 });
    expect(lockOf(bool('关', '开'))?.values).toEqual({ locked: 1, unlocked: 0 });
    expect(lockOf(bool('false', 'true'))?.values).toEqual({ locked: 1, unlocked: 0 });
  });
});

describe('a lock’s value converted', () => {
  const opposite = need(lockOf(enumOf('Locked', 'Unlocked')));
  const usual = need(lockOf(enumOf('Unlocked', 'Locked')));
  const onBool = need(lockOf(bool('Unlocked', 'Locked')));

  it('sends the key labelled with the state asked for', () => {
    expect(toDeviceValue('lock', 'locked', opposite)).toBe(0);
    expect(toDeviceValue('lock', 'locked', usual)).toBe(1);
    expect(toDeviceValue('lock', 'unlocked', opposite)).toBe(1);
    expect(toDeviceValue('lock', 'Unlocked', usual)).toBe(0);
    expect(toDeviceValue('lock', 'locked', onBool)).toBe(1);
    expect(toDeviceValue('lock', 'thrown', opposite)).toBe(0);
  });

  it('takes no key and no boolean: what 1 or true means differs by brand', () => {
    for (const value of [0, 1, true, false, 'open sesame', null])
      expect(() => toDeviceValue('lock', value, usual), String(value)).toThrow(/"locked" or "unlocked"/);
  });

  it('never sets a lock that only reports', () => {
    const sensor = need(
      resolveCapabilities(model(prop('LockState', enumOf('Unlocked', 'Locked'), 'r')), undefined, 'lock')
        .lock,
    );
    expect(() => toDeviceValue('lock', 'locked', sensor)).toThrow(/read-only/);
  });

  it('reads the state back in words, and shows it to screens as the two choices', () => {
    expect(fromDeviceValue('lock', 0, opposite)).toBe('locked');
    expect(fromDeviceValue('lock', 0, usual)).toBe('unlocked');
    expect(fromDeviceValue('lock', 1, onBool)).toBe('locked');
    expect(fromDeviceValue('lock', true, onBool)).toBe('locked');
    const states = capabilityStates({ lock: opposite }, { LockState: 0 });
    expect(states).toEqual([
      { name: 'lock', writable: true, type: 'enum', options: ['locked', 'unlocked'], value: 'locked' },
    ]);
  });
});
