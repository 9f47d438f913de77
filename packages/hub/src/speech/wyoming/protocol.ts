/**
 * The Wyoming protocol of Home Assistant's voice stack: each event is one JSON header line
 * `{"type","data"?,"data_length"?,"payload_length"?}\n`, then `data_length` bytes of JSON data
 * (merged over the header's own `data`), then `payload_length` bytes of binary payload (audio).
 */
import type { Socket } from 'node:net';

/** One Wyoming event. */
export interface WyomingEvent {
  type: string;
  data: Record<string, unknown>;
  payload?: Buffer;
}

/** Protocol version written in headers. */
export const WYOMING_VERSION = '1.5.2';

/** Largest header or data section accepted (a header is a short line of JSON). */
const MAX_JSON_BYTES = 1 << 20;
/** Largest payload accepted in one event (one audio chunk is a few kilobytes). */
const MAX_PAYLOAD_BYTES = 4 << 20;

/** Encode an event for the wire. */
export function encodeEvent(event: WyomingEvent): Buffer {
  const data = Buffer.from(JSON.stringify(event.data ?? {}), 'utf8');
  const header: Record<string, unknown> = {
    type: event.type,
    version: WYOMING_VERSION,
    data_length: data.length,
  };
  if (event.payload?.length) header.payload_length = event.payload.length;
  return Buffer.concat([
    Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'),
    data,
    ...(event.payload?.length ? [event.payload] : []),
  ]);
}

/** A protocol error: the peer sent something that is not a Wyoming event. */
export class WyomingProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WyomingProtocolError';
  }
}

function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new WyomingProtocolError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** Reads events from a byte stream; feed it chunks, take events as they complete. */
export class EventReader {
  private buffer: Buffer = Buffer.alloc(0);
  private header: {
    type: string;
    data: Record<string, unknown>;
    dataLength: number;
    payloadLength: number;
  } | null = null;

  /** Add bytes; returns every event now complete. */
  push(chunk: Buffer): WyomingEvent[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const events: WyomingEvent[] = [];
    for (;;) {
      if (!this.header) {
        const end = this.buffer.indexOf(0x0a);
        if (end < 0) {
          if (this.buffer.length > MAX_JSON_BYTES) throw new WyomingProtocolError('header line too long');
          break;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(this.buffer.subarray(0, end).toString('utf8'));
        } catch {
          throw new WyomingProtocolError('header is not JSON');
        }
        this.buffer = this.buffer.subarray(end + 1);
        const header = objectOf(parsed, 'header');
        if (typeof header.type !== 'string' || !header.type)
          throw new WyomingProtocolError('header has no type');
        const dataLength = Number(header.data_length ?? 0);
        const payloadLength = Number(header.payload_length ?? 0);
        if (!Number.isInteger(dataLength) || dataLength < 0 || dataLength > MAX_JSON_BYTES)
          throw new WyomingProtocolError('bad data_length');
        if (!Number.isInteger(payloadLength) || payloadLength < 0 || payloadLength > MAX_PAYLOAD_BYTES)
          throw new WyomingProtocolError('bad payload_length');
        this.header = { type: header.type, data: objectOf(header.data, 'data'), dataLength, payloadLength };
      }
      const { type, data, dataLength, payloadLength } = this.header;
      if (this.buffer.length < dataLength + payloadLength) break;
      let extra: Record<string, unknown> = {};
      if (dataLength) {
        try {
          extra = objectOf(JSON.parse(this.buffer.subarray(0, dataLength).toString('utf8')), 'data');
        } catch (error) {
          if (error instanceof WyomingProtocolError) throw error;
          throw new WyomingProtocolError('data is not JSON');
        }
      }
      const payload = payloadLength
        ? Buffer.from(this.buffer.subarray(dataLength, dataLength + payloadLength))
        : undefined;
      this.buffer = this.buffer.subarray(dataLength + payloadLength);
      this.header = null;
      events.push({ type, data: { ...data, ...extra }, ...(payload ? { payload } : {}) });
    }
    return events;
  }
}

/** Events of a socket as an async iterator; ends when the socket ends, throws on a protocol error. */
export async function* readEvents(socket: Socket): AsyncIterable<WyomingEvent> {
  const reader = new EventReader();
  for await (const chunk of socket as AsyncIterable<Buffer>) yield* reader.push(chunk);
}

/** Audio format fields of audio-start / audio-chunk. */
export interface AudioFormat {
  rate: number;
  width: number;
  channels: number;
}

/** Read and check the audio format of an event. */
export function audioFormatOf(data: Record<string, unknown>): AudioFormat {
  const rate = Number(data.rate);
  const width = Number(data.width);
  const channels = Number(data.channels);
  if (!Number.isInteger(rate) || rate < 4000 || rate > 192_000)
    throw new WyomingProtocolError('bad audio rate');
  if (width !== 2 && width !== 1 && width !== 4)
    throw new WyomingProtocolError('audio width must be 1, 2 or 4');
  if (!Number.isInteger(channels) || channels < 1 || channels > 8)
    throw new WyomingProtocolError('bad channels');
  return { rate, width, channels };
}

/** Samples of any width and channel count as 16-bit mono. */
export function toMono16(samples: Buffer, format: AudioFormat): Buffer {
  if (format.width === 2 && format.channels === 1) return samples;
  const frame = format.width * format.channels;
  const frames = Math.floor(samples.length / frame);
  const out = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < format.channels; c++) {
      const at = i * frame + c * format.width;
      sum +=
        format.width === 2
          ? samples.readInt16LE(at)
          : format.width === 1
            ? (samples.readUInt8(at) - 128) * 256
            : samples.readInt32LE(at) / 65536;
    }
    out.writeInt16LE(Math.round(sum / format.channels), i * 2);
  }
  return out;
}
