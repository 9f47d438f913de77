import { describe, expect, it } from 'vitest';
import {
  fromDeviceValue,
  parseThingModel,
  resolveCapabilities,
  toDeviceValue,
  validatePropertyValues,
} from '../../devices/index.js';
import { hsFromRgb, intFromRgb, rgbFromHs, rgbFromXy, xyFromRgb } from './color.js';
import { parseDiscoveryConfig } from './config.js';
import { CommandRefused, type EntityMapping, mapEntity } from './mapping.js';

function entity(component: string, body: Record<string, unknown>) {
  const mapping = mapEntity(
    parseDiscoveryConfig({ component, nodeId: 'n', objectId: 'o' }, JSON.stringify(body)),
  );
  // Every generated model is a valid Alink thing model whose identifiers resolve as capabilities.
  const model = parseThingModel(mapping.thingModel);
  const capabilities = resolveCapabilities(model, undefined, mapping.category);
  return { mapping, model, capabilities };
}

/** Everything the readers of a topic make of a payload, validated against the model. */
function read(e: ReturnType<typeof entity>, topic: string, payload: unknown) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const values: Record<string, unknown> = {};
  for (const r of e.mapping.readers) if (r.topic === topic) Object.assign(values, r.read(text));
  const checked = validatePropertyValues(e.model, values);
  return Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, v.value]));
}

/** What a capability set publishes, through the capability conversion the hub applies. */
function command(e: ReturnType<typeof entity>, values: Record<string, unknown>, mapping?: EntityMapping) {
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const target = e.capabilities[name as keyof typeof e.capabilities];
    if (!target) throw new Error(`no capability ${name}`);
    props[target.identifier] = toDeviceValue(name as never, value, target);
  }
  validatePropertyValues(e.model, props, { forSet: true });
  return (mapping ?? e.mapping).write(props);
}

const z2mLight = {
  availability: [{ topic: 'z2m/bridge/state', value_template: '{{ value_json.state }}' }],
  brightness: true,
  brightness_scale: 254,
  color_mode: true,
  command_topic: 'z2m/Lamp/set',
  max_mireds: 454,
  min_mireds: 250,
  name: null,
  schema: 'json',
  state_topic: 'z2m/Lamp',
  supported_color_modes: ['xy', 'color_temp'],
  unique_id: '0x000b57fffec6a5b2_light_zigbee2mqtt',
};

