/**
 * Home Assistant entities in Genio terms: a category, an Alink thing model whose identifiers are
 * capability names (so capabilities resolve by name), readers that turn state messages into
 * property values, and writers that turn property sets and service calls into MQTT messages.
 */
import type { Category } from '../../devices/index.js';
import { hsFromRgb, intFromRgb, numberList, rgbFromHs, rgbFromInt, rgbFromXy, xyFromRgb } from './color.js';
import type { DiscoveryConfig } from './config.js';
import { renderTemplate, valueFromPayload } from './template.js';

/** A message to publish on the external broker. */
export interface Outbound {
  topic: string;
  payload: string;
}

/** How one state topic turns into Genio property values (device values, before validation). */
export interface StateReader {
  topic: string;
  read(payload: string): Record<string, unknown>;
}

/** A command the entity cannot carry out (no topic for it, a value it cannot take). */
export class CommandRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandRefused';
  }
}

/** What an imported entity is in Genio terms. */
export interface EntityMapping {
  category: Category;
  /** A TSL thing model (Alink JSON). */
  thingModel: { properties: unknown[]; services: unknown[]; events: unknown[] };
  readers: StateReader[];
  /** Property values (device values, already validated) to publishes; throws CommandRefused. */
  write(values: Record<string, unknown>): Outbound[];
  /** A service call to publishes; null when the entity has no such service. */
  invoke(service: string): Outbound[] | null;
  /** The config's template keys the mapping uses, with the names each template may read. */
  templates: Array<{ key: string; names: readonly string[] }>;
}

type Raw = Record<string, unknown>;
type Values = Record<string, unknown>;

const str = (raw: Raw, key: string): string | undefined =>
  typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined;
