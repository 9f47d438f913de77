import { describe, expect, it } from 'vitest';
import { WavStreamReader } from '../src/screen/voice/wav-stream.js';

// The screen plays synthesised answers while they stream: the WAV arrives in pieces cut anywhere,
// its data size unknown (a streamed WAV says 0xFFFFFFFF), and every sample must come out once, in order.

function wav(samples: number[], options: { rate?: number; channels?: number; extraChunk?: boolean } = {}) {
  const channels = options.channels ?? 1;
  const extra = options.extraChunk
    ? Buffer.concat([Buffer.from('LIST'), u32(3), Buffer.from([1, 2, 3, 0])])
    : Buffer.alloc(0);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(options.rate ?? 22050, 12);
  fmt.writeUInt32LE((options.rate ?? 22050) * 2 * channels, 16);
  fmt.writeUInt16LE(2 * channels, 20);
  fmt.writeUInt16LE(16, 22);
  const data = Buffer.alloc(samples.length * 2);
  for (const [i, s] of samples.entries()) data.writeInt16LE(s, i * 2);
  return Buffer.concat([
    Buffer.from('RIFF'),
    u32(0xffffffff),
    Buffer.from('WAVE'),
    fmt,
    extra,
    Buffer.from('data'),
    u32(0xffffffff),
    data,
  ]);
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function readInPieces(bytes: Buffer, sizes: number[]): { rate: number | undefined; samples: number[] } {
  const reader = new WavStreamReader();
  const out: number[] = [];
  let offset = 0;
  let i = 0;
  while (offset < bytes.length) {
    const size = sizes[i++ % sizes.length] as number;
    out.push(...reader.push(new Uint8Array(bytes.subarray(offset, offset + size))));
    offset += size;
  }
  return { rate: reader.known?.rate, samples: out.map((s) => Math.round(s * 32768)) };
}

describe('streamed WAV reader', () => {
  const samples = [0, 1, -1, 32767, -32768, 1234, -4321, 7, 8, 9, 10];

  it('reads a WAV given whole', () => {
    expect(readInPieces(wav(samples), [10_000])).toEqual({ rate: 22050, samples });
  });

  it('reads it cut into odd pieces, header and samples split anywhere', () => {
    for (const sizes of [[1], [3], [7, 1, 2], [45, 1], [13, 5]])
      expect(readInPieces(wav(samples, { extraChunk: true }), sizes)).toEqual({ rate: 22050, samples });
  });

  it('mixes stereo down to mono', () => {
    const { samples: mono } = readInPieces(wav([100, 300, -200, -400], { channels: 2, rate: 16000 }), [5]);
    expect(mono).toEqual([200, -300]);
  });

  it('refuses what is not a 16-bit PCM WAV', () => {
    expect(() => new WavStreamReader().push(new Uint8Array(Buffer.from('<!doctype html><html>')))).toThrow(
      /not a WAV/,
    );
    const float = wav(samples);
    float.writeUInt16LE(3, 20);
    expect(() => new WavStreamReader().push(new Uint8Array(float))).toThrow(/16-bit PCM/);
  });
});
