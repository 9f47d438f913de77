/** Home Assistant MQTT discovery config payloads: abbreviations, the `~` base topic, availability, checks. */

// The abbreviations discovery payloads may use (Tasmota and ESPHome send them), for the keys Genio reads.
// Names follow homeassistant/components/mqtt/abbreviations.py.
const abbreviations: Record<string, string> = {
  avty: 'availability',
  avty_mode: 'availability_mode',
  avty_t: 'availability_topic',
  avty_tpl: 'availability_template',
  bri_cmd_t: 'brightness_command_topic',
  bri_cmd_tpl: 'brightness_command_template',
  bri_scl: 'brightness_scale',
  bri_stat_t: 'brightness_state_topic',
  bri_val_tpl: 'brightness_value_template',
  clr_temp_cmd_t: 'color_temp_command_topic',
  clr_temp_cmd_tpl: 'color_temp_command_template',
  clr_temp_stat_t: 'color_temp_state_topic',
  clr_temp_val_tpl: 'color_temp_value_template',
  clrm: 'color_mode',
  cmd_t: 'command_topic',
  cmd_tpl: 'command_template',
  curr_temp_t: 'current_temperature_topic',
  curr_temp_tpl: 'current_temperature_template',
  dev: 'device',
  dev_cla: 'device_class',
  en: 'enabled_by_default',
  ent_cat: 'entity_category',
  fan_mode_cmd_t: 'fan_mode_command_topic',
  fan_mode_cmd_tpl: 'fan_mode_command_template',
  fan_mode_stat_t: 'fan_mode_state_topic',
  fan_mode_stat_tpl: 'fan_mode_state_template',
  hs_cmd_t: 'hs_command_topic',
  hs_cmd_tpl: 'hs_command_template',
  hs_stat_t: 'hs_state_topic',
  hs_val_tpl: 'hs_value_template',
  json_attr_t: 'json_attributes_topic',
  json_attr_tpl: 'json_attributes_template',
  max_mirs: 'max_mireds',
  min_mirs: 'min_mireds',
  max_kelvin: 'max_kelvin',
  min_kelvin: 'min_kelvin',
  mode_cmd_t: 'mode_command_topic',
  mode_cmd_tpl: 'mode_command_template',
  mode_stat_t: 'mode_state_topic',
  mode_stat_tpl: 'mode_state_template',
  obj_id: 'object_id',
  on_cmd_type: 'on_command_type',
  osc_cmd_t: 'oscillation_command_topic',
  osc_cmd_tpl: 'oscillation_command_template',
  osc_stat_t: 'oscillation_state_topic',
  osc_val_tpl: 'oscillation_value_template',
  pct_cmd_t: 'percentage_command_topic',
  pct_cmd_tpl: 'percentage_command_template',
  pct_stat_t: 'percentage_state_topic',
  pct_val_tpl: 'percentage_value_template',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  pl_cls: 'payload_close',
  pl_open: 'payload_open',
  pl_stop: 'payload_stop',
  pl_on: 'payload_on',
  pl_off: 'payload_off',
  pl_lock: 'payload_lock',
  pl_unlk: 'payload_unlock',
  pl_osc_on: 'payload_oscillation_on',
  pl_osc_off: 'payload_oscillation_off',
  pos_clsd: 'position_closed',
  pos_open: 'position_open',
  pos_t: 'position_topic',
  pos_tpl: 'position_template',
  pow_cmd_t: 'power_command_topic',
  pow_cmd_tpl: 'power_command_template',
  pr_mode_cmd_t: 'preset_mode_command_topic',
  pr_mode_cmd_tpl: 'preset_mode_command_template',
  pr_mode_stat_t: 'preset_mode_state_topic',
  pr_mode_val_tpl: 'preset_mode_value_template',
  pr_modes: 'preset_modes',
  rgb_cmd_t: 'rgb_command_topic',
  rgb_cmd_tpl: 'rgb_command_template',
  rgb_stat_t: 'rgb_state_topic',
  rgb_val_tpl: 'rgb_value_template',
  set_pos_t: 'set_position_topic',
  set_pos_tpl: 'set_position_template',
  spd_rng_max: 'speed_range_max',
  spd_rng_min: 'speed_range_min',
  stat_cla: 'state_class',
  stat_clsd: 'state_closed',
  stat_closing: 'state_closing',
  stat_jam: 'state_jammed',
  stat_locked: 'state_locked',
  stat_locking: 'state_locking',
  stat_off: 'state_off',
  stat_on: 'state_on',
  stat_open: 'state_open',
  stat_opening: 'state_opening',
  stat_stopped: 'state_stopped',
  stat_t: 'state_topic',
  stat_tpl: 'state_template',
  stat_unlocked: 'state_unlocked',
  stat_unlocking: 'state_unlocking',
  stat_val_tpl: 'state_value_template',
  sup_clrm: 'supported_color_modes',
  temp_cmd_t: 'temperature_command_topic',
  temp_cmd_tpl: 'temperature_command_template',
  temp_stat_t: 'temperature_state_topic',
  temp_stat_tpl: 'temperature_state_template',
  temp_unit: 'temperature_unit',
  uniq_id: 'unique_id',
  unit_of_meas: 'unit_of_measurement',
  val_tpl: 'value_template',
  xy_cmd_t: 'xy_command_topic',
  xy_cmd_tpl: 'xy_command_template',
  xy_stat_t: 'xy_state_topic',
  xy_val_tpl: 'xy_value_template',
};
const deviceAbbreviations: Record<string, string> = {
  cns: 'connections',
  cu: 'configuration_url',
  hw: 'hw_version',
  ids: 'identifiers',
  mdl: 'model',
  mdl_id: 'model_id',
  mf: 'manufacturer',
  sa: 'suggested_area',
  sw: 'sw_version',
};
const availabilityAbbreviations: Record<string, string> = {
  t: 'topic',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  val_tpl: 'value_template',
};

