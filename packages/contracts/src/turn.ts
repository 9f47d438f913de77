import { type Static, Type } from 'typebox';
import { CardSchema } from './cards.js';
import { LanguageSchema } from './languages.js';

/** One turn as asked (`POST /api/v1/conversation`, or `{ "type": "turn", ... }` on the events websocket). */
export const TurnRequestSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 1000 }),
    homeId: Type.String({ minLength: 1, maxLength: 64 }),
    language: Type.Optional(LanguageSchema),
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** The id of the item tapped in the open question's list card. */
    choice: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** How sure speech recognition is of `text`, 0..1; below 0.6 risky actions are confirmed first. */
    confidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
/** One turn as asked. */
export type TurnRequest = Static<typeof TurnRequestSchema>;

/** A slot the recogniser filled: the resolved value and the words it came from. */
export const SlotSchema = Type.Object({ value: Type.Unknown(), text: Type.String() });

/** One turn as answered. */
export const TurnResponseSchema = Type.Object(
  {
    conversationId: Type.String(),
    language: LanguageSchema,
    intent: Type.Union([
      Type.Object({ name: Type.String(), slots: Type.Record(Type.String(), SlotSchema) }),
      Type.Null(),
    ]),
    speech: Type.Object({ text: Type.String() }),
    card: Type.Optional(CardSchema),
    /** True while the assistant waits for an answer (a question was asked). */
    continueConversation: Type.Boolean(),
  },
  { $id: 'Turn' },
);
/** One turn as answered. */
export type TurnResponse = Static<typeof TurnResponseSchema>;
