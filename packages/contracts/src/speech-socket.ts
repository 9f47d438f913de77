import { type Static, Type } from 'typebox';
import { LanguageSchema } from './languages.js';

/**
 * Speech over the screen's websocket (`GET /api/v1/events`). One utterance at a time per socket:
 * `audio.start`, then binary frames of signed 16-bit little-endian mono PCM at `rate`, then
 * `audio.stop` (button released) — or the hub ends it itself when the speaker falls silent, says
 * so with `audio.end`, and answers with `audio.transcript` followed by the same `turn` message a
 * typed turn gets (carrying the start message's `id`).
 */

/** The only capture rate the hub takes from a screen. */
export const SCREEN_AUDIO_RATE = 16_000;
/** Largest binary frame: half a second of 16 kHz audio (screens send about 100 ms). */
export const MAX_AUDIO_FRAME_BYTES = 16_000;
/** Longest utterance the hub buffers: 30 s; it ends the utterance there. */
export const MAX_UTTERANCE_MS = 30_000;

const MessageId = Type.Union([Type.String({ maxLength: 64 }), Type.Integer()]);

/** Screen -> hub: an utterance begins; binary frames follow. */
export const AudioStartMessageSchema = Type.Object(
  {
    type: Type.Literal('audio.start'),
    id: Type.Optional(MessageId),
    language: LanguageSchema,
    rate: Type.Literal(SCREEN_AUDIO_RATE),
    /** The conversation to continue when the assistant asked a question. */
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AudioStartMessage = Static<typeof AudioStartMessageSchema>;

/** Screen -> hub: the button was released; transcribe what was heard. */
export const AudioStopMessageSchema = Type.Object(
  { type: Type.Literal('audio.stop') },
  { additionalProperties: false },
);
/** Screen -> hub: forget the utterance (nothing is transcribed). */
export const AudioCancelMessageSchema = Type.Object(
  { type: Type.Literal('audio.cancel') },
  { additionalProperties: false },
);
/** Screen -> hub: which languages can be heard and spoken here now. */
export const SpeechStatusRequestSchema = Type.Object(
  { type: Type.Literal('speech.status') },
  { additionalProperties: false },
);

/** Why the hub stopped listening. */
export const audioEndReasons = ['released', 'silence', 'limit', 'no-speech', 'cancelled'] as const;
export type AudioEndReason = (typeof audioEndReasons)[number];

/** Hub -> screen: the utterance was accepted; frames may flow. */
export const AudioListeningMessageSchema = Type.Object({
  type: Type.Literal('audio.listening'),
  id: Type.Optional(MessageId),
});
/** Hub -> screen: the hub stopped listening (the screen stops capturing). */
export const AudioEndMessageSchema = Type.Object({
  type: Type.Literal('audio.end'),
  id: Type.Optional(MessageId),
  reason: Type.Union(audioEndReasons.map((reason) => Type.Literal(reason))),
});
export type AudioEndMessage = Static<typeof AudioEndMessageSchema>;
/** Hub -> screen: what was heard; the turn's answer follows as a `turn` message. */
export const AudioTranscriptMessageSchema = Type.Object({
  type: Type.Literal('audio.transcript'),
  id: Type.Optional(MessageId),
  text: Type.String(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  language: LanguageSchema,
});
export type AudioTranscriptMessage = Static<typeof AudioTranscriptMessageSchema>;
/** Hub -> screen: the languages this hub can hear (recognise) and speak (synthesise) now. */
export const SpeechStatusMessageSchema = Type.Object({
  type: Type.Literal('speech.status'),
  hear: Type.Array(LanguageSchema),
  speak: Type.Array(LanguageSchema),
});
export type SpeechStatusMessage = Static<typeof SpeechStatusMessageSchema>;
