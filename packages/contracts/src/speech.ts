import { type Static, Type } from 'typebox';
import { LanguageSchema } from './languages.js';
import { TurnResponseSchema } from './turn.js';

/** What speech recognition heard, and how sure it was (0..1). */
export const TranscriptSchema = Type.Object({
  text: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  language: LanguageSchema,
});
/** What speech recognition heard. */
export type Transcript = Static<typeof TranscriptSchema>;

/** A spoken turn (`POST /api/v1/conversation/audio`): the turn's answer plus what was heard. */
export const AudioTurnResponseSchema = Type.Object(
  {
    ...TurnResponseSchema.properties,
    transcript: TranscriptSchema,
  },
  { $id: 'AudioTurn' },
);
/** A spoken turn as answered. */
export type AudioTurnResponse = Static<typeof AudioTurnResponseSchema>;

/** `POST /api/v1/speech/synthesize`: a text to speak, in a language. */
export const SynthesizeRequestSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    language: LanguageSchema,
  },
  { additionalProperties: false },
);
/** A text to speak. */
export type SynthesizeRequest = Static<typeof SynthesizeRequestSchema>;

/** Which languages this hub can hear and speak now (`GET /api/v1/speech`). */
export const SpeechStatusSchema = Type.Object({
  hear: Type.Array(LanguageSchema),
  speak: Type.Array(LanguageSchema),
  engines: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal('stt'), Type.Literal('tts')]),
      languages: Type.Array(LanguageSchema),
    }),
  ),
});
/** Which languages this hub can hear and speak now. */
export type SpeechStatus = Static<typeof SpeechStatusSchema>;
