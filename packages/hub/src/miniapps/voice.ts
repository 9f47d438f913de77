/**
 * Mini-apps by voice, through the assistant's intent registry. For every published app: "open <app>"
 * (launch), "ask <app> for …" (one request straight into the app's intents), and — only while the app
 * holds the conversation — its own intents, "exit" and a catch-all that answers the app's follow-up
 * question. The registry is global; whether the app is installed and enabled in the speaking home is
 * decided when it answers.
 */
import type { MiniAppManifest } from '@genio/contracts';
import type { IntentDefinition, IntentRegistry, IntentReply, ListEntry } from '../assistant/index.js';
import { type Language, languages } from '../errors/index.js';
import type { AppReply, MiniAppDelivery } from './delivery.js';
import { platformSays } from './phrases.js';

type SlotValues = Record<string, { value: unknown; text: string }>;

const openWords: Record<Language, string> = {
  en: '(open|launch|start) [the] [app]',
  zh: '(打开|启动)',
  it: "(apri|avvia) [l'] [app]",
  fr: "(ouvre|lance) [l'application]",
};
const askWords: Record<Language, string[]> = {
  en: [
    'ask {app_name} (for|to|about) {request}',
    'ask {app_name} {request}',
    'tell {app_name} [to] {request}',
  ],
  zh: ['(问|让|叫){app_name}{request}'],
  it: ['chiedi (a|ad) {app_name} {request}', 'di (a|ad) {app_name} [di] {request}'],
  fr: ['demande à {app_name} [de] {request}', 'dis à {app_name} [de] {request}'],
};
const exitWords: Record<Language, string[]> = {
  en: ['(exit|quit|leave) [the app]', 'close the app'],
  zh: ['退出', '退出应用'],
  it: ['esci', "esci dall'app"],
  fr: ['quitte', "quitte l'application"],
};
const yes = /^(yes|yeah|sure|ok|okay|si|sì|certo|oui|d'accord|是|好|好的|对|可以)\b/i;
const no = /^(no|nope|non|不|不要|别)\b/i;

/** Words of a name safe inside a sentence template. */
function literal(name: string): string {
  return name
    .replace(/[()[\]{}<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function names(manifest: MiniAppManifest, language: Language): string[] {
  const own = manifest.invocation[language] ?? [];
  // An English name is also said in other languages ("apri Kiki Chicken").
  return [...new Set([...own, ...(language === 'en' ? [] : manifest.invocation.en)])]
    .map(literal)
    .filter(Boolean);
}

function slotsOf(slots: SlotValues): Record<string, string | number | null> {
  return Object.fromEntries(
    Object.entries(slots).map(([name, slot]) => [
      name,
      typeof slot.value === 'string' || typeof slot.value === 'number' ? slot.value : slot.text,
    ]),
  );
}

function intentReply(reply: AppReply): IntentReply {
  return {
    speech: reply.speech,
    ...(reply.card ? { card: reply.card } : {}),
    ...(reply.hold ? { hold: true } : {}),
  };
}

/** What the app asked to be answered next in a session. */
interface Asked {
  appId: string;
  intent: string | undefined;
  slots: Record<string, string | number | null>;
  ask: NonNullable<AppReply['ask']>;
}

/** Build the voice registration. */
export function createMiniAppVoice(deps: {
  intents: IntentRegistry;
  delivery: MiniAppDelivery;
  onRegisterError?: (appId: string, error: unknown) => void;
}) {
  const registered = new Map<string, string[]>();
  const asked = new Map<string, Asked>();

  async function reply(
    appId: string,
    homeId: string,
    language: Language,
    session: string,
    body: Parameters<MiniAppDelivery['send']>[4],
  ): Promise<IntentReply> {
    const answer = await deps.delivery.send(appId, homeId, language, session, body);
    if (answer.ask && answer.hold)
      asked.set(session, { appId, intent: body.intent, slots: body.slots ?? {}, ask: answer.ask });
    else asked.delete(session);
    return intentReply(answer);
  }

  function definitions(manifest: MiniAppManifest): IntentDefinition[] {
    const appId = manifest.id;
    const perLanguage = (make: (language: Language) => string[]) =>
      Object.fromEntries(
        languages.flatMap((l) => {
          const sentences = make(l);
          return sentences.length ? [[l, sentences]] : [];
        }),
      ) as Partial<Record<Language, string[]>>;
    const appNames = (language: Language) =>
      names(manifest, language).map((text) => ({ text, value: appId }));
    const nameLists = Object.fromEntries(languages.map((l) => [l, { app_name: appNames(l) }])) as Partial<
      Record<Language, Record<string, ListEntry[]>>
    >;
    const own: IntentDefinition[] = manifest.intents.map((intent) => ({
      id: `${appId}.${intent.name}`,
      owner: appId,
      heldOnly: true,
      sentences: intent.sentences,
      lists: Object.fromEntries(
        languages.map((l) => [
          l,
          Object.fromEntries(
            Object.entries(intent.slots ?? {}).flatMap(([slot, spec]) =>
              spec.type === 'list' ? [[slot, spec.values?.[l] ?? spec.values?.en ?? []]] : [],
            ),
          ),
        ]),
      ) as Partial<Record<Language, Record<string, ListEntry[]>>>,
      handler: (request) =>
        reply(appId, request.homeId, request.language, request.conversationId, {
          type: 'intent',
          intent: intent.name,
          slots: slotsOf(request.slots),
        }),
    }));
    const exit: IntentDefinition = {
      id: `${appId}.exit`,
      owner: appId,
      heldOnly: true,
      sentences: exitWords,
      handler: async (request) => {
        asked.delete(request.conversationId);
        const answer = await deps.delivery.send(
          appId,
          request.homeId,
          request.language,
          request.conversationId,
          {
            type: 'end',
          },
        );
        const name = await deps.delivery.appName(appId, request.language);
        const closed = platformSays(request.language, 'closed', { app: name });
        return { speech: answer.speech && answer.speech !== closed ? `${answer.speech} ${closed}` : closed };
      },
    };
    const answer: IntentDefinition = {
      id: `${appId}.answer`,
      owner: appId,
      heldOnly: true,
      sentences: perLanguage(() => ['{said}']),
      handler: (request) => {
        const text = request.text.trim();
        const pending = asked.get(request.conversationId);
        if (pending?.appId === appId) {
          const value =
            pending.ask === 'confirm' ? (yes.test(text) ? 'yes' : no.test(text) ? 'no' : text) : text;
          const slot = pending.ask === 'confirm' ? 'confirmed' : pending.ask.slot;
          return reply(appId, request.homeId, request.language, request.conversationId, {
            type: 'intent',
            ...(pending.intent ? { intent: pending.intent } : {}),
            slots: { ...pending.slots, [slot]: value },
          });
        }
        return reply(appId, request.homeId, request.language, request.conversationId, {
          type: 'intent',
          intent: 'unrecognized',
          slots: { text },
        });
      },
    };
    const open: IntentDefinition = {
      id: `${appId}.open`,
      owner: appId,
      sentences: perLanguage((l) => names(manifest, l).map((name) => `${openWords[l]} ${name}`)),
      handler: (request) =>
        reply(appId, request.homeId, request.language, request.conversationId, { type: 'launch' }),
    };
    const ask: IntentDefinition = {
      id: `${appId}.ask`,
      owner: appId,
      sentences: perLanguage((l) => askWords[l]),
      lists: nameLists,
      handler: (request) => {
        const said = String(request.slots.request?.text ?? '');
        const found = deps.intents.recognize(said, request.language, appId);
        const hit =
          found && found.definition.owner === appId && own.includes(found.definition) ? found : null;
        return reply(appId, request.homeId, request.language, request.conversationId, {
          type: 'intent',
          intent: hit ? hit.definition.id.slice(appId.length + 1) : 'unrecognized',
          slots: hit ? slotsOf(hit.recognition.slots) : { text: said },
        });
      },
    };
    // Order matters: on a tie the first registered wins, so "exit" beats the app's catch-all.
    return [exit, ...own, answer, open, ask];
  }

  return {
    /** Register the intents of this app's published manifest (replacing earlier ones). */
    register(manifest: MiniAppManifest): void {
      this.unregister(manifest.id);
      const ids: string[] = [];
      try {
        for (const definition of definitions(manifest)) {
          deps.intents.register(definition);
          ids.push(definition.id);
        }
      } catch (error) {
        for (const id of ids) deps.intents.unregister(id);
        deps.onRegisterError?.(manifest.id, error);
        return;
      }
      registered.set(manifest.id, ids);
    },
    unregister(appId: string): void {
      for (const id of registered.get(appId) ?? []) deps.intents.unregister(id);
      registered.delete(appId);
    },
    unregisterAll(): void {
      for (const appId of [...registered.keys()]) this.unregister(appId);
    },
  };
}

/** The voice registration. */
export type MiniAppVoice = ReturnType<typeof createMiniAppVoice>;
