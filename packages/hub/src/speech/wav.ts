/**
 * WAV in and out, and the one audio shape the engines take: 16-bit mono PCM. A WAV of any rate,
 * channel count or 8/16/24/32-bit integer (or 32-bit float) samples becomes 16-bit mono; a linear
 * resampler brings it to the rate an engine wants.
 */
import { GenioError } from '../errors/index.js';
import type { PcmAudio } from './types.js';

/** The format fields of a WAV file and where its samples start. */
interface WavFormat {
  format: number;
  channels: number;
  rate: number;
  bits: number;
  dataOffset: number;
  dataLength: number;
}

function invalid(reason: string): GenioError {
  return new GenioError('validation_failed', { field: 'audio', reason });
}

/** Read the header of a RIFF/WAVE file; a streamed WAV (size 0 or too large) runs to the end. */
export function readWavHeader(wav: Buffer): WavFormat {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE')
    throw invalid('not a WAV file (RIFF/WAVE header missing)');
  let offset = 12;
  let fmt: Omit<WavFormat, 'dataOffset' | 'dataLength'> | null = null;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > wav.length) throw invalid('WAV format chunk is too short');
      const tag = wav.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      const format = tag === 0xfffe && size >= 40 ? wav.readUInt16LE(body + 24) : tag;
      fmt = {
        format,
        channels: wav.readUInt16LE(body + 2),
        rate: wav.readUInt32LE(body + 4),
        bits: wav.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) throw invalid('WAV data chunk comes before its format chunk');
      const available = wav.length - body;
      return { ...fmt, dataOffset: body, dataLength: size === 0 || size > available ? available : size };
    }
    offset = body + size + (size % 2);
  }
  throw invalid('WAV file has no data chunk');
}

/** Decode a WAV file to 16-bit mono PCM at its own rate (channels are averaged). */
export function decodeWav(wav: Buffer): PcmAudio {
  const f = readWavHeader(wav);
  const pcm = f.format === 1;
  const float = f.format === 3;
  if (!(pcm && [8, 16, 24, 32].includes(f.bits)) && !(float && f.bits === 32))
    throw invalid(`WAV encoding ${f.format}/${f.bits}-bit is not supported (use PCM 16-bit)`);
  if (f.channels < 1 || f.channels > 8) throw invalid(`WAV has ${f.channels} channels`);
  if (f.rate < 4000 || f.rate > 192_000) throw invalid(`WAV sample rate ${f.rate} Hz is out of range`);
  const width = f.bits / 8;
  const frame = width * f.channels;
  const frames = Math.floor(f.dataLength / frame);
  const out = Buffer.alloc(frames * 2);
  const read = (at: number): number => {
    if (float) return Math.max(-1, Math.min(1, wav.readFloatLE(at))) * 32767;
    if (f.bits === 8) return (wav.readUInt8(at) - 128) * 256;
    if (f.bits === 16) return wav.readInt16LE(at);
    if (f.bits === 24) return wav.readIntLE(at, 3) / 256;
    return wav.readInt32LE(at) / 65536;
  };
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    const start = f.dataOffset + i * frame;
    for (let c = 0; c < f.channels; c++) sum += read(start + c * width);
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(sum / f.channels))), i * 2);
  }
  return { rate: f.rate, samples: out };
}

/** A 44-byte WAV header for 16-bit mono PCM; `bytes` unknown (streaming) writes the largest size. */
export function wavHeader(rate: number, bytes?: number): Buffer {
  const data = bytes ?? 0x7fff_f000;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(Math.min(0xffff_ffff, data + 36), 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data, 40);
  return header;
}

/** PCM as a complete WAV file. */
export function encodeWav(audio: PcmAudio): Buffer {
  return Buffer.concat([wavHeader(audio.rate, audio.samples.length), audio.samples]);
}

/**
 * Linear interpolation to another rate; good enough for speech going into a recogniser. Going down,
 * a moving average over one output period first keeps noise above the new Nyquist from folding back.
 */
export function resample(audio: PcmAudio, rate: number): PcmAudio {
  if (audio.rate === rate) return audio;
  const step = audio.rate / rate;
  const input = step > 1 ? smooth(audio.samples, Math.round(step)) : audio.samples;
  const inCount = Math.floor(input.length / 2);
  const outCount = Math.floor((inCount * rate) / audio.rate);
  const out = Buffer.alloc(outCount * 2);
  for (let i = 0; i < outCount; i++) {
    const at = i * step;
    const left = Math.floor(at);
    const right = Math.min(left + 1, inCount - 1);
    const t = at - left;
    const a = input.readInt16LE(left * 2);
    const b = input.readInt16LE(right * 2);
    out.writeInt16LE(Math.round(a + (b - a) * t), i * 2);
  }
  return { rate, samples: out };
}

/** A centred moving average over `width` samples. */
function smooth(samples: Buffer, width: number): Buffer {
  if (width < 2) return samples;
  const count = Math.floor(samples.length / 2);
  const out = Buffer.alloc(count * 2);
  const half = Math.floor(width / 2);
  let sum = 0;
  let from = 0;
  let to = 0;
  for (let i = 0; i < count; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(count, lo + width);
    while (to < hi) sum += samples.readInt16LE(2 * to++);
    while (from < lo) sum -= samples.readInt16LE(2 * from++);
    out.writeInt16LE(Math.round(sum / (to - from)), i * 2);
  }
  return out;
}

/** Seconds of audio. */
export function durationOf(audio: PcmAudio): number {
  return audio.samples.length / 2 / audio.rate;
}
