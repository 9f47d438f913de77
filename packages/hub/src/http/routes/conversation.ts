import { TurnRequestSchema, TurnResponseSchema } from '@genio/contracts';
import { authorize } from '../../access/index.js';
import type { TurnRequest } from '../../assistant/index.js';
import { errorResponses } from '../schemas.js';
import type { RouteModule } from '../types.js';
import type { TurnAnswer } from './events.js';

/** POST /api/v1/conversation: one turn of a conversation, as text. */
export function conversationRoutes(
  turn: (request: TurnRequest, speaker: { tokenId: string }) => Promise<TurnAnswer>,
): RouteModule {
  return (app) => {
    app.post(
      '/api/v1/conversation',
      {
        schema: {
          tags: ['assistant'],
          summary:
            'Say something to the assistant; it acts and answers in the home’s (or the detected) language',
          body: TurnRequestSchema,
          response: { 200: TurnResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'conversation.turn', { kind: 'home', homeId: request.body.homeId });
        return turn(request.body, { tokenId: request.principal.tokenId });
      },
    );
  };
}
