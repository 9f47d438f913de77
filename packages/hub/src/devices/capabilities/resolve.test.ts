import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import type { DataType, Property, Service, ThingModel } from '../tsl/types.js';
import { resolveCapabilities } from './index.js';

const prop = (identifier: string, dataType: DataType, accessMode: 'r' | 'rw' = 'rw'): Property => ({
  identifier,
  name: identifier,
  accessMode,
  required: false,
  dataType,
});
const service = (identifier: string): Service => ({
  identifier,
  name: identifier,
  callType: 'async',
  inputData: [],
  outputData: [],
});
const model = (properties: Property[], services: Service[] = []): ThingModel => ({
  properties,
  services,
  events: [],
});
const int = (min: number, max: number, step = 1): DataType => ({ type: 'int', specs: { min, max, step } });
const bool: DataType = { type: 'bool', specs: { '0': 'off', '1': 'on' } };
const enumOf = (...labels: string[]): DataType => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((label, i) => [String(i), label])),
});
const rgbStruct = (...names: string[]): DataType => ({
  type: 'struct',
  specs: names.map((identifier) => ({ identifier, name: identifier, dataType: int(0, 255) })),
});

function refusal(fn: () => unknown): GenioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenioError) return error;
    throw error;
  }
  throw new Error('expected a GenioError');
}

const lamp = model(
  [
    prop('LightSwitch', bool),
    prop('Brightness', int(0, 255)),
    prop('colortemperature', int(2700, 6500, 100)),
    prop('Mode', enumOf('Normal', 'Night')),
    prop('Battery', int(0, 100), 'r'),
    prop('Label', { type: 'text', specs: { length: 32 } }),
  ],
  [service('Start'), service('GoHome')],
);