const num = (raw: Raw, key: string, fallback: number): number => {
  const v = raw[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : fallback;
};
/** A payload option: strings as sent, other JSON scalars as text; null means "not supported". */
const payload = (raw: Raw, key: string, fallback: string): string | null => {
  const v = raw[key];
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fallback;
};
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function finite(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

// --- thing model pieces ----------------------------------------------------------------------------

type Access = 'r' | 'rw';
const bool = (identifier: string, name: string, accessMode: Access = 'rw') => ({
  identifier,
  name,
  accessMode,
  dataType: { type: 'bool', specs: { '0': 'off', '1': 'on' } },
});
const int = (
  identifier: string,
  name: string,
  min: number,
  max: number,
  accessMode: Access,
  unit?: string,
) => ({
  identifier,
  name,
  accessMode,
  dataType: {
    type: 'int',
    specs: { min: String(min), max: String(max), step: '1', ...(unit ? { unit } : {}) },
  },
});
const float = (
  identifier: string,
  name: string,
  min: number,
  max: number,
  step: number | undefined,
  accessMode: Access,
  unit?: string,
) => ({
  identifier,
  name,
  accessMode,
  dataType: {
    type: 'float',
    specs: {
      min: String(min),
      max: String(max),
      ...(step ? { step: String(step) } : {}),
      ...(unit ? { unit } : {}),
    },
  },
});
const enumOf = (identifier: string, name: string, labels: string[], accessMode: Access) => ({
  identifier,
  name,
  accessMode,
  dataType: { type: 'enum', specs: Object.fromEntries(labels.map((m, i) => [String(i), m])) },
});
const service = (identifier: string, name: string) => ({
  identifier,
  name,
  callType: 'async',
  inputData: [],
  outputData: [],
});
const stringList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : []).filter((m): m is string => typeof m === 'string' && m !== '');

// --- shared helpers -----------------------------------------------------------------------------------

const VALUE_NAMES = ['value', 'value_json'] as const;

/** Builds readers and remembers which templates they use. */
class Builder {
  readonly readers: StateReader[] = [];
  readonly templates: Array<{ key: string; names: readonly string[] }> = [];
  constructor(readonly raw: Raw) {}

  /** A reader of `topicKey` through the value template `templateKey`. */
  read(topicKey: string, templateKey: string, convert: (value: unknown) => Values): void {
    const topic = str(this.raw, topicKey);
    if (!topic) return;
    const template = str(this.raw, templateKey);
    if (template) this.templates.push({ key: templateKey, names: VALUE_NAMES });
    this.readers.push({ topic, read: (p) => convert(valueFromPayload(template, p)) });
  }

  /** A reader of `topicKey` whose payloads are JSON objects (JSON schema lights). */
  readJson(topicKey: string, convert: (body: Raw) => Values): void {
    const topic = str(this.raw, topicKey);
    if (!topic) return;
    this.readers.push({
      topic,
      read: (p) => {
        let body: unknown;
        try {
          body = JSON.parse(p);
        } catch {
          return {};
        }
        return typeof body === 'object' && body !== null && !Array.isArray(body) ? convert(body as Raw) : {};
      },
    });
  }

  /** The payload of a command: `templateKey` rendered with `vars`, else `fallback`. */
  command(templateKey: string, vars: Record<string, unknown>, fallback: string): string {
    const template = str(this.raw, templateKey);
    if (!template) return fallback;
    const out = renderTemplate(template, vars);
    if (out === undefined || out === null) return '';
    return typeof out === 'object' ? JSON.stringify(out) : String(out);
  }

  usesCommandTemplate(templateKey: string, names: readonly string[]): void {
    if (str(this.raw, templateKey)) this.templates.push({ key: templateKey, names });
  }
}

/** On/off from a state value, comparing with the entity's state payloads (strings or JSON values). */
function onOff(
  raw: Raw,
  value: unknown,
  onKeys: string[] = ['state_on', 'payload_on'],
  offKeys = ['state_off', 'payload_off'],
  [onDefault, offDefault] = ['ON', 'OFF'],
) {
  const pick = (keys: string[], fallback: string) => {
    for (const k of keys) if (raw[k] !== undefined && raw[k] !== null) return raw[k];
    return fallback;
  };
  const on = pick(onKeys, onDefault);
  const off = pick(offKeys, offDefault);
  // Zigbee2MQTT contact sensors say payload_on: false; value templates may render it as text.
  if (value === on || (typeof on !== 'string' && String(on) === value)) return 1;
  if (value === off || (typeof off !== 'string' && String(off) === value)) return 0;
  return null;
}

// --- light ----------------------------------------------------------------------------------------------

const kelvinFromMireds = (m: number) => Math.round(1_000_000 / m);

function light(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const json = raw.schema === 'json';
  const modes = stringList(raw.supported_color_modes);
  const has = (topicKey: string, jsonFlag: string, ...jsonModes: string[]) =>
    json ? raw[jsonFlag] === true || jsonModes.some((m) => modes.includes(m)) : Boolean(str(raw, topicKey));
  const colourModes = ['rgb', 'rgbw', 'rgbww', 'hs', 'xy'];
  // Every colour mode but onoff carries brightness (Home Assistant's rule for supported_color_modes).
  const hasBrightness = has(
    'brightness_command_topic',
    'brightness',
    ...colourModes,
    'color_temp',
    'brightness',
    'white',
  );
  const hasColorTemp = has('color_temp_command_topic', 'color_temp', 'color_temp');
  // The colour form commands use: RGB when the light takes it, else hue/saturation, else xy.
  const colourForm: 'rgb' | 'hs' | 'xy' | null = json
    ? modes.some((m) => m.startsWith('rgb')) || raw.rgb === true
      ? 'rgb'
      : modes.includes('hs') || raw.hs === true
        ? 'hs'
        : modes.includes('xy') || raw.xy === true
          ? 'xy'
          : null
    : str(raw, 'rgb_command_topic')
      ? 'rgb'
      : str(raw, 'hs_command_topic')
        ? 'hs'
        : str(raw, 'xy_command_topic')
          ? 'xy'
          : null;
  const scale = num(raw, 'brightness_scale', 255);
  // Colour temperature in Kelvin (color_temp_kelvin: true) or mireds (the default).
  const kelvinUnits = raw.color_temp_kelvin === true;
  const minK = Math.round(
    kelvinUnits ? num(raw, 'min_kelvin', 2000) : kelvinFromMireds(num(raw, 'max_mireds', 500)),
  );
  const maxK = Math.round(
    kelvinUnits ? num(raw, 'max_kelvin', 6535) : kelvinFromMireds(num(raw, 'min_mireds', 153)),
  );
  const toKelvin = (v: unknown) => {
    const n = finite(v);
    if (n === null || n <= 0) return null;
    return clamp(kelvinUnits ? Math.round(n) : kelvinFromMireds(n), minK, maxK);
  };
  const fromKelvin = (k: number) => (kelvinUnits ? Math.round(k) : Math.round(1_000_000 / k));
  const toPercent = (v: unknown) => {
    const n = finite(v);
    return n === null ? null : clamp(Math.round((n / scale) * 100), 0, 100);
  };
  const fromPercent = (p: number) => Math.round((p / 100) * scale);

  const properties: unknown[] = [bool('power', 'Power')];
  if (hasBrightness) properties.push(int('brightness', 'Brightness', 0, 100, 'rw', '%'));
  if (hasColorTemp) properties.push(int('colorTemperature', 'Colour temperature', minK, maxK, 'rw', 'K'));
  if (colourForm) properties.push(int('color', 'Colour', 0, 0xffffff, 'rw'));

  if (json) {
    b.readJson('state_topic', (s) => {
      const out: Values = {};
      const power = onOff(raw, s.state, [], []);
      if (power !== null) out.power = power;
      const bri = hasBrightness && s.brightness !== undefined ? toPercent(s.brightness) : null;
      if (bri !== null) out.brightness = bri;
      const k = hasColorTemp && s.color_temp !== undefined ? toKelvin(s.color_temp) : null;
      if (k !== null && (s.color_mode === undefined || s.color_mode === 'color_temp'))
        out.colorTemperature = k;
      const c = s.color;
      if (colourForm && typeof c === 'object' && c !== null && s.color_mode !== 'color_temp') {
        const col = c as Raw;
        const [r, g, bl, x, y] = [col.r, col.g, col.b, col.x, col.y].map(finite);
        const h = finite(col.h ?? col.hue);
        const sat = finite(col.s ?? col.saturation);
        if (r != null && g != null && bl != null) out.color = intFromRgb({ r, g, b: bl });
        else if (h !== null && sat !== null) out.color = intFromRgb(rgbFromHs(h, sat));
        else if (x != null && y != null) out.color = intFromRgb(rgbFromXy(x, y));
      }
      return out;
    });
  } else {
    b.read('state_topic', 'state_value_template', (v) => {
      const power = onOff(raw, v, ['payload_on'], ['payload_off']);
      return power === null ? {} : { power };
    });
    if (hasBrightness)
      b.read('brightness_state_topic', 'brightness_value_template', (v) => {
        const bri = toPercent(v);
        return bri === null ? {} : { brightness: bri };
      });
    if (hasColorTemp)
      b.read('color_temp_state_topic', 'color_temp_value_template', (v) => {
        const k = toKelvin(v);
        return k === null ? {} : { colorTemperature: k };
      });
    if (colourForm) {
      b.read('rgb_state_topic', 'rgb_value_template', (v) => {
        const n = numberList(v, 3);
        return n ? { color: intFromRgb({ r: n[0] as number, g: n[1] as number, b: n[2] as number }) } : {};
      });
      b.read('hs_state_topic', 'hs_value_template', (v) => {
        const n = numberList(v, 2);
        return n ? { color: intFromRgb(rgbFromHs(n[0] as number, n[1] as number)) } : {};
      });
      b.read('xy_state_topic', 'xy_value_template', (v) => {
        const n = numberList(v, 2);
        return n ? { color: intFromRgb(rgbFromXy(n[0] as number, n[1] as number)) } : {};
      });
    }
    b.usesCommandTemplate('brightness_command_template', ['value']);
    b.usesCommandTemplate('color_temp_command_template', ['value']);
    b.usesCommandTemplate('rgb_command_template', ['red', 'green', 'blue', 'value']);
    b.usesCommandTemplate('hs_command_template', ['hue', 'sat', 'value']);
    b.usesCommandTemplate('xy_command_template', ['x', 'y', 'value']);
  }
  const commandTopic = str(raw, 'command_topic') as string;
  const onPayload = payload(raw, 'payload_on', 'ON') ?? 'ON';
  const offPayload = payload(raw, 'payload_off', 'OFF') ?? 'OFF';

  return {
    category: 'light',
    thingModel: { properties, services: [], events: [] },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      const turnOff = values.power !== undefined && !values.power;
      if (json) {
        // As Home Assistant does: an "on" command carries the state with brightness and colour.
        const body: Raw = { state: turnOff ? 'OFF' : 'ON' };
        if (values.brightness !== undefined) body.brightness = fromPercent(Number(values.brightness));
        if (values.colorTemperature !== undefined)
          body.color_temp = fromKelvin(Number(values.colorTemperature));
        if (values.color !== undefined && colourForm) {
          const rgb = rgbFromInt(Number(values.color));
          body.color = colourForm === 'rgb' ? rgb : colourForm === 'hs' ? hsFromRgb(rgb) : xyFromRgb(rgb);
        }
        return [{ topic: commandTopic, payload: JSON.stringify(body) }];
      }
      if (turnOff) return [{ topic: commandTopic, payload: offPayload }];
      const out: Outbound[] = [];
      const send = (topicKey: string, text: string) => {
        const topic = str(raw, topicKey);
        if (!topic) throw new CommandRefused(`no ${topicKey} for that`);
        out.push({ topic, payload: text });
      };
      if (values.brightness !== undefined) {
        const v = fromPercent(Number(values.brightness));
        send('brightness_command_topic', b.command('brightness_command_template', { value: v }, String(v)));
      }
      if (values.colorTemperature !== undefined) {
        const v = fromKelvin(Number(values.colorTemperature));
        send('color_temp_command_topic', b.command('color_temp_command_template', { value: v }, String(v)));
      }
      if (values.color !== undefined) {
        const rgb = rgbFromInt(Number(values.color));
        if (colourForm === 'rgb') {
          const text = `${rgb.r},${rgb.g},${rgb.b}`;
          send(
            'rgb_command_topic',
            b.command('rgb_command_template', { red: rgb.r, green: rgb.g, blue: rgb.b, value: text }, text),
          );
        } else if (colourForm === 'hs') {
          const { h, s } = hsFromRgb(rgb);
          send(
            'hs_command_topic',
            b.command('hs_command_template', { hue: h, sat: s, value: `${h},${s}` }, `${h},${s}`),
          );
        } else if (colourForm === 'xy') {
          const { x, y } = xyFromRgb(rgb);
          send(
            'xy_command_topic',
            b.command('xy_command_template', { x, y, value: `${x},${y}` }, `${x},${y}`),
          );
        }
      }
      // on_command_type (default last): "ON" after brightness and colour, before them, or not at all
      // when brightness alone turns the light on.
      const type = raw.on_command_type ?? 'last';
      if (values.power !== undefined || out.length) {
        const on = { topic: commandTopic, payload: onPayload };
        if (type === 'first') out.unshift(on);
        else if (!(type === 'brightness' && values.brightness !== undefined)) out.push(on);
      }
      return out;
    },
    invoke: () => null,
  };
}

