/**
 * Reads a WAV as it streams in: the header first (its format and where the samples start), then PCM
 * as it comes. A streamed WAV does not know its length, so the data chunk's size is not trusted.
 */

export interface WavFormat {
  rate: number;
  channels: number;
}

/** Feed bytes; get the format once known, and whole 16-bit frames of samples as floats (-1..1, mono). */
export class WavStreamReader {
  private head = new Uint8Array(0);
  private format: WavFormat | null = null;
  private carry: Uint8Array = new Uint8Array(0);

  get known(): WavFormat | null {
    return this.format;
  }

  push(bytes: Uint8Array): Float32Array<ArrayBuffer> {
    if (!this.format) {
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      const parsed = parseHeader(joined);
      if (!parsed) {
        if (joined.length > 65_536) throw new Error('not a WAV stream');
        this.head = joined;
        return new Float32Array(0);
      }
      this.format = parsed.format;
      this.head = new Uint8Array(0);
      return this.samples(joined.subarray(parsed.dataStart));
    }
    return this.samples(bytes);
  }

  private samples(bytes: Uint8Array): Float32Array<ArrayBuffer> {
    const format = this.format as WavFormat;
    const frameBytes = 2 * format.channels;
    const all = new Uint8Array(this.carry.length + bytes.length);
    all.set(this.carry);
    all.set(bytes, this.carry.length);
    const whole = all.length - (all.length % frameBytes);
    this.carry = all.slice(whole);
    const view = new DataView(all.buffer, all.byteOffset, whole);
    const out = new Float32Array(whole / frameBytes);
    for (let i = 0; i < out.length; i++) {
      let sum = 0;
      for (let c = 0; c < format.channels; c++) sum += view.getInt16(i * frameBytes + c * 2, true);
      out[i] = sum / format.channels / 32768;
    }
    return out;
  }
}

function parseHeader(bytes: Uint8Array): { format: WavFormat; dataStart: number } | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV stream');
  let offset = 12;
  let format: WavFormat | null = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') return format ? { format, dataStart: offset + 8 } : null;
    if (offset + 8 + size > bytes.length) return null;
    if (id === 'fmt ') {
      const encoding = view.getUint16(offset + 8, true);
      const bits = view.getUint16(offset + 22, true);
      if (encoding !== 1 || bits !== 16) throw new Error('only 16-bit PCM WAV is played');
      format = { channels: view.getUint16(offset + 10, true), rate: view.getUint32(offset + 12, true) };
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