describe('lights', () => {
  it('maps a Zigbee2MQTT JSON light with brightness, colour temperature and xy colour', () => {
    const e = entity('light', z2mLight);
    expect(e.mapping.category).toBe('light');
    expect(Object.keys(e.capabilities).sort()).toEqual(['brightness', 'color', 'colorTemperature', 'power']);
    expect(
      read(e, 'z2m/Lamp', { state: 'ON', brightness: 127, color_temp: 370, color_mode: 'color_temp' }),
    ).toEqual({ power: 1, brightness: 50, colorTemperature: 2703 });
    const red = read(e, 'z2m/Lamp', { state: 'ON', color_mode: 'xy', color: { x: 0.6401, y: 0.33 } });
    expect(fromDeviceValue('color', red.color, e.capabilities.color!)).toBe('#ff0000');
    expect(command(e, { power: false })).toEqual([{ topic: 'z2m/Lamp/set', payload: '{"state":"OFF"}' }]);
    expect(JSON.parse(command(e, { brightness: 100, colorTemperature: 4000 })[0]!.payload)).toEqual({
      state: 'ON',
      brightness: 254,
      color_temp: 250,
    });
    const colour = JSON.parse(command(e, { color: '#0000ff' })[0]!.payload);
    expect(colour.color).toEqual(xyFromRgb({ r: 0, g: 0, b: 255 }));
  });

  it('sends RGB to ESPHome JSON lights and reads it back', () => {
    const e = entity('light', {
      '~': 'esp/light/strip',
      schema: 'json',
      cmd_t: '~/command',
      stat_t: '~/state',
      brightness: true,
      color_mode: true,
      sup_clrm: ['rgb'],
      uniq_id: 'esp-strip',
    });
    expect(Object.keys(e.capabilities).sort()).toEqual(['brightness', 'color', 'power']);
    expect(JSON.parse(command(e, { color: '#ff8000' })[0]!.payload)).toEqual({
      state: 'ON',
      color: { r: 255, g: 128, b: 0 },
    });
    const state = read(e, 'esp/light/strip/state', {
      state: 'ON',
      color: { r: 0, g: 255, b: 0 },
      brightness: 255,
    });
    expect(state).toEqual({ power: 1, brightness: 100, color: 0x00ff00 });
  });

  it('maps a default-schema light with separate topics, templates and on_command_type', () => {
    const e = entity('light', {
      name: 'Lamp',
      stat_t: 'l/state',
      stat_val_tpl: '{{ value_json.POWER }}',
      cmd_t: 'l/set',
      pl_on: 'on',
      pl_off: 'off',
      bri_stat_t: 'l/bri',
      bri_cmd_t: 'l/bri/set',
      bri_scl: 100,
      rgb_cmd_t: 'l/rgb/set',
      rgb_stat_t: 'l/rgb',
      clr_temp_cmd_t: 'l/ct/set',
      clr_temp_cmd_tpl: '{"ct": {{ value }}}',
    });
    expect(Object.keys(e.capabilities).sort()).toEqual(['brightness', 'color', 'colorTemperature', 'power']);
    expect(command(e, { power: true, brightness: 40 })).toEqual([
      { topic: 'l/bri/set', payload: '40' },
      { topic: 'l/set', payload: 'on' },
    ]);
    expect(command(e, { power: false, brightness: 40 })).toEqual([{ topic: 'l/set', payload: 'off' }]);
    expect(command(e, { colorTemperature: 2000 })).toEqual([
      { topic: 'l/ct/set', payload: '{"ct": 500}' },
      { topic: 'l/set', payload: 'on' },
    ]);
    expect(command(e, { color: '#102030' })[0]).toEqual({ topic: 'l/rgb/set', payload: '16,32,48' });
    expect(read(e, 'l/state', { POWER: 'on' })).toEqual({ power: 1 });
    expect(read(e, 'l/bri', '75')).toEqual({ brightness: 75 });
    expect(read(e, 'l/rgb', '255,0,0')).toEqual({ color: 0xff0000 });
    const first = entity('light', { cmd_t: 'l/set', bri_cmd_t: 'l/bri/set', on_cmd_type: 'brightness' });
    expect(command(first, { brightness: 10 })).toEqual([{ topic: 'l/bri/set', payload: '26' }]);
  });

  it('an on/off JSON light has power only', () => {
    const e = entity('light', { schema: 'json', command_topic: 'x/set', supported_color_modes: ['onoff'] });
    expect(Object.keys(e.capabilities)).toEqual(['power']);
  });
});

describe('switches', () => {
  it('maps a Zigbee2MQTT plug with a value template', () => {
    const e = entity('switch', {
      command_topic: 'z2m/Plug/set',
      payload_off: 'OFF',
      payload_on: 'ON',
      state_topic: 'z2m/Plug',
      value_template: '{{ value_json.state }}',
    });
    expect(e.mapping.category).toBe('switch');
    expect(read(e, 'z2m/Plug', { state: 'OFF', power: 3.2 })).toEqual({ power: 0 });
    expect(command(e, { power: true })).toEqual([{ topic: 'z2m/Plug/set', payload: 'ON' }]);
  });

  it('an outlet is a plug; a command template shapes the payload; no command topic means read-only', () => {
    const e = entity('switch', { cmd_t: 'p/set', dev_cla: 'outlet', cmd_tpl: '{"POWER": "{{ value }}"}' });
    expect(e.mapping.category).toBe('plug');
    expect(command(e, { power: false })).toEqual([{ topic: 'p/set', payload: '{"POWER": "OFF"}' }]);
    const ro = entity('switch', { stat_t: 'p/state' });
    expect(ro.capabilities.power?.writable).toBe(false);
    expect(() => ro.mapping.write({ power: 1 })).toThrow(CommandRefused);
  });
});

