/**
 * Carrying out a setting request on the one device it is for: a property set within its range, a
 * service called with its thing model's defaults, a value read and said with its unit; and the
 * truth when the device is offline, does not answer, refuses, or has no such setting.
 */
import type { Device, Field, LoadedProduct } from '../../devices/index.js';
import { isGenioError } from '../../errors/index.js';
import { ask, label, mention, type Outcome, type TurnScope } from '../dispatch.js';
import { tokenize } from '../nlu/normalize.js';
import type { SlotValue } from '../nlu/recognizer.js';
import { sayProblem } from '../replies/index.js';
import { catalogOf, isGuarded, type Setting } from './catalog.js';
import { concepts } from './concepts.js';
import { kindsOf } from './kinds.js';
import type { SettingAct, SettingDevice, SettingRequest } from './read.js';
import {
  attributeOf,
  choicesText,
  conceptAttribute,
  isPercent,
  numberText,
  saySetting,
  valueText,
} from './say.js';
import { reach } from './values.js';

/** What a setting request did: the outcome said, and the device it acted on. */
export interface SettingOutcome extends Outcome {
  acted: string[];
}

/** The intent name of setting requests; a question "which one?" carries the request in this slot. */
export const SETTING_INTENT = 'device.setting';
const SLOT = 'setting';

const catalogs = new WeakMap<LoadedProduct, Setting[]>();
const known = new WeakMap<Device, { kinds: Set<string>; identity: Set<string>; guarded: boolean }>();

/** The home's devices with their settings, for reading a request. */
export async function settingDevices(scope: TurnScope): Promise<SettingDevice[]> {
  return Promise.all(
    scope.context.devices.map(async (device): Promise<SettingDevice> => {
      const product = await scope.devices.products.get(device.productKey);
      let settings = catalogs.get(product);
      if (!settings) {
        settings = catalogOf(product);
        catalogs.set(product, settings);
      }
      let facts = known.get(device);
      if (!facts) {
        const names = [device.name, ...device.aliases];
        facts = {
          kinds: kindsOf(device, product.name),
          identity: new Set(names.flatMap(tokenize)),
          guarded: isGuarded(...names, product.name),
        };
        known.set(device, facts);
      }
      return { device, settings, ...facts };
    }),
  );
}

/** The request a "which one?" question was asked for, if it was a setting's. */
export function pendingSetting(intent: string, slots: Record<string, SlotValue>): SettingRequest | undefined {
  return intent === SETTING_INTENT ? (slots[SLOT]?.value as SettingRequest | undefined) : undefined;
}

/** The request for the device chosen among those a "which one?" offered. */
export function chosenSetting(request: SettingRequest, deviceId: string): SettingAct | undefined {
  return request.act === 'which' ? request.choices.find((c) => c.deviceId === deviceId) : undefined;
}

type Why = 'offline' | 'timeout' | 'failed' | 'no_capability';

/** Send a command; the reason it failed, or null when the device took it. */
async function send(
  command: () => Promise<{ status: string; reply?: { code: number } }>,
): Promise<Why | null> {
  try {
    const result = await command();
    return result.status === 'replied' && result.reply && result.reply.code !== 200 ? 'failed' : null;
  } catch (error) {
    if (isGenioError(error)) {
      if (error.code === 'device_offline') return 'offline';
      if (error.code === 'device_timeout') return 'timeout';
      if (error.code === 'validation_failed' || error.code === 'property_invalid') return 'no_capability';
    }
    return 'failed';
  }
}

/** A service's parameters: the number said for its first numeric input that takes it, else each input's default. */
function paramsOf(inputs: readonly Field[], amount: number | undefined): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  let used = amount === undefined;
  for (const field of inputs) {
    const t = field.dataType;
    if (t.type === 'int' || t.type === 'float' || t.type === 'double') {
      const min = t.specs.min ?? 0;
      const max = t.specs.max ?? Number.MAX_SAFE_INTEGER;
      if (!used && amount !== undefined && amount >= min && amount <= max) {
        params[field.identifier] = amount;
        used = true;
      } else params[field.identifier] = Math.max(min, Math.min(max, t.type === 'int' ? 1 : min));
    } else if (t.type === 'enum') {
      const first = Object.keys(t.specs)[0];
      if (first !== undefined) params[field.identifier] = Number(first);
    } else if (t.type === 'bool') params[field.identifier] = 0;
  }
  return params;
}

/** The value a property goes to, or the reply that says why it cannot. */
function target(
  scope: TurnScope,
  device: Device,
  setting: Setting,
  act: Extract<SettingAct, { act: 'set' }>,
): { value: number } | { speech: string } {
  const said = act.value;
  if (said.kind === 'option') return { value: said.key };
  if (said.kind === 'bool') return { value: said.on ? 1 : 0 };
  const reached = reach(setting.dataType, said, device.properties[setting.identifier]);
  if (!reached) return { speech: scope.responses.no_capability as string };
  if ('outOfRange' in reached) {
    const { min, max } = reached.outOfRange;
    return {
      speech: saySetting(
        scope,
        'setting_range',
        mention(scope, device),
        attributeOf(setting, scope.language),
        {
          min: numberText(setting, min, scope.language),
          max: numberText(setting, max, scope.language),
        },
      ),
    };
  }
  return { value: reached.value };
}

