import { describe, expect, it } from 'vitest';
import {
  mapEntity,
  parseDiscoveryConfig,
  parseDiscoveryTopic,
  renderTemplate,
  UnsupportedTemplate,
  valueFromPayload,
} from './index.js';

describe('value templates', () => {
  it('reads the forms discovery payloads use', () => {
    expect(valueFromPayload('{{ value_json.state }}', '{"state":"ON"}')).toBe('ON');
    expect(valueFromPayload("{{ value_json['a b'].c }}", '{"a b":{"c":3}}')).toBe(3);
    expect(valueFromPayload('{{ value_json.t | float | round(1) }}', '{"t":"21.46"}')).toBe(21.5);
    expect(valueFromPayload('{{ value | int }}', '42')).toBe(42);
    expect(valueFromPayload('{{ value_json.missing | default(7) }}', '{}')).toBe(7);
    expect(valueFromPayload('{{ value_json.POWER | lower }}', '{"POWER":"ON"}')).toBe('on');
    expect(valueFromPayload(undefined, 'online')).toBe('online');
    expect(renderTemplate('{ "position": {{ position }} }', { position: 30 })).toBe('{ "position": 30 }');
  });

  it('refuses what it does not understand instead of evaluating it', () => {
    expect(() => renderTemplate('{% if value %}1{% endif %}', {})).toThrow(UnsupportedTemplate);
    expect(() => renderTemplate('{{ value.__class__ }}', { value: 'x' })).toThrow(UnsupportedTemplate);
    expect(() => renderTemplate('{{ value_json.a | exec }}', { value_json: {} })).toThrow(
      UnsupportedTemplate,
    );
  });
});

describe('discovery configs', () => {
  it('parses topics with and without a node id', () => {
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/light/0x01/light/config')).toEqual({
      component: 'light',
      nodeId: '0x01',
      objectId: 'light',
    });
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/switch/plug/config')).toEqual({
      component: 'switch',
      objectId: 'plug',
    });
    expect(parseDiscoveryTopic('homeassistant', 'homeassistant/switch/plug/state')).toBeNull();
  });

  it('expands Tasmota abbreviations and the ~ base topic', () => {
    const config = parseDiscoveryConfig(
      { component: 'switch', objectId: 'relay' },
      JSON.stringify({
        '~': 'tasmota/plug1',
        name: 'Relay',
        stat_t: '~/stat/POWER',
        cmd_t: '~/cmnd/POWER',
        avty_t: '~/LWT',
        pl_avail: 'Online',
        pl_not_avail: 'Offline',
        uniq_id: 'ABC_RL_1',
        dev: { ids: ['ABC'], name: 'Plug 1' },
      }),
    );
    expect(config).toMatchObject({
      uniqueId: 'ABC_RL_1',
      name: 'Plug 1 Relay',
      availability: [{ topic: 'tasmota/plug1/LWT', payloadAvailable: 'Online' }],
    });
    expect(config.raw).toMatchObject({
      state_topic: 'tasmota/plug1/stat/POWER',
      command_topic: 'tasmota/plug1/cmnd/POWER',
    });
    const mapping = mapEntity(config);
    expect(mapping.readers[0]?.read('ON')).toEqual({ power: 1 });
    expect(mapping.write({ power: 0 })).toEqual([{ topic: 'tasmota/plug1/cmnd/POWER', payload: 'OFF' }]);
  });

  it('maps a default-schema light with separate brightness topics', () => {
    const config = parseDiscoveryConfig(
      { component: 'light', objectId: 'l' },
      JSON.stringify({
        name: 'Lamp',
        stat_t: 'l/state',
        cmd_t: 'l/set',
        bri_stat_t: 'l/bri',
        bri_cmd_t: 'l/bri/set',
        bri_scl: 100,
        uniq_id: 'l1',
      }),
    );
    const mapping = mapEntity(config);
    expect(mapping.category).toBe('light');
    expect(mapping.write({ power: 1, brightness: 40 })).toEqual([
      { topic: 'l/set', payload: 'ON' },
      { topic: 'l/bri/set', payload: '40' },
    ]);
    expect(mapping.readers.find((r) => r.topic === 'l/bri')?.read('75')).toEqual({ brightness: 75 });
  });

  it('refuses unsupported components and bad JSON', () => {
    expect(() => parseDiscoveryConfig({ component: 'vacuum', objectId: 'v' }, '{}')).toThrow(/not imported/);
    expect(() => parseDiscoveryConfig({ component: 'light', objectId: 'v' }, '{nope')).toThrow(/not JSON/);
  });
});
