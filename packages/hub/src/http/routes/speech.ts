/**
 * Speech over HTTP: a spoken turn (`POST /api/v1/conversation/audio`, a WAV body) answered like a
 * typed one plus what was heard, synthesis (`POST /api/v1/speech/synthesize` → a streamed WAV) and
 * which languages can be heard and spoken (`GET /api/v1/speech`). The audio is never stored.
 */
import { Readable } from 'node:stream';
import {
  AudioTurnResponseSchema,
  LanguageSchema,
  SpeechStatusSchema,
  SynthesizeRequestSchema,
} from '@genio/contracts';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { authorize } from '../../access/index.js';
import type { TurnRequest } from '../../assistant/index.js';
import { GenioError, type Language } from '../../errors/index.js';
import type { HomeService } from '../../homes/index.js';
import {
  decodeWav,
  MAX_UTTERANCE_SECONDS,
  type PcmAudio,
  resample,
  type SpeechService,
  wavHeader,
} from '../../speech/index.js';
import { errorResponses, Problem } from '../schemas.js';
import type { RouteModule } from '../types.js';
import type { TurnAnswer } from './events.js';

/** 30 s of 48 kHz stereo 16-bit audio and its header: the largest WAV body taken. */
export const MAX_AUDIO_BYTES = MAX_UTTERANCE_SECONDS * 48_000 * 2 * 2 + 4096;

const AudioQuery = Type.Object(
  {
    homeId: Type.String({ minLength: 1, maxLength: 64 }),
    language: Type.Optional(LanguageSchema),
    conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const WavBody = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'A WAV file (PCM 8/16/24/32-bit or float, any rate and channels), at most 30 s',
});

/** Said when nothing was recognised: the turn asks again instead of guessing. */
const notHeard: Record<Language, string> = {
  en: "Sorry, I didn't catch that.",
  zh: '抱歉，我没听清。',
  it: 'Scusa, non ho capito.',
  fr: "Désolé, je n'ai pas compris.",
};

const wavTypes = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'];

/** The speech routes. */
export function speechRoutes(deps: {
  speech: SpeechService;
  homes: HomeService;
  turn: (request: TurnRequest, speaker: { tokenId: string }) => Promise<TurnAnswer>;
}): RouteModule {
  return (app) => {
    app.addContentTypeParser(
      wavTypes,
      { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/v1/conversation/audio',
      {
        bodyLimit: MAX_AUDIO_BYTES,
        schema: {
          tags: ['assistant'],
          summary:
            'Say something to the assistant as audio (WAV); answered like a typed turn, plus the transcript',
          consumes: wavTypes,
          querystring: AudioQuery,
          body: WavBody,
          response: {
            200: AudioTurnResponseSchema,
            ...errorResponses,
            413: Problem,
            422: Problem,
            503: Problem,
          },
        },
        // The body is binary: only the query is checked against its schema.
        validatorCompiler: ({ httpPart }) =>
          httpPart === 'body'
            ? (data: unknown) =>
                Buffer.isBuffer(data)
                  ? { value: data }
                  : { error: new Error(`body must be audio (${wavTypes.join(', ')})`) }
            : (data: unknown) =>
                Value.Check(AudioQuery, data)
                  ? { value: data }
                  : {
                      error: new Error(
                        `querystring ${Value.Errors(AudioQuery, data)[0]?.message ?? 'is invalid'}`,
                      ),
                    },
      },
      async (request) => {
        const { homeId, conversationId } = request.query;
        authorize(request.principal, 'conversation.turn', { kind: 'home', homeId });
        const language = request.query.language ?? (await deps.homes.getHome(homeId)).language;
        const audio: PcmAudio = resample(decodeWav(request.body), 16_000);
        const transcript = await deps.speech.transcribe(audio, { language, homeId });
        if (!transcript.text)
          return {
            conversationId: conversationId ?? '',
            language,
            intent: null,
            speech: { text: notHeard[language] },
            continueConversation: false,
            transcript,
          };
        const answer = await deps.turn(
          {
            text: transcript.text,
            homeId,
            language,
            confidence: transcript.confidence,
            ...(conversationId ? { conversationId } : {}),
          },
          { tokenId: request.principal.tokenId },
        );
        return { ...answer, transcript };
      },
    );

    app.post(
      '/api/v1/speech/synthesize',
      {
        schema: {
          tags: ['speech'],
          summary: 'Speak a text: a WAV (16-bit mono) streamed as it is synthesised',
          body: SynthesizeRequestSchema,
          produces: ['audio/wav'],
          response: {
            200: Type.Unsafe({ type: 'string', format: 'binary', description: 'audio/wav, chunked' }),
            ...errorResponses,
            422: Problem,
            503: Problem,
          },
        },
      },
      async (request, reply) => {
        authorize(request.principal, 'speech.synthesize', { kind: 'hub' });
        const chunks = deps.speech
          .synthesize(request.body.text, { language: request.body.language })
          [Symbol.asyncIterator]();
        // The first chunk before any header: an unsupported language or a missing engine is a problem, not a broken WAV.
        const first = await chunks.next();
        if (first.done)
          throw new GenioError('validation_failed', { field: 'text', reason: 'nothing to say' });
        async function* wav() {
          yield wavHeader(first.value.rate);
          yield first.value.samples;
          for (let next = await chunks.next(); !next.done; next = await chunks.next())
            yield next.value.samples;
        }
        return reply.type('audio/wav').header('cache-control', 'no-store').send(Readable.from(wav()));
      },
    );

    app.get(
      '/api/v1/speech',
      {
        schema: {
          tags: ['speech'],
          summary: 'Which languages this hub can hear and speak now, and with which engines',
          response: { 200: SpeechStatusSchema, ...errorResponses },
        },
      },
      async (request) => {
        authorize(request.principal, 'speech.synthesize', { kind: 'hub' });
        return deps.speech.status();
      },
    );
  };
}
