/**
 * One screen socket's voice input: `audio.start` opens an utterance (authorised like a typed turn,
 * refused for a language no engine hears), binary frames fill a capped buffer, and the utterance ends
 * on `audio.stop`, on silence after speech, at the length cap or when nothing was said. What was heard
 * is transcribed, sent back as `audio.transcript`, and then said to the assistant exactly as typed
 * text would be (the caller's `runTurn`). Invariant: at most one utterance per socket at a time, and
 * the buffer never holds more than MAX_UTTERANCE_MS of audio.
 */
import {
  type AudioEndReason,
  MAX_AUDIO_FRAME_BYTES,
  MAX_UTTERANCE_MS,
  SCREEN_AUDIO_RATE,
} from '@genio/contracts';
import { authorize } from '../access/index.js';
import type { Principal } from '../auth/index.js';
import { GenioError, isGenioError, type Language, languages } from '../errors/index.js';
import { createEndpointer, type Endpointer, type EndpointState } from './endpointer.js';
import type { ScreenSpeech } from './types.js';

type MessageId = string | number;
type Outgoing = Record<string, unknown>;

export interface AudioSessionDeps {
  principal: Principal;
  speech: ScreenSpeech | undefined;
  send: (message: Outgoing) => void;
  /** Run a turn from the transcript, as the socket runs a typed `turn` message. */
  runTurn: (message: Record<string, unknown>) => void;
  /** Wall-clock guard: an utterance whose screen went quiet (no frames, no stop) is dropped after this. */
  idleMs?: number;
  /**
   * Shared by the sockets of one token: take a place for an utterance (false when the token has too
   * many open or being transcribed) and give it back when its transcript is sent.
   */
  places?: { take(): boolean; give(): void };
}

interface Utterance {
  id: MessageId | undefined;
  language: Language;
  homeId: string;
  conversationId: string | undefined;
  chunks: Buffer[];
  bytes: number;
  endpointer: Endpointer;
  idle: ReturnType<typeof setTimeout>;
  /** Returns this utterance's place in the token's count (once). */
  givePlace: () => void;
}

const MAX_BYTES = (SCREEN_AUDIO_RATE * 2 * MAX_UTTERANCE_MS) / 1000;

function fail(send: (m: Outgoing) => void, id: MessageId | undefined, error: unknown): void {
  const genio = isGenioError(error) ? error : new GenioError('internal', {}, { cause: error });
  send({ type: 'error', ...(id === undefined ? {} : { id }), code: genio.code, problem: genio.toProblem() });
}

function readId(message: Record<string, unknown>): MessageId | undefined {
  const { id } = message;
  if (typeof id === 'string' && id.length <= 64) return id;
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  return undefined;
}

/** Whether a socket message belongs to the voice path. */
export function isVoiceMessage(message: Record<string, unknown>): boolean {
  return typeof message.type === 'string' && /^(audio|speech)\./.test(message.type);
}

