/**
 * Intent handlers: find the devices an utterance means, act through capabilities, and say what
 * really happened (including offline devices, timeouts and refusals).
 */
import type { Card } from '@genio/contracts';
import {
  type CapabilityName,
  type Device,
  type DevicesModule,
  fromDeviceValue,
  valueLabel,
} from '../devices/index.js';
import { isGenioError, type Language } from '../errors/index.js';
import type { HomeContext } from './home-context.js';
import { queryLocks, unlocks } from './locks.js';
import { foldText, tokenize } from './nlu/normalize.js';
import type { SlotValue } from './nlu/recognizer.js';
import {
  capitalize,
  type Mention,
  type State,
  sayDone,
  sayNoValue,
  sayProblem,
  sayState,
  sayTemplate,
  sayValue,
} from './replies/index.js';
import { formatDuration, joinNames, type Responses, render } from './responses.js';
import { MAX_TIMER_SECONDS, type Timers } from './timers.js';

/** A card for the screen (declarative JSON, shapes in the contract). */
export type { Card } from '@genio/contracts';

/** A question waiting for a short answer. */
export interface Pending {
  intent: string;
  slots: Record<string, SlotValue>;
  candidates: string[];
  /** A yes/no question before acting on many devices at once. */
  confirm?: boolean;
}

/** Switching this many devices at once by area ("everything in the living room") is confirmed first. */
export const CONFIRM_AT = 4;

/** What a handled intent produced. */
export interface Outcome {
  speech: string;
  card?: Card;
  pending?: Pending;
  /** The devices that did what was asked: what "it" means next. */
  acted?: string[];
}

/** Everything a handler needs for one turn. */
export interface TurnScope {
  homeId: string;
  timers: Timers;
  language: Language;
  responses: Responses;
  context: HomeContext;
  devices: DevicesModule;
  now: Date;
  /**
   * The words came from speech recognition that was not sure of them: switching several devices,
   * moving covers and other risky acts are confirmed first.
   */
  unsure?: boolean;
  /** The words were heard, not typed: a recogniser can be sure of words nobody said. */
  spoken?: boolean;
}

type Targets =
  | { kind: 'devices'; devices: Device[] }
  | { kind: 'ask'; devices: Device[] }
  | { kind: 'none'; speech: string };

const value = (slots: Record<string, SlotValue>, name: string): unknown => slots[name]?.value;

export function areaName(scope: TurnScope, areaId: string | null | undefined): string {
  return scope.context.areas.find((a) => a.id === areaId)?.name ?? '';
}

/** Describe a device so that two of the same name can be told apart. */
export function label(scope: TurnScope, device: Device): string {
  const area = areaName(scope, device.areaId);
  return area ? `${device.name} (${area})` : device.name;
}

/** A device as a reply names it: with its area, kind and grammatical gender. */
export function mention(scope: TurnScope, device: Device): Mention {
  const area = areaName(scope, device.areaId);
  return {
    name: device.name,
    category: device.category,
    ...(device.genders ? { genders: device.genders } : {}),
    ...(area ? { area } : {}),
  };
}

async function hasCapability(scope: TurnScope, device: Device, capability: CapabilityName): Promise<boolean> {
  const product = await scope.devices.products.get(device.productKey);
  return product.resolved[capability] !== undefined;
}

