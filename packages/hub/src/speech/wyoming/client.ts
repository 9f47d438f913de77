/**
 * A Wyoming client: speech recognition and synthesis on any Wyoming server (faster-whisper,
 * speech-to-phrase, piper, or another Genio), so languages the local engines lack come from there.
 */
import { connect, type Socket } from 'node:net';
import { languages as allLanguages, GenioError, type Language } from '../../errors/index.js';
import type { PcmAudio, SpeechToText, TextToSpeech } from '../types.js';
import { audioFormatOf, encodeEvent, readEvents, toMono16, type WyomingEvent } from './protocol.js';

/** What a Wyoming server's `info` says it serves. */
export interface WyomingInfo {
  asr: Language[];
  tts: Language[];
  handle: Language[];
  /** The raw info event data. */
  raw: Record<string, unknown>;
}

/** Address of a Wyoming server from `tcp://host:port`. */
export function parseWyomingUrl(url: string): { host: string; port: number } {
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(url);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535)
    throw new GenioError('config_invalid', { detail: `Wyoming address ${url} is not tcp://host:port` });
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

/** A Wyoming language tag ("en_US", "zh-CN", "cmn") as one of Genio's languages. */
export function genioLanguage(tag: string): Language | null {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  if (base === 'cmn' || base === 'yue') return 'zh';
  return (allLanguages as readonly string[]).includes(base) ? (base as Language) : null;
}

/** One connection: send events, take the events that come back. */
export async function openWyoming(url: string, timeoutMs = 15_000) {
  const { host, port } = parseWyomingUrl(url);
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host, port }, () => resolve(s));
    s.once('error', (error) =>
      reject(new GenioError('unavailable', { what: `Wyoming server ${url}`, reason: error.message })),
    );
  });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)));
  const events = readEvents(socket)[Symbol.asyncIterator]();
  return {
    send(event: WyomingEvent) {
      socket.write(encodeEvent(event));
    },
    /** The next event of one of these types; others (such as `transcript-chunk`) are passed over. */
    async next(...types: string[]): Promise<WyomingEvent> {
      for (;;) {
        const { value, done } = await events.next();
        if (done) throw new GenioError('unavailable', { what: `Wyoming server ${url}`, reason: 'closed' });
        if (value.type === 'error')
          throw new GenioError('unavailable', {
            what: `Wyoming server ${url}`,
            reason: String(value.data.text),
          });
        if (types.includes(value.type)) return value;
      }
    },
    /** Every event until one of the given types (inclusive). */
    async *until(type: string, ...wanted: string[]): AsyncIterable<WyomingEvent> {
      for (;;) {
        const event = await this.next(type, ...wanted);
        yield event;
        if (event.type === type) return;
      }
    },
    close() {
      socket.end();
      socket.destroy();
    },
  };
}

function languagesOf(programs: unknown, field: 'models' | 'voices'): Language[] {
  const found = new Set<Language>();
  for (const program of Array.isArray(programs) ? programs : []) {
    const p = program as Record<string, unknown>;
    if (p.installed === false) continue;
    for (const model of Array.isArray(p[field]) ? (p[field] as Array<Record<string, unknown>>) : []) {
      if (model.installed === false) continue;
      for (const tag of Array.isArray(model.languages) ? model.languages : []) {
        const language = typeof tag === 'string' ? genioLanguage(tag) : null;
        if (language) found.add(language);
      }
    }
  }
  return allLanguages.filter((l) => found.has(l));
}

/** Ask a server what it serves. */
export async function describeWyoming(url: string): Promise<WyomingInfo> {
  const connection = await openWyoming(url);
  try {
    connection.send({ type: 'describe', data: {} });
    const info = await connection.next('info');
    return {
      asr: languagesOf(info.data.asr, 'models'),
      tts: languagesOf(info.data.tts, 'voices'),
      handle: languagesOf(info.data.handle, 'models'),
      raw: info.data,
    };
  } finally {
    connection.close();
  }
}

/** `info` is asked again after this long, so a server started later is found. */
const INFO_TTL_MS = 60_000;

function cachedInfo(url: string) {
  let cached: { at: number; info: Promise<WyomingInfo | null> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > INFO_TTL_MS)
      cached = { at: Date.now(), info: describeWyoming(url).catch(() => null) };
    return cached.info;
  };
}

/** Samples are sent in chunks of this many bytes (1024 samples), as Wyoming satellites do. */
const CHUNK_BYTES = 2048;

/** Recognition on a Wyoming server; confidence is the server's when it sends one, else 1. */
export function createWyomingStt(options: { url: string }): SpeechToText {
  const info = cachedInfo(options.url);
  return {
    id: `wyoming:${options.url}`,
    async languages() {
      return (await info())?.asr ?? [];
    },
    async transcribe(audio: PcmAudio, { language }) {
      const connection = await openWyoming(options.url);
      try {
        const format = { rate: audio.rate, width: 2, channels: 1 };
        connection.send({ type: 'transcribe', data: { language } });
        connection.send({ type: 'audio-start', data: { ...format, timestamp: 0 } });
        for (let at = 0; at < audio.samples.length; at += CHUNK_BYTES)
          connection.send({
            type: 'audio-chunk',
            data: { ...format, timestamp: Math.round(((at / 2) * 1000) / audio.rate) },
            payload: audio.samples.subarray(at, at + CHUNK_BYTES),
          });
        connection.send({
          type: 'audio-stop',
          data: { timestamp: Math.round((audio.samples.length / 2 / audio.rate) * 1000) },
        });
        const transcript = await connection.next('transcript');
        const confidence = Number(transcript.data.confidence);
        return {
          text: String(transcript.data.text ?? '').trim(),
          confidence: Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 1,
          language,
        };
      } finally {
        connection.close();
      }
    },
  };
}

/** Synthesis on a Wyoming server (piper): chunks are passed on as they arrive. */
export function createWyomingTts(options: { url: string; voice?: string }): TextToSpeech {
  const info = cachedInfo(options.url);
  return {
    id: `wyoming:${options.url}`,
    async languages() {
      return (await info())?.tts ?? [];
    },
    async *synthesize(text, { language }) {
      const connection = await openWyoming(options.url);
      try {
        connection.send({
          type: 'synthesize',
          data: { text, voice: { language, ...(options.voice ? { name: options.voice } : {}) } },
        });
        for await (const event of connection.until('audio-stop', 'audio-start', 'audio-chunk')) {
          if (event.type !== 'audio-chunk' || !event.payload) continue;
          const format = audioFormatOf(event.data);
          yield { rate: format.rate, samples: toMono16(event.payload, format) };
        }
      } finally {
        connection.close();
      }
    },
  };
}