/** The voice input of one socket. */
export function createAudioSession(deps: AudioSessionDeps) {
  let current: Utterance | null = null;
  /** Frames that arrived while an audio.start was still being checked; replayed once it is accepted. */
  let early: Buffer[] | null = null;
  let transcribing = false;
  let everStarted = false;
  let warnedStray = false;

  const status = async () => {
    if (!deps.speech) return { hear: [] as Language[], speak: [] as Language[] };
    const { hear, speak } = await deps.speech.status();
    return { hear: [...hear], speak: [...speak] };
  };

  const end = (reason: AudioEndReason) => {
    const utterance = current;
    if (!utterance) return;
    current = null;
    clearTimeout(utterance.idle);
    const { id } = utterance;
    deps.send({ type: 'audio.end', ...(id === undefined ? {} : { id }), reason });
    if (reason === 'cancelled' || reason === 'no-speech') {
      utterance.givePlace();
      if (reason === 'no-speech')
        deps.send({
          type: 'audio.transcript',
          ...(id === undefined ? {} : { id }),
          text: '',
          confidence: 0,
          language: utterance.language,
        });
      return;
    }
    void transcribe(utterance);
  };

  const transcribe = async (utterance: Utterance) => {
    const speech = deps.speech;
    if (!speech) return;
    const { id } = utterance;
    transcribing = true;
    try {
      const heard = await speech.transcribe(
        { rate: SCREEN_AUDIO_RATE, samples: Buffer.concat(utterance.chunks, utterance.bytes) },
        { language: utterance.language, homeId: utterance.homeId },
      );
      const text = heard.text.trim();
      deps.send({
        type: 'audio.transcript',
        ...(id === undefined ? {} : { id }),
        text,
        confidence: heard.confidence,
        language: heard.language,
      });
      if (text === '') return;
      deps.runTurn({
        type: 'turn',
        ...(id === undefined ? {} : { id }),
        text: text.slice(0, 1000),
        homeId: utterance.homeId,
        language: heard.language,
        ...(utterance.conversationId ? { conversationId: utterance.conversationId } : {}),
      });
    } catch (error) {
      fail(deps.send, id, error);
    } finally {
      transcribing = false;
      utterance.givePlace();
    }
  };

  const start = async (message: Record<string, unknown>, id: MessageId | undefined) => {
    // Frames racing a refused start are expected; they are not a client bug to report again.
    everStarted = true;
    const { language, rate, conversationId } = message;
    const homeId = message.homeId ?? deps.principal.homeId;
    if (rate !== SCREEN_AUDIO_RATE)
      throw new GenioError('validation_failed', { field: 'rate', reason: `must be ${SCREEN_AUDIO_RATE}` });
    if (!(languages as readonly unknown[]).includes(language))
      throw new GenioError('validation_failed', {
        field: 'language',
        reason: `one of ${languages.join(', ')}`,
      });
    if (typeof homeId !== 'string')
      throw new GenioError('validation_failed', { field: 'homeId', reason: 'required for this token' });
    if (conversationId !== undefined && (typeof conversationId !== 'string' || conversationId.length > 64))
      throw new GenioError('validation_failed', { field: 'conversationId', reason: 'at most 64 characters' });
    authorize(deps.principal, 'conversation.turn', { kind: 'home', homeId });
    if (current || transcribing || early)
      throw new GenioError('conflict', { reason: 'one utterance at a time on this connection' });
    if (deps.places && !deps.places.take())
      throw new GenioError('rate_limited', { reason: 'too many utterances at once for this token' });
    let placeHeld = true;
    const givePlace = () => {
      if (placeHeld) deps.places?.give();
      placeHeld = false;
    };
    early = [];
    let hear: Language[];
    try {
      ({ hear } = await status());
    } catch (error) {
      early = null;
      givePlace();
      throw error;
    }
    const waiting = early;
    early = null;
    if (!hear.includes(language as Language)) {
      givePlace();
      throw new GenioError('language_unsupported', {
        task: 'hear',
        language,
        available: hear.join(', '),
      });
    }
    current = {
      id,
      language: language as Language,
      homeId,
      conversationId: conversationId as string | undefined,
      chunks: [],
      bytes: 0,
      endpointer: createEndpointer({ rate: SCREEN_AUDIO_RATE, maxMs: MAX_UTTERANCE_MS }),
      givePlace,
      idle: setTimeout(() => end('cancelled'), deps.idleMs ?? MAX_UTTERANCE_MS + 5000),
    };
    deps.send({ type: 'audio.listening', ...(id === undefined ? {} : { id }) });
    for (const frame of waiting) session.frame(frame);
  };

  const session = {
    /** A JSON message of the voice path (`audio.*`, `speech.status`). */
    message(message: Record<string, unknown>): void {
      const id = readId(message);
      switch (message.type) {
        case 'speech.status':
          status().then(
            (known) => deps.send({ type: 'speech.status', ...known }),
            (error) => fail(deps.send, id, error),
          );
          return;
        case 'audio.start':
          start(message, id).catch((error) => fail(deps.send, id, error));
          return;
        case 'audio.stop':
          end('released');
          return;
        case 'audio.cancel':
          end('cancelled');
          return;
        default:
          fail(
            deps.send,
            id,
            new GenioError('validation_failed', { field: 'type', reason: 'unknown message type' }),
          );
      }
    },
    /** A binary frame: PCM of the open utterance. */
    frame(data: Buffer): void {
      const utterance = current;
      if (early && early.length < 64) {
        early.push(Buffer.from(data));
        return;
      }
      if (!utterance) {
        // Frames already in flight when the hub ended the utterance are expected; frames with no
        // utterance ever started are a client bug, said once.
        if (!everStarted && !warnedStray) {
          warnedStray = true;
          fail(
            deps.send,
            undefined,
            new GenioError('validation_failed', {
              field: 'audio',
              reason: 'send audio.start before audio frames',
            }),
          );
        }
        return;
      }
      if (data.length > MAX_AUDIO_FRAME_BYTES || data.length % 2 !== 0) {
        end('cancelled');
        fail(
          deps.send,
          utterance.id,
          data.length % 2 !== 0
            ? new GenioError('validation_failed', { field: 'audio', reason: 'whole 16-bit samples' })
            : new GenioError('payload_too_large', { limit: MAX_AUDIO_FRAME_BYTES }),
        );
        return;
      }
      const room = MAX_BYTES - utterance.bytes;
      const kept = data.length > room ? data.subarray(0, room) : data;
      utterance.chunks.push(Buffer.from(kept));
      utterance.bytes += kept.length;
      const samples = new Int16Array(kept.buffer.slice(kept.byteOffset, kept.byteOffset + kept.length));
      const state: EndpointState = utterance.endpointer.push(samples);
      if (state === 'ended') end('silence');
      else if (state === 'no-speech') end('no-speech');
      else if (state === 'limit' || utterance.bytes >= MAX_BYTES) end('limit');
    },
    /** The socket closed: drop what is buffered. */
    close(): void {
      if (current) {
        clearTimeout(current.idle);
        current.givePlace();
      }
      current = null;
      early = null;
    },
  };
  return session;
}

/** The voice input of one socket. */
export type AudioSession = ReturnType<typeof createAudioSession>;