describe('climate', () => {
  const trv = {
    current_temperature_template: '{{ value_json.local_temperature }}',
    current_temperature_topic: 'z2m/TRV',
    max_temp: '30',
    min_temp: '5',
    mode_command_topic: 'z2m/TRV/set/system_mode',
    mode_state_template: '{{ value_json.system_mode }}',
    mode_state_topic: 'z2m/TRV',
    modes: ['off', 'heat', 'auto'],
    fan_modes: ['auto', 'low', 'high'],
    fan_mode_command_topic: 'z2m/TRV/set/fan_mode',
    temp_step: 0.5,
    temperature_command_topic: 'z2m/TRV/set/occupied_heating_setpoint',
    temperature_state_template: '{{ value_json.occupied_heating_setpoint }}',
    temperature_state_topic: 'z2m/TRV',
    action_template: "{% set values = {'idle':'idle'} %}{{ values[value_json.running_state] }}",
  };

  it('maps temperatures, modes, fan modes and power through the off mode', () => {
    const e = entity('climate', trv);
    expect(e.mapping.category).toBe('airConditioner');
    expect(Object.keys(e.capabilities).sort()).toEqual([
      'currentTemperature',
      'fanSpeed',
      'mode',
      'power',
      'targetTemperature',
    ]);
    expect(
      read(e, 'z2m/TRV', { local_temperature: 19.34, occupied_heating_setpoint: 21.2, system_mode: 'auto' }),
    ).toEqual({ currentTemperature: 19.34, targetTemperature: 21, mode: 2, power: 1 });
    expect(command(e, { targetTemperature: 21.5 })).toEqual([
      { topic: 'z2m/TRV/set/occupied_heating_setpoint', payload: '21.5' },
    ]);
    expect(command(e, { mode: 'heat' })).toEqual([{ topic: 'z2m/TRV/set/system_mode', payload: 'heat' }]);
    expect(command(e, { power: false })).toEqual([{ topic: 'z2m/TRV/set/system_mode', payload: 'off' }]);
    // On again restores the last mode that was not off.
    expect(command(e, { power: true })).toEqual([{ topic: 'z2m/TRV/set/system_mode', payload: 'heat' }]);
    expect(command(e, { fanSpeed: 'high' })).toEqual([{ topic: 'z2m/TRV/set/fan_mode', payload: 'high' }]);
  });

  it('uses power_command_topic when there is one and leaves out what has no topic', () => {
    const e = entity('climate', {
      power_command_topic: 'ac/power',
      current_temperature_topic: 'ac/temp',
      mode_state_topic: 'ac/mode',
      modes: ['off', 'cool'],
    });
    expect(Object.keys(e.capabilities).sort()).toEqual(['currentTemperature', 'mode', 'power']);
    expect(e.capabilities.mode?.writable).toBe(false);
    expect(command(e, { power: true })).toEqual([{ topic: 'ac/power', payload: 'ON' }]);
  });
});

