import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import type { DataType, Property, ThingModel } from '../tsl/types.js';
import {
  type CapabilityName,
  fromDeviceValue,
  kelvinRange,
  type ResolvedCapability,
  resolveCapabilities,
  toDeviceValue,
} from './index.js';

const numeric = (type: 'int' | 'float', min: number, max: number, step?: number): DataType => ({
  type,
  specs: step === undefined ? { min, max } : { min, max, step },
});
const enumOf = (...labels: string[]): DataType => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((label, i) => [String(i), label])),
});
const struct = (fields: Array<[string, DataType]>): DataType => ({
  type: 'struct',
  specs: fields.map(([identifier, dataType]) => ({ identifier, name: identifier, dataType })),
});
const prop = (identifier: string, dataType: DataType, accessMode: 'r' | 'rw' = 'rw'): Property => ({
  identifier,
  name: identifier,
  accessMode,
  required: false,
  dataType,
});

/** Resolve one property as one capability, the way a product would. */
function target(capability: CapabilityName, dataType: DataType, accessMode: 'r' | 'rw' = 'rw') {
  const model: ThingModel = { properties: [prop('P', dataType, accessMode)], services: [], events: [] };
  const resolved = resolveCapabilities(model, { [capability]: 'P' }, 'airConditioner')[capability];
  if (!resolved) throw new Error(`${capability} did not resolve`);
  return resolved;
}

function refusal(fn: () => unknown): GenioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenioError) return error;
    throw error;
  }
  throw new Error('expected a GenioError');
}

const bool: DataType = { type: 'bool', specs: { '0': 'off', '1': 'on' } };
const acMode = enumOf('Auto', 'Cooling', 'Heating', 'Dehumidify', 'Fan only', 'Turbo blast');

describe('power', () => {
  const onOff = target('power', bool);
  const onOffEnum = target('power', enumOf('关', '开'));

  it.each([
    [true, 1],
    [false, 0],
    ['on', 1],
    ['OFF', 0],
    [1, 1],
    [0, 0],
  ])('sends %j to a bool as %j', (value, device) => {
    expect(toDeviceValue('power', value, onOff)).toBe(device);
  });

  it('sends the enum keys labelled on and off', () => {
    expect(toDeviceValue('power', true, onOffEnum)).toBe(1);
    expect(toDeviceValue('power', 'off', onOffEnum)).toBe(0);
  });

  it('reads bools and enums back as true and false', () => {
    expect(fromDeviceValue('power', 1, onOff)).toBe(true);
    expect(fromDeviceValue('power', 0, onOff)).toBe(false);
    expect(fromDeviceValue('power', 1, onOffEnum)).toBe(true);
    expect(fromDeviceValue('power', 0, onOffEnum)).toBe(false);
  });
});

describe('percent capabilities', () => {
  it('scales 0..100 into a range that is not 0..100, onto its step, and back', () => {
    const wide = target('brightness', numeric('int', 0, 255, 1));
    expect(toDeviceValue('brightness', 50, wide)).toBe(128);
    expect(toDeviceValue('brightness', 100, wide)).toBe(255);
    expect(fromDeviceValue('brightness', 128, wide)).toBe(50);
    expect(fromDeviceValue('brightness', 255, wide)).toBe(100);

    const tenths = target('position', numeric('int', 0, 1000, 10));
    expect(toDeviceValue('position', 42, tenths)).toBe(420);
    expect(toDeviceValue('position', 42.37, tenths)).toBe(420);
    expect(fromDeviceValue('position', 420, tenths)).toBe(42);

    const fraction = target('brightness', numeric('float', 0, 1, 0.01));
    expect(toDeviceValue('brightness', 37, fraction)).toBe(0.37);
    expect(fromDeviceValue('brightness', 0.37, fraction)).toBe(37);
  });

  it('passes 0..100 through, rounded to the step', () => {
    const plain = target('position', numeric('int', 0, 100, 1));
    expect(toDeviceValue('position', 42, plain)).toBe(42);
    expect(toDeviceValue('position', 41.6, plain)).toBe(42);
    expect(fromDeviceValue('position', 42, plain)).toBe(42);
    const free = target('position', numeric('float', 0, 100));
    expect(toDeviceValue('position', 42.5, free)).toBe(42.5);
  });

  it('takes the number as said when the property’s unit is already %', () => {
    const fromOne: DataType = { type: 'int', specs: { min: 1, max: 100, step: 1, unit: '%' } };
    expect(toDeviceValue('brightness', 40, target('brightness', fromOne))).toBe(40);
    expect(fromDeviceValue('brightness', 40, target('brightness', fromOne))).toBe(40);
    expect(toDeviceValue('brightness', 40, target('brightness', numeric('int', 1, 100, 1)))).toBe(41);
  });

  it('does not check the range; the TSL validator does', () => {
    expect(toDeviceValue('brightness', 150, target('brightness', numeric('int', 0, 255, 1)))).toBe(383);
  });
});