/** The devices the slots point at. */
async function targets(
  scope: TurnScope,
  slots: Record<string, SlotValue>,
  capability: CapabilityName,
): Promise<Targets> {
  const { context, responses } = scope;
  const areaId = value(slots, 'area') as string | undefined;
  const named = value(slots, 'name');
  if (named !== undefined) {
    const ids = new Set(Array.isArray(named) ? (named as string[]) : [named as string]);
    let devices = context.devices.filter((d) => ids.has(d.id));
    if (areaId && devices.some((d) => d.areaId === areaId))
      devices = devices.filter((d) => d.areaId === areaId);
    if (devices.length > 1) return { kind: 'ask', devices };
    if (devices.length === 1) return { kind: 'devices', devices };
    return { kind: 'none', speech: render(responses.not_found, { what: slots.name?.text ?? '' }) };
  }
  const category = value(slots, 'category') as string | undefined;
  let devices = context.devices.filter(
    (d) => (category ? d.category === category : true) && (areaId ? d.areaId === areaId : true),
  );
  // "Set the temperature to 22 degrees" names nothing: the home's devices that can, but never all of
  // them for a switch ("turn on" alone is not "turn on everything").
  const unnamed = !category && !areaId;
  if (unnamed && capability === 'power') devices = [];
  const able: Device[] = [];
  for (const d of devices) if (await hasCapability(scope, d, capability)) able.push(d);
  if (unnamed && able.length > 1) return { kind: 'ask', devices: able };
  if (able.length) return { kind: 'devices', devices: able };
  if (unnamed)
    return {
      kind: 'none',
      speech: (capability === 'targetTemperature'
        ? responses.none_able_temperature
        : responses.none_able) as string,
    };
  if (areaId)
    return { kind: 'none', speech: render(responses.nothing_in_area, { area: areaName(scope, areaId) }) };
  return { kind: 'none', speech: render(responses.not_found, { what: slots.category?.text ?? '' }) };
}

export type Result =
  | { device: Device; ok: true }
  | { device: Device; ok: false; why: 'offline' | 'timeout' | 'failed' | 'no_capability' };

export async function act(
  scope: TurnScope,
  devices: Device[],
  values: (d: Device) => Promise<Record<string, unknown>>,
): Promise<Result[]> {
  return Promise.all(
    devices.map(async (device): Promise<Result> => {
      try {
        const wanted = await values(device);
        // The last word on it, whatever asked: a voice never unlocks a door.
        if (unlocks(wanted)) return { device, ok: false, why: 'failed' };
        const result = await scope.devices.commands.setCapabilities(device.id, wanted);
        if (result.status === 'replied' && result.reply.code !== 200)
          return { device, ok: false, why: 'failed' };
        return { device, ok: true };
      } catch (error) {
        if (isGenioError(error)) {
          if (error.code === 'device_offline') return { device, ok: false, why: 'offline' };
          if (error.code === 'device_timeout') return { device, ok: false, why: 'timeout' };
          if (error.code === 'validation_failed' || error.code === 'property_invalid')
            return { device, ok: false, why: 'no_capability' };
        }
        return { device, ok: false, why: 'failed' };
      }
    }),
  );
}

/**
 * The state reached, for a caller that passes a "set to {value}" template and its value: the reply
 * says the state in the language's words and number format ("La luce è al 30%.").
 */
function stateOf(
  responses: Responses,
  template: string,
  extra: Record<string, string | number>,
): State | null {
  const reached = extra.value;
  if (typeof reached !== 'number') return null;
  if (template === responses.brightness_set) return { kind: 'brightness', value: reached };
  if (template === responses.temperature_set) return { kind: 'temperature', value: reached };
  if (template === responses.position_set) return { kind: 'position', value: reached };
  return null;
}

/** Say what happened: the successes in one sentence, each failure truthfully. */
export function report(
  scope: TurnScope,
  results: Result[],
  success: string | State,
  extra: Record<string, string | number> = {},
): Outcome {
  const { responses, language } = scope;
  const done = results.filter((r) => r.ok).map((r) => mention(scope, r.device));
  const state = typeof success === 'string' ? stateOf(responses, success, extra) : success;
  const sentences: string[] = [];
  if (done.length)
    sentences.push(
      state
        ? sayState(responses, language, done, state)
        : sayTemplate(responses, language, success as string, done, extra),
    );
  for (const r of results)
    if (!r.ok) sentences.push(sayProblem(responses, language, r.why, mention(scope, r.device)));
  const speech = sentences.join(language === 'zh' ? '' : ' ');
  // The card names what was acted on; the sentence says what happened to it.
  const title = joinNames(
    results.map((r) => label(scope, r.device)),
    responses,
    language,
  );
  const acted = results.filter((r) => r.ok).map((r) => r.device.id);
  return { speech, card: { type: 'text', title, text: speech }, ...(acted.length ? { acted } : {}) };
}