// --- switch -----------------------------------------------------------------------------------------

function switchEntity(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const commandTopic = str(raw, 'command_topic');
  b.read('state_topic', 'value_template', (v) => {
    const power = onOff(raw, v);
    return power === null ? {} : { power };
  });
  b.usesCommandTemplate('command_template', ['value']);
  return {
    category: raw.device_class === 'outlet' ? 'plug' : 'switch',
    thingModel: { properties: [bool('power', 'Power', commandTopic ? 'rw' : 'r')], services: [], events: [] },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      if (values.power === undefined) return [];
      if (!commandTopic) throw new CommandRefused('this switch has no command topic');
      const p = values.power
        ? (payload(raw, 'payload_on', 'ON') ?? 'ON')
        : (payload(raw, 'payload_off', 'OFF') ?? 'OFF');
      return [{ topic: commandTopic, payload: b.command('command_template', { value: p }, p) }];
    },
    invoke: () => null,
  };
}

// --- climate -----------------------------------------------------------------------------------------

function climate(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const modes = stringList(raw.modes);
  const fanModes = stringList(raw.fan_modes);
  const min = num(raw, 'min_temp', 7);
  const max = num(raw, 'max_temp', 35);
  const step = num(raw, 'temp_step', num(raw, 'precision', 0.5));
  const tempCmd = str(raw, 'temperature_command_topic');
  const modeCmd = str(raw, 'mode_command_topic');
  const fanCmd = str(raw, 'fan_mode_command_topic');
  const powerCmd = str(raw, 'power_command_topic');
  const powerByMode = !powerCmd && Boolean(modeCmd) && modes.includes('off');
  const properties: unknown[] = [];
  if (tempCmd || str(raw, 'temperature_state_topic'))
    properties.push(
      float('targetTemperature', 'Target temperature', min, max, step, tempCmd ? 'rw' : 'r', '°C'),
    );
  if (str(raw, 'current_temperature_topic'))
    properties.push(float('currentTemperature', 'Current temperature', -100, 200, undefined, 'r', '°C'));
  if (modes.length && (modeCmd || str(raw, 'mode_state_topic')))
    properties.push(enumOf('mode', 'Mode', modes, modeCmd ? 'rw' : 'r'));
  if (fanModes.length && (fanCmd || str(raw, 'fan_mode_state_topic')))
    properties.push(enumOf('fanSpeed', 'Fan speed', fanModes, fanCmd ? 'rw' : 'r'));
  if (powerCmd || powerByMode) properties.push(bool('power', 'Power'));
  // Turning on through the mode restores the last mode that was not off.
  let lastOnMode = modes.find((m) => m !== 'off') ?? 'auto';

  b.read('current_temperature_topic', 'current_temperature_template', (v) => {
    const n = finite(v);
    return n === null ? {} : { currentTemperature: Math.round(n * 100) / 100 };
  });
  b.read('temperature_state_topic', 'temperature_state_template', (v) => {
    const n = finite(v);
    if (n === null) return {};
    return {
      targetTemperature: clamp(Number((min + Math.round((n - min) / step) * step).toFixed(6)), min, max),
    };
  });
  b.read('mode_state_topic', 'mode_state_template', (v) => {
    const i = modes.indexOf(String(v));
    if (i === -1) return {};
    if (v !== 'off') lastOnMode = String(v);
    return powerByMode ? { mode: i, power: v === 'off' ? 0 : 1 } : { mode: i };
  });
  b.read('fan_mode_state_topic', 'fan_mode_state_template', (v) => {
    const i = fanModes.indexOf(String(v));
    return i === -1 ? {} : { fanSpeed: i };
  });
  for (const key of [
    'temperature_command_template',
    'mode_command_template',
    'fan_mode_command_template',
    'power_command_template',
  ])
    b.usesCommandTemplate(key, ['value']);

  return {
    category: 'airConditioner',
    thingModel: { properties, services: [], events: [] },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      const out: Outbound[] = [];
      const need = (topic: string | undefined, what: string): string => {
        if (!topic) throw new CommandRefused(`this thermostat cannot set ${what}`);
        return topic;
      };
      if (values.power !== undefined && powerCmd) {
        const p = values.power
          ? (payload(raw, 'payload_on', 'ON') ?? 'ON')
          : (payload(raw, 'payload_off', 'OFF') ?? 'OFF');
        out.push({ topic: powerCmd, payload: b.command('power_command_template', { value: p }, p) });
      }
      if (values.targetTemperature !== undefined) {
        const t = String(values.targetTemperature);
        out.push({
          topic: need(tempCmd, 'a temperature'),
          payload: b.command('temperature_command_template', { value: values.targetTemperature }, t),
        });
      }
      let mode: string | undefined;
      if (values.mode !== undefined) mode = modes[Number(values.mode)];
      else if (values.power !== undefined && powerByMode) mode = values.power ? lastOnMode : 'off';
      if (mode !== undefined) {
        if (mode !== 'off') lastOnMode = mode;
        out.push({
          topic: need(modeCmd, 'a mode'),
          payload: b.command('mode_command_template', { value: mode }, mode),
        });
      }
      if (values.fanSpeed !== undefined) {
        const f = fanModes[Number(values.fanSpeed)] ?? '';
        out.push({
          topic: need(fanCmd, 'a fan speed'),
          payload: b.command('fan_mode_command_template', { value: f }, f),
        });
      }
      return out;
    },
    invoke: () => null,
  };
}

