import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import type { DataType, Property, ThingModel } from '../tsl/types.js';
import { capabilityStates, fromDeviceValue, resolveCapabilities, toDeviceValue } from './index.js';

// Humidity, CO2 and a fan's swing: found under the identifiers brands use, converted like the
// percent and on/off capabilities before them.
const prop = (identifier: string, dataType: DataType, accessMode: 'r' | 'rw' = 'rw'): Property => ({
  identifier,
  name: identifier,
  accessMode,
  required: false,
  dataType,
});
const model = (...properties: Property[]): ThingModel => ({ properties, services: [], events: [] });
const int = (min: number, max: number, step = 1, unit?: string): DataType => ({
  type: 'int',
  specs: { min, max, step, ...(unit ? { unit } : {}) },
});
const bool: DataType = { type: 'bool', specs: { '0': 'off', '1': 'on' } };
const enumOf = (...labels: string[]): DataType => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((label, i) => [String(i), label])),
});

const identifiersOf = (m: ThingModel, category?: 'sensor' | 'fan' | 'airConditioner') =>
  Object.fromEntries(
    Object.entries(resolveCapabilities(m, undefined, category)).map(([name, c]) => [name, c?.identifier]),
  );

describe('humidity, CO2 and oscillation found by identifier', () => {
  it('reads the spellings brands use, without case', () => {
    for (const id of ['humidity', 'Humidity', 'hum', 'RH', 'CurrentHumidity'])
      expect(identifiersOf(model(prop(id, int(0, 100), 'r')), 'sensor'), id).toEqual({
        currentHumidity: id,
      });
    for (const id of ['co2', 'CO2', 'carbon_dioxide', 'CarbonDioxide'])
      expect(identifiersOf(model(prop(id, int(0, 5000), 'r')), 'sensor'), id).toEqual({ co2: id });
    for (const id of ['swing', 'Oscillate', 'oscillation', 'shake'])
      expect(identifiersOf(model(prop(id, bool)), 'fan'), id).toEqual({ oscillation: id });
  });

  it('tells a dehumidifier’s target from the humidity it measures', () => {
    const dehumidifier = model(
      prop('PowerSwitch', bool),
      prop('Humidity', int(0, 100, 1, '%'), 'r'),
      prop('target_humidity', int(35, 70, 5, '%')),
    );
    expect(identifiersOf(dehumidifier, 'airConditioner')).toEqual({
      power: 'PowerSwitch',
      currentHumidity: 'Humidity',
      targetHumidity: 'target_humidity',
    });
  });

  it('takes a swing enum labelled on and off, and leaves one that is not', () => {
    const labelled = resolveCapabilities(model(prop('Swing', enumOf('Off', 'On'))), undefined, 'fan');
    expect(labelled.oscillation?.values).toEqual({ on: 1, off: 0 });
    const directions = model(prop('Swing', enumOf('Vertical', 'Horizontal', 'Both')));
    expect(resolveCapabilities(directions, undefined, 'fan').oscillation).toBeUndefined();
    try {
      resolveCapabilities(directions, { oscillation: 'Swing' }, 'fan');
      expect.unreachable('an enum without on and off cannot carry oscillation');
    } catch (error) {
      expect(error).toBeInstanceOf(GenioError);
      expect((error as GenioError).message).toMatch(/oscillation needs labels meaning on and off/);
    }
  });

  it('refuses a text property for CO2 and a number for oscillation', () => {
    const text: DataType = { type: 'text', specs: { length: 8 } };
    expect(() => resolveCapabilities(model(prop('Air', text)), { co2: 'Air' })).toThrow(GenioError);
    expect(() => resolveCapabilities(model(prop('Sw', int(0, 1))), { oscillation: 'Sw' })).toThrow(
      GenioError,
    );
  });
});

describe('humidity, CO2 and oscillation converted', () => {
  const resolved = resolveCapabilities(
    model(
      prop('TargetHumidity', int(35, 70, 5, '%')),
      prop('RH', { type: 'float', specs: { min: 0, max: 1, step: 0.01 } }, 'r'),
      prop('CO2', int(0, 5000), 'r'),
      prop('Shake', enumOf('关', '开')),
    ),
    undefined,
    'airConditioner',
  );
  const need = (name: keyof typeof resolved) => {
    const found = resolved[name];
    if (!found) throw new Error(`${name} did not resolve`);
    return found;
  };

  it('sets a humidity in % as said, onto its step', () => {
    const target = need('targetHumidity');
    expect(toDeviceValue('targetHumidity', 45, target)).toBe(45);
    expect(toDeviceValue('targetHumidity', 52, target)).toBe(50);
    expect(fromDeviceValue('targetHumidity', 55, target)).toBe(55);
    expect(() => toDeviceValue('targetHumidity', '45%', target)).toThrow(GenioError);
  });

  it('rescales a humidity that is not in %, as brightness is', () => {
    const current = need('currentHumidity');
    expect(fromDeviceValue('currentHumidity', 0.38, current)).toBe(38);
    expect(() => toDeviceValue('currentHumidity', 40, current)).toThrow(/read-only/);
  });

  it('reads CO2 in ppm unchanged and never sets it', () => {
    const co2 = need('co2');
    expect(fromDeviceValue('co2', 870, co2)).toBe(870);
    expect(() => toDeviceValue('co2', 400, co2)).toThrow(/read-only/);
  });

  it('sends oscillation as the key labelled on or off', () => {
    const swing = need('oscillation');
    expect(toDeviceValue('oscillation', true, swing)).toBe(1);
    expect(toDeviceValue('oscillation', 'off', swing)).toBe(0);
    expect(fromDeviceValue('oscillation', 1, swing)).toBe(true);
    expect(fromDeviceValue('oscillation', 0, swing)).toBe(false);
  });

  it('shows a humidity in % with its own range and step to screens', () => {
    const states = capabilityStates(resolved, { TargetHumidity: 40, RH: 0.5, CO2: 912, Shake: 1 });
    expect(states).toEqual([
      {
        name: 'currentHumidity',
        writable: false,
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        unit: '%',
        value: 50,
      },
      {
        name: 'targetHumidity',
        writable: true,
        type: 'number',
        min: 35,
        max: 70,
        step: 5,
        unit: '%',
        value: 40,
      },
      { name: 'co2', writable: false, type: 'number', min: 0, max: 5000, step: 1, unit: 'ppm', value: 912 },
      { name: 'oscillation', writable: true, type: 'boolean', value: true },
    ]);
  });
});