const orWord: Record<Language, string> = { en: ' or ', it: ' o ', fr: ' ou ', zh: '还是' };

export function ask(
  scope: TurnScope,
  intent: string,
  slots: Record<string, SlotValue>,
  devices: Device[],
): Outcome {
  const options = devices.map((d) => areaName(scope, d.areaId) || d.name);
  const listed =
    options.length > 1
      ? `${options.slice(0, -1).join(scope.language === 'zh' ? '、' : ', ')}${orWord[scope.language]}${options[options.length - 1]}`
      : (options[0] ?? '');
  const speech = render(scope.responses.which, { options: listed });
  return {
    speech,
    card: {
      type: 'list',
      title: speech,
      items: devices.map((d) => ({ id: d.id, title: d.name, subtitle: areaName(scope, d.areaId) })),
    },
    pending: { intent, slots, candidates: devices.map((d) => d.id) },
  };
}

async function control(scope: TurnScope, intent: string, slots: Record<string, SlotValue>): Promise<Outcome> {
  const { responses } = scope;
  if (intent === 'device.set_temperature' && slots.compartment) {
    const capability: CapabilityName =
      value(slots, 'compartment') === 'freezer' ? 'freezerTargetTemperature' : 'targetTemperature';
    const fridgeSlots = slots.name
      ? slots
      : { ...slots, category: { value: 'fridge', text: slots.compartment.text } };
    const found = await targets(scope, fridgeSlots, capability);
    if (found.kind === 'none') return { speech: found.speech };
    if (found.kind === 'ask') return ask(scope, intent, slots, found.devices);
    const temperature = Number(value(slots, 'temperature'));
    const results = await act(scope, found.devices, async () => ({ [capability]: temperature }));
    return report(scope, results, responses.temperature_set as string, { value: temperature });
  }
  const plan: Record<
    string,
    {
      capability: CapabilityName;
      values: Record<string, unknown>;
      success: string;
      extra?: Record<string, number>;
    }
  > = {
    'device.turn_on': {
      capability: 'power',
      values: { power: true },
      success: responses.turned_on as string,
    },
    'device.turn_off': {
      capability: 'power',
      values: { power: false },
      success: responses.turned_off as string,
    },
    'device.set_brightness': {
      capability: 'brightness',
      values: { brightness: Number(value(slots, 'brightness')) },
      success: responses.brightness_set as string,
      extra: { value: Number(value(slots, 'brightness')) },
    },
    'device.set_temperature': {
      capability: 'targetTemperature',
      values: { targetTemperature: Number(value(slots, 'temperature')) },
      success: responses.temperature_set as string,
      extra: { value: Number(value(slots, 'temperature')) },
    },
  };
  const step = plan[intent];
  if (!step) return { speech: responses.no_match as string };
  let found = await targets(scope, slots, step.capability);
  let values = step.values;
  // "Turn on the curtains": things without power but with a position open and close instead.
  if (found.kind === 'none' && step.capability === 'power') {
    const covers = await targets(scope, slots, 'position');
    if (covers.kind !== 'none') {
      found = covers;
      values = { position: intent === 'device.turn_on' ? 100 : 0 };
    }
  }
  if (scope.unsure && !slots.confirmed && found.kind === 'devices')
    return unsureQuestion(scope, intent, slots, found.devices);
  if (found.kind === 'none') return { speech: found.speech };
  if (found.kind === 'ask') return ask(scope, intent, slots, found.devices);
  if (
    step.capability === 'power' &&
    !slots.name &&
    !slots.category &&
    !slots.confirmed &&
    (found.devices.length >= CONFIRM_AT || (scope.unsure && found.devices.length > 1))
  ) {
    const speech = render(responses.confirm_many, {
      action: (intent === 'device.turn_on' ? responses.action_on : responses.action_off) as string,
      count: found.devices.length,
      area: areaName(scope, value(slots, 'area') as string),
    });
    return {
      speech,
      pending: {
        intent,
        slots: { ...slots, confirmed: { value: true, text: '' } },
        candidates: [],
        confirm: true,
      },
    };
  }
  const results = await act(scope, found.devices, async () => values);
  // A cover opened or closed in place of "turn on/off" says where it now stands.
  if ('position' in values)
    return report(scope, results, { kind: 'position', value: Number(values.position) });
  return report(scope, results, step.success, step.extra);
}

