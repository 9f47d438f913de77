/**
 * A conversation turn: text in, intent, action, and a spoken answer (plus a card) out, in the
 * language of the request, the utterance or the home. Follow-up answers to a question ("Which one:
 * kitchen or bedroom?") are understood within the same conversation.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bus } from '../bus/index.js';
import type { DevicesModule } from '../devices/index.js';
import { GenioError, type Language, languages } from '../errors/index.js';
import type { HomeService } from '../homes/index.js';
import type { Database } from '../storage/index.js';
import {
  type Command,
  onlyRecounts,
  phrases,
  phraseWords,
  readCommand,
  requestsWithValues,
  stepsOf,
  withdrawn,
  withoutRefusals,
  withoutTalk,
} from './command/index.js';
import { ownerOf } from './command/owners.js';
import { createConversationStore } from './conversations.js';
import { detectLanguage } from './detect.js';
import { applyCommands, type Card, dispatch, type Pending, type TurnScope } from './dispatch.js';
import { createHomeContexts, type HomeContext } from './home-context.js';
import { withSubject } from './implicit-subject.js';
import { createIntentRegistry, type IntentRegistry } from './intents.js';
import type { LlmFallback } from './llm-fallback.js';
import { loadGrammars } from './nlu/grammar.js';
import { foldText, tokenize } from './nlu/normalize.js';
import { readNumber } from './nlu/numbers.js';
import { LanguageRecognizer, type ListEntry, type SlotValue, type Span } from './nlu/recognizer.js';
import { type Performed, pendingCommand, perform } from './perform.js';
import { slotsAsWritten } from './replies/index.js';
import { formatDuration, loadResponses, render } from './responses.js';
import {
  chosenSetting,
  pendingSetting,
  performSetting,
  readSetting,
  SETTING_INTENT,
  settingDevices,
} from './settings/index.js';
import { performTimerTalk, readTimerTalk } from './timer-talk/index.js';
import { createTimers, type Timers } from './timers.js';

/** A turn as asked. */
export interface TurnRequest {
  text: string;
  homeId: string;
  language?: Language;
  conversationId?: string;
  /** The id of the item tapped in the "Which one?" card; must be one the conversation's open question offered. */
  choice?: string;
  /** How sure speech recognition was of the words (0..1); absent for typed text. */
  confidence?: number;
}

/** Below this recognition confidence, switching several devices and moving covers are confirmed first. */
export const CONFIRM_BELOW = 0.7;

/** At most this many devices just acted on are what a turn naming nothing is said of. */
const MAX_IMPLIED = 3;

/** A turn as answered. */
export interface TurnResponse {
  conversationId: string;
  language: Language;
  intent: { name: string; slots: Record<string, SlotValue> } | null;
  speech: { text: string };
  card?: Card;
  continueConversation: boolean;
}

/** The assistant. */
export interface Assistant {
  turn(request: TurnRequest): Promise<TurnResponse>;
  /** The compiled recogniser of a language (for benchmarks and tools). */
  recognizer(language: Language): LanguageRecognizer;
  timers: Timers;
  /** Voice intents contributed at run time (commerce, mini-apps): register, unregister, list. */
  intents: IntentRegistry;
  /** Schedule timers stored by an earlier run. */
  start(): Promise<void>;
  stop(): void;
}

interface Conversation {
  homeId: string;
  pending?: Pending;
  /** The last device request, for follow-ups such as "and the bedroom too". */
  last?: { intent: string; slots: Record<string, SlotValue> };
  /** The last command carried out and the devices it acted on: what "it" and "actually, 22" refer to. */
  command?: Command;
  acted?: string[];
  /** The owner of contributed intents holding the conversation: its intents win while it holds it. */
  holder?: string;
  /** The last turn set a timer: "actually, cancel it" is that one. */
  timerSet?: boolean;
  /** The language of the last turn: a short follow-up ("venticinque") is taken in it when its words do not tell. */
  language?: Language;
  expiresAt: number;
}

const FOLLOWABLE = new Set([
  'device.turn_on',
  'device.turn_off',
  'device.set_brightness',
  'device.set_temperature',
  'device.query',
]);

const CONVERSATION_TTL_MS = 5 * 60_000;

/** Built-in intents that only stand in until a contributed intent names the thing ("open <an installed app>"). */
const STAND_IN_INTENTS = new Set(['miniapp.open']);