// --- cover --------------------------------------------------------------------------------------------

function cover(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const commandTopic = str(raw, 'command_topic');
  const setPosition = str(raw, 'set_position_topic');
  const positionTopic = str(raw, 'position_topic');
  const open = num(raw, 'position_open', 100);
  const closed = num(raw, 'position_closed', 0);
  const toPercent = (n: number) => clamp(Math.round(((n - closed) / (open - closed || 1)) * 100), 0, 100);
  const fromPercent = (p: number) => Math.round(closed + (p / 100) * (open - closed));
  const payloads: Record<string, string | null> = commandTopic
    ? {
        open: payload(raw, 'payload_open', 'OPEN'),
        close: payload(raw, 'payload_close', 'CLOSE'),
        stop: payload(raw, 'payload_stop', 'STOP'),
      }
    : {};
  const properties: unknown[] = [];
  // A cover that only opens and closes still has a position: 100 opens it, 0 closes it.
  const writable = Boolean(setPosition || (payloads.open && payloads.close));
  if (setPosition || positionTopic || str(raw, 'state_topic') || writable)
    properties.push(int('position', 'Position', 0, 100, writable ? 'rw' : 'r', '%'));
  const services = Object.entries(payloads)
    .filter(([, p]) => p !== null)
    .map(([name]) => service(name, name[0]?.toUpperCase() + name.slice(1)));

  if (positionTopic) {
    b.read('position_topic', 'position_template', (v) => {
      const n = finite(v);
      return n === null ? {} : { position: toPercent(n) };
    });
  } else {
    const stateOpen = payload(raw, 'state_open', 'open');
    const stateClosed = payload(raw, 'state_closed', 'closed');
    b.read('state_topic', 'value_template', (v) =>
      v === stateOpen ? { position: 100 } : v === stateClosed ? { position: 0 } : {},
    );
  }
  b.usesCommandTemplate('set_position_template', ['position', 'position_open', 'position_closed', 'value']);

  return {
    category: 'curtain',
    thingModel: { properties, services, events: [] },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      if (values.position === undefined) return [];
      const p = Number(values.position);
      if (setPosition) {
        const device = fromPercent(p);
        const text = b.command(
          'set_position_template',
          { position: device, position_open: open, position_closed: closed, value: device },
          String(device),
        );
        return [{ topic: setPosition, payload: text }];
      }
      if (commandTopic && (p === 100 || p === 0)) {
        const text = p === 100 ? payloads.open : payloads.close;
        if (text) return [{ topic: commandTopic, payload: text }];
      }
      throw new CommandRefused('this cover only opens (position 100) and closes (position 0)');
    },
    invoke: (name) => {
      const text = payloads[name];
      return commandTopic && text ? [{ topic: commandTopic, payload: text }] : null;
    },
  };
}