const settings: Record<string, { capability: CapabilityName; slot: string }> = {
  'device.set_color': { capability: 'color', slot: 'color' },
  'device.set_color_temperature': { capability: 'colorTemperature', slot: 'warmth' },
  'device.set_mode': { capability: 'mode', slot: 'mode' },
  'device.set_fan_speed': { capability: 'fanSpeed', slot: 'fan_speed' },
  'device.set_position': { capability: 'position', slot: 'position' },
};

async function setting(scope: TurnScope, intent: string, slots: Record<string, SlotValue>): Promise<Outcome> {
  const { capability, slot } = settings[intent] as { capability: CapabilityName; slot: string };
  const wanted = value(slots, slot) ?? value(slots, 'number');
  let found = await targets(scope, slots, capability);
  // "Set the fan speed to high" names no device: the home's only one that can, if there is one.
  if (found.kind === 'none' && !slots.name && !slots.category && !slots.area) {
    const able: Device[] = [];
    for (const d of scope.context.devices) if (await hasCapability(scope, d, capability)) able.push(d);
    if (able.length === 1) found = { kind: 'devices', devices: able };
    else if (able.length > 1) found = { kind: 'ask', devices: able };
  }
  let unable = found.kind === 'none';
  if (found.kind === 'devices') {
    unable = true;
    for (const d of found.devices) if (await hasCapability(scope, d, capability)) unable = false;
  }
  if (unable) {
    const instead = await insteadOf(scope, intent, slots, wanted);
    if (instead) return instead;
  }
  if (found.kind === 'none') return { speech: found.speech };
  if (found.kind === 'ask') return ask(scope, intent, slots, found.devices);
  const results = await act(scope, found.devices, async () => ({ [capability]: wanted }));
  return report(scope, results, newState(capability, wanted) ?? (scope.responses.set_done as string));
}

/** The state a setting leaves a device in, when a reply can say it. */
function newState(capability: CapabilityName, wanted: unknown): State | null {
  if (capability === 'position' && typeof wanted === 'number') return { kind: 'position', value: wanted };
  if ((capability === 'mode' || capability === 'fanSpeed') && typeof wanted === 'string')
    return { kind: capability, value: wanted };
  return null;
}

/**
 * What people mean when the device cannot do what the words say literally: "close the ceiling light"
 * (Québec French for off) switches what has no position; "put the AC on warm" is its heat mode.
 */
async function insteadOf(
  scope: TurnScope,
  intent: string,
  slots: Record<string, SlotValue>,
  wanted: unknown,
): Promise<Outcome | null> {
  if (intent === 'device.set_position' && (wanted === 0 || wanted === 100)) {
    const { position: _, ...rest } = slots;
    return control(scope, wanted === 100 ? 'device.turn_on' : 'device.turn_off', rest);
  }
  if (intent === 'device.set_color_temperature' && typeof wanted === 'number' && slots.warmth) {
    const mode = wanted <= 3500 ? 'heat' : wanted >= 5000 ? 'cool' : null;
    if (!mode) return null;
    const found = await targets(scope, slots, 'mode');
    if (found.kind !== 'devices') return null;
    const results = await act(scope, found.devices, async () => ({ mode }));
    return report(scope, results, { kind: 'mode', value: mode });
  }
  return null;
}

const vacuumActions: Record<string, { capability: CapabilityName; success: string }> = {
  'vacuum.start': { capability: 'start', success: 'vacuum_started' },
  'vacuum.pause': { capability: 'pause', success: 'vacuum_paused' },
  'vacuum.dock': { capability: 'dock', success: 'vacuum_docking' },
};