const yes: Record<Language, string[]> = {
  en: ['yes', 'yeah', 'yep', 'sure', 'ok', 'okay', 'do it', 'go ahead', 'please do'],
  it: ['si', 'certo', 'va bene', 'ok', 'procedi', 'vai', 'fallo'],
  fr: ['oui', "d'accord", 'ok', 'vas-y', 'allez-y', 'bien sur', 'fais-le'],
  zh: ['是', '是的', '好', '好的', '确定', '对', '可以', '行'],
};
const no: Record<Language, string[]> = {
  en: ['no', 'nope', "don't", 'do not', 'stop'],
  it: ['no', 'non farlo', 'lascia stare'],
  fr: ['non', 'pas maintenant', 'laisse tomber'],
  zh: ['不', '不要', '不用', '别', '取消', '算了'],
};

/** A short yes or no, in any of its usual forms. */
function yesOrNo(text: string, language: Language): 'yes' | 'no' | null {
  const said = tokenize(text).join(' ');
  const matches = (words: string[]) =>
    words.some((w) => {
      const t = tokenize(w).join(' ');
      return (
        said === t || said.startsWith(`${t} `) || (language === 'zh' && said.replace(/ /g, '').startsWith(t))
      );
    });
  if (matches(no[language])) return 'no';
  if (matches(yes[language])) return 'yes';
  return null;
}

const ordinals: Record<Language, string[][]> = {
  en: [
    ['first', '1st', 'one'],
    ['second', '2nd', 'two'],
    ['third', '3rd', 'three'],
    ['fourth', '4th', 'four'],
  ],
  it: [
    ['primo', 'prima', 'uno'],
    ['secondo', 'seconda', 'due'],
    ['terzo', 'terza', 'tre'],
    ['quarto', 'quarta', 'quattro'],
  ],
  fr: [
    ['premier', 'premiere', 'un'],
    ['deuxieme', 'second', 'seconde', 'deux'],
    ['troisieme', 'trois'],
    ['quatrieme', 'quatre'],
  ],
  zh: [
    ['第一个', '第一', '一'],
    ['第二个', '第二', '二'],
    ['第三个', '第三', '三'],
    ['第四个', '第四', '四'],
  ],
};

/** Short answers to the assistant's questions (yes, no, "the second one"), for speech grammars. */
export function answerWords(language: Language): string[] {
  return [...yes[language], ...no[language], ...ordinals[language].flat()];
}

/** Whether an open question offered this candidate (a yes/no question offers none). */
function offered(pending: Pending | undefined, choice: string): boolean {
  return pending !== undefined && !pending.confirm && pending.candidates.includes(choice);
}

/** "Actually, make it 22": the previous command, on the same devices, with what is new in this one. */
function corrected(command: Command, previous: Command | undefined): Command {
  if (!previous) return command;
  const value = command.value ?? previous.value;
  const action =
    command.value?.kind === 'relative'
      ? 'adjust'
      : command.value
        ? previous.action === 'adjust' || previous.action === 'turn_on'
          ? 'set'
          : previous.action
        : previous.action;
  return {
    ...previous,
    action: action === 'turn_off' ? 'set' : action,
    ...(value ? { value } : {}),
    ...(command.property ? { property: command.property } : {}),
    targets: [{ reference: true }],
    except: [],
    language: command.language,
  };
}

const OPPOSITE: Partial<Record<Command['action'], Command['action']>> = {
  turn_on: 'turn_off',
  turn_off: 'turn_on',
  open: 'close',
  close: 'open',
};

/**
 * "Turn on the snow mat" then "sorry, I meant the towel warmer": what was switched by mistake is
 * switched back (a value set cannot be, its old value is not known), and the request goes to the
 * targets named now.
 */
function retargeted(command: Command, previous: Command): { undo?: Command; redo: Command } {
  const back = OPPOSITE[previous.action];
  return {
    ...(back && !previous.value
      ? {
          undo: {
            ...previous,
            action: back,
            targets: [{ reference: true }],
            except: [],
            language: command.language,
          },
        }
      : {}),
    redo: { ...previous, targets: command.targets, except: [], language: command.language },
  };
}

