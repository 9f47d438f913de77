import type { Category } from '../capabilities/index.js';
import type { DiscoveryConfig } from './config.js';
import { renderTemplate, valueFromPayload } from './template.js';

/** A message to publish on the external broker. */
export interface Outbound {
  topic: string;
  payload: string;
}

/** How one state topic turns into Genio property values. */
export interface StateReader {
  topic: string;
  read(payload: string): Record<string, unknown>;
}

/** What an imported entity is in Genio terms. Identifiers equal capability names, so they map by name. */
export interface EntityMapping {
  category: Category;
  /** A TSL thing model (Alink JSON). */
  thingModel: { properties: unknown[]; services: unknown[]; events: unknown[] };
  readers: StateReader[];
  /** Property values (device values, already validated) to publishes. */
  write(values: Record<string, unknown>): Outbound[];
  /** A service call to publishes; null when the entity has no such service. */
  invoke(service: string): Outbound[] | null;
}

type Raw = Record<string, unknown>;
const str = (raw: Raw, key: string): string | undefined =>
  typeof raw[key] === 'string' && raw[key] ? (raw[key] as string) : undefined;
const num = (raw: Raw, key: string, fallback: number): number => {
  const n = Number(raw[key]);
  return raw[key] === undefined || raw[key] === null || Number.isNaN(n) ? fallback : n;
};