describe('covers', () => {
  it('maps a Zigbee2MQTT blind with position and open/close/stop', () => {
    const e = entity('cover', {
      command_topic: 'z2m/Blind/set',
      position_template: '{{ value_json.position }}',
      position_topic: 'z2m/Blind',
      set_position_template: '{ "position": {{ position }} }',
      set_position_topic: 'z2m/Blind/set',
      state_topic: 'z2m/Blind',
      value_template: '{{ value_json.state }}',
    });
    expect(e.mapping.category).toBe('curtain');
    expect(e.model.services.map((s) => s.identifier)).toEqual(['open', 'close', 'stop']);
    expect(read(e, 'z2m/Blind', { position: 60, state: 'OPEN' })).toEqual({ position: 60 });
    expect(command(e, { position: 30 })).toEqual([{ topic: 'z2m/Blind/set', payload: '{ "position": 30 }' }]);
    expect(e.mapping.invoke('close')).toEqual([{ topic: 'z2m/Blind/set', payload: 'CLOSE' }]);
    expect(e.mapping.invoke('dance')).toBeNull();
  });

  it('scales position_open/position_closed and drops stop when payload_stop is null', () => {
    const e = entity('cover', {
      cmd_t: 'c/set',
      pos_t: 'c/pos',
      set_pos_t: 'c/pos/set',
      pos_open: 255,
      pos_clsd: 0,
      pl_stop: null,
    });
    expect(e.model.services.map((s) => s.identifier)).toEqual(['open', 'close']);
    expect(read(e, 'c/pos', '51')).toEqual({ position: 20 });
    expect(command(e, { position: 100 })).toEqual([{ topic: 'c/pos/set', payload: '255' }]);
  });

  it('a cover without position opens at 100 and closes at 0, and reads open/closed', () => {
    const e = entity('cover', { command_topic: 'g/set', state_topic: 'g/state' });
    expect(e.capabilities.position?.writable).toBe(true);
    expect(command(e, { position: 100 })).toEqual([{ topic: 'g/set', payload: 'OPEN' }]);
    expect(command(e, { position: 0 })).toEqual([{ topic: 'g/set', payload: 'CLOSE' }]);
    expect(() => command(e, { position: 50 })).toThrow(CommandRefused);
    expect(read(e, 'g/state', 'open')).toEqual({ position: 100 });
    expect(read(e, 'g/state', 'opening')).toEqual({});
  });
});

describe('sensors', () => {
  it('maps temperature (converting °F), battery, numbers and text', () => {
    const t = entity('sensor', {
      device_class: 'temperature',
      state_topic: 's',
      unit_of_measurement: '°C',
      value_template: '{{ value_json.temperature }}',
    });
    expect(t.mapping.category).toBe('sensor');
    expect(Object.keys(t.capabilities)).toEqual(['currentTemperature']);
    expect(read(t, 's', { temperature: 22.75 })).toEqual({ currentTemperature: 22.75 });
    const f = entity('sensor', { dev_cla: 'temperature', stat_t: 's', unit_of_meas: '°F' });
    expect(read(f, 's', '71.6')).toEqual({ currentTemperature: 22 });
    const b = entity('sensor', { device_class: 'battery', state_topic: 's', unit_of_measurement: '%' });
    expect(Object.keys(b.capabilities)).toEqual(['batteryLevel']);
    expect(read(b, 's', '101')).toEqual({ batteryLevel: 100 });
    const p = entity('sensor', { device_class: 'pressure', state_topic: 's', unit_of_measurement: 'hPa' });
    expect(read(p, 's', '1013.25')).toEqual({ reading: 1013.25 });
    expect(read(p, 's', 'unavailable')).toEqual({});
    const txt = entity('sensor', { state_topic: 's' });
    expect(read(txt, 's', 'idle')).toEqual({ reading: 'idle' });
    expect(() => txt.mapping.write({ reading: 'x' })).toThrow(CommandRefused);
  });

  it('maps humidity and CO2 to their capabilities', () => {
    const h = entity('sensor', { dev_cla: 'humidity', stat_t: 's', unit_of_meas: '%' });
    expect(Object.keys(h.capabilities)).toEqual(['currentHumidity']);
    expect(read(h, 's', '40.54')).toEqual({ currentHumidity: 40.5 });
    expect(read(h, 's', 'unavailable')).toEqual({});
    const c = entity('sensor', {
      device_class: 'carbon_dioxide',
      state_topic: 'air',
      unit_of_measurement: 'ppm',
      value_template: '{{ value_json.co2 }}',
    });
    expect(Object.keys(c.capabilities)).toEqual(['co2']);
    expect(read(c, 'air', { co2: 871.6 })).toEqual({ co2: 872 });
  });

  it('maps a Zigbee2MQTT contact sensor whose payloads are JSON booleans', () => {
    const e = entity('binary_sensor', {
      payload_on: false,
      payload_off: true,
      state_topic: 'z2m/Door',
      value_template: '{{ value_json.contact }}',
    });
    expect(read(e, 'z2m/Door', { contact: false })).toEqual({ detected: 1 });
    expect(read(e, 'z2m/Door', { contact: true })).toEqual({ detected: 0 });
  });
});