/** "And the blinds as well": the previous command on the targets named now (a place alone keeps the kind said before). */
function followedUp(
  command: Command,
  previous: Command,
  areaOf: (deviceId: string) => string | null | undefined,
): Command {
  const kind = previous.targets.find((t) => t.kind)?.kind;
  // "打开爷爷房间的床头灯" then "艾琳房间的也开一下": a name two places share, in the place said now.
  const shared = previous.targets.find((t) => t.name && t.name.ids.length > 1)?.name;
  const targets = command.targets.map((t) => {
    if (!t.area || t.name || t.kind || t.unknown) return t;
    if (kind) return { ...t, kind };
    const there = shared?.ids.filter((id) => areaOf(id) === t.area?.id) ?? [];
    return shared && there.length > 0 ? { ...t, name: { ...shared, ids: there } } : t;
  });
  return { ...previous, targets, except: [], language: command.language };
}

/** Of two devices sharing the name said last, the one not acted on, when "the other one" is all that is said. */
function theOther(
  tokens: readonly string[],
  spans: readonly Span[],
  language: Language,
  previous: Command | undefined,
  acted: readonly string[] | undefined,
  devices: ReadonlyArray<{ id: string; name: string }>,
): { ids: string[]; text: string } | undefined {
  if (!previous || !acted?.length || spans.some((s) => s.slot !== 'area')) return undefined;
  const said = phrases(language).other;
  if (!tokens.some((_, i) => said.some((w) => w.every((t, k) => tokens[i + k] === t)))) return undefined;
  const shared = previous.targets.find((t) => t.name && t.name.ids.length > 1)?.name;
  const ids = shared?.ids.filter((id) => !acted.includes(id)) ?? [];
  if (shared && ids.length > 0) return { ids, text: shared.text };
  // Named by an alias of its own ("la lampada di Lena"): the devices that share its name.
  const done = devices.filter((d) => acted.includes(d.id));
  const same = devices.filter(
    (d) => !acted.includes(d.id) && done.some((a) => foldText(a.name) === foldText(d.name)),
  );
  return same.length > 0 ? { ids: same.map((d) => d.id), text: done[0]?.name ?? '' } : undefined;
}

/** A number said alone ("twenty-two and a half", "ventidue e mezzo"), as a value for the last devices. */
function numberAlone(tokens: readonly string[], language: Language): Command | null {
  const n = readNumber(tokens, 0, language);
  if (!n || n.end !== tokens.length || !(n.value > 0)) return null;
  return {
    action: 'set',
    targets: [{ reference: true }],
    except: [],
    value: { kind: 'absolute', amount: n.value },
    language,
  };
}

/** An intent name for a command read from words no sentence matched. */
function intentOf(command: Command): string {
  // "Make me a coffee", "mow the lawn": the start of what the verb is for, not a vacuum's.
  if (command.task && command.task !== 'clean' && command.action === 'start') return 'device.start';
  if (command.action === 'start' || command.action === 'pause' || command.action === 'dock')
    return `vacuum.${command.action}`;
  if (command.action === 'set' || command.action === 'adjust')
    return `device.${command.action}_${command.property ?? 'value'}`;
  if (command.action === 'open' || command.action === 'close') return 'device.set_position';
  return `device.${command.action}`;
}