async function vacuum(scope: TurnScope, intent: string, slots: Record<string, SlotValue>): Promise<Outcome> {
  const action = vacuumActions[intent] as { capability: CapabilityName; success: string };
  // The area says where to clean, not where the robot stands.
  const { area, ...which } = slots;
  const search = which.name || which.category ? which : { ...which, category: { value: 'vacuum', text: '' } };
  const found = await targets(scope, search, action.capability);
  if (found.kind === 'none') return { speech: found.speech };
  if (found.kind === 'ask') return ask(scope, intent, slots, found.devices);
  const params =
    intent === 'vacuum.start' && area ? { area: areaName(scope, area.value as string) || area.text } : {};
  const results = await act(scope, found.devices, async () => ({ [action.capability]: params }));
  return report(scope, results, scope.responses[action.success] as string);
}

async function query(scope: TurnScope, slots: Record<string, SlotValue>): Promise<Outcome> {
  const { responses } = scope;
  const attribute = (value(slots, 'attribute') as CapabilityName | undefined) ?? 'power';
  // "Did I lock the back door?" read as a question about the locks: what they report.
  if (attribute === 'power' && value(slots, 'category') === 'lock')
    return queryLocks(scope, slots, (d) => mention(scope, d));
  const found = await targets(
    scope,
    slots,
    attribute === 'currentTemperature' ? 'targetTemperature' : attribute,
  );
  const candidates = found.kind === 'none' ? await targets(scope, slots, attribute) : found;
  if (candidates.kind === 'none') return { speech: candidates.speech };
  if (candidates.kind === 'ask' || candidates.devices.length > 1)
    return ask(scope, 'device.query', slots, candidates.devices);
  const device = candidates.devices[0] as Device;
  const fresh = await scope.devices.registry.get(device.id);
  const product = await scope.devices.products.get(device.productKey);
  const name = label(scope, device);
  const said = mention(scope, device);
  // "Is the front door lock on?", a lock's name heard in "is the front door locked": its lock's state.
  if (attribute === 'power' && product.resolved.lock && !product.resolved.power)
    return queryLocks(scope, { name: { value: device.id, text: device.name } }, (d) => mention(scope, d));
  if (attribute === 'power') {
    const target = product.resolved.power;
    const raw = target ? fresh.properties[target.identifier] : undefined;
    if (!target || raw === undefined)
      return { speech: sayNoValue(responses, scope.language, said, 'brightness') };
    const on = fromDeviceValue('power', raw, target);
    return { speech: sayDone(responses, scope.language, on ? 'state_on' : 'state_off', [said]) };
  }
  const chain: CapabilityName[] =
    attribute === 'currentTemperature' ? ['currentTemperature', 'targetTemperature'] : [attribute];
  for (const capability of chain) {
    const target = product.resolved[capability];
    const raw = target ? fresh.properties[target.identifier] : undefined;
    if (target && raw !== undefined) {
      const value = fromDeviceValue(capability, raw, target);
      // A state word ("charging") is said in the language of the reply.
      const shown = typeof value === 'string' ? valueLabel(value, scope.language) : value;
      const speech = sayValue(responses, scope.language, said, attribute, shown);
      return { speech, card: { type: 'text', title: name, text: speech } };
    }
  }
  return { speech: sayNoValue(responses, scope.language, said, attribute) };
}

/** Words that put a place or a device outdoors. A sunroom or a veranda is indoors. */
const OUTDOOR =
  /\b(outside|outdoors?|exterior|garden|terrace|balcony|porch|patio|yard|courtyard|deck|esterno|esterna|esterni|fuori|giardino|terrazz[oa]|balcone|portico|cortile|exterieur|exterieure|dehors|jardin|terrasse|balcon|porche|cour)\b|室外|户外|外面|花园|院子|庭院|阳台|露台|门廊/u;