describe('numbers with units', () => {
  it('rounds temperatures and colour temperature onto the step counted from min', () => {
    const half = target('targetTemperature', numeric('float', 16, 30, 0.5));
    expect(toDeviceValue('targetTemperature', 22.3, half)).toBe(22.5);
    expect(toDeviceValue('targetTemperature', 22.2, half)).toBe(22);
    const tenth = target('freezerTargetTemperature', numeric('float', -24, -14, 0.1));
    expect(toDeviceValue('freezerTargetTemperature', -18.26, tenth)).toBe(-18.3);
    const whole = target('targetTemperature', numeric('int', 16, 30));
    expect(toDeviceValue('targetTemperature', 21.6, whole)).toBe(22);
    const kelvin = target('colorTemperature', numeric('int', 2700, 6500, 100));
    expect(toDeviceValue('colorTemperature', 4049, kelvin)).toBe(4000);
    expect(fromDeviceValue('targetTemperature', 22.5, half)).toBe(22.5);
  });

  it('speaks kelvin to a lamp that counts in mireds, both ways', () => {
    const mireds = target('colorTemperature', { type: 'int', specs: { min: 153, max: 454, unit: 'mired' } });
    expect(toDeviceValue('colorTemperature', 2700, mireds)).toBe(370);
    expect(toDeviceValue('colorTemperature', 6500, mireds)).toBe(154);
    expect(fromDeviceValue('colorTemperature', 250, mireds)).toBe(4000);
    expect(kelvinRange({ type: 'int', specs: { min: 153, max: 454, unit: 'mired' } }, [2700, 6500])).toEqual([
      2203, 6536,
    ]);
  });
});

describe('enum capabilities', () => {
  const mode = target('mode', acMode);

  it.each([
    ['cool', 1],
    ['Heat', 2],
    ['Cooling', 1],
    ['fan only', 4],
    ['freddo', 1],
    ['除湿', 3],
    ['déshumidification', 3],
    [5, 5],
    ['Turbo blast', 5],
    ['turbo-blast', 5],
  ])('sends %j as key %j', (value, key) => {
    expect(toDeviceValue('mode', value, mode)).toBe(key);
  });

  it('reads keys back as standard values, or the label when there is none', () => {
    expect(fromDeviceValue('mode', 1, mode)).toBe('cool');
    expect(fromDeviceValue('mode', 4, mode)).toBe('fan');
    expect(fromDeviceValue('mode', 5, mode)).toBe('Turbo blast');
    expect(fromDeviceValue('mode', 9, mode)).toBe(9);
  });

  it('reads vacuum work states, including ones with no standard value', () => {
    const state = target('workState', enumOf('待机', '清扫中', '拖地中'), 'r');
    expect(fromDeviceValue('workState', 1, state)).toBe('cleaning');
    expect(fromDeviceValue('workState', 2, state)).toBe('拖地中');
  });

  it('takes fan speeds as words on an enum and scales them on a number', () => {
    const words = target('fanSpeed', enumOf('auto', 'low', 'medium', 'high'));
    expect(toDeviceValue('fanSpeed', 'high', words)).toBe(3);
    expect(toDeviceValue('fanSpeed', 'Medium', words)).toBe(2);
    expect(fromDeviceValue('fanSpeed', 1, words)).toBe('low');

    const levels = target('fanSpeed', numeric('int', 1, 3));
    expect(['low', 'medium', 'high', 'turbo'].map((v) => toDeviceValue('fanSpeed', v, levels))).toEqual([
      1, 2, 3, 3,
    ]);
    const percent = target('fanSpeed', numeric('int', 0, 100));
    expect(['low', 'medium', 'high'].map((v) => toDeviceValue('fanSpeed', v, percent))).toEqual([
      33, 67, 100,
    ]);
    expect(toDeviceValue('fanSpeed', 50, percent)).toBe(50);
    expect(toDeviceValue('fanSpeed', 'alta', levels)).toBe(3);
    expect(toDeviceValue('fanSpeed', '低速', levels)).toBe(1);
    expect(fromDeviceValue('fanSpeed', 50, percent)).toBe(50);
  });
});