/** Create the assistant; grammars and responses are compiled once here. */
export function createAssistant(deps: {
  devices: DevicesModule;
  homes: HomeService;
  bus: Bus;
  db: Kysely<Database>;
  /** Asked when the grammar matches nothing; off when absent. */
  llm?: LlmFallback;
  clock?: () => number;
}): Assistant {
  const now = deps.clock ?? Date.now;
  const grammars = loadGrammars();
  const recognizers = Object.fromEntries(
    languages.map((l) => [l, new LanguageRecognizer(grammars[l])]),
  ) as Record<Language, LanguageRecognizer>;
  for (const l of languages) for (const word of phraseWords(l)) recognizers[l].vocabulary.add(word);
  const responses = loadResponses();
  const contexts = createHomeContexts(deps);
  const intents = createIntentRegistry();
  const conversations = createConversationStore<Conversation>({ db: deps.db, clock: now });
  // A finished timer is announced in the language it was set in.
  const timers = createTimers({
    db: deps.db,
    bus: deps.bus,
    clock: now,
    announce: (timer) =>
      render(responses[timer.language].timer_finished, {
        duration: formatDuration(timer.seconds, responses[timer.language], timer.language),
      }),
  });

  /**
   * The previous request applied to a new place or device: "and the bedroom too" keeps the kind of
   * device (or the kind of the device named before) and takes the new area; a new name replaces the old.
   */
  function followUp(
    previous: Record<string, SlotValue>,
    next: Record<string, SlotValue>,
    scope: TurnScope,
  ): Record<string, SlotValue> {
    if (next.name) {
      const { area: _a, category: _c, ...rest } = previous;
      return { ...rest, name: next.name };
    }
    const { name, area: _area, ...rest } = previous;
    const named = name
      ? scope.context.devices.find((d) => d.id === (Array.isArray(name.value) ? name.value[0] : name.value))
      : undefined;
    const category = rest.category ?? (named ? { value: named.category, text: '' } : undefined);
    return { ...rest, ...(category ? { category } : {}), ...(next.area ? { area: next.area } : {}) };
  }

  /** Which candidate a short answer picks: an area, a name, or an ordinal ("the second one"). */
  function pick(text: string, language: Language, pending: Pending, scope: TurnScope): string | null {
    const said = tokenize(text).join(' ');
    const candidates = pending.candidates
      .map((id) => scope.context.devices.find((d) => d.id === id))
      .filter((d) => d !== undefined);
    for (const d of candidates) {
      const area = scope.context.areas.find((a) => a.id === d.areaId);
      const places = [area?.name, ...(area?.aliases ?? [])].filter((w): w is string => Boolean(w));
      // "Quella di Lena", "celle de papi": the owner of the place answers "which one".
      const owners = places.map(ownerOf).filter((w): w is string => w !== null);
      const words = [...places, ...owners, d.name, ...d.aliases]
        .filter((w): w is string => Boolean(w))
        .map((w) => tokenize(w).join(' '));
      if (words.some((w) => w && (said === w || said.includes(w)))) return d.id;
    }
    const index = ordinals[language].findIndex((forms) =>
      forms.some(
        (f) => said.split(' ').includes(tokenize(f).join(' ')) || said.replace(/ /g, '').includes(f),
      ),
    );
    return index >= 0 && index < candidates.length ? (candidates[index]?.id ?? null) : null;
  }

  return {
    recognizer: (language) => recognizers[language],
    timers,
    intents,
    start: () => timers.restore(),
    stop: () => timers.stop(),
    turn: (request) => turnOnce(request, { retry: true, steps: true }),
  };

  /**
   * One turn. `retry` lets a turn not understood be read again as said of what was just done; `steps`
   * lets it be read as several steps for one device; `only` narrows the home to some devices.
   */
  async function turnOnce(
    request: TurnRequest,
    options: { retry: boolean; steps: boolean; only?: ReadonlySet<string> },
  ): Promise<TurnResponse> {
    {
      const mayRetry = options.retry;
      const home = await deps.homes.getHome(request.homeId);
      const context = narrowed(await contexts.get(home.id), options.only);
      const lists = context.lists;
      const conversationId = request.conversationId ?? randomUUID();
      const previous = request.conversationId ? await conversations.get(request.conversationId) : undefined;
      const conversation =
        previous && previous.homeId === home.id && previous.expiresAt > now() ? previous : undefined;

      let language: Language;
      let recognition: ReturnType<LanguageRecognizer['recognize']>;
      if (request.language) {
        language = request.language;
        recognition = recognizers[language].recognize(request.text, lists);
      } else {
        ({ language, recognition } = detectLanguage(
          request.text,
          recognizers,
          lists,
          conversation?.language ?? (home.language as Language),
        ));
      }
      const scope: TurnScope = {
        homeId: home.id,
        timers,
        language,
        responses: responses[language],
        context,
        devices: deps.devices,
        now: new Date(now()),
        unsure: request.confidence !== undefined && request.confidence < CONFIRM_BELOW,
        spoken: request.confidence !== undefined,
      };

      // A tapped choice answers the open question, whatever its words would be recognised as.
      const choice = request.choice;
      if (choice !== undefined && !offered(conversation?.pending, choice))
        throw new GenioError('validation_failed', {
          field: 'choice',
          reason: 'not one of the choices offered by this conversation’s open question',
        });

      // A short answer to the question asked in the previous turn.
      if (
        conversation?.pending &&
        (choice !== undefined ||
          !recognition ||
          recognition.intent === 'device.list' ||
          recognition.intent === 'system.cancel')
      ) {
        const pending = conversation.pending;
        conversation.pending = undefined;
        if (pending.confirm) {
          const answer = yesOrNo(request.text, language);
          const asked = pendingCommand(pending.slots);
          if (answer === 'yes' && asked) {
            const outcome = await perform(scope, pending.intent, asked, conversation.acted ?? [], true);
            return finish(
              conversationId,
              language,
              { name: pending.intent, slots: {} },
              outcome,
              home.id,
              conversation.last,
              {
                command: asked,
                acted: outcome.acted,
              },
            );
          }
          if (answer === 'yes') {
            const outcome = await dispatch(scope, pending.intent, pending.slots);
            return finish(
              conversationId,
              language,
              { name: pending.intent, slots: pending.slots },
              outcome,
              home.id,
              { intent: pending.intent, slots: pending.slots },
            );
          }
          if (answer === 'no' || recognition?.intent === 'system.cancel') {
            return finish(
              conversationId,
              language,
              { name: 'system.cancel', slots: {} },
              { speech: responses[language].cancelled as string },
              home.id,
            );
          }
        } else if (choice !== undefined || recognition?.intent !== 'system.cancel') {
          const chosen = choice ?? pick(request.text, language, pending, scope);
          const asked = pendingCommand(pending.slots);
          const setting = pendingSetting(pending.intent, pending.slots);
          const settingAct = chosen && setting ? chosenSetting(setting, chosen) : undefined;
          if (settingAct) {
            const outcome = await performSetting(scope, settingAct);
            return finish(
              conversationId,
              language,
              { name: SETTING_INTENT, slots: {} },
              outcome,
              home.id,
              conversation.last,
              { acted: outcome.acted.length ? outcome.acted : conversation.acted },
            );
          }
          if (chosen && asked) {
            const picked: Command = { ...asked, targets: [{ name: { ids: [chosen], text: request.text } }] };
            const outcome = await perform(scope, pending.intent, picked, conversation.acted ?? []);
            return finish(
              conversationId,
              language,
              { name: pending.intent, slots: {} },
              outcome,
              home.id,
              conversation.last,
              {
                command: picked,
                acted: outcome.acted,
              },
            );
          }
          if (chosen) {
            const slots = { ...pending.slots, name: { value: chosen, text: request.text } };
            const outcome = await dispatch(scope, pending.intent, slots);
            return finish(conversationId, language, { name: pending.intent, slots }, outcome, home.id, {
              intent: pending.intent,
              slots,
            });
          }
        }
      }

      // A contributed intent: the holder's while it holds the conversation, else one matched exactly
      // where the built-in sentences were not (in the utterance's language, or another when it was not said).
      const holder = conversation?.holder;
      const tried = request.language ? [language] : [language, ...languages.filter((l) => l !== language)];
      let contributed: ReturnType<IntentRegistry['recognize']> = null;
      for (const l of tried) {
        const found = intents.recognize(request.text, l, holder);
        if (found && (found.recognition.confidence >= 1 || l === language)) {
          contributed = found;
          break;
        }
      }
      const heldBy = (owner: string | undefined) => owner !== undefined && owner === holder;
      if (
        contributed &&
        (heldBy(contributed.definition.owner ?? contributed.definition.id) ||
          !recognition ||
          (contributed.recognition.confidence >= 1 &&
            (recognition.confidence < 1 || STAND_IN_INTENTS.has(recognition.intent))))
      ) {
        const { definition, recognition: found } = contributed;
        const reply = await intents.handle(definition, {
          intent: definition.id,
          slots: found.slots,
          language: found.language,
          homeId: home.id,
          conversationId,
          text: request.text,
        });
        return finish(
          conversationId,
          found.language,
          { name: definition.id, slots: found.slots },
          { speech: reply.speech, ...(reply.card ? { card: reply.card } : {}) },
          home.id,
          conversation?.last,
          {
            command: conversation?.command,
            acted: conversation?.acted,
            ...(reply.hold ? { holder: definition.owner ?? definition.id } : {}),
          },
        );
      }

      const analyse = (text: string) => recognizers[language].spans(text, lists);
      const kept = { command: conversation?.command, acted: conversation?.acted };
      // "Roll out the awning, the sun is blazing": the talk around a request is not part of it.
      // "Don't touch the TV, turn on the floor lamp": what is refused is no part of the request.
      const text = withoutRefusals(withoutTalk(request.text, language, analyse), language, analyse);
      if (text !== request.text) recognition = recognizers[language].recognize(text, lists);
      const { tokens, spans } = analyse(text);
      const negated = recognizers[language].negates(text);
      // "Two timers, eggs 6 minutes and toast 3", "get rid of the eggs one": timers by their names.
      const running = await timers.list(home.id);
      const timerTalk = readTimerTalk(text, language, {
        running: running.map((t) => t.name),
        justSet: conversation?.timerSet === true,
      });
      if (timerTalk)
        return finish(
          conversationId,
          language,
          { name: timerTalk.act === 'start' ? 'timer.start' : 'timer.cancel', slots: {} },
          await performTimerTalk(scope, timerTalk),
          home.id,
          conversation?.last,
          { ...kept, timerSet: timerTalk.act === 'start' },
        );
      // "Gus did a great job on the lawn yesterday": told, not asked; nothing moves.
      if (onlyRecounts(request.text, language, analyse))
        return finish(
          conversationId,
          language,
          { name: 'system.chatter', slots: {} },
          { speech: responses[language].noted as string },
          home.id,
          conversation?.last,
          kept,
        );
      // "Turn on the porch light… actually, never mind": taken back in the same breath, nothing moves.
      // "…non, laisse, c'est bon" is taken back in pieces that the talk rule drops: read it as said too.
      const raw = text === request.text ? { tokens, spans } : analyse(request.text);
      if (withdrawn(tokens, spans, language) || withdrawn(raw.tokens, raw.spans, language))
        return finish(
          conversationId,
          language,
          { name: 'system.cancel', slots: {} },
          { speech: responses[language].cancelled as string },
          home.id,
          conversation?.last,
          kept,
        );
      // "Put the washer on wool and start it", "空调开制热，二十三度": steps for one device, each its own turn.
      const steps = options.steps ? stepsOf(text, language, analyse) : null;
      if (steps) return inSteps(request, steps, language, conversationId);
      const said =
        readCommand({
          language,
          tokens,
          spans,
          recognition,
          vocabulary: recognizers[language].vocabulary,
          negated,
        }) ??
        // "Turn on the heat pump" then "twenty-two and a half": a number alone is for what was just done.
        (!recognition && conversation?.command && conversation.acted?.length
          ? numberAlone(tokens, language)
          : null);
      // "TV volume to 25", "put the washer on wool", "descale the coffee machine": a setting of a
      // device's thing model that no capability carries (what a capability carries stays below).
      if (!negated) {
        const setting = readSetting({
          text,
          language,
          tokens,
          spans,
          devices: await settingDevices(scope),
          vocabulary: recognizers[language].vocabulary,
          task: said?.task !== undefined,
        });
        if (setting) {
          const outcome = await performSetting(scope, setting);
          return finish(
            conversationId,
            language,
            { name: SETTING_INTENT, slots: {} },
            outcome,
            home.id,
            conversation?.last,
            outcome.acted.length ? { acted: outcome.acted } : kept,
          );
        }
      }
      const previousCommand = conversation?.command;
      // "The heating to 22 and the wine fridge to 14": each request with its own value, in turn.
      const requests = requestsWithValues(text, language, analyse);
      const several = requests.length > 1 ? readEach(requests, language, lists) : null;
      if (several) {
        let acted = conversation?.acted ?? [];
        const spoken: string[] = [];
        let last: Performed | undefined;
        let lastCommand: Command | undefined;
        for (const { command, intent } of several) {
          last = await perform(scope, intent, command, acted, false, scope.unsure);
          spoken.push(last.speech);
          if (last.acted.length) {
            acted = last.acted;
            lastCommand = command;
          }
          if (last.pending) break;
        }
        const outcome = { ...(last as Performed), speech: spoken.join(' ') };
        return finish(
          conversationId,
          language,
          { name: several[0]?.intent ?? 'device.set', slots: {} },
          outcome,
          home.id,
          conversation?.last,
          lastCommand ? { command: lastCommand, acted } : kept,
        );
      }
      // "No sorry, the other one": the devices of the name said last that it did not reach.
      const others = theOther(tokens, spans, language, previousCommand, conversation?.acted, context.devices);
      const retarget =
        others && previousCommand
          ? { ...previousCommand, targets: [{ name: others }], except: [], language }
          : said?.retarget
            ? said
            : undefined;
      if (retarget && previousCommand && conversation?.acted?.length) {
        const { undo, redo } = retargeted(retarget, previousCommand);
        const unsure = request.confidence !== undefined && request.confidence < CONFIRM_BELOW;
        const undone = undo
          ? await perform(scope, intentOf(undo), undo, conversation.acted, false, unsure)
          : undefined;
        const outcome = await perform(scope, intentOf(redo), redo, [], false, unsure);
        return finish(
          conversationId,
          language,
          { name: intentOf(redo), slots: {} },
          { ...outcome, speech: [undone?.speech, outcome.speech].filter(Boolean).join(' ') },
          home.id,
          conversation.last,
          outcome.acted.length
            ? { command: redo, acted: outcome.acted }
            : { command: conversation.command, acted: conversation.acted },
        );
      }
      if (said && !said.retarget && (!said.followUp || previousCommand)) {
        const alsoThere = said.alsoThere && previousCommand?.action === said.action && !said.value;
        const command = said.correction
          ? corrected(said, previousCommand)
          : (said.followUp || alsoThere) && previousCommand
            ? followedUp(said, previousCommand, (id) => context.devices.find((d) => d.id === id)?.areaId)
            : said;
        const intent =
          recognition && !said.followUp && !said.task && recognition.intent !== 'context.follow_up'
            ? recognition.intent
            : intentOf(command);
        const unsure = request.confidence !== undefined && request.confidence < CONFIRM_BELOW;
        const outcome = await perform(scope, intent, command, conversation?.acted ?? [], false, unsure);
        const followable = recognition && FOLLOWABLE.has(recognition.intent);
        return finish(
          conversationId,
          language,
          { name: intent, slots: recognition?.slots ?? {} },
          outcome,
          home.id,
          recognition && followable
            ? { intent: recognition.intent, slots: recognition.slots }
            : conversation?.last,
          outcome.acted.length
            ? { command, acted: outcome.acted }
            : { command: conversation?.command, acted: conversation?.acted },
        );
      }

      // "Now make it green", "un peu moins", "换成睡眠模式": not understood alone, said of what was just done.
      const saidOfLast = async (): Promise<TurnResponse | null> => {
        const acted = conversation?.acted ?? [];
        if (
          !mayRetry ||
          !conversation ||
          conversation.pending ||
          acted.length === 0 ||
          acted.length > MAX_IMPLIED ||
          spans.some((s) => s.slot === 'name' || s.slot === 'area' || s.slot === 'category')
        )
          return null;
        const names = acted
          .map((id) => context.devices.find((d) => d.id === id)?.name)
          .filter((n): n is string => n !== undefined);
        const rewritten = withSubject(request.text, language, names);
        if (!rewritten || rewritten === request.text) return null;
        return turnOnce(
          { ...request, text: rewritten, language, conversationId },
          { retry: false, steps: false, only: new Set(acted) },
        );
      };
      if (!recognition) {
        const again = await saidOfLast();
        if (again) return again;
      }
      if (!recognition) {
        if (deps.llm) {
          const decided = await deps.llm.ask(request.text, language, context);
          if (decided.kind === 'commands') {
            const outcome = await applyCommands(scope, decided.commands);
            return finish(
              conversationId,
              language,
              { name: 'llm.fallback', slots: {} },
              outcome,
              home.id,
              conversation?.last,
            );
          }
          if (decided.kind === 'answer') {
            return finish(
              conversationId,
              language,
              { name: 'llm.fallback', slots: {} },
              { speech: decided.text },
              home.id,
              conversation?.last,
            );
          }
        }
        // A turn not understood ("hmm") forgets nothing: "close them again" still means the curtains.
        return finish(
          conversationId,
          language,
          null,
          { speech: responses[language].no_match as string },
          home.id,
          conversation?.last,
          kept,
        );
      }
      // A negated request for devices that the command model did not read as "except" moves nothing.
      if (negated && /^(device|vacuum)\./.test(recognition.intent) && recognition.intent !== 'device.query')
        return finish(
          conversationId,
          language,
          null,
          { speech: responses[language].cancelled as string },
          home.id,
          conversation?.last,
        );
      let intent = recognition.intent;
      let slots = slotsAsWritten(recognition.slots, request.text);
      if (intent === 'context.follow_up') {
        const last = conversation?.last;
        if (!last)
          return finish(
            conversationId,
            language,
            null,
            { speech: responses[language].no_match as string },
            home.id,
          );
        intent = last.intent;
        slots = followUp(last.slots, recognition.slots, scope);
      }
      const outcome = await dispatch(scope, intent, slots);
      if (outcome.speech === responses[language].no_match) {
        const again = await saidOfLast();
        if (again) return again;
      }
      const remembered = FOLLOWABLE.has(intent) ? { intent, slots } : conversation?.last;
      // "What's the radiator set to?" then "put it up to 22": the device asked about is what "it" is.
      const asked = intent.startsWith('device.query') ? slots.name?.value : undefined;
      const about = asked === undefined ? [] : Array.isArray(asked) ? (asked as string[]) : [String(asked)];
      return finish(
        conversationId,
        language,
        { name: intent, slots },
        outcome,
        home.id,
        remembered,
        about.length === 1
          ? { acted: about }
          : outcome.acted?.length
            ? { acted: outcome.acted }
            : { command: conversation?.command, acted: conversation?.acted },
      );
    }
  }

  /** Steps said in one breath, each read as a turn of the conversation; a question stops them. */
  async function inSteps(
    request: TurnRequest,
    steps: readonly string[],
    language: Language,
    conversationId: string,
  ): Promise<TurnResponse> {
    const spoken: string[] = [];
    let last: TurnResponse | undefined;
    for (const text of steps) {
      last = await turnOnce({ ...request, text, language, conversationId }, { retry: true, steps: false });
      // "Les lumières m'éblouissent, baisse-les": a first piece not understood alone is no step; read it whole.
      if (spoken.length === 0 && last.speech.text === responses[language].no_match)
        return turnOnce({ ...request, language, conversationId }, { retry: true, steps: false });
      spoken.push(last.speech.text);
      if (last.continueConversation) break;
    }
    const done = last as TurnResponse;
    // A piece not understood among pieces done is no news: "…, je me fais un thé".
    const news = spoken.filter((text) => text !== responses[language].no_match);
    const said = news.length ? news : spoken.slice(0, 1);
    return { ...done, speech: { ...done.speech, text: said.join(language === 'zh' ? '' : ' ') } };
  }

  /** The home as a turn said of some devices sees it: those devices only. */
  function narrowed(context: HomeContext, only: ReadonlySet<string> | undefined): HomeContext {
    if (!only) return context;
    return {
      ...context,
      devices: context.devices.filter((d) => only.has(d.id)),
      lists: { ...context.lists, name: context.lists.name.filter((e) => only.has(String(e.value))) },
    };
  }

  /** Each request of a turn read as a command; null when any of them is not one. */
  function readEach(
    texts: string[],
    language: Language,
    lists: Record<string, readonly ListEntry[]>,
  ): Array<{ command: Command; intent: string }> | null {
    const read: Array<{ command: Command; intent: string }> = [];
    for (const text of texts) {
      const recognizer = recognizers[language];
      const { tokens, spans } = recognizer.spans(text, lists);
      const recognition = recognizer.recognize(text, lists);
      const command = readCommand({
        language,
        tokens,
        spans,
        recognition,
        vocabulary: recognizer.vocabulary,
        negated: recognizer.negates(text),
      });
      if (!command || command.correction || command.followUp || command.targets.length === 0) return null;
      read.push({
        command,
        intent:
          recognition && !recognition.intent.startsWith('system.') ? recognition.intent : intentOf(command),
      });
    }
    return read;
  }

  async function finish(
    conversationId: string,
    language: Language,
    intent: TurnResponse['intent'],
    outcome: { speech: string; card?: Card; pending?: Pending },
    homeId: string,
    last?: Conversation['last'],
    memory: {
      command?: Command | undefined;
      acted?: string[] | undefined;
      holder?: string;
      timerSet?: boolean;
    } = {},
  ): Promise<TurnResponse> {
    const continueConversation = outcome.pending !== undefined || memory.holder !== undefined;
    await conversations.put(conversationId, {
      homeId,
      ...(outcome.pending ? { pending: outcome.pending } : {}),
      ...(last ? { last } : {}),
      ...(memory.command ? { command: memory.command } : {}),
      ...(memory.acted ? { acted: memory.acted } : {}),
      ...(memory.holder ? { holder: memory.holder } : {}),
      ...(memory.timerSet || intent?.name === 'timer.start' ? { timerSet: true } : {}),
      language,
      expiresAt: now() + CONVERSATION_TTL_MS,
    });
    deps.bus.emit('assistant.turn', {
      homeId,
      conversationId,
      language,
      intent: intent?.name ?? null,
      speech: outcome.speech,
    });
    return {
      conversationId,
      language,
      intent,
      speech: { text: outcome.speech },
      ...(outcome.card ? { card: outcome.card } : {}),
      continueConversation,
    };
  }
}
