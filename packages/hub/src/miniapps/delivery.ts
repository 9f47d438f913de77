/**
 * Delivering an event to an app installed in a home and turning its answer into the turn's reply:
 * only an installed, enabled app runs, on the version the home installed, with the home's grants.
 * A failure becomes the platform's per-language "the app had a problem"; a payment the app asked
 * for becomes the platform's confirmation (read-back, then PIN or on-screen challenge).
 */
import type { Card, MiniAppEvent, MiniAppResult } from '@genio/contracts';
import { miniAppText } from '@genio/contracts';
import type { Language } from '../errors/index.js';
import type { MiniAppCatalog } from './catalog.js';
import type { MiniAppInstalls } from './installs.js';
import { platformSays } from './phrases.js';
import type { MiniAppRuntimes } from './runtime.js';

/** A reply for the turn. `hold` keeps the conversation with the app. */
export interface AppReply {
  speech: string;
  card?: Card;
  hold: boolean;
  /** What the app asked for the next utterance, if anything. */
  ask?: MiniAppResult['ask'];
}

/** The event without what the platform fills in. */
export type EventBody = Omit<MiniAppEvent, 'language' | 'homeId' | 'session'>;

/** Turns an answer that asked for a payment into the platform's confirmation. */
export interface PaymentConfirmation {
  /** The confirmation reply when this session has a payment waiting to be confirmed, else null. */
  confirmationFor(
    session: string,
    language: Language,
    appName: string,
    said: AppReply,
  ): Promise<AppReply | null>;
}

/** Build the delivery. */
export function createMiniAppDelivery(deps: {
  catalog: MiniAppCatalog;
  installs: MiniAppInstalls;
  runtimes: MiniAppRuntimes;
  payments: PaymentConfirmation;
}) {
  async function appName(appId: string, language: Language): Promise<string> {
    const app = await deps.catalog.get(appId).catch(() => null);
    const version = app?.publishedVersion ?? app?.versions[0]?.version;
    if (!app || !version) return appId;
    return miniAppText((await deps.catalog.version(appId, version)).manifest.name, language);
  }

  return {
    appName,
    /** Send an event to the app for a home and answer the turn. */
    async send(
      appId: string,
      homeId: string,
      language: Language,
      session: string,
      body: EventBody,
    ): Promise<AppReply> {
      const install = await deps.installs.get(homeId, appId);
      const name = await appName(appId, language);
      if (!install) return { speech: platformSays(language, 'not_installed', { app: name }), hold: false };
      if (!install.enabled) return { speech: platformSays(language, 'disabled', { app: name }), hold: false };
      const { manifest } = await deps.catalog.version(appId, install.version);
      const spokenName = miniAppText(manifest.name, language);
      const outcome = await deps.runtimes.deliver(
        {
          appId,
          version: install.version,
          manifest,
          homeId,
          grants: install.grants,
          language,
          session,
        },
        { ...body, language, homeId, session },
      );
      if (!outcome.ok) return { speech: platformSays(language, 'problem', { app: spokenName }), hold: false };
      const { result } = outcome;
      const reply: AppReply = {
        speech: result.speech,
        ...(result.card ? { card: result.card } : {}),
        hold: body.type !== 'end' && !result.end,
        ...(result.ask ? { ask: result.ask } : {}),
      };
      const confirmation = await deps.payments.confirmationFor(session, language, spokenName, reply);
      return confirmation ?? reply;
    },
  };
}

/** The delivery. */
export type MiniAppDelivery = ReturnType<typeof createMiniAppDelivery>;