// --- sensors ------------------------------------------------------------------------------------------

function sensor(raw: Raw, binary: boolean): EntityMapping {
  const b = new Builder(raw);
  const deviceClass = str(raw, 'device_class');
  const unit = str(raw, 'unit_of_measurement');
  const fahrenheit = unit === '°F' || unit === 'F';
  let property: unknown;
  let convert: (v: unknown) => Values;
  if (binary) {
    property = bool('detected', 'Detected', 'r');
    convert = (v) => {
      const on = onOff(raw, v);
      return on === null ? {} : { detected: on };
    };
  } else if (deviceClass === 'temperature') {
    property = float('currentTemperature', 'Temperature', -100, 200, undefined, 'r', '°C');
    convert = (v) => {
      const n = finite(v);
      if (n === null) return {};
      return { currentTemperature: Math.round((fahrenheit ? ((n - 32) * 5) / 9 : n) * 100) / 100 };
    };
  } else if (deviceClass === 'battery') {
    property = int('batteryLevel', 'Battery', 0, 100, 'r', '%');
    convert = (v) => {
      const n = finite(v);
      return n === null ? {} : { batteryLevel: clamp(Math.round(n), 0, 100) };
    };
  } else if (deviceClass === 'humidity') {
    property = float('currentHumidity', 'Humidity', 0, 100, undefined, 'r', '%');
    convert = (v) => {
      const n = finite(v);
      return n === null ? {} : { currentHumidity: clamp(Math.round(n * 10) / 10, 0, 100) };
    };
  } else if (deviceClass === 'carbon_dioxide') {
    property = float('co2', 'CO2', 0, 100_000, undefined, 'r', 'ppm');
    convert = (v) => {
      const n = finite(v);
      return n === null ? {} : { co2: clamp(Math.round(n), 0, 100_000) };
    };
  } else if (unit || raw.state_class) {
    // "value" is a reserved TSL identifier (it collides with Alink message words): readings are "reading".
    property = float('reading', deviceClass ?? 'Reading', -1e9, 1e9, undefined, 'r', unit);
    convert = (v) => {
      const n = finite(v);
      return n === null ? {} : { reading: Math.round(n * 1000) / 1000 };
    };
  } else {
    property = {
      identifier: 'reading',
      name: deviceClass ?? 'Reading',
      accessMode: 'r',
      dataType: { type: 'text', specs: { length: '255' } },
    };
    convert = (v) =>
      v === undefined || v === null || v === ''
        ? {}
        : { reading: [...(typeof v === 'object' ? JSON.stringify(v) : String(v))].slice(0, 255).join('') };
  }
  b.read('state_topic', 'value_template', convert);
  return {
    category: 'sensor',
    thingModel: { properties: [property], services: [], events: [] },
    readers: b.readers,
    templates: b.templates,
    write: () => {
      throw new CommandRefused('a sensor takes no commands');
    },
    invoke: () => null,
  };
}