describe('resolveCapabilities', () => {
  it('finds capabilities under the identifiers common thing models use, one identifier each', () => {
    const resolved = resolveCapabilities(
      model(
        [
          prop('powerstate', bool),
          prop('WindSpeed', enumOf('auto', 'low', 'medium', 'high')),
          prop('BatteryPercentage', int(0, 100), 'r'),
          prop('TargetTemperature', int(16, 30)),
          prop('Temperature', int(-10, 50), 'r'),
        ],
        [service('GoHome')],
      ),
    );
    expect(resolved.power?.identifier).toBe('powerstate');
    expect(resolved.fanSpeed?.identifier).toBe('WindSpeed');
    expect(resolved.batteryLevel?.identifier).toBe('BatteryPercentage');
    expect(resolved.targetTemperature?.identifier).toBe('TargetTemperature');
    expect(resolved.currentTemperature?.identifier).toBe('Temperature');
    expect(resolved.dock?.identifier).toBe('GoHome');
    // An identifier already mapped explicitly is not taken again by a default.
    const explicit = resolveCapabilities(model([prop('Switch', bool), prop('LightSwitch', bool)]), {
      power: 'Switch',
    });
    expect(explicit.power?.identifier).toBe('Switch');
    expect(Object.values(explicit).filter((c) => c?.identifier === 'LightSwitch')).toEqual([]);
  });

  it('takes explicit entries first and fills the rest by name, without case', () => {
    const resolved = resolveCapabilities(
      lamp,
      { power: 'LightSwitch', batteryLevel: 'Battery', dock: 'GoHome' },
      'light',
    );
    expect(resolved.power).toEqual({
      identifier: 'LightSwitch',
      kind: 'property',
      dataType: bool,
      writable: true,
    });
    expect(resolved.brightness?.identifier).toBe('Brightness');
    expect(resolved.colorTemperature?.identifier).toBe('colortemperature');
    expect(resolved.mode?.values).toEqual({ normal: 0, night: 1 });
    expect(resolved.batteryLevel).toMatchObject({ identifier: 'Battery', writable: false });
    expect(resolved.start).toEqual({ identifier: 'Start', kind: 'service', writable: true });
    expect(resolved.dock).toEqual({ identifier: 'GoHome', kind: 'service', writable: true });
    expect(Object.keys(resolved).sort()).toEqual(
      ['batteryLevel', 'brightness', 'colorTemperature', 'dock', 'mode', 'power', 'start'].sort(),
    );
  });

  it('lets an explicit entry take a capability whose name also matches an identifier', () => {
    const m = model([prop('brightness', int(0, 100)), prop('Dimmer', int(0, 1000))]);
    expect(resolveCapabilities(m, { brightness: 'Dimmer' }).brightness?.identifier).toBe('Dimmer');
    expect(resolveCapabilities(m).brightness?.identifier).toBe('brightness');
  });

  it('skips default names whose type cannot carry the capability', () => {
    const m = model([
      prop('power', { type: 'text', specs: { length: 8 } }),
      prop('mode', int(0, 3)),
      prop('color', int(0, 255)),
      prop('fanSpeed', int(1, 5)),
    ]);
    const resolved = resolveCapabilities(m);
    expect(Object.keys(resolved)).toEqual(['fanSpeed']);
  });

  it('accepts the data types each capability allows', () => {
    const m = model([
      prop('power', enumOf('关', '开')),
      prop('color', { type: 'text', specs: { length: 7 } }),
      prop('rgb', rgbStruct('Red', 'Green', 'Blue')),
      prop('hsv', rgbStruct('Hue', 'Saturation', 'Value')),
      prop('intColour', int(0, 0xffffff)),
      prop('targetTemperature', { type: 'float', specs: { min: 16, max: 30, step: 0.5, unit: '°C' } }),
      prop('heartRate', { type: 'double', specs: {} }),
      prop('fanSpeed', enumOf('low', 'high')),
    ]);
    expect(Object.keys(resolveCapabilities(m)).sort()).toEqual(
      ['color', 'fanSpeed', 'heartRate', 'power', 'targetTemperature'].sort(),
    );
    expect(resolveCapabilities(m).power?.values).toEqual({ on: 1, off: 0 });
    for (const id of ['rgb', 'hsv', 'intColour'])
      expect(resolveCapabilities(m, { color: id }).color?.identifier).toBe(id);
  });

  it.each([
    [{ power: 'Missing' }, 'capabilities/power', 'the thing model has no property "Missing"'],
    [{ power: 'lightswitch' }, 'capabilities/power', '(did you mean "LightSwitch"?)'],
    [{ warpDrive: 'LightSwitch' }, 'capabilities/warpDrive', 'not a capability name'],
    [{ Power: 'LightSwitch' }, 'capabilities/Power', 'did you mean "power"?'],
    [{ brightness: 'LightSwitch' }, 'capabilities/brightness', '"LightSwitch" is a bool; needs an int'],
    [{ mode: 'Brightness' }, 'capabilities/mode', '"Brightness" is an int; needs an enum'],
    [{ power: 'Mode' }, 'capabilities/power', 'labels meaning on and off'],
    [{ color: 'Brightness' }, 'capabilities/color', '0..16777215'],
    [{ color: 'Mode' }, 'capabilities/color', 'needs int 0xRRGGBB, text "#rrggbb" or an RGB/HSV struct'],
    [{ dock: 'Brightness' }, 'capabilities/dock', '"Brightness" is a property; dock maps to a service'],
    [{ start: 'Begin' }, 'capabilities/start', 'the thing model has no service "Begin"'],
    [{ position: 'Start' }, 'capabilities/position', '"Start" is a service; position maps to a property'],
  ])('refuses %j as 400 validation_failed naming %s', (mapping, field, reason) => {
    const error = refusal(() => resolveCapabilities(lamp, mapping, 'light'));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.params.field).toBe(field);
    expect(error.params.reason).toContain(reason);
    expect(error.message.endsWith('...')).toBe(false);
  });

  it('refuses a struct without colour fields and text too short for a colour', () => {
    const m = model([
      prop('Xyz', rgbStruct('X', 'Y', 'Z')),
      prop('Short', { type: 'text', specs: { length: 6 } }),
    ]);
    expect(refusal(() => resolveCapabilities(m, { color: 'Xyz' })).params.reason).toContain(
      'Hue/Saturation/Value fields',
    );
    expect(refusal(() => resolveCapabilities(m, { color: 'Short' })).params.reason).toContain('#rrggbb');
  });

  it('refuses an entry that names no identifier', () => {
    const mapping = { power: 42 } as unknown as Record<string, string>;
    expect(refusal(() => resolveCapabilities(lamp, mapping)).params).toEqual({
      field: 'capabilities/power',
      reason: 'must name a TSL identifier',
    });
  });

  it("takes a light's, plug's or relay's one on/off property as its power, whatever it is called", () => {
    expect(resolveCapabilities(model([prop('lamp', bool)]), undefined, 'light').power?.identifier).toBe(
      'lamp',
    );
    expect(
      resolveCapabilities(model([prop('Ch1', bool), prop('Watts', int(0, 3000), 'r')]), undefined, 'switch')
        .power?.identifier,
    ).toBe('Ch1');
    // Not two switches, not a lock's, not a sensor's, not a read-only one.
    expect(
      resolveCapabilities(model([prop('lamp', bool), prop('night', bool)]), undefined, 'light').power,
    ).toBeUndefined();
    expect(resolveCapabilities(model([prop('Locked', bool)]), undefined, 'switch').power).toBeUndefined();
    expect(resolveCapabilities(model([prop('lamp', bool)]), undefined, 'sensor').power).toBeUndefined();
    expect(resolveCapabilities(model([prop('lamp', bool, 'r')]), undefined, 'light').power).toBeUndefined();
  });

  it('resolves an empty model to nothing', () => {
    expect(resolveCapabilities(model([]))).toEqual({});
  });
});