describe('fans', () => {
  it('maps power, percentage speed (ranged) and presets', () => {
    const e = entity('fan', {
      command_topic: 'f/set',
      state_topic: 'f/state',
      percentage_command_topic: 'f/speed/set',
      percentage_state_topic: 'f/speed',
      speed_range_min: 1,
      speed_range_max: 3,
      preset_mode_command_topic: 'f/preset/set',
      preset_modes: ['sleep', 'natural'],
    });
    expect(e.mapping.category).toBe('fan');
    expect(Object.keys(e.capabilities).sort()).toEqual(['fanSpeed', 'mode', 'power']);
    expect(command(e, { fanSpeed: 'low' })).toEqual([{ topic: 'f/speed/set', payload: '1' }]);
    expect(command(e, { fanSpeed: 100 })).toEqual([{ topic: 'f/speed/set', payload: '3' }]);
    expect(read(e, 'f/speed', '2')).toEqual({ fanSpeed: 66 });
    expect(command(e, { mode: 'sleep', power: true })).toEqual([
      { topic: 'f/set', payload: 'ON' },
      { topic: 'f/preset/set', payload: 'sleep' },
    ]);
  });

  it('maps oscillation with the default payloads and with the entity’s own', () => {
    const e = entity('fan', {
      command_topic: 'f/set',
      oscillation_command_topic: 'f/osc/set',
      oscillation_state_topic: 'f/osc',
    });
    expect(Object.keys(e.capabilities).sort()).toEqual(['oscillation', 'power']);
    expect(command(e, { oscillation: true })).toEqual([{ topic: 'f/osc/set', payload: 'oscillate_on' }]);
    expect(command(e, { oscillation: false })).toEqual([{ topic: 'f/osc/set', payload: 'oscillate_off' }]);
    expect(read(e, 'f/osc', 'oscillate_on')).toEqual({ oscillation: 1 });
    const own = entity('fan', {
      cmd_t: 'g/set',
      osc_cmd_t: 'g/osc/set',
      osc_stat_t: 'g',
      osc_val_tpl: '{{ value_json.swing }}',
      pl_osc_on: 'yes',
      pl_osc_off: 'no',
    });
    expect(command(own, { oscillation: true })).toEqual([{ topic: 'g/osc/set', payload: 'yes' }]);
    expect(read(own, 'g', { swing: 'no' })).toEqual({ oscillation: 0 });
    const still = entity('fan', { command_topic: 'h/set' });
    expect(still.capabilities.oscillation).toBeUndefined();
  });

  it('understands Zigbee2MQTT fan templates (literal dicts)', () => {
    const e = entity('fan', {
      command_topic: 'z2m/fan/set/fan_state',
      state_topic: 'z2m/fan',
      state_value_template: '{{ value_json.fan_state }}',
      percentage_command_topic: 'z2m/fan/set/fan_mode',
      percentage_command_template:
        "{{ {0: 'off', 33: 'low', 66: 'medium', 100: 'high'}[value] | default('') }}",
      percentage_state_topic: 'z2m/fan',
      percentage_value_template:
        "{{ {'off': 0, 'low': 33, 'medium': 66, 'high': 100}[value_json.fan_mode] | default('None') }}",
    });
    expect(read(e, 'z2m/fan', { fan_state: 'ON', fan_mode: 'medium' })).toEqual({ power: 1, fanSpeed: 66 });
    expect(command(e, { fanSpeed: 66 })).toEqual([{ topic: 'z2m/fan/set/fan_mode', payload: 'medium' }]);
    expect(() => command(e, { fanSpeed: 50 })).toThrow(CommandRefused);
  });
});