// --- fan ------------------------------------------------------------------------------------------------

function fan(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const commandTopic = str(raw, 'command_topic') as string;
  const pctCmd = str(raw, 'percentage_command_topic');
  const presetCmd = str(raw, 'preset_mode_command_topic');
  const oscillationCmd = str(raw, 'oscillation_command_topic');
  const presets = stringList(raw.preset_modes);
  const lo = num(raw, 'speed_range_min', 1);
  const hi = num(raw, 'speed_range_max', 100);
  const states = hi - lo + 1;
  // Home Assistant's ranged-value conversions (homeassistant/util/percentage.py).
  const toRanged = (p: number) => Math.ceil((states * p) / 100 + lo - 1);
  const fromRanged = (v: number) => clamp(Math.floor(((v - lo + 1) * 100) / states), 0, 100);
  const properties: unknown[] = [bool('power', 'Power')];
  if (pctCmd || str(raw, 'percentage_state_topic'))
    properties.push(int('fanSpeed', 'Speed', 0, 100, pctCmd ? 'rw' : 'r', '%'));
  if (presets.length && (presetCmd || str(raw, 'preset_mode_state_topic')))
    properties.push(enumOf('mode', 'Preset', presets, presetCmd ? 'rw' : 'r'));
  if (oscillationCmd || str(raw, 'oscillation_state_topic'))
    properties.push(bool('oscillation', 'Oscillation', oscillationCmd ? 'rw' : 'r'));
  const oscillationOn = ['payload_oscillation_on'];
  const oscillationOff = ['payload_oscillation_off'];
  b.read('state_topic', 'state_value_template', (v) => {
    const power = onOff(raw, v);
    return power === null ? {} : { power };
  });
  b.read('percentage_state_topic', 'percentage_value_template', (v) => {
    const n = finite(v);
    return n === null ? {} : { fanSpeed: fromRanged(n) };
  });
  b.read('preset_mode_state_topic', 'preset_mode_value_template', (v) => {
    const i = presets.indexOf(String(v));
    return i === -1 ? {} : { mode: i };
  });
  b.read('oscillation_state_topic', 'oscillation_value_template', (v) => {
    const oscillation = onOff(raw, v, oscillationOn, oscillationOff, ['oscillate_on', 'oscillate_off']);
    return oscillation === null ? {} : { oscillation };
  });
  for (const key of [
    'command_template',
    'percentage_command_template',
    'preset_mode_command_template',
    'oscillation_command_template',
  ])
    b.usesCommandTemplate(key, ['value']);
  return {
    category: 'fan',
    thingModel: { properties, services: [], events: [] },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      const out: Outbound[] = [];
      if (values.power !== undefined) {
        const p = values.power
          ? (payload(raw, 'payload_on', 'ON') ?? 'ON')
          : (payload(raw, 'payload_off', 'OFF') ?? 'OFF');
        out.push({ topic: commandTopic, payload: b.command('command_template', { value: p }, p) });
      }
      if (values.fanSpeed !== undefined) {
        if (!pctCmd) throw new CommandRefused('this fan cannot set a speed');
        const v = toRanged(Number(values.fanSpeed));
        const text = b.command('percentage_command_template', { value: v }, String(v));
        if (text === '') throw new CommandRefused(`this fan cannot take speed ${values.fanSpeed}`);
        out.push({ topic: pctCmd, payload: text });
      }
      if (values.mode !== undefined) {
        if (!presetCmd) throw new CommandRefused('this fan cannot set a preset');
        const m = presets[Number(values.mode)] ?? '';
        out.push({ topic: presetCmd, payload: b.command('preset_mode_command_template', { value: m }, m) });
      }
      if (values.oscillation !== undefined) {
        if (!oscillationCmd) throw new CommandRefused('this fan cannot set its oscillation');
        const o = values.oscillation
          ? (payload(raw, 'payload_oscillation_on', 'oscillate_on') ?? 'oscillate_on')
          : (payload(raw, 'payload_oscillation_off', 'oscillate_off') ?? 'oscillate_off');
        out.push({
          topic: oscillationCmd,
          payload: b.command('oscillation_command_template', { value: o }, o),
        });
      }
      return out;
    },
    invoke: () => null,
  };
}

