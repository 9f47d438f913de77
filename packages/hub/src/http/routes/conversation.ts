import { Type } from 'typebox';
import { authorize } from '../../access/index.js';
import type { TurnRequest } from '../../assistant/index.js';
import { errorResponses, IdParam, LanguageSchema } from '../schemas.js';
import type { RouteModule } from '../types.js';
import type { TurnAnswer } from './events.js';

const Slot = Type.Object({ value: Type.Unknown(), text: Type.String() });
const TurnSchema = Type.Object(
  {
    conversationId: Type.String(),
    language: LanguageSchema,
    intent: Type.Union([
      Type.Object({ name: Type.String(), slots: Type.Record(Type.String(), Slot) }),
      Type.Null(),
    ]),
    speech: Type.Object({ text: Type.String() }),
    card: Type.Optional(Type.Unknown()),
    continueConversation: Type.Boolean(),
  },
  { $id: 'Turn' },
);

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
          body: Type.Object(
            {
              text: Type.String({ minLength: 1, maxLength: 1000 }),
              homeId: IdParam,
              language: Type.Optional(LanguageSchema),
              conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              choice: Type.Optional(IdParam),
            },
            { additionalProperties: false },
          ),
          response: { 200: TurnSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'conversation.turn', { kind: 'home', homeId: request.body.homeId });
        return turn(request.body, { tokenId: request.principal.tokenId });
      },
    );
  };
}
