import { TurnRequestSchema, TurnResponseSchema } from '@genio/contracts';
import { authorize } from '../../access/index.js';
import type { Assistant } from '../../assistant/index.js';
import { errorResponses } from '../schemas.js';
import type { RouteModule } from '../types.js';

/** POST /api/v1/conversation: one turn of a conversation, as text. */
export function conversationRoutes(assistant: Assistant): RouteModule {
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
        return assistant.turn(request.body);
      },
    );
  };
}