// --- lock -----------------------------------------------------------------------------------------------

/** A lock's states as Genio labels them (the labels, not the keys, say which is locked), with HA's defaults. */
const lockStates: Array<{ label: string; stateKey: string; fallback: string }> = [
  { label: 'Unlocked', stateKey: 'state_unlocked', fallback: 'UNLOCKED' },
  { label: 'Locked', stateKey: 'state_locked', fallback: 'LOCKED' },
  { label: 'Locking', stateKey: 'state_locking', fallback: 'LOCKING' },
  { label: 'Unlocking', stateKey: 'state_unlocking', fallback: 'UNLOCKING' },
  { label: 'Jammed', stateKey: 'state_jammed', fallback: 'JAMMED' },
];

function lock(raw: Raw): EntityMapping {
  const b = new Builder(raw);
  const commandTopic = str(raw, 'command_topic') as string;
  const states = lockStates.map((s) => payload(raw, s.stateKey, s.fallback));
  // A door left open (state_open, state_opening) is not locked: it reads as unlocked.
  const open = [payload(raw, 'state_open', 'OPEN'), payload(raw, 'state_opening', 'OPENING')];
  b.read('state_topic', 'value_template', (v) => {
    const text = typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
    const i = states.indexOf(text);
    if (i !== -1) return { lock: i };
    return open.includes(text) ? { lock: 0 } : {};
  });
  b.usesCommandTemplate('command_template', ['value', 'code']);
  return {
    category: 'lock',
    thingModel: {
      properties: [
        enumOf(
          'lock',
          'Lock',
          lockStates.map((s) => s.label),
          'rw',
        ),
      ],
      services: [],
      events: [],
    },
    readers: b.readers,
    templates: b.templates,
    write(values) {
      if (values.lock === undefined) return [];
      const key = Number(values.lock);
      if (key !== 0 && key !== 1) throw new CommandRefused('a lock is only locked or unlocked');
      const p =
        key === 1
          ? (payload(raw, 'payload_lock', 'LOCK') ?? 'LOCK')
          : (payload(raw, 'payload_unlock', 'UNLOCK') ?? 'UNLOCK');
      return [{ topic: commandTopic, payload: b.command('command_template', { value: p, code: null }, p) }];
    },
    invoke: () => null,
  };
}

/** Map an expanded discovery config to a Genio product shape and its state/command translation. */
export function mapEntity(config: DiscoveryConfig): EntityMapping {
  switch (config.component) {
    case 'light':
      return light(config.raw);
    case 'switch':
      return switchEntity(config.raw);
    case 'climate':
      return climate(config.raw);
    case 'cover':
      return cover(config.raw);
    case 'sensor':
      return sensor(config.raw, false);
    case 'binary_sensor':
      return sensor(config.raw, true);
    case 'fan':
      return fan(config.raw);
    case 'lock':
      return lock(config.raw);
  }
}
