import { describe, expect, it } from 'vitest';
import { GenioError } from '../../errors/index.js';
import {
  parseThingModel,
  validateEventOutput,
  validatePropertyValues,
  validateServiceInput,
} from './index.js';

const prop = (identifier: string, dataType: unknown, accessMode = 'rw') => ({
  identifier,
  name: identifier,
  accessMode,
  dataType,
});

const model = parseThingModel({
  properties: [
    prop('Power', { type: 'bool', specs: { '0': 'off', '1': 'on' } }),
    prop('Level', { type: 'int', specs: { min: '0', max: '100', step: '5' } }),
    prop('Temp', { type: 'float', specs: { min: '-30', max: '10', step: '0.1', unit: '°C' } }),
    prop('Ratio', { type: 'double', specs: { min: '0', max: '1' } }),
    prop('Label', { type: 'text', specs: { length: '4' } }),
    prop('Since', { type: 'date', specs: {} }),
    prop('Mode', { type: 'enum', specs: { '0': 'auto', '1': 'cool', '5': 'heat' } }),
    prop('Pos', {
      type: 'struct',
      specs: [{ identifier: 'x', name: 'X', dataType: { type: 'int', specs: { min: '0', max: '9' } } }],
    }),
    prop('Samples', {
      type: 'array',
      specs: { size: '3', item: { type: 'int', specs: { min: '0', max: '9' } } },
    }),
    prop('Serial', { type: 'text', specs: { length: '32' } }, 'r'),
  ],
  services: [
    { identifier: 'set', name: 'set', method: 'thing.service.property.set', inputData: [], outputData: [] },
    {
      identifier: 'go',
      name: 'Go',
      callType: 'async',
      inputData: [
        { identifier: 'speed', name: 'Speed', dataType: { type: 'int', specs: { min: '1', max: '3' } } },
      ],
      outputData: [],
    },
  ],
  events: [
    { identifier: 'post', name: 'post', method: 'thing.event.property.post', outputData: [] },
    {
      identifier: 'fell',
      name: 'Fell',
      type: 'alert',
      outputData: [
        {
          identifier: 'severity',
          name: 'Severity',
          dataType: { type: 'enum', specs: { '1': 'low', '2': 'high' } },
        },
      ],
    },
  ],
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

describe('parseThingModel', () => {
  it('turns spec strings into numbers and skips the built-in property set/post entries of an Alibaba export', () => {
    expect(model.properties.find((p) => p.identifier === 'Temp')?.dataType).toEqual({
      type: 'float',
      specs: { min: -30, max: 10, step: 0.1, unit: '°C' },
    });
    expect(model.services.map((s) => s.identifier)).toEqual(['go']);
    expect(model.events.map((e) => e.identifier)).toEqual(['fell']);
    expect(parseThingModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it.each([
    [
      { properties: [prop('A', { type: 'int', specs: { min: '5', max: '1' } })] },
      'properties/0/dataType/specs/max',
    ],
    [
      { properties: [prop('A', { type: 'int', specs: { min: '0', max: 'ten' } })] },
      'properties/0/dataType/specs/max',
    ],
    [
      { properties: [prop('A', { type: 'int', specs: { min: '0', max: '10', step: '0.5' } })] },
      'properties/0/dataType/specs/step',
    ],
    [
      { properties: [prop('A', { type: 'int', specs: { min: '0', max: '10', step: '0' } })] },
      'properties/0/dataType/specs/step',
    ],
    [{ properties: [prop('A', { type: 'complex' })] }, 'properties/0/dataType/type'],
    [
      { properties: [prop('A', { type: 'text', specs: { length: '20000' } })] },
      'properties/0/dataType/specs/length',
    ],
    [{ properties: [prop('A', { type: 'enum', specs: { x: 'bad' } })] }, 'properties/0/dataType/specs/x'],
    [{ properties: [prop('A', { type: 'enum', specs: {} })] }, 'properties/0/dataType/specs'],
    [
      { properties: [prop('A', { type: 'bool', specs: { '0': 'off', '2': 'maybe' } })] },
      'properties/0/dataType/specs/2',
    ],
    [
      { properties: [prop('A', { type: 'array', specs: { size: '600', item: { type: 'int' } } })] },
      'properties/0/dataType/specs/size',
    ],
    [
      { properties: [prop('A', { type: 'array', specs: { size: '2', item: { type: 'bool' } } })] },
      'properties/0/dataType/specs/item/type',
    ],
    [
      {
        properties: [
          prop('A', {
            type: 'struct',
            specs: [{ identifier: 'in', name: 'In', dataType: { type: 'struct', specs: [] } }],
          }),
        ],
      },
      'properties/0/dataType/specs/0/dataType/type',
    ],
    [{ properties: [prop('time', { type: 'int' })] }, 'properties/0/identifier'],
    [{ properties: [prop('A', { type: 'int' }), prop('A', { type: 'int' })] }, 'properties/1/identifier'],
    [{ properties: [prop('9lives', { type: 'int' })] }, 'properties/0/identifier'],
    [{ properties: [prop('A', { type: 'int' }, 'w')] }, 'properties/0/accessMode'],
    [{ services: [{ identifier: 'go', callType: 'later' }] }, 'services/0/callType'],
    [{ events: [{ identifier: 'e', type: 'warning' }] }, 'events/0/type'],
    [{ properties: 'none' }, 'properties'],
    [{}, 'properties'],
  ])('refuses %j naming %s', (input, field) => {
    const error = caught(() => parseThingModel(input));
    expect(error.code).toBe('validation_failed');
    expect(error.params.field).toBe(field);
  });
});

describe('validatePropertyValues', () => {
  it('accepts every type, bare or with a time, and normalizes bools, enums and dates', () => {
    const values = validatePropertyValues(model, {
      Power: true,
      Level: { value: 45, time: 1_700_000_000_000 },
      Temp: -18.3,
      Ratio: 0.123456,
      Label: '四个字符',
      Since: '1700000000000',
      Mode: 5,
      Pos: { x: 3 },
      Samples: [1, 2, 3],
    });
    expect(values).toEqual({
      Power: { value: 1 },
      Level: { value: 45, time: 1_700_000_000_000 },
      Temp: { value: -18.3 },
      Ratio: { value: 0.123456 },
      Label: { value: '四个字符' },
      Since: { value: '1700000000000' },
      Mode: { value: 5 },
      Pos: { value: { x: 3 } },
      Samples: { value: [1, 2, 3] },
    });
  });

  it.each([
    [{ Power: 2 }, 'Power'],
    [{ Power: 'on' }, 'Power'],
    [{ Level: 101 }, 'Level'],
    [{ Level: 42 }, 'Level'],
    [{ Level: 40.5 }, 'Level'],
    [{ Level: '40' }, 'Level'],
    [{ Temp: -30.05 }, 'Temp'],
    [{ Temp: 11 }, 'Temp'],
    [{ Ratio: Number.NaN }, 'Ratio'],
    [{ Label: 'too long' }, 'Label'],
    [{ Label: 4 }, 'Label'],
    [{ Since: 'yesterday' }, 'Since'],
    [{ Mode: 2 }, 'Mode'],
    [{ Mode: 'cool' }, 'Mode'],
    [{ Pos: { x: 10 } }, 'Pos/x'],
    [{ Pos: { y: 1 } }, 'Pos/y'],
    [{ Pos: [1] }, 'Pos'],
    [{ Samples: [1, 2, 3, 4] }, 'Samples'],
    [{ Samples: [1, 'two'] }, 'Samples/1'],
    [{ Level: { value: 40, time: 'now' } }, 'Level/time'],
  ])('refuses %j as property_invalid at %s (Alink 5093)', (params, path) => {
    const error = caught(() => validatePropertyValues(model, params));
    expect(error.code).toBe('property_invalid');
    expect(error.params.path).toBe(path);
    expect(error.toAlink().code).toBe(5093);
  });

  it('refuses unknown identifiers (5092), too many properties (6106), read-only on set, and non-object params', () => {
    expect(caught(() => validatePropertyValues(model, { Colour: 1 })).toAlink().code).toBe(5092);
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, 1]));
    expect(caught(() => validatePropertyValues(model, many)).toAlink().code).toBe(6106);
    expect(validatePropertyValues(model, { Serial: 'abc' })).toEqual({ Serial: { value: 'abc' } });
    const readOnly = caught(() => validatePropertyValues(model, { Serial: 'abc' }, { forSet: true }));
    expect(readOnly.code).toBe('property_invalid');
    expect(readOnly.params.rule).toMatch(/read-only/);
    expect(caught(() => validatePropertyValues(model, [1])).code).toBe('request_invalid');
  });
});

describe('services and events', () => {
  it('checks inputs and outputs against the model', () => {
    expect(validateServiceInput(model, 'go', { speed: 2 })).toEqual({ speed: 2 });
    expect(caught(() => validateServiceInput(model, 'go', { speed: 4 })).code).toBe('property_invalid');
    expect(caught(() => validateServiceInput(model, 'go', { turbo: 1 })).code).toBe('property_unknown');
    expect(caught(() => validateServiceInput(model, 'fly', {})).toAlink().code).toBe(5094);
    expect(validateEventOutput(model, 'fell', { severity: 2 })).toEqual({ severity: 2 });
    expect(caught(() => validateEventOutput(model, 'fell', { severity: 3 })).toAlink().code).toBe(5093);
    expect(caught(() => validateEventOutput(model, 'exploded', {})).toAlink().code).toBe(5094);
  });
});

describe('identifiers JavaScript objects treat specially', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses %s as a property, service, event or struct field identifier, naming the field',
    (name) => {
      const asProperty = caught(() =>
        parseThingModel({ properties: [prop(name, { type: 'int', specs: {} })] }),
      );
      expect(asProperty.code).toBe('validation_failed');
      expect(asProperty.params.field).toBe('properties/0/identifier');
      expect(String(asProperty.params.reason)).toContain(name);
      const asService = caught(() =>
        parseThingModel({ services: [{ identifier: name, name: 'x', inputData: [], outputData: [] }] }),
      );
      expect(asService.params.field).toBe('services/0/identifier');
      const asEvent = caught(() =>
        parseThingModel({ events: [{ identifier: name, name: 'x', type: 'info' }] }),
      );
      expect(asEvent.params.field).toBe('events/0/identifier');
      const asField = caught(() =>
        parseThingModel({
          properties: [
            prop('Pos', {
              type: 'struct',
              specs: [{ identifier: name, name: 'x', dataType: { type: 'int', specs: {} } }],
            }),
          ],
        }),
      );
      expect(asField.params.field).toMatch(/^properties\/0\/dataType\/specs\/0\/identifier/);
    },
  );

  it('refuses a value under __proto__ instead of dropping it', () => {
    const params = JSON.parse('{"__proto__": 5}');
    const error = caught(() => validatePropertyValues(model, params));
    expect(error.code).toBe('property_invalid');
    expect(error.params.path).toBe('__proto__');
    const nested = JSON.parse('{"Pos": {"__proto__": {"x": 1}}}');
    expect(caught(() => validatePropertyValues(model, nested)).params.path).toBe('Pos/__proto__');
  });
});
