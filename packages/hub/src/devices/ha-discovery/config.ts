/** Home Assistant MQTT discovery config payloads: abbreviations, the `~` base topic, availability. */

// The abbreviations discovery payloads use (Tasmota and ESPHome send them), for the keys Genio reads.
const abbreviations: Record<string, string> = {
  avty: 'availability',
  avty_t: 'availability_topic',
  avty_tpl: 'availability_template',
  bri_cmd_t: 'brightness_command_topic',
  bri_scl: 'brightness_scale',
  bri_stat_t: 'brightness_state_topic',
  bri_val_tpl: 'brightness_value_template',
  clr_temp_cmd_t: 'color_temp_command_topic',
  clr_temp_stat_t: 'color_temp_state_topic',
  clr_temp_val_tpl: 'color_temp_value_template',
  cmd_t: 'command_topic',
  cmd_tpl: 'command_template',
  curr_temp_t: 'current_temperature_topic',
  curr_temp_tpl: 'current_temperature_template',
  dev: 'device',
  dev_cla: 'device_class',
  json_attr_t: 'json_attributes_topic',
  max_mirs: 'max_mireds',
  min_mirs: 'min_mireds',
  max_temp: 'max_temp',
  min_temp: 'min_temp',
  mode_cmd_t: 'mode_command_topic',
  mode_stat_t: 'mode_state_topic',
  mode_stat_tpl: 'mode_state_template',
  obj_id: 'object_id',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  pl_cls: 'payload_close',
  pl_open: 'payload_open',
  pl_stop: 'payload_stop',
  pl_on: 'payload_on',
  pl_off: 'payload_off',
  pos_t: 'position_topic',
  pos_tpl: 'position_template',
  set_pos_t: 'set_position_topic',
  set_pos_tpl: 'set_position_template',
  stat_on: 'state_on',
  stat_off: 'state_off',
  stat_t: 'state_topic',
  stat_val_tpl: 'state_value_template',
  sup_clrm: 'supported_color_modes',
  temp_cmd_t: 'temperature_command_topic',
  temp_stat_t: 'temperature_state_topic',
  temp_stat_tpl: 'temperature_state_template',
  temp_step: 'temp_step',
  uniq_id: 'unique_id',
  unit_of_meas: 'unit_of_measurement',
  val_tpl: 'value_template',
};
const deviceAbbreviations: Record<string, string> = {
  ids: 'identifiers',
  mf: 'manufacturer',
  mdl: 'model',
  sw: 'sw_version',
  name: 'name',
};

/** The components Genio imports. */
export const supportedComponents = [
  'light',
  'switch',
  'climate',
  'cover',
  'sensor',
  'binary_sensor',
] as const;
/** A supported component. */
export type Component = (typeof supportedComponents)[number];

/** One availability source: the entity is available when every source says so. */
export interface Availability {
  topic: string;
  payloadAvailable: string;
  payloadNotAvailable: string;
  valueTemplate?: string;
}

/** A discovery config, expanded. */
export interface DiscoveryConfig {
  component: Component;
  /** Stable id: unique_id, else node/object ids from the topic. */
  uniqueId: string;
  name: string;
  availability: Availability[];
  /** Every other (expanded) key, as sent. */
  raw: Record<string, unknown>;
}

/** What the discovery topic says. */
export interface DiscoveryTopic {
  component: string;
  nodeId?: string;
  objectId: string;
}

/** Parse `<prefix>/<component>/[<node_id>/]<object_id>/config`. */
export function parseDiscoveryTopic(prefix: string, topic: string): DiscoveryTopic | null {
  if (!topic.startsWith(`${prefix}/`) || !topic.endsWith('/config')) return null;
  const parts = topic.slice(prefix.length + 1, -'/config'.length).split('/');
  if (parts.length === 2) return { component: parts[0] as string, objectId: parts[1] as string };
  if (parts.length === 3)
    return { component: parts[0] as string, nodeId: parts[1] as string, objectId: parts[2] as string };
  return null;
}

function expandKeys(input: Record<string, unknown>, table: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[table[key] ?? key] = value;
  return out;
}

/** Why a config cannot be imported. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

/** Expand and check a discovery payload. */
export function parseDiscoveryConfig(topic: DiscoveryTopic, payload: string): DiscoveryConfig {
  if (!(supportedComponents as readonly string[]).includes(topic.component))
    throw new DiscoveryError(`component ${topic.component} is not imported`);
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    throw new DiscoveryError('config is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new DiscoveryError('config must be a JSON object');
  const raw = expandKeys(body as Record<string, unknown>, abbreviations);
  if (typeof raw.device === 'object' && raw.device !== null)
    raw.device = expandKeys(raw.device as Record<string, unknown>, deviceAbbreviations);
  // "~" abbreviates a base topic at either end of any *_topic value.
  const base = typeof raw['~'] === 'string' ? (raw['~'] as string) : null;
  for (const [key, value] of Object.entries(raw)) {
    if (base && typeof value === 'string' && (key.endsWith('_topic') || key === 'topic')) {
      raw[key] = value.startsWith('~')
        ? base + value.slice(1)
        : value.endsWith('~')
          ? value.slice(0, -1) + base
          : value;
    }
  }
  const availability: Availability[] = [];
  const listed = Array.isArray(raw.availability) ? (raw.availability as unknown[]) : [];
  for (const entry of listed) {
    if (typeof entry !== 'object' || entry === null) continue;
    const a = expandKeys(entry as Record<string, unknown>, {
      t: 'topic',
      pl_avail: 'payload_available',
      pl_not_avail: 'payload_not_available',
      val_tpl: 'value_template',
    });
    let t = typeof a.topic === 'string' ? a.topic : null;
    if (t && base) t = t.startsWith('~') ? base + t.slice(1) : t.endsWith('~') ? t.slice(0, -1) + base : t;
    if (!t) continue;
    availability.push({
      topic: t,
      payloadAvailable: typeof a.payload_available === 'string' ? a.payload_available : 'online',
      payloadNotAvailable: typeof a.payload_not_available === 'string' ? a.payload_not_available : 'offline',
      ...(typeof a.value_template === 'string' ? { valueTemplate: a.value_template } : {}),
    });
  }
  if (typeof raw.availability_topic === 'string') {
    availability.push({
      topic: raw.availability_topic,
      payloadAvailable: typeof raw.payload_available === 'string' ? raw.payload_available : 'online',
      payloadNotAvailable:
        typeof raw.payload_not_available === 'string' ? raw.payload_not_available : 'offline',
      ...(typeof raw.availability_template === 'string' ? { valueTemplate: raw.availability_template } : {}),
    });
  }
  const device = (raw.device ?? {}) as Record<string, unknown>;
  const uniqueId =
    typeof raw.unique_id === 'string' && raw.unique_id
      ? raw.unique_id
      : [topic.nodeId, topic.objectId].filter(Boolean).join('_');
  const ownName = typeof raw.name === 'string' && raw.name ? raw.name : null;
  const deviceName = typeof device.name === 'string' && device.name ? device.name : null;
  // Zigbee2MQTT sends name: null for a device's main entity: the device's name is the entity's.
  const name = deviceName && ownName ? `${deviceName} ${ownName}` : (ownName ?? deviceName ?? topic.objectId);
  return { component: topic.component as Component, uniqueId, name, availability, raw };
}