/** "How cold is it outside?": the thermometer of a place outdoors (or named so), said like any reading. */
async function outside(scope: TurnScope): Promise<Outcome> {
  const outdoors = (d: Device) => {
    const area = scope.context.areas.find((a) => a.id === d.areaId);
    return [d.name, ...d.aliases, area?.name ?? '', ...(area?.aliases ?? [])].some((n) =>
      OUTDOOR.test(foldText(n)),
    );
  };
  const found: Device[] = [];
  for (const d of scope.context.devices) {
    if (!outdoors(d)) continue;
    const product = await scope.devices.products.get(d.productKey);
    if (product.resolved.currentTemperature) found.push(d);
  }
  // A sensor is the thermometer; a heater or an AC outdoors only measures its own air.
  const sensor = found.find((d) => d.category === 'sensor') ?? found[0];
  if (!sensor) return { speech: scope.responses.no_outdoor_sensor as string };
  return query(scope, {
    name: { value: sensor.id, text: sensor.name },
    attribute: { value: 'currentTemperature', text: '' },
  });
}

function listDevices(scope: TurnScope, slots: Record<string, SlotValue>): Outcome {
  const areaId = value(slots, 'area') as string;
  const area = areaName(scope, areaId);
  const devices = scope.context.devices.filter((d) => d.areaId === areaId);
  if (!devices.length) return { speech: render(scope.responses.list_empty, { area }) };
  const speech = render(scope.responses.list_devices, {
    area,
    names: joinNames(
      devices.map((d) => d.name),
      scope.responses,
      scope.language,
    ),
  });
  return {
    speech,
    card: {
      type: 'list',
      title: area,
      items: devices.map((d) => ({ id: d.id, title: d.name, subtitle: d.online ? '' : 'offline' })),
    },
  };
}

/**
 * Apply commands decided elsewhere (the LLM fallback), through the same capability path. A command
 * that would unlock is not carried out: the reply says why, as it does when a person asks.
 */
export async function applyCommands(
  scope: TurnScope,
  commands: Array<{ deviceId: string; capabilities: Record<string, unknown> }>,
): Promise<Outcome> {
  const results: Result[] = [];
  const refused = commands.some((c) => unlocks(c.capabilities));
  for (const command of commands) {
    const device = scope.context.devices.find((d) => d.id === command.deviceId);
    if (device && !unlocks(command.capabilities))
      results.push(...(await act(scope, [device], async () => command.capabilities)));
  }
  const done = report(scope, results, scope.responses.set_done as string);
  if (!refused) return done;
  const speech = [done.speech, scope.responses.unlock_refused as string].filter(Boolean);
  return { ...done, speech: speech.join(scope.language === 'zh' ? '' : ' ') };
}

/** The name a timer was given by voice ("the pasta timer"), if any. */
function timerName(slots: Record<string, SlotValue>): string | null {
  const said = slots.timer_name?.text.trim();
  return said ? said : null;
}

/** Timer names compared as said: case, accents and spacing aside. */
function sameName(stored: string | null, said: string): boolean {
  const fold = (text: string) => tokenize(text).join('');
  return stored !== null && fold(stored) === fold(said);
}

const locales: Record<Language, string> = { zh: 'zh-CN', en: 'en-GB', it: 'it-IT', fr: 'fr-FR' };

