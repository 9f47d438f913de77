/**
 * The intent registry: the seam through which other modules (commerce ordering, mini-apps) add
 * voice intents at run time. An intent brings its sentences per language as data (the template
 * syntax of nlu/template.ts, slots as `{name}`: numbers for the number slots, values of the lists
 * it gives, or any words) and a handler. Registering compiles its sentences at once, so the
 * recogniser knows them on the next turn; no restart, no change to the assistant's code.
 */
import type { Card } from '@genio/contracts';
import { GenioError, isGenioError, type Language, languages } from '../errors/index.js';
import {
  type Grammar,
  LanguageRecognizer,
  type ListEntry,
  numberSlots,
  type Recognition,
  type SlotValue,
} from './nlu/recognizer.js';

/** What a handler is given. */
export interface IntentRequest {
  intent: string;
  slots: Record<string, SlotValue>;
  language: Language;
  homeId: string;
  conversationId: string;
  text: string;
}

/** What a handler answers. `hold: true` keeps the conversation with its owner for the next turn. */
export interface IntentReply {
  speech: string;
  /** One of the screen's cards (declarative JSON). */
  card?: Card;
  hold?: boolean;
}

/** A voice intent contributed by a module. */
export interface IntentDefinition {
  /** A unique name, such as "commerce.order". */
  id: string;
  /** Who contributed it (a module or mini-app); intents of the owner holding a conversation win. */
  owner?: string;
  /** Recognised only while its owner holds the conversation (a mini-app's own intents). */
  heldOnly?: boolean;
  /** Sentence templates per language. */
  sentences: Partial<Record<Language, string[]>>;
  /** Slot lists per language: slot name -> values. */
  lists?: Partial<Record<Language, Record<string, ListEntry[]>>>;
  handler(request: IntentRequest): Promise<IntentReply> | IntentReply;
}

/** A registered intent as listed. */
export interface RegisteredIntent {
  id: string;
  owner: string;
  languages: Language[];
}

/** The registry of contributed intents. */
export interface IntentRegistry {
  register(definition: IntentDefinition): void;
  unregister(id: string): boolean;
  list(): RegisteredIntent[];
  /** Every registered intent's sentence templates and slot lists in one language (for speech grammars). */
  sentences(language: Language): Array<{ sentences: string[]; lists: Record<string, ListEntry[]> }>;
  /** The best contributed intent for an utterance, the holder's first when one holds the conversation. */
  recognize(
    text: string,
    language: Language,
    holder?: string,
  ): { definition: IntentDefinition; recognition: Recognition } | null;
  /** Run a handler; a GenioError it throws is spoken in the turn's language. */
  handle(definition: IntentDefinition, request: IntentRequest): Promise<IntentReply>;
}

interface Entry {
  definition: IntentDefinition;
  owner: string;
  recognizers: Partial<Record<Language, LanguageRecognizer>>;
}

/** Create an empty registry. */
export function createIntentRegistry(): IntentRegistry {
  const entries = new Map<string, Entry>();
  return {
    register(definition) {
      if (!/^[a-z][a-z0-9_.-]*$/i.test(definition.id))
        throw new GenioError('validation_failed', { field: 'id', reason: 'letters, digits, . _ -' });
      if (entries.has(definition.id))
        throw new GenioError('validation_failed', {
          field: 'id',
          reason: `${definition.id} is already registered`,
        });
      const recognizers: Entry['recognizers'] = {};
      for (const language of languages) {
        const sentences = definition.sentences[language];
        if (!sentences?.length) continue;
        const grammar: Grammar = {
          language,
          rules: {},
          lists: definition.lists?.[language] ?? {},
          intents: [{ intent: definition.id, sentences }],
          fillers: [],
          cues: {},
        };
        recognizers[language] = new LanguageRecognizer(grammar);
      }
      if (Object.keys(recognizers).length === 0)
        throw new GenioError('validation_failed', { field: 'sentences', reason: 'at least one language' });
      entries.set(definition.id, { definition, owner: definition.owner ?? definition.id, recognizers });
    },
    unregister: (id) => entries.delete(id),
    list: () =>
      [...entries.values()].map((e) => ({
        id: e.definition.id,
        owner: e.owner,
        languages: Object.keys(e.recognizers) as Language[],
      })),
    sentences: (language) =>
      [...entries.values()]
        .filter((e) => e.recognizers[language])
        .map((e) => ({
          sentences: e.definition.sentences[language] ?? [],
          lists: e.definition.lists?.[language] ?? {},
        })),
    recognize(text, language, holder) {
      let best: { definition: IntentDefinition; recognition: Recognition; held: boolean } | null = null;
      for (const entry of entries.values()) {
        const found = entry.recognizers[language]?.recognize(text);
        if (!found) continue;
        const held = holder !== undefined && entry.owner === holder;
        if (entry.definition.heldOnly && !held) continue;
        // "{answer}" takes any words: a sentence of any words wins only while its owner holds the conversation.
        const lists = entry.definition.lists?.[language] ?? {};
        const wild = Object.keys(found.slots).some((slot) => !numberSlots.has(slot) && !(slot in lists));
        const recognition = wild && !held ? { ...found, confidence: Math.min(found.confidence, 0.5) } : found;
        if (
          !best ||
          (held && !best.held) ||
          (held === best.held && recognition.confidence > best.recognition.confidence)
        )
          best = { definition: entry.definition, recognition, held };
      }
      return best && { definition: best.definition, recognition: best.recognition };
    },
    async handle(definition, request) {
      try {
        return await definition.handler(request);
      } catch (error) {
        if (isGenioError(error)) return { speech: error.messageIn(request.language) };
        throw error;
      }
    },
  };
}
