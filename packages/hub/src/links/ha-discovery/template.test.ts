import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  renderTemplate,
  TemplateValueMissing,
  UnsupportedTemplate,
  valueFromPayload,
} from './template.js';

describe('value templates', () => {
  it('reads values and JSON paths', () => {
    expect(valueFromPayload('{{ value }}', 'ON')).toBe('ON');
    expect(valueFromPayload('{{ value_json.state }}', '{"state":"ON"}')).toBe('ON');
    expect(valueFromPayload('{{value_json.a.b}}', '{"a":{"b":2}}')).toBe(2);
    expect(valueFromPayload("{{ value_json['a b'].c }}", '{"a b":{"c":3}}')).toBe(3);
    expect(valueFromPayload('{{ value_json["x"] }}', '{"x":false}')).toBe(false);
    expect(valueFromPayload('{{ value_json.list[1] }}', '{"list":[1,2]}')).toBe(2);
    expect(valueFromPayload('{{ value_json.color }}', '{"color":{"x":0.3}}')).toEqual({ x: 0.3 });
  });

  it('gives undefined for missing paths and non-JSON payloads', () => {
    expect(valueFromPayload('{{ value_json.missing.deeper }}', '{}')).toBeUndefined();
    expect(valueFromPayload('{{ value_json.a }}', 'not json')).toBeUndefined();
    expect(valueFromPayload('{{ value_json.a }}', '[1]')).toBeUndefined();
  });

  it('applies the filters the integrations use', () => {
    expect(valueFromPayload('{{ value_json.t | float | round(1) }}', '{"t":"21.46"}')).toBe(21.5);
    expect(valueFromPayload('{{ value_json.t | round(0) }}', '{"t":2.5}')).toBe(3);
    expect(valueFromPayload('{{ value_json.t | round(1, "floor") }}', '{"t":2.59}')).toBe(2.5);
    expect(valueFromPayload('{{ value | int }}', '42')).toBe(42);
    expect(valueFromPayload('{{ value | int }}', '21.7')).toBe(21);
    expect(valueFromPayload('{{ value | int(-1) }}', 'nope')).toBe(-1);
    expect(valueFromPayload('{{ value | float }}', 'nope')).toBe(0);
    expect(valueFromPayload('{{ value_json.missing | default(7) }}', '{}')).toBe(7);
    expect(valueFromPayload("{{ value_json.x | default('a|b') }}", '{}')).toBe('a|b');
    expect(valueFromPayload('{{ value_json.x | default(5) }}', '{"x":null}')).toBeNull();
    expect(valueFromPayload('{{ value_json.x | default(5, true) }}', '{"x":null}')).toBe(5);
    expect(valueFromPayload('{{ value_json.POWER | lower }}', '{"POWER":"ON"}')).toBe('on');
    expect(valueFromPayload('{{ value | upper }}', 'on')).toBe('ON');
    expect(valueFromPayload('{{ value | trim }}', ' on ')).toBe('on');
    expect(valueFromPayload('{{ value_json.n | string }}', '{"n":5}')).toBe('5');
  });

  it('looks up literal dicts, as Zigbee2MQTT fan templates do', () => {
    const t = "{{ {'off': 0, 'low': 33, 'medium': 66, 'high': 100}[value_json.fan_mode] | default('None') }}";
    expect(valueFromPayload(t, '{"fan_mode":"medium"}')).toBe(66);
    expect(valueFromPayload(t, '{"fan_mode":"smart"}')).toBe('None');
    expect(renderTemplate("{{ {0: 'off', 33: 'low'}[value] | default('') }}", { value: 33 })).toBe('low');
  });

  it('renders command templates with text around expressions', () => {
    expect(renderTemplate('{ "position": {{ position }} }', { position: 30 })).toBe('{ "position": 30 }');
    expect(renderTemplate('{{red}},{{green}},{{blue}}', { red: 1, green: 2, blue: 3 })).toBe('1,2,3');
    expect(renderTemplate('plain', {})).toBe('plain');
    expect(renderTemplate('{"a": "{{ value }}"}', { value: 'x}y' })).toBe('{"a": "x}y"}');
  });

  it('without a template, parses JSON scalars and keeps everything else as text', () => {
    expect(valueFromPayload(undefined, 'online')).toBe('online');
    expect(valueFromPayload(undefined, '21.5')).toBe(21.5);
    expect(valueFromPayload(undefined, 'true')).toBe(true);
    expect(valueFromPayload(undefined, '{"a":1}')).toBe('{"a":1}');
  });

  it('refuses what it does not understand instead of evaluating it', () => {
    const refused = [
      '{% if value == "1" %}ON{% else %}OFF{% endif %}',
      '{# comment #}',
      '{{ value.__class__ }}',
      '{{ value_json.a | exec }}',
      "{{ value_json.Color.split(',')[0:3] | join(',') }}",
      '{{ states("sensor.x") }}',
      '{{ value_json.a if value_json.b else 1 }}',
      '{{ value + 1 }}',
      '{{ constructor }}',
      '{{ value',
    ];
    for (const template of refused)
      expect(() => renderTemplate(template, { value: 'x', value_json: {} }), template).toThrow(
        UnsupportedTemplate,
      );
  });

  it('is_defined makes a missing value an error the reader skips', () => {
    expect(() => valueFromPayload('{{ value_json.a | is_defined }}', '{}')).toThrow(TemplateValueMissing);
    expect(valueFromPayload('{{ value_json.a | is_defined }}', '{"a":1}')).toBe(1);
  });

  it('checks templates ahead without values', () => {
    expect(() => checkTemplate('{{ value_json.a.b | int }}', ['value', 'value_json'])).not.toThrow();
    expect(() => checkTemplate('{{ value_json.a | is_defined }}', ['value', 'value_json'])).not.toThrow();
    expect(() => checkTemplate('{{ position }}', ['value'])).toThrow(UnsupportedTemplate);
  });
});
