/**
 * Carry out a command (command/): resolve it against the turn's home, act on each device through
 * its capabilities, and say what happened — or what was not found, or ask which one.
 */
import type { Device } from '../devices/index.js';
import { type Command, type HomeView, type Operation, resolve } from './command/index.js';
import {
  act,
  areaName,
  ask,
  mention,
  type Outcome,
  type Result,
  report,
  type TurnScope,
} from './dispatch.js';
import type { SlotValue } from './nlu/recognizer.js';
import { type State, sayDone, sayTargets } from './replies/index.js';
import { render } from './responses.js';

/** What a command did: the outcome said, and the devices it acted on (for "it" next turn). */
export interface Performed extends Outcome {
  acted: string[];
}

function view(scope: TurnScope): HomeView {
  return {
    devices: scope.context.devices,
    areas: scope.context.areas,
    capabilities: async (d) => (await scope.devices.products.get(d.productKey)).resolved,
    properties: async (d) => (await scope.devices.registry.get(d.id)).properties,
    describe: async (d) => {
      const product = await scope.devices.products.get(d.productKey);
      return [product.name, ...product.thingModel.services.map((s) => s.name)];
    },
  };
}

/** The sentence for what an operation did. */
function success(
  scope: TurnScope,
  op: Operation,
): { text: string | State; extra: Record<string, string | number> } {
  const r = scope.responses;
  const value = op.reached ?? 0;
  switch (op.capability) {
    case 'power':
      return { text: (op.value ? r.turned_on : r.turned_off) as string, extra: {} };
    case 'brightness':
      return { text: r.brightness_set as string, extra: { value } };
    case 'targetTemperature':
      return { text: r.temperature_set as string, extra: { value } };
    case 'position':
      return { text: r.position_set as string, extra: { value } };
    case 'start':
      // "Started cleaning" is a vacuum's; a coffee machine or a mower is only started.
      return { text: (op.kind === 'vacuum' ? r.vacuum_started : r.device_started) as string, extra: {} };
    case 'pause':
      return { text: r.vacuum_paused as string, extra: {} };
    case 'dock':
      return { text: r.vacuum_docking as string, extra: {} };
    case 'fanSpeed':
      return { text: { kind: 'fanSpeed', value: op.speed ?? '' }, extra: {} };
    case 'targetHumidity':
      return { text: { kind: 'humidity', value }, extra: {} };
    case 'oscillation':
      return { text: { kind: 'oscillation', on: op.value === true }, extra: {} };
    case 'lock':
      return { text: { kind: 'locked' }, extra: {} };
    default:
      return { text: r.set_done as string, extra: {} };
  }
}

/** The slot that carries a command through a question ("which one?", "shall I?"). */
export const COMMAND_SLOT = 'command';

/** The command a pending question was asked for, if any. */
export function pendingCommand(slots: Record<string, SlotValue>): Command | undefined {
  return slots[COMMAND_SLOT]?.value as Command | undefined;
}

/** Perform a command; `previous` are the devices the conversation acted on last. */
export async function perform(
  scope: TurnScope,
  intent: string,
  command: Command,
  previous: readonly string[],
  confirmed = false,
  unsure = false,
): Promise<Performed> {
  const r = scope.responses;
  const resolution = await resolve(command, view(scope), previous, {
    confirmed,
    unsure: unsure || scope.unsure === true,
    spoken: scope.spoken === true,
  });
  const slots = { [COMMAND_SLOT]: { value: command, text: '' } };
  switch (resolution.kind) {
    case 'refused':
      return { speech: r.unlock_refused as string, acted: [] };
    case 'declined':
      return { speech: r.cancelled as string, acted: [] };
    case 'not_found':
      return {
        speech: resolution.suggestion
          ? render(r.not_found_suggest, { what: resolution.what, suggestion: resolution.suggestion })
          : render(r.not_found, { what: resolution.what }),
        acted: [],
      };
    case 'not_there':
      return {
        speech: render(r.not_there, {
          what: resolution.what,
          area: resolution.area,
          where: resolution.where,
        }),
        acted: [],
      };
    case 'which':
      return { speech: r.which_device as string, acted: [] };
    case 'unable':
      return {
        speech: (resolution.temperature ? r.none_able_temperature : r.none_able) as string,
        acted: [],
      };
    case 'ask':
      return { ...ask(scope, intent, slots, resolution.choices), acted: [] };
    case 'confirm': {
      if (resolution.unsure) {
        const first = resolution.operations[0];
        const verb =
          first?.capability === 'position'
            ? Number(first.value) > 0
              ? r.verb_open
              : r.verb_close
            : first?.capability === 'power'
              ? first.value
                ? r.verb_on
                : r.verb_off
              : first?.capability === 'lock'
                ? r.verb_lock
                : r.verb_change;
        const speech = render(r.confirm_unsure, {
          action: verb as string,
          targets: sayTargets(
            resolution.devices.map((d) => mention(scope, d)),
            scope.language,
          ),
        });
        return { speech, pending: { intent, slots, candidates: [], confirm: true }, acted: [] };
      }
      const area = command.targets.find((t) => t.area)?.area?.id;
      const speech = render(r.confirm_many, {
        action: (command.action === 'turn_on' ? r.action_on : r.action_off) as string,
        count: resolution.devices.length,
        area: areaName(scope, area),
      });
      return { speech, pending: { intent, slots, candidates: [], confirm: true }, acted: [] };
    }
    case 'act': {
      if (resolution.operations.length === 0) {
        const results: Result[] = resolution.devices.map((device) => ({
          device,
          ok: false,
          why: 'no_capability',
        }));
        return {
          ...report(scope, results, r.set_done as string),
          acted: resolution.devices.map((d) => d.id),
        };
      }
      // One sentence per kind of change: "Turned off the lamp and the printer."
      const groups = new Map<string, Operation[]>();
      for (const op of resolution.operations) {
        const key = `${op.capability}:${JSON.stringify(op.value)}`;
        groups.set(key, [...(groups.get(key) ?? []), op]);
      }
      const speeches: string[] = [];
      let card: Outcome['card'];
      for (const group of groups.values()) {
        // A lock already locked is left as it is, and the reply says so.
        const already = group.filter((o) => o.already);
        const ops = group.filter((o) => !o.already);
        const first = ops[0];
        if (first) {
          const byDevice = new Map<string, Operation>(ops.map((o) => [o.device.id, o]));
          const results = await act(
            scope,
            ops.map((o) => o.device),
            async (d: Device) => {
              const op = byDevice.get(d.id) as Operation;
              return { ...(op.alsoOn ? { power: true } : {}), [op.capability]: op.value };
            },
          );
          const { text, extra } = success(scope, first);
          const outcome = report(scope, results, text, extra);
          speeches.push(outcome.speech);
          card = card
            ? { type: 'text', title: `${card.title}, ${outcome.card?.title ?? ''}`, text: '' }
            : outcome.card;
        }
        if (already.length > 0) {
          const said = already.map((o) => mention(scope, o.device));
          speeches.push(sayDone(r, scope.language, 'already_locked', said));
        }
      }
      const speech = speeches.join(scope.language === 'zh' ? '' : ' ');
      return {
        speech,
        ...(card ? { card: card.type === 'text' ? { ...card, text: speech } : card } : {}),
        acted: resolution.devices.map((d) => d.id),
      };
    }
  }
}