describe('locks', () => {
  it('maps a lock with the default payloads: locked, unlocked and what it says between', () => {
    const e = entity('lock', { command_topic: 'door/set', state_topic: 'door/state', name: 'Front door' });
    expect(e.mapping.category).toBe('lock');
    expect(Object.keys(e.capabilities)).toEqual(['lock']);
    expect(e.capabilities.lock?.values).toEqual({ locked: 1, unlocked: 0 });
    expect(command(e, { lock: 'locked' })).toEqual([{ topic: 'door/set', payload: 'LOCK' }]);
    expect(command(e, { lock: 'unlocked' })).toEqual([{ topic: 'door/set', payload: 'UNLOCK' }]);
    const said = (payload: string) =>
      fromDeviceValue('lock', read(e, 'door/state', payload).lock, e.capabilities.lock!);
    expect(said('LOCKED')).toBe('locked');
    expect(said('UNLOCKED')).toBe('unlocked');
    expect(said('OPEN')).toBe('unlocked');
    expect(said('JAMMED')).toBe('Jammed');
    expect(read(e, 'door/state', 'None')).toEqual({});
  });

  it('uses the lock’s own payloads, states and command template (abbreviated as Tasmota sends them)', () => {
    const e = entity('lock', {
      '~': 'nuki/42',
      cmd_t: '~/action',
      stat_t: '~/state',
      pl_lock: 'lock',
      pl_unlk: 'unlock',
      stat_locked: 'locked',
      stat_unlocked: 'unlocked',
      stat_jam: 'motorBlocked',
      cmd_tpl: '{"action": "{{ value }}"}',
      val_tpl: '{{ value_json.state }}',
    });
    expect(command(e, { lock: 'locked' })).toEqual([
      { topic: 'nuki/42/action', payload: '{"action": "lock"}' },
    ]);
    expect(read(e, 'nuki/42/state', { state: 'unlocked' })).toEqual({ lock: 0 });
    expect(read(e, 'nuki/42/state', { state: 'motorBlocked' })).toEqual({ lock: 4 });
    expect(() => e.mapping.write({ lock: 4 })).toThrow(CommandRefused);
  });

  it('refuses a lock without a command topic', () => {
    expect(() =>
      parseDiscoveryConfig({ component: 'lock', objectId: 'o' }, JSON.stringify({ state_topic: 'x' })),
    ).toThrow(/lock config needs command_topic/);
  });
});

describe('colour conversions', () => {
  it('round-trips hue/saturation and xy closely enough', () => {
    expect(hsFromRgb({ r: 255, g: 0, b: 0 })).toEqual({ h: 0, s: 100 });
    expect(rgbFromHs(240, 100)).toEqual({ r: 0, g: 0, b: 255 });
    expect(rgbFromHs(120, 0)).toEqual({ r: 255, g: 255, b: 255 });
    for (const rgb of [
      { r: 255, g: 0, b: 0 },
      { r: 0, g: 255, b: 0 },
      { r: 0, g: 0, b: 255 },
      { r: 255, g: 255, b: 255 },
    ]) {
      const { x, y } = xyFromRgb(rgb);
      const back = rgbFromXy(x, y);
      for (const c of ['r', 'g', 'b'] as const) expect(Math.abs(back[c] - rgb[c])).toBeLessThanOrEqual(3);
    }
    expect(intFromRgb({ r: 1, g: 2, b: 3 })).toBe(0x010203);
  });
});
