import type { AppEvent, AppReply, JsonValue, PaymentOutcome, SlotValue } from '../events.js';
import {
  defaultResources,
  type HostMethod,
  hostMethodPermissions,
  type Language,
  type Manifest,
} from '../manifest.js';
import { type EngineApp, type EngineLogEntry, loadEngine } from './engine.js';
import { createFakeHome, type FakeHome, type FakeHomeOptions } from './fake-home.js';
import { exitWords, matchIntent, matchInvocation, normalise } from './sentences.js';

/** What the harness needs: the app's manifest and bundle, and how its test home looks. */
export interface TestHarnessOptions {
  manifest: Manifest;
  /** The JavaScript bundle (what `genio miniapp pack` puts in the package). */
  bundle: string;
  home?: FakeHomeOptions;
  /** Language of `say` when none is given; default the first language of the manifest's invocation names. */
  language?: Language;
}

/** One exchange: the event the harness delivered and the app's reply. */
export interface Exchange {
  event: AppEvent;
  reply: AppReply;
}

/** An app running in the sandbox against a fake home. */
export interface TestHarness {
  readonly home: FakeHome;
  /** The app's console lines and the sandbox's errors. */
  readonly logs: EngineLogEntry[];
  /** Say a sentence as a user would: open the app, one of its sentences, an answer to its question, "exit". */
  say(text: string, language?: Language): Promise<Exchange>;
  /** Deliver an event as it is (fields the harness knows are filled in). */
  send(
    event: DistributiveOmit<AppEvent, 'homeId' | 'session' | 'language'> & { language?: Language },
  ): Promise<Exchange>;
  /** Finish the payment the app requested: the platform confirmed it (or not); the app gets a `payment` event. */
  settlePayment(orderId: string, status?: PaymentOutcome['status']): Promise<Exchange>;
  /** Whether the app holds the conversation (it asked, or did not end). */
  readonly active: boolean;
  dispose(): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The sentence was not one the app (or the harness's invocation phrases) knows. */
export class NotRecognisedError extends Error {}

/** Limits derived from the manifest, as the hub derives them. */
export function limitsOf(manifest: Manifest) {
  const resources = { ...defaultResources, ...manifest.resources };
  return {
    memoryBytes: resources.memoryMb * 1024 * 1024,
    cpuMsPerEvent: resources.cpuMsPerEvent,
    wallMsPerEvent: 8000,
    stackBytes: 512 * 1024,
    maxHostCallsPerEvent: 64,
    maxMessageBytes: 64 * 1024,
  };
}

/** The host methods an app's manifest makes reachable. */
export function hostMethodsOf(manifest: Manifest): HostMethod[] {
  const declared = new Set(manifest.permissions.map((p) => p.name));
  return (Object.keys(hostMethodPermissions) as HostMethod[]).filter((m) =>
    declared.has(hostMethodPermissions[m]),
  );
}

/** Run an app in the sandbox with a fake home, for an author's own tests. */
export async function createTestHarness(options: TestHarnessOptions): Promise<TestHarness> {
  const { manifest } = options;
  const home = createFakeHome(manifest, options.home);
  const logs: EngineLogEntry[] = [];
  const app: EngineApp = await loadEngine({
    bundle: options.bundle,
    hostMethods: hostMethodsOf(manifest),
    limits: limitsOf(manifest),
    log: (entry) => logs.push(entry),
  });
  // A refused host call goes to the log, as the hub writes it to the developer's log.
  const bridge = {
    async call(method: string, args: JsonValue): Promise<JsonValue> {
      try {
        return await home.call(method, args);
      } catch (error) {
        const code = (error as { code?: string }).code;
        logs.push({
          level: 'error',
          message: `${method}: ${(error as Error).message}`,
          ...(code ? { code } : {}),
        });
        throw error;
      }
    },
  };
  const fallback = (Object.keys(manifest.invocation)[0] as Language | undefined) ?? 'en';
  let session = 0;
  let active = false;
  let pending: { intent: string; slot: string; slots: Record<string, SlotValue> } | null = null;

  const deliver = async (event: AppEvent): Promise<Exchange> => {
    const reply = (await app.handle(event as unknown as JsonValue, bridge)) as unknown as AppReply;
    if (typeof reply?.speech !== 'string')
      throw new Error(`the app answered without speech: ${JSON.stringify(reply)}`);
    active = !reply.end && event.type !== 'end';
    const intent = event.type === 'intent' ? event.intent : '';
    const slots = event.type === 'intent' ? event.slots : {};
    pending = reply.ask
      ? { intent, slot: reply.ask === 'confirm' ? 'confirmed' : reply.ask.slot, slots }
      : null;
    return { event, reply };
  };
  const base = (language: Language) => {
    if (!active) session++;
    return { language, homeId: home.homeId, session: `session_${session}` };
  };

  const harness: TestHarness = {
    home,
    logs,
    get active() {
      return active;
    },
    async say(text, language = options.language ?? fallback) {
      const said = normalise(text).toLowerCase();
      if (active && exitWords[language].some((words) => normalise(words).toLowerCase() === said))
        return deliver({ type: 'end', ...base(language) });
      const opened = matchInvocation(manifest, text, language);
      if (opened) {
        if (opened.rest === null) return deliver({ type: 'launch', ...base(language) });
        const oneShot = matchIntent(manifest, opened.rest, language);
        if (!oneShot)
          throw new NotRecognisedError(`"${opened.rest}" is none of the app's ${language} sentences`);
        return deliver({ type: 'intent', ...base(language), ...oneShot });
      }
      if (active && pending) {
        const asked = pending;
        let value: SlotValue = text.trim();
        if (asked.slot === 'confirmed') {
          const yes = [
            'yes',
            'ok',
            'okay',
            'sure',
            '是',
            '好',
            '好的',
            '对',
            '可以',
            'sì',
            'si',
            'certo',
            'oui',
          ].includes(said);
          const no = ['no', 'nope', '不', '不要', '别', 'non'].includes(said);
          value = yes ? 'yes' : no ? 'no' : value;
        }
        return deliver({
          type: 'intent',
          ...base(language),
          intent: asked.intent,
          slots: { ...asked.slots, [asked.slot]: value },
        });
      }
      if (active) {
        const matched = matchIntent(manifest, text, language);
        if (matched) return deliver({ type: 'intent', ...base(language), ...matched });
      }
      throw new NotRecognisedError(
        active
          ? `"${text}" is none of the app's ${language} sentences`
          : `"${text}" does not open the app: say "${language === 'zh' ? '打开' : 'open '}${manifest.invocation[language]?.[0] ?? manifest.id}"`,
      );
    },
    async send(partial) {
      const language = partial.language ?? options.language ?? fallback;
      return deliver({ ...partial, ...base(language) } as AppEvent);
    },
    async settlePayment(orderId, status = 'paid') {
      if (!home.payments.some((p) => p.orderId === orderId))
        throw new Error(`the app never requested payment ${orderId}`);
      const language = options.language ?? fallback;
      return deliver({ type: 'payment', ...base(language), payment: { orderId, status } });
    },
    dispose: () => app.dispose(),
  };
  return harness;
}
