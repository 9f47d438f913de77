import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import { parseThingModel } from '../tsl/index.js';
import { fromDeviceValue, resolveCapabilities, toDeviceValue, valueLabel } from './index.js';

const prop = (identifier: string, dataType: unknown, accessMode = 'rw') => ({
  identifier,
  name: identifier,
  accessMode,
  dataType,
});
const enumOf = (...labels: string[]) => ({
  type: 'enum',
  specs: Object.fromEntries(labels.map((l, i) => [String(i), l])),
});

function caught(fn: () => unknown): GenioError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GenioError) return error;
    throw error;
  }
  throw new Error('expected a GenioError');
}

describe('resolveCapabilities', () => {
  const model = parseThingModel({
    properties: [
      prop('LightSwitch', { type: 'bool', specs: { '0': 'off', '1': 'on' } }),
      prop('Brightness', { type: 'int', specs: { min: '0', max: '255', step: '1' } }),
      prop('colortemperature', { type: 'int', specs: { min: '2700', max: '6500', step: '100' } }),
      prop('Mode', enumOf('normal', 'night')),
      prop('Battery', { type: 'int', specs: { min: '0', max: '100' } }, 'r'),
    ],
    services: [{ identifier: 'Start', name: 'Start', inputData: [], outputData: [] }],
  });

  it('takes explicit entries and fills the rest by name, ignoring case', () => {
    const resolved = resolveCapabilities(
      model,
      { power: 'LightSwitch', brightness: 'Brightness', batteryLevel: 'Battery' },
      'light',
    );
    expect(resolved.power).toMatchObject({ identifier: 'LightSwitch', kind: 'property', writable: true });
    expect(resolved.colorTemperature?.identifier).toBe('colortemperature');
    expect(resolved.mode?.values).toEqual({ normal: 0, night: 1 });
    expect(resolved.batteryLevel?.writable).toBe(false);
    expect(resolved.start).toEqual({ identifier: 'Start', kind: 'service', writable: true });
  });

  it.each([
    [{ power: 'Missing' }, 'capabilities/power'],
    [{ warpDrive: 'LightSwitch' }, 'capabilities/warpDrive'],
    [{ brightness: 'LightSwitch' }, 'capabilities/brightness'],
    [{ mode: 'Brightness' }, 'capabilities/mode'],
    [{ dock: 'Brightness' }, 'capabilities/dock'],
  ])('refuses the mapping %j naming %s', (mapping, field) => {
    const error = caught(() => resolveCapabilities(model, mapping));
    expect(error.code).toBe('validation_failed');
    expect(error.params.field).toBe(field);
  });
});

describe('enum vocabulary', () => {
  it.each([
    ['zh', ['自动', '制冷模式', '制热', '除湿', '送风'], 'airConditioner'],
    ['en', ['Auto', 'Cooling', 'Heating', 'Dehumidify', 'Fan only'], 'airConditioner'],
    [
      'it',
      ['Automatico', 'Raffreddamento', 'Riscaldamento', 'Deumidificazione', 'Ventilazione'],
      'airConditioner',
    ],
    ['fr', ['Automatique', 'Froid', 'Chauffage', 'Déshumidification', 'Ventilation'], 'airConditioner'],
  ] as const)('matches %s air-conditioner labels to auto/cool/heat/dry/fan', (_lang, labels, category) => {
    const model = parseThingModel({ properties: [prop('mode', enumOf(...labels))] });
    expect(resolveCapabilities(model, undefined, category).mode?.values).toEqual({
      auto: 0,
      cool: 1,
      heat: 2,
      dry: 3,
      fan: 4,
    });
  });

  it('matches vacuum work states and keeps unmatched labels usable by their own label', () => {
    const model = parseThingModel({
      properties: [prop('workState', enumOf('待机', '清扫中', '已暂停', '回充中', '充电中', '拖地中'), 'r')],
    });
    const target = resolveCapabilities(model, undefined, 'vacuum').workState;
    expect(target?.values).toEqual({ idle: 0, cleaning: 1, paused: 2, returning: 3, charging: 4 });
    if (!target) throw new Error('workState not resolved');
    expect(fromDeviceValue('workState', 1, target)).toBe('cleaning');
    expect(fromDeviceValue('workState', 5, target)).toBe('拖地中');
  });

  it('names standard values in every language', () => {
    expect([
      valueLabel('cool', 'zh'),
      valueLabel('cool', 'en'),
      valueLabel('cool', 'it'),
      valueLabel('cool', 'fr'),
    ]).toEqual(['制冷', 'cool', 'raffreddamento', 'froid']);
  });
});

describe('conversion', () => {
  const model = parseThingModel({
    properties: [
      prop('power', { type: 'bool' }),
      prop('brightness', { type: 'int', specs: { min: '0', max: '255', step: '1' } }),
      prop('position', { type: 'int', specs: { min: '0', max: '100', step: '1' } }),
      prop('targetTemperature', { type: 'float', specs: { min: '16', max: '30', step: '0.5' } }),
      prop('fanSpeed', enumOf('auto', 'low', 'medium', 'high')),
      prop('color', {
        type: 'struct',
        specs: ['Red', 'Green', 'Blue'].map((c) => ({
          identifier: c,
          name: c,
          dataType: { type: 'int', specs: { min: '0', max: '255' } },
        })),
      }),
      prop('currentTemperature', { type: 'float', specs: { min: '-20', max: '60', step: '0.1' } }, 'r'),
    ],
  });
  const r = resolveCapabilities(model, undefined, 'airConditioner');
  const target = (name: keyof typeof r) => {
    const found = r[name];
    if (!found) throw new Error(`${name} not resolved`);
    return found;
  };

  it('converts to device values: bool, scaled percent, stepped temperature, enum words, colour', () => {
    expect(toDeviceValue('power', true, target('power'))).toBe(1);
    expect(toDeviceValue('power', 'off', target('power'))).toBe(0);
    expect(toDeviceValue('brightness', 50, target('brightness'))).toBe(128);
    expect(toDeviceValue('position', 42, target('position'))).toBe(42);
    expect(toDeviceValue('targetTemperature', 22.3, target('targetTemperature'))).toBe(22.5);
    expect(toDeviceValue('fanSpeed', 'high', target('fanSpeed'))).toBe(3);
    expect(toDeviceValue('fanSpeed', 'Medium', target('fanSpeed'))).toBe(2);
    expect(toDeviceValue('color', '#ff8000', target('color'))).toEqual({ Red: 255, Green: 128, Blue: 0 });
  });

  it('converts back to capability values', () => {
    expect(fromDeviceValue('power', 1, target('power'))).toBe(true);
    expect(fromDeviceValue('brightness', 128, target('brightness'))).toBe(50);
    expect(fromDeviceValue('fanSpeed', 1, target('fanSpeed'))).toBe('low');
    expect(fromDeviceValue('color', { Red: 255, Green: 128, Blue: 0 }, target('color'))).toBe('#ff8000');
  });

  it.each([
    ['power', 'maybe'],
    ['brightness', '50%'],
    ['fanSpeed', 'hurricane'],
    ['color', 'orange'],
    ['currentTemperature', 20],
  ] as const)('refuses %s = %j with validation_failed naming the capability', (capability, value) => {
    const error = caught(() => toDeviceValue(capability, value, target(capability)));
    expect(error.code).toBe('validation_failed');
    expect(error.params.field).toBe(capability);
  });
});
