import { describe, expect, it } from 'vitest';
import { deviceNameFor } from './bridge.js';
import { DiscoveryError, parseDiscoveryConfig, parseDiscoveryTopic } from './config.js';

const parse = (component: string, body: unknown, nodeId?: string) =>
  parseDiscoveryConfig({ component, objectId: 'obj', ...(nodeId ? { nodeId } : {}) }, JSON.stringify(body));

describe('discovery topics', () => {
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
  });

  it('ignores other topics', () => {
    for (const topic of [
      'homeassistant/switch/plug/state',
      'homeassistant/config',
      'homeassistant/a/b/c/d/config',
      'other/switch/plug/config',
      'homeassistant/switch/pl ug/config',
    ])
      expect(parseDiscoveryTopic('homeassistant', topic), topic).toBeNull();
  });
});

describe('discovery configs', () => {
  it('expands Tasmota abbreviations and the ~ base topic at either end', () => {
    const config = parse('switch', {
      '~': 'tasmota/plug1/',
      name: 'Relay',
      stat_t: '~stat/POWER',
      cmd_t: '~cmnd/POWER',
      avty_t: '~LWT',
      pl_avail: 'Online',
      pl_not_avail: 'Offline',
      json_attr_t: 'tele/~',
      uniq_id: 'ABC_RL_1',
      dev: { ids: ['ABC'], name: 'Plug 1', mf: 'Tasmota', sa: 'Kitchen' },
    });
    expect(config).toMatchObject({
      component: 'switch',
      uniqueId: 'ABC_RL_1',
      name: 'Plug 1 Relay',
      availability: [
        { topic: 'tasmota/plug1/LWT', payloadAvailable: 'Online', payloadNotAvailable: 'Offline' },
      ],
      device: { identifiers: ['ABC'], name: 'Plug 1', manufacturer: 'Tasmota', suggestedArea: 'Kitchen' },
    });
    expect(config.raw).toMatchObject({
      state_topic: 'tasmota/plug1/stat/POWER',
      command_topic: 'tasmota/plug1/cmnd/POWER',
      json_attributes_topic: 'tele/tasmota/plug1/',
    });
  });

  it('reads an availability list with its own payloads, templates and mode', () => {
    const config = parse('light', {
      command_topic: 'z2m/lamp/set',
      availability: [
        { topic: 'z2m/bridge/state', value_template: '{{ value_json.state }}' },
        { t: 'z2m/lamp/availability', pl_avail: 'up', pl_not_avail: 'down' },
      ],
      availability_mode: 'all',
    });
    expect(config.availability).toEqual([
      {
        topic: 'z2m/bridge/state',
        payloadAvailable: 'online',
        payloadNotAvailable: 'offline',
        valueTemplate: '{{ value_json.state }}',
      },
      { topic: 'z2m/lamp/availability', payloadAvailable: 'up', payloadNotAvailable: 'down' },
    ]);
    expect(config.availabilityMode).toBe('all');
    expect(parse('light', { command_topic: 'a' }).availabilityMode).toBe('latest');
  });

  it('names entities as Home Assistant does', () => {
    const dev = { identifiers: ['x'], name: 'Living lamp' };
    expect(parse('light', { command_topic: 'a', name: null, device: dev }).name).toBe('Living lamp');
    expect(parse('sensor', { state_topic: 'a', name: 'Temperature', device: dev }).name).toBe(
      'Living lamp Temperature',
    );
    expect(parse('sensor', { state_topic: 'a', name: 'Living lamp power', device: dev }).name).toBe(
      'Living lamp power',
    );
    expect(parse('sensor', { state_topic: 'a' }).name).toBe('obj');
  });

  it('falls back to the topic ids when there is no unique_id', () => {
    expect(parse('switch', { command_topic: 'a' }, 'node').uniqueId).toBe('switch_node_obj');
    expect(parse('switch', { command_topic: 'a', unique_id: 'u1' }).uniqueId).toBe('u1');
  });

  it('prefers a full key over its abbreviation', () => {
    expect(parse('switch', { cmd_t: 'short', command_topic: 'long' }).raw.command_topic).toBe('long');
  });

  it('refuses configs that miss what their component needs, with the reason', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['light', { state_topic: 'a' }, /light config needs command_topic/],
      ['fan', { state_topic: 'a' }, /fan config needs command_topic/],
      ['sensor', { name: 'x' }, /sensor config needs state_topic/],
      ['binary_sensor', {}, /needs state_topic/],
      ['switch', { name: 'x' }, /needs one of command_topic, state_topic/],
      ['cover', { name: 'x' }, /needs one of/],
      ['climate', { modes: ['off'] }, /needs one of/],
      ['light', { command_topic: 'a', schema: 'template' }, /schema template is not imported/],
      ['switch', { command_topic: 'a/+/b' }, /wildcards/],
      ['sensor', { state_topic: 'a/#' }, /wildcards/],
      ['switch', { command_topic: 42 }, /command_topic must be a non-empty string/],
      ['switch', { command_topic: 'a', availability: 'x' }, /availability must be a list/],
      ['switch', { command_topic: 'a', availability: [{ pl_avail: 'on' }] }, /availability\/0\/topic/],
      ['switch', { command_topic: 'a', availability_mode: 'most' }, /availability_mode/],
    ];
    for (const [component, body, reason] of cases) {
      let error: unknown;
      try {
        parse(component, body);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(body)).toBeInstanceOf(DiscoveryError);
      expect((error as DiscoveryError).skipped).toBe(false);
      expect((error as Error).message).toMatch(reason);
    }
  });

  it('refuses payloads that are not JSON objects', () => {
    for (const payload of ['{nope', '[]', '"x"', 'null'])
      expect(() => parseDiscoveryConfig({ component: 'light', objectId: 'v' }, payload)).toThrow(
        /not JSON|JSON object/,
      );
  });

  it('skips, rather than refuses, what Genio leaves out on purpose', () => {
    const skipped = (component: string, body: unknown) => {
      try {
        parse(component, body);
      } catch (e) {
        return e instanceof DiscoveryError && e.skipped;
      }
      return false;
    };
    expect(skipped('vacuum', { command_topic: 'a' })).toBe(true);
    expect(skipped('sensor', { state_topic: 'a', enabled_by_default: false })).toBe(true);
    expect(skipped('sensor', { state_topic: 'a', en: false })).toBe(true);
    expect(skipped('sensor', { state_topic: 'a', entity_category: 'diagnostic' })).toBe(true);
    expect(skipped('switch', { command_topic: 'a', ent_cat: 'config' })).toBe(true);
    expect(skipped('sensor', { state_topic: 'a', enabled_by_default: true })).toBe(false);
  });
});

describe('device names', () => {
  it('keeps unique ids that fit and hashes the rest, stably', () => {
    expect(deviceNameFor('ABC_RL_1')).toBe('ABC_RL_1');
    const z2m = deviceNameFor('0x000b57fffec6a5b2_light_zigbee2mqtt');
    expect(z2m).toMatch(/^[A-Za-z0-9_.:@-]{4,32}$/);
    expect(z2m).toBe(deviceNameFor('0x000b57fffec6a5b2_light_zigbee2mqtt'));
    expect(z2m).not.toBe(deviceNameFor('0x000b57fffec6a5b2_light_zigbee2mqtX'));
    for (const id of ['a', 'with space', 'ünïcode/√', '__x', 'x'.repeat(300)])
      expect(deviceNameFor(id), id).toMatch(/^[A-Za-z0-9_.:@-]{4,32}$/);
    expect(deviceNameFor('a b')).not.toBe(deviceNameFor('a_b'));
  });
});
