/**
 * Genio as a Wyoming server: Home Assistant or any Wyoming satellite can use the hub's recognisers
 * (`asr`), voices (`tts`) and the assistant itself (`handle`: a transcript in, the answer's text out).
 * Wyoming has no authentication: it listens on loopback unless told otherwise, and serves one home.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { isGenioError, type Language } from '../../errors/index.js';
import type { SpeechService } from '../service.js';
import { MAX_UTTERANCE_SECONDS } from '../service.js';
import { genioLanguage } from './client.js';
import { audioFormatOf, encodeEvent, readEvents, toMono16, type WyomingEvent } from './protocol.js';

/** What the server needs from the hub. */
export interface WyomingServerDeps {
  speech: SpeechService;
  /** The home whose names shape recognition and whose assistant handles transcripts. */
  homeId: () => Promise<string | null>;
  /** Run a transcript through the assistant; the answer's text. */
  handle?: (text: string, language: Language, homeId: string) => Promise<string>;
  /** Language when a request names none. */
  defaultLanguage: Language;
  version: string;
}

/** Longest text synthesised in one request, as over HTTP. */
const MAX_SYNTHESIS_CHARS = 2000;

const attribution = { name: 'Genio', url: 'https://github.com/genio' };

function program(name: string, description: string, version: string) {
  return { name, description, attribution, installed: true, version };
}

/** The `info` answer: one program per service, its languages from the engines now. */
async function info(deps: WyomingServerDeps): Promise<Record<string, unknown>> {
  const status = await deps.speech.status();
  const model = (name: string, languages: Language[]) => ({
    ...program(name, `Genio ${name}`, deps.version),
    languages,
  });
  return {
    asr: status.hear.length
      ? [
          {
            ...program('genio-asr', 'Genio speech recognition', deps.version),
            models: [model('genio', status.hear)],
          },
        ]
      : [],
    tts: status.speak.length
      ? [
          {
            ...program('genio-tts', 'Genio speech synthesis', deps.version),
            voices: status.speak.map((l) => model(`genio-${l}`, [l])),
          },
        ]
      : [],
    handle: deps.handle
      ? [
          {
            ...program('genio-assistant', 'Genio assistant', deps.version),
            models: [model('genio-assistant', ['zh', 'en', 'it', 'fr'])],
          },
        ]
      : [],
    intent: [],
    wake: [],
  };
}

function languageFrom(value: unknown, fallback: Language): Language {
  return (typeof value === 'string' && genioLanguage(value)) || fallback;
}

async function serve(socket: Socket, deps: WyomingServerDeps): Promise<void> {
  const send = (event: WyomingEvent) => socket.write(encodeEvent(event));
  let language = deps.defaultLanguage;
  let audio: { rate: number; chunks: Buffer[]; bytes: number } | null = null;
  for await (const event of readEvents(socket)) {
    try {
      switch (event.type) {
        case 'describe':
          send({ type: 'info', data: await info(deps) });
          break;
        case 'transcribe':
          language = languageFrom(event.data.language, deps.defaultLanguage);
          break;
        case 'audio-start':
          audio = { rate: audioFormatOf(event.data).rate, chunks: [], bytes: 0 };
          break;
        case 'audio-chunk': {
          if (!audio || !event.payload) break;
          const format = audioFormatOf(event.data);
          if (format.rate !== audio.rate) throw new Error('audio rate changed within one utterance');
          const samples = toMono16(event.payload, format);
          audio.bytes += samples.length;
          if (audio.bytes > MAX_UTTERANCE_SECONDS * audio.rate * 2)
            throw new Error(`utterance longer than ${MAX_UTTERANCE_SECONDS} s`);
          audio.chunks.push(samples);
          break;
        }
        case 'audio-stop': {
          if (!audio) break;
          const homeId = await deps.homeId();
          if (!homeId) throw new Error('no home is set for Wyoming (set --wyoming-home-id)');
          const pcm = { rate: audio.rate, samples: Buffer.concat(audio.chunks) };
          audio = null;
          const transcript = await deps.speech.transcribe(pcm, { language, homeId });
          send({
            type: 'transcript',
            data: { text: transcript.text, language: transcript.language, confidence: transcript.confidence },
          });
          break;
        }
        case 'synthesize': {
          const voice = (event.data.voice ?? {}) as Record<string, unknown>;
          const nameLanguage = typeof voice.name === 'string' ? voice.name.replace(/^genio-/, '') : undefined;
          const spoken = languageFrom(voice.language ?? nameLanguage, deps.defaultLanguage);
          let started = false;
          const text = String(event.data.text ?? '');
          if (text.length > MAX_SYNTHESIS_CHARS)
            throw new Error(`text longer than ${MAX_SYNTHESIS_CHARS} characters`);
          for await (const chunk of deps.speech.synthesize(text, { language: spoken })) {
            const format = { rate: chunk.rate, width: 2, channels: 1 };
            if (!started) send({ type: 'audio-start', data: format });
            started = true;
            send({ type: 'audio-chunk', data: format, payload: chunk.samples });
          }
          if (!started) send({ type: 'audio-start', data: { rate: 22_050, width: 2, channels: 1 } });
          send({ type: 'audio-stop', data: {} });
          break;
        }
        case 'transcript': {
          if (!deps.handle) throw new Error('this server has no handle service');
          const homeId = await deps.homeId();
          if (!homeId) throw new Error('no home is set for Wyoming (set --wyoming-home-id)');
          const said = languageFrom(event.data.language, deps.defaultLanguage);
          const text = await deps.handle(String(event.data.text ?? ''), said, homeId);
          send({ type: 'handled', data: { text } });
          break;
        }
        case 'ping':
          send({ type: 'pong', data: {} });
          break;
        default:
          break;
      }
    } catch (error) {
      const text = isGenioError(error) ? error.messageIn('en') : (error as Error).message;
      send({ type: 'error', data: { text, code: isGenioError(error) ? error.code : 'error' } });
    }
  }
}

/** Create the server; `listen` binds it. */
export function createWyomingServer(deps: WyomingServerDeps): Server {
  return createServer((socket) => {
    socket.setTimeout(5 * 60_000, () => socket.destroy());
    socket.on('error', () => {});
    serve(socket, deps).catch(() => socket.destroy());
  });
}
