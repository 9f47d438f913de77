import { randomUUID } from 'node:crypto';
import type { TurnResponse as ContractTurnResponse } from '@genio/contracts';
import type { TurnRequest, TurnResponse } from '../../assistant/index.js';
import { type Language, languages } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import type { OrderingReply, VoiceOrdering } from './ordering.js';

/** A turn's answer as the contract has it: its card may be any of the screen's (product grid, confirmation…). */
export type ConversationAnswer = ContractTurnResponse;

function answerOf(conversationId: string, language: Language, reply: OrderingReply): ConversationAnswer {
  return {
    conversationId,
    language,
    intent: { name: reply.intent, slots: {} },
    speech: { text: reply.speech },
    ...(reply.card ? { card: reply.card } : {}),
    continueConversation: reply.continueConversation,
  };
}

/** One conversation turn as the HTTP and websocket routes call it, with the token speaking. */
export type Converse = (request: TurnRequest, speaker: { tokenId: string }) => Promise<ConversationAnswer>;

/**
 * Put ordering in front of the assistant: a turn about ordering (or any turn while an order is being
 * put together that ordering recognises) is answered by it; every other turn goes on to the assistant.
 */
export function withVoiceOrdering(deps: {
  turn: (request: TurnRequest) => Promise<TurnResponse>;
  ordering: VoiceOrdering;
  homes: HomeService;
}): Converse {
  return async (request, speaker) => {
    const conversationId = request.conversationId ?? randomUUID();
    if (request.choice !== undefined && request.conversationId && deps.ordering.holds(conversationId)) {
      const home = await deps.homes.getHome(request.homeId);
      const language: Language = request.language ?? home.language;
      const reply = await deps.ordering.choose(
        { homeId: request.homeId, conversationId, language, text: request.text, tokenId: speaker.tokenId },
        request.choice,
      );
      if (reply) return answerOf(conversationId, language, reply);
    }
    if (request.choice === undefined) {
      const home = await deps.homes.getHome(request.homeId);
      const first: Language = request.language ?? home.language;
      // "Order from …" may come in another language than the home's; its session then speaks it.
      const tries = deps.ordering.holds(conversationId)
        ? [first]
        : [first, ...languages.filter((l) => l !== first)];
      for (const language of tries) {
        const reply = await deps.ordering.handle({
          homeId: request.homeId,
          conversationId,
          language,
          text: request.text,
          tokenId: speaker.tokenId,
        });
        if (reply) return answerOf(conversationId, language, reply);
      }
    }
    return deps.turn(request);
  };
}