/** The components Genio imports. */
export const supportedComponents = [
  'light',
  'switch',
  'climate',
  'cover',
  'sensor',
  'binary_sensor',
  'fan',
  'lock',
] as const;
/** A supported component. */
export type Component = (typeof supportedComponents)[number];

/** One availability source. */
export interface Availability {
  topic: string;
  payloadAvailable: string;
  payloadNotAvailable: string;
  valueTemplate?: string;
}

/** How several availability sources combine (Home Assistant's `availability_mode`, default latest). */
export type AvailabilityMode = 'all' | 'any' | 'latest';

/** The HA device an entity belongs to, as announced. */
export interface DiscoveryDevice {
  identifiers: string[];
  name?: string;
  manufacturer?: string;
  model?: string;
  suggestedArea?: string;
}

/** A discovery config, expanded and checked. */
export interface DiscoveryConfig {
  component: Component;
  /** Stable id: unique_id, else `<component>_<node_id>_<object_id>` from the topic. */
  uniqueId: string;
  /** Display name: the device's name, then the entity's own name when it has one. */
  name: string;
  availability: Availability[];
  availabilityMode: AvailabilityMode;
  device: DiscoveryDevice | null;
  /** Every (expanded) key, as sent, with `~` resolved in topics. */
  raw: Record<string, unknown>;
}

/** What the discovery topic says. */
export interface DiscoveryTopic {
  component: string;
  nodeId?: string;
  objectId: string;
}

/** Why a config cannot be imported; `skipped` marks entities left out on purpose (not errors). */
export class DiscoveryError extends Error {
  readonly skipped: boolean;
  constructor(message: string, skipped = false) {
    super(message);
    this.name = 'DiscoveryError';
    this.skipped = skipped;
  }
}

const ID = /^[A-Za-z0-9_-]+$/;

/** Parse `<prefix>/<component>/[<node_id>/]<object_id>/config`; null for any other topic. */
export function parseDiscoveryTopic(prefix: string, topic: string): DiscoveryTopic | null {
  if (!topic.startsWith(`${prefix}/`) || !topic.endsWith('/config')) return null;
  const parts = topic.slice(prefix.length + 1, -'/config'.length).split('/');
  if (!parts.every((p) => ID.test(p))) return null;
  if (parts.length === 2) return { component: parts[0] as string, objectId: parts[1] as string };
  if (parts.length === 3)
    return { component: parts[0] as string, nodeId: parts[1] as string, objectId: parts[2] as string };
  return null;
}

function expandKeys(input: Record<string, unknown>, table: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A full key wins over its abbreviation when a payload has both.
  for (const [key, value] of Object.entries(input)) if (!table[key]) out[key] = value;
  for (const [key, value] of Object.entries(input)) {
    const full = table[key];
    if (full && !(full in out)) out[full] = value;
  }
  return out;
}

const isTopicKey = (key: string) => key === 'topic' || key.endsWith('_topic');

function withBase(value: string, base: string | null): string {
  if (!base) return value;
  if (value.startsWith('~')) return base + value.slice(1);
  if (value.endsWith('~')) return value.slice(0, -1) + base;
  return value;
}