const bool = (identifier: string, name: string, accessMode: 'r' | 'rw' = 'rw') => ({
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
  accessMode: 'r' | 'rw' = 'rw',
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
  accessMode: 'r' | 'rw',
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
const service = (identifier: string, name: string) => ({
  identifier,
  name,
  callType: 'async',
  inputData: [],
  outputData: [],
});

const kelvinFromMireds = (m: number) => Math.round(1_000_000 / m);
const miredsFromKelvin = (k: number) => Math.round(1_000_000 / k);

function onOff(raw: Raw, value: unknown): number | null {
  // Payloads may be strings or JSON values (Zigbee2MQTT contact sensors use payload_on: false).
  const on = raw.state_on ?? raw.payload_on ?? 'ON';
  const off = raw.state_off ?? raw.payload_off ?? 'OFF';
  if (value === on) return 1;
  if (value === off) return 0;
  if (typeof on === 'string' && value === true) return 1;
  if (typeof off === 'string' && value === false) return 0;
  return null;
}

function finite(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function light(raw: Raw): EntityMapping {
  const json = raw.schema === 'json';
  const modes = Array.isArray(raw.supported_color_modes) ? (raw.supported_color_modes as unknown[]) : [];
  const hasBrightness = json
    ? raw.brightness === true || modes.some((m) => m !== 'onoff')
    : Boolean(str(raw, 'brightness_command_topic'));
  const hasColorTemp = json
    ? modes.includes('color_temp') || raw.color_temp === true
    : Boolean(str(raw, 'color_temp_command_topic'));
  const scale = num(raw, 'brightness_scale', json ? 255 : 255);
  const minK = kelvinFromMireds(num(raw, 'max_mireds', 500));
  const maxK = kelvinFromMireds(num(raw, 'min_mireds', 153));
  const properties: unknown[] = [bool('power', 'Power')];
  if (hasBrightness) properties.push(int('brightness', 'Brightness', 0, 100, 'rw', '%'));
  if (hasColorTemp) properties.push(int('colorTemperature', 'Colour temperature', minK, maxK, 'rw', 'K'));
  const stateTopic = str(raw, 'state_topic');
  const commandTopic = str(raw, 'command_topic') ?? '';
  const toPercent = (b: unknown) => {
    const n = finite(b);
    return n === null ? null : Math.max(0, Math.min(100, Math.round((n / scale) * 100)));
  };
  const toKelvin = (m: unknown) => {
    const n = finite(m);
    return n === null || n <= 0 ? null : Math.max(minK, Math.min(maxK, kelvinFromMireds(n)));
  };
  const readers: StateReader[] = [];
  if (json && stateTopic) {
    readers.push({
      topic: stateTopic,
      read(payload) {
        const body = valueFromPayload('{{ value_json }}', payload) as Raw | undefined;
        if (!body || typeof body !== 'object') return {};
        const out: Record<string, unknown> = {};
        const power = onOff(raw, body.state);
        if (power !== null) out.power = power;
        const b = hasBrightness && body.brightness !== undefined ? toPercent(body.brightness) : null;
        if (b !== null) out.brightness = b;
        const k = hasColorTemp && body.color_temp !== undefined ? toKelvin(body.color_temp) : null;
        if (k !== null) out.colorTemperature = k;
        return out;
      },
    });
  } else {
    if (stateTopic) {
      readers.push({
        topic: stateTopic,
        read: (payload) => {
          const power = onOff(raw, valueFromPayload(str(raw, 'state_value_template'), payload));
          return power === null ? {} : { power };
        },
      });
    }
    const bTopic = str(raw, 'brightness_state_topic');
    if (hasBrightness && bTopic) {
      readers.push({
        topic: bTopic,
        read: (payload) => {
          const b = toPercent(valueFromPayload(str(raw, 'brightness_value_template'), payload));
          return b === null ? {} : { brightness: b };
        },
      });
    }
    const ctTopic = str(raw, 'color_temp_state_topic');
    if (hasColorTemp && ctTopic) {
      readers.push({
        topic: ctTopic,
        read: (payload) => {
          const k = toKelvin(valueFromPayload(str(raw, 'color_temp_value_template'), payload));
          return k === null ? {} : { colorTemperature: k };
        },
      });
    }
  }
  return {
    category: 'light',
    thingModel: { properties, services: [], events: [] },
    readers,
    write(values) {
      if (json) {
        const body: Raw = {};
        if (values.power !== undefined) body.state = values.power ? 'ON' : 'OFF';
        if (values.brightness !== undefined)
          body.brightness = Math.round((Number(values.brightness) / 100) * scale);
        if (values.colorTemperature !== undefined)
          body.color_temp = miredsFromKelvin(Number(values.colorTemperature));
        return [{ topic: commandTopic, payload: JSON.stringify(body) }];
      }
      const out: Outbound[] = [];
      if (values.power !== undefined)
        out.push({
          topic: commandTopic,
          payload: values.power ? (str(raw, 'payload_on') ?? 'ON') : (str(raw, 'payload_off') ?? 'OFF'),
        });
      const bCmd = str(raw, 'brightness_command_topic');
      if (values.brightness !== undefined && bCmd)
        out.push({ topic: bCmd, payload: String(Math.round((Number(values.brightness) / 100) * scale)) });
      const ctCmd = str(raw, 'color_temp_command_topic');
      if (values.colorTemperature !== undefined && ctCmd)
        out.push({ topic: ctCmd, payload: String(miredsFromKelvin(Number(values.colorTemperature))) });
      return out;
    },
    invoke: () => null,
  };
}

function switchEntity(raw: Raw): EntityMapping {
  const stateTopic = str(raw, 'state_topic');
  const commandTopic = str(raw, 'command_topic');
  return {
    category: raw.device_class === 'outlet' ? 'plug' : 'switch',
    thingModel: { properties: [bool('power', 'Power', commandTopic ? 'rw' : 'r')], services: [], events: [] },
    readers: stateTopic
      ? [
          {
            topic: stateTopic,
            read: (payload) => {
              const power = onOff(raw, valueFromPayload(str(raw, 'value_template'), payload));
              return power === null ? {} : { power };
            },
          },
        ]
      : [],
    write: (values) =>
      commandTopic && values.power !== undefined
        ? [
            {
              topic: commandTopic,
              payload: values.power ? (str(raw, 'payload_on') ?? 'ON') : (str(raw, 'payload_off') ?? 'OFF'),
            },
          ]
        : [],
    invoke: () => null,
  };
}

function climate(raw: Raw): EntityMapping {
  const modes = (Array.isArray(raw.modes) ? (raw.modes as unknown[]) : []).filter(
    (m): m is string => typeof m === 'string',
  );
  const min = num(raw, 'min_temp', 7);
  const max = num(raw, 'max_temp', 35);
  const step = num(raw, 'temp_step', num(raw, 'precision', 0.5));
  const properties: unknown[] = [
    float('targetTemperature', 'Target temperature', min, max, step, 'rw', '°C'),
  ];
  properties.push(float('currentTemperature', 'Current temperature', -50, 100, undefined, 'r', '°C'));
  const modeCmd = str(raw, 'mode_command_topic');
  if (modes.length) {
    properties.push({
      identifier: 'mode',
      name: 'Mode',
      accessMode: modeCmd ? 'rw' : 'r',
      dataType: { type: 'enum', specs: Object.fromEntries(modes.map((m, i) => [String(i), m])) },
    });
    if (modes.includes('off') && modeCmd) properties.push(bool('power', 'Power'));
  }
  const readers: StateReader[] = [];
  const add = (topicKey: string, templateKey: string, convert: (v: unknown) => Record<string, unknown>) => {
    const topic = str(raw, topicKey);
    if (topic)
      readers.push({ topic, read: (payload) => convert(valueFromPayload(str(raw, templateKey), payload)) });
  };
  add('current_temperature_topic', 'current_temperature_template', (v) => {
    const n = finite(v);
    return n === null ? {} : { currentTemperature: Math.round(n * 100) / 100 };
  });
  add('temperature_state_topic', 'temperature_state_template', (v) => {
    const n = finite(v);
    return n === null ? {} : { targetTemperature: Math.max(min, Math.min(max, Math.round(n / step) * step)) };
  });
  add('mode_state_topic', 'mode_state_template', (v) => {
    const i = modes.indexOf(String(v));
    if (i === -1) return {};
    return modes.includes('off') && modeCmd ? { mode: i, power: v === 'off' ? 0 : 1 } : { mode: i };
  });
  return {
    category: 'airConditioner',
    thingModel: { properties, services: [], events: [] },
    readers,
    write(values) {
      const out: Outbound[] = [];
      const tCmd = str(raw, 'temperature_command_topic');
      if (values.targetTemperature !== undefined && tCmd)
        out.push({ topic: tCmd, payload: String(values.targetTemperature) });
      if (modeCmd && values.mode !== undefined)
        out.push({ topic: modeCmd, payload: modes[Number(values.mode)] ?? '' });
      else if (modeCmd && values.power !== undefined) {
        const on = modes.find((m) => m !== 'off') ?? 'auto';
        out.push({ topic: modeCmd, payload: values.power ? on : 'off' });
      }
      return out;
    },
    invoke: () => null,
  };
}

function cover(raw: Raw): EntityMapping {
  const commandTopic = str(raw, 'command_topic');
  const setPosition = str(raw, 'set_position_topic');
  const positionTopic = str(raw, 'position_topic');
  const properties: unknown[] = [];
  if (setPosition || positionTopic)
    properties.push(int('position', 'Position', 0, 100, setPosition ? 'rw' : 'r', '%'));
  const services: unknown[] = [];
  const payloads: Record<string, string> = {};
  if (commandTopic) {
    payloads.open = str(raw, 'payload_open') ?? 'OPEN';
    payloads.close = str(raw, 'payload_close') ?? 'CLOSE';
    payloads.stop = str(raw, 'payload_stop') ?? 'STOP';
    services.push(service('open', 'Open'), service('close', 'Close'), service('stop', 'Stop'));
  }
  return {
    category: 'curtain',
    thingModel: { properties, services, events: [] },
    readers: positionTopic
      ? [
          {
            topic: positionTopic,
            read: (payload) => {
              const n = finite(valueFromPayload(str(raw, 'position_template'), payload));
              return n === null ? {} : { position: Math.max(0, Math.min(100, Math.round(n))) };
            },
          },
        ]
      : [],
    write(values) {
      if (values.position === undefined || !setPosition) return [];
      const template = str(raw, 'set_position_template');
      const payload = template
        ? String(renderTemplate(template, { position: values.position }))
        : String(values.position);
      return [{ topic: setPosition, payload }];
    },
    invoke: (name) =>
      commandTopic && payloads[name] ? [{ topic: commandTopic, payload: payloads[name] as string }] : null,
  };
}

function sensor(raw: Raw, binary: boolean): EntityMapping {
  const deviceClass = str(raw, 'device_class');
  const unit = str(raw, 'unit_of_measurement');
  let property: unknown;
  let identifier: string;
  if (binary) {
    identifier = 'detected';
    property = bool(identifier, 'Detected', 'r');
  } else if (deviceClass === 'temperature') {
    identifier = 'currentTemperature';
    property = float(identifier, 'Temperature', -50, 150, undefined, 'r', unit ?? '°C');
  } else if (deviceClass === 'battery') {
    identifier = 'batteryLevel';
    property = int(identifier, 'Battery', 0, 100, 'r', '%');
  } else if (unit || raw.state_class) {
    identifier = 'reading';
    property = float(identifier, deviceClass ?? 'Reading', -1e9, 1e9, undefined, 'r', unit);
  } else {
    identifier = 'reading';
    property = {
      identifier,
      name: deviceClass ?? 'Reading',
      accessMode: 'r',
      dataType: { type: 'text', specs: { length: '255' } },
    };
  }
  const numeric = !binary && identifier !== 'reading' ? true : !binary && Boolean(unit || raw.state_class);
  const stateTopic = str(raw, 'state_topic');
  return {
    category: 'sensor',
    thingModel: { properties: [property], services: [], events: [] },
    readers: stateTopic
      ? [
          {
            topic: stateTopic,
            read: (payload) => {
              const v = valueFromPayload(str(raw, 'value_template'), payload);
              if (binary) {
                const on = onOff(raw, v);
                return on === null ? {} : { detected: on };
              }
              if (!numeric) return v === undefined || v === null ? {} : { reading: String(v).slice(0, 255) };
              const n = finite(v);
              if (n === null) return {};
              if (identifier === 'batteryLevel')
                return { batteryLevel: Math.max(0, Math.min(100, Math.round(n))) };
              return { [identifier]: Math.round(n * 1000) / 1000 };
            },
          },
        ]
      : [],
    write: () => [],
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
  }
}