/** Handle a recognised intent. */
export async function dispatch(
  scope: TurnScope,
  intent: string,
  slots: Record<string, SlotValue>,
): Promise<Outcome> {
  const { responses } = scope;
  switch (intent) {
    case 'device.turn_on':
    case 'device.turn_off':
    case 'device.set_brightness':
    case 'device.set_temperature':
      return control(scope, intent, slots);
    case 'device.set_color':
    case 'device.set_color_temperature':
    case 'device.set_mode':
    case 'device.set_fan_speed':
    case 'device.set_position':
      return setting(scope, intent, slots);
    case 'vacuum.start':
    case 'vacuum.pause':
    case 'vacuum.dock':
      return vacuum(scope, intent, slots);
    case 'device.query':
      return query(scope, slots);
    // "What's Bruno doing?", "what's the radiator set to?": the same question about one attribute.
    case 'device.query_activity':
      return query(scope, { ...slots, attribute: { value: 'workState', text: '' } });
    case 'device.query_setpoint':
      return query(scope, { ...slots, attribute: { value: 'targetTemperature', text: '' } });
    case 'device.query_lock':
      return queryLocks(scope, slots, (d) => mention(scope, d));
    case 'device.query_outside':
      return outside(scope);
    case 'device.list':
      return listDevices(scope, slots);
    case 'system.help':
      return {
        speech: responses.help as string,
        card: { type: 'text', title: '?', text: responses.help as string },
      };
    case 'system.cancel':
      return { speech: responses.cancelled as string };
    case 'system.close':
      return { speech: responses.closing as string };
    case 'time.now': {
      const time = new Intl.DateTimeFormat(locales[scope.language], {
        hour: 'numeric',
        minute: '2-digit',
      }).format(scope.now);
      return { speech: render(responses.time_now, { time }) };
    }
    case 'time.date': {
      const date = new Intl.DateTimeFormat(locales[scope.language], {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(scope.now);
      return { speech: render(responses.date_today, { date }) };
    }
    case 'timer.start': {
      const seconds = Number(value(slots, 'duration'));
      if (!(seconds > 0) || seconds > MAX_TIMER_SECONDS)
        return { speech: responses.timer_too_long as string };
      const duration = formatDuration(seconds, responses, scope.language);
      const name = timerName(slots);
      await scope.timers.start(scope.homeId, seconds, scope.language, name);
      // The name may open the sentence: "Pasta timer set for 10 minutes."
      const speech = capitalize(
        name
          ? render(responses.timer_named_started, { name, duration })
          : render(responses.timer_started, { duration }),
      );
      // The title is a word, not an emoji: screens without an emoji font showed a box. The icon is drawn by the screen.
      return {
        speech,
        card: { type: 'text', title: responses.timer_title as string, icon: 'timer', text: speech },
      };
    }
    case 'timer.cancel': {
      const name = timerName(slots);
      if (name) {
        // Only the timer named: "cancel the pasta timer" leaves the eggs timer running.
        const named = (await scope.timers.list(scope.homeId)).filter((t) => sameName(t.name, name));
        if (named.length === 0) return { speech: render(responses.timer_named_none, { name }) };
        for (const timer of named) await scope.timers.cancelById(scope.homeId, timer.id);
        return { speech: capitalize(render(responses.timer_named_cancelled, { name })) };
      }
      const count = await scope.timers.cancel(scope.homeId);
      if (count === 0) return { speech: responses.timer_none as string };
      return {
        speech:
          count === 1 ? (responses.timer_cancelled as string) : render(responses.timers_cancelled, { count }),
      };
    }
    case 'timer.remaining': {
      const name = timerName(slots);
      const running = (await scope.timers.list(scope.homeId)).filter((t) => !name || sameName(t.name, name));
      if (!running.length && name) return { speech: render(responses.timer_named_none, { name }) };
      if (!running.length) return { speech: responses.timer_none as string };
      const left = running.map((t) =>
        formatDuration((t.endsAt - scope.now.getTime()) / 1000, responses, scope.language),
      );
      return {
        speech: render(responses.timer_remaining, { duration: joinNames(left, responses, scope.language) }),
      };
    }
    case 'miniapp.open':
      return { speech: render(responses.miniapp_unavailable, { app: slots.app?.text ?? '' }) };
    default:
      return { speech: responses.no_match as string };
  }
}

/** "I may have misheard you": a yes/no question before a risky act on words recognition was unsure of. */
export function unsureQuestion(
  scope: TurnScope,
  intent: string,
  slots: Record<string, SlotValue>,
  devices: readonly Device[],
): Outcome {
  return {
    speech: render(scope.responses.confirm_misheard, { devices: devices.map((d) => d.name).join(', ') }),
    pending: {
      intent,
      slots: { ...slots, confirmed: { value: true, text: '' } },
      candidates: [],
      confirm: true,
    },
  };
}