function checkTopic(key: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new DiscoveryError(`${key} must be a non-empty string`);
  if (Buffer.byteLength(value) > 65_535 || value.includes('\u0000'))
    throw new DiscoveryError(`${key} is not a valid MQTT topic`);
  // Wildcards are refused in state topics too: state is routed by the exact topic.
  if (/[+#]/.test(value)) throw new DiscoveryError(`${key} must not contain MQTT wildcards (${value})`);
  return value;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const payloadText = (v: unknown, fallback: string): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;

// At least one of these topics makes an entity worth importing; a light, a fan and a lock cannot be without a command topic.
const requiredTopics: Record<Component, { all?: string[]; any?: string[] }> = {
  light: { all: ['command_topic'] },
  fan: { all: ['command_topic'] },
  lock: { all: ['command_topic'] },
  switch: { any: ['command_topic', 'state_topic'] },
  sensor: { all: ['state_topic'] },
  binary_sensor: { all: ['state_topic'] },
  cover: { any: ['command_topic', 'set_position_topic', 'position_topic', 'state_topic'] },
  climate: {
    any: [
      'temperature_command_topic',
      'temperature_state_topic',
      'current_temperature_topic',
      'mode_command_topic',
      'mode_state_topic',
      'power_command_topic',
    ],
  },
};

/** Expand and check a discovery payload. Throws DiscoveryError with a reason a person can act on. */
export function parseDiscoveryConfig(topic: DiscoveryTopic, payload: string): DiscoveryConfig {
  if (!(supportedComponents as readonly string[]).includes(topic.component))
    throw new DiscoveryError(`component ${topic.component} is not imported`, true);
  const component = topic.component as Component;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    throw new DiscoveryError('config is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new DiscoveryError('config must be a JSON object');
  const raw = expandKeys(body as Record<string, unknown>, abbreviations);
  if (raw.enabled_by_default === false)
    throw new DiscoveryError('entity is disabled by default (enabled_by_default: false)', true);
  if (raw.entity_category === 'diagnostic' || raw.entity_category === 'config')
    throw new DiscoveryError(`entity is a ${raw.entity_category} entity`, true);

  // "~" abbreviates a base topic at either end of any *_topic value.
  const base = text(raw['~']) ?? null;
  for (const [key, value] of Object.entries(raw)) {
    if (!isTopicKey(key) || value === undefined || value === null) continue;
    raw[key] = checkTopic(key, typeof value === 'string' ? withBase(value, base) : value);
  }
  const required = requiredTopics[component];
  for (const key of required.all ?? [])
    if (!raw[key]) throw new DiscoveryError(`${component} config needs ${key}`);
  if (required.any && !required.any.some((key) => raw[key]))
    throw new DiscoveryError(`${component} config needs one of ${required.any.join(', ')}`);
  if (component === 'light') {
    const schema = raw.schema ?? 'default';
    if (schema !== 'default' && schema !== 'basic' && schema !== 'json')
      throw new DiscoveryError(`light schema ${String(schema)} is not imported (default and json are)`);
  }

  const availability: Availability[] = [];
  if (raw.availability !== undefined && !Array.isArray(raw.availability))
    throw new DiscoveryError('availability must be a list');
  for (const [i, entry] of ((raw.availability as unknown[] | undefined) ?? []).entries()) {
    if (typeof entry !== 'object' || entry === null)
      throw new DiscoveryError(`availability/${i} must be an object`);
    const a = expandKeys(entry as Record<string, unknown>, availabilityAbbreviations);
    const t = checkTopic(
      `availability/${i}/topic`,
      typeof a.topic === 'string' ? withBase(a.topic, base) : a.topic,
    );
    availability.push({
      topic: t,
      payloadAvailable: payloadText(a.payload_available, 'online'),
      payloadNotAvailable: payloadText(a.payload_not_available, 'offline'),
      ...(text(a.value_template) ? { valueTemplate: a.value_template as string } : {}),
    });
  }
  if (typeof raw.availability_topic === 'string') {
    availability.push({
      topic: raw.availability_topic,
      payloadAvailable: payloadText(raw.payload_available, 'online'),
      payloadNotAvailable: payloadText(raw.payload_not_available, 'offline'),
      ...(text(raw.availability_template) ? { valueTemplate: raw.availability_template as string } : {}),
    });
  }
  const mode = raw.availability_mode ?? 'latest';
  if (mode !== 'all' && mode !== 'any' && mode !== 'latest')
    throw new DiscoveryError('availability_mode must be all, any or latest');

  let device: DiscoveryDevice | null = null;
  if (typeof raw.device === 'object' && raw.device !== null && !Array.isArray(raw.device)) {
    const d = expandKeys(raw.device as Record<string, unknown>, deviceAbbreviations);
    raw.device = d;
    const ids = Array.isArray(d.identifiers)
      ? d.identifiers
      : d.identifiers === undefined
        ? []
        : [d.identifiers];
    device = {
      identifiers: ids.filter((x): x is string => typeof x === 'string'),
      ...(text(d.name) ? { name: d.name as string } : {}),
      ...(text(d.manufacturer) ? { manufacturer: d.manufacturer as string } : {}),
      ...(text(d.model) ? { model: d.model as string } : {}),
      ...(text(d.suggested_area) ? { suggestedArea: d.suggested_area as string } : {}),
    };
  }

  const uniqueId = text(raw.unique_id) ?? [component, topic.nodeId, topic.objectId].filter(Boolean).join('_');
  const ownName = text(raw.name) ?? null;
  const deviceName = device?.name ?? null;
  // Zigbee2MQTT sends name: null for a device's main entity: the device's name is the entity's.
  // Older configs already repeat the device name in the entity's; say it once.
  const name =
    deviceName && ownName
      ? ownName.toLowerCase().startsWith(deviceName.toLowerCase())
        ? ownName
        : `${deviceName} ${ownName}`
      : (ownName ?? deviceName ?? topic.objectId);
  return {
    component,
    uniqueId,
    name: name.slice(0, 100),
    availability,
    availabilityMode: mode,
    device,
    raw,
  };
}