describe('colour', () => {
  const channel = (max: number) => numeric('int', 0, max, 1);

  it('writes an int as 0xRRGGBB and text as "#rrggbb"', () => {
    const int = target('color', channel(0xffffff));
    expect(toDeviceValue('color', '#ff8000', int)).toBe(0xff8000);
    expect(toDeviceValue('color', { r: 0, g: 128, b: 255 }, int)).toBe(0x0080ff);
    expect(fromDeviceValue('color', 0xff8000, int)).toBe('#ff8000');

    const text: ResolvedCapability = target('color', { type: 'text', specs: { length: 7 } });
    expect(toDeviceValue('color', '#FF8000', text)).toBe('#ff8000');
    expect(toDeviceValue('color', { r: 255, g: 128, b: 0 }, text)).toBe('#ff8000');
    expect(fromDeviceValue('color', 'FF8000', text)).toBe('#ff8000');
  });

  it('writes the fields of an RGB struct by their own names', () => {
    const rgb = target(
      'color',
      struct([
        ['Red', channel(255)],
        ['Green', channel(255)],
        ['Blue', channel(255)],
      ]),
    );
    expect(toDeviceValue('color', '#ff8000', rgb)).toEqual({ Red: 255, Green: 128, Blue: 0 });
    expect(fromDeviceValue('color', { Red: 255, Green: 128, Blue: 0 }, rgb)).toBe('#ff8000');
  });

  it('writes an HSV struct in its own ranges and reads it back', () => {
    const hsv = target(
      'color',
      struct([
        ['Hue', channel(360)],
        ['Saturation', channel(1000)],
        ['Value', channel(1000)],
      ]),
    );
    expect(toDeviceValue('color', '#ff0000', hsv)).toEqual({ Hue: 0, Saturation: 1000, Value: 1000 });
    expect(toDeviceValue('color', '#0000ff', hsv)).toEqual({ Hue: 240, Saturation: 1000, Value: 1000 });
    expect(toDeviceValue('color', '#808080', hsv)).toEqual({ Hue: 0, Saturation: 0, Value: 502 });
    for (const colour of ['#ff8000', '#00ff00', '#123456', '#ffffff', '#000000']) {
      const device = toDeviceValue('color', colour, hsv);
      expect(fromDeviceValue('color', device, hsv)).toBe(colour);
    }
  });
});

describe('values of the wrong kind', () => {
  const targets = {
    power: target('power', bool),
    brightness: target('brightness', numeric('int', 0, 255, 1)),
    targetTemperature: target('targetTemperature', numeric('float', 16, 30, 0.5)),
    mode: target('mode', acMode),
    fanSpeed: target('fanSpeed', numeric('int', 1, 3)),
    color: target('color', numeric('int', 0, 0xffffff)),
    currentTemperature: target('currentTemperature', numeric('float', -20, 60, 0.1), 'r'),
  } satisfies Partial<Record<CapabilityName, ResolvedCapability>>;

  it.each([
    ['power', 'maybe', 'must be true or false'],
    ['power', 2, 'must be true or false'],
    ['power', null, 'must be true or false'],
    ['brightness', '50%', 'must be a number'],
    ['brightness', '50', 'must be a number'],
    ['brightness', Number.NaN, 'must be a number'],
    ['targetTemperature', true, 'must be a number (°C)'],
    ['mode', 'hurricane', 'must be one of "auto", "cool", "heat", "dry", "fan", "Turbo blast"'],
    ['mode', 9, 'must be one of'],
    ['mode', { mode: 'cool' }, 'must be one of'],
    ['fanSpeed', 'auto', 'must be a number or one of low, medium, high, turbo'],
    ['color', 'orange', 'must be "#rrggbb" or { r, g, b }'],
    ['color', '#ff80', 'must be "#rrggbb"'],
    ['color', { r: 300, g: 0, b: 0 }, '0..255'],
    ['currentTemperature', 20, 'is read-only on this product'],
  ] as const)('refuses %s = %j', (capability, value, reason) => {
    const error = refusal(() => toDeviceValue(capability, value, targets[capability]));
    expect(error.code).toBe('validation_failed');
    expect(error.params.field).toBe(capability);
    expect(error.params.reason).toContain(reason);
  });

  it('refuses to set a service capability', () => {
    const dock: ResolvedCapability = { identifier: 'dock', kind: 'service', writable: true };
    expect(refusal(() => toDeviceValue('dock', {}, dock)).params.reason).toContain('is a service');
  });
});