/** What was done, said: "The volume of the TV is now 25.", "J'ai coupé le son de l'enceinte." */
function done(scope: TurnScope, device: Device, setting: Setting, value: number): string {
  const who = mention(scope, device);
  const attribute = attributeOf(setting, scope.language);
  if (setting.dataType?.type === 'bool') {
    if (setting.concepts.includes('mute'))
      return saySetting(scope, value ? 'setting_muted' : 'setting_unmuted', who, attribute);
    return saySetting(scope, value ? 'setting_on' : 'setting_off', who, attribute);
  }
  return saySetting(scope, 'setting_now', who, attribute, {
    value: valueText(setting, value, scope.language, scope.responses),
    percent: isPercent(setting),
  });
}

/** The value a device reported, said. */
function said(scope: TurnScope, device: Device, setting: Setting): string {
  const who = mention(scope, device);
  const attribute = attributeOf(setting, scope.language);
  const raw = device.properties[setting.identifier];
  if (raw === undefined) {
    // "hasn't reported its volume", "non ha ancora comunicato il volume".
    const plain = scope.language === 'en' || scope.language === 'zh';
    return saySetting(scope, 'no_value', who, {
      called: plain ? attribute.bare : attribute.called,
      bare: attribute.bare,
    });
  }
  if (setting.dataType?.type === 'bool' && setting.concepts.includes('mute'))
    return saySetting(
      scope,
      raw === 1 || raw === true ? 'setting_is_muted' : 'setting_not_muted',
      who,
      attribute,
    );
  const numeric =
    typeof raw === 'number' && setting.dataType?.type !== 'enum' && setting.dataType?.type !== 'bool';
  return saySetting(scope, numeric ? 'setting_value_number' : 'setting_value_label', who, attribute, {
    value: valueText(setting, raw, scope.language, scope.responses),
    percent: isPercent(setting),
  });
}

async function performAct(scope: TurnScope, act: SettingAct): Promise<SettingOutcome> {
  const listed = scope.context.devices.find((d) => d.id === act.deviceId);
  if (!listed) return { speech: scope.responses.which_device as string, acted: [] };
  const device = await scope.devices.registry.get(listed.id);
  const product = await scope.devices.products.get(device.productKey);
  const setting = catalogOf(product).find((s) => s.identifier === act.identifier);
  const who = mention(scope, device);
  if (!setting)
    return { speech: sayProblem(scope.responses, scope.language, 'no_capability', who), acted: [] };
  const attribute = attributeOf(setting, scope.language);
  const card = (speech: string): SettingOutcome => ({
    speech,
    card: { type: 'text', title: label(scope, device), text: speech },
    acted: act.act === 'set' || act.act === 'call' ? [device.id] : [],
  });
  switch (act.act) {
    case 'read':
      return card(said(scope, device, setting));
    case 'readOnly':
      return card(saySetting(scope, 'setting_read_only', who, attribute));
    case 'choices':
      return card(
        saySetting(scope, 'setting_choices', who, attribute, {
          options: choicesText(setting, scope.language),
        }),
      );
    case 'call': {
      const why = await send(() =>
        scope.devices.commands.invokeService(
          device.id,
          setting.identifier,
          paramsOf(setting.inputs ?? [], act.amount),
        ),
      );
      if (why) return { speech: sayProblem(scope.responses, scope.language, why, who), acted: [] };
      const concept = setting.concepts[0];
      const doing =
        concept && concepts[concept].doing
          ? (concepts[concept].doing?.[scope.language] ?? '')
          : saySetting(scope, 'setting_running', who, attribute, {
              name: setting.name || setting.identifier,
            });
      return card(saySetting(scope, 'setting_called', who, attribute, { doing }));
    }
    case 'set': {
      const to = target(scope, device, setting, act);
      if ('speech' in to) return { speech: to.speech, acted: [] };
      const why = await send(() =>
        scope.devices.commands.setProperties(device.id, { [setting.identifier]: to.value }),
      );
      if (why) return { speech: sayProblem(scope.responses, scope.language, why, who), acted: [] };
      return card(done(scope, device, setting, to.value));
    }
  }
}

/** Carry out a setting request. */
export async function performSetting(scope: TurnScope, request: SettingRequest): Promise<SettingOutcome> {
  if (request.act === 'which') {
    const devices = request.choices
      .map((c) => scope.context.devices.find((d) => d.id === c.deviceId))
      .filter((d): d is Device => d !== undefined);
    return { ...ask(scope, SETTING_INTENT, { [SLOT]: { value: request, text: '' } }, devices), acted: [] };
  }
  if (request.act === 'lacks') {
    const lacking = scope.context.devices.filter((d) => request.deviceIds.includes(d.id));
    const attribute = conceptAttribute(request.concept, scope.language);
    const one = lacking.length === 1 ? lacking[0] : undefined;
    if (!one) return { speech: saySetting(scope, 'setting_lacks_any', { name: '' }, attribute), acted: [] };
    const key = concepts[request.concept].on === 'service' ? 'service_lacks' : 'setting_lacks';
    return { speech: saySetting(scope, key, mention(scope, one), attribute), acted: [] };
  }
  return performAct(scope, request);
}
