/**
 * The microphone's AudioWorklet: downsamples the context's rate (usually 48 kHz) to 16 kHz mono,
 * converts to signed 16-bit, and posts ~100 ms chunks with their loudness to the main thread. The
 * anti-alias filter is an average over each output sample's input span: enough for speech below 8 kHz.
 */

// The worklet global scope is not in lib.dom; these are the parts used here.
declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}

const TARGET_RATE = 16_000;
const CHUNK_SAMPLES = 1600;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly step = sampleRate / TARGET_RATE;
  /** Position of the next output sample in input samples, relative to the current block. */
  private position = 0;
  private sum = 0;
  private count = 0;
  private chunk = new Int16Array(CHUNK_SAMPLES);
  private filled = 0;
  private energy = 0;

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    const input = channels?.[0];
    if (!channels || !input) return true;
    for (let i = 0; i < input.length; i++) {
      let value = 0;
      for (const channel of channels) value += channel[i] ?? 0;
      this.sum += value / channels.length;
      this.count++;
      if (i + 1 >= this.position) {
        this.emit(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
        this.position += this.step;
      }
    }
    this.position -= input.length;
    return true;
  }

  private emit(value: number): void {
    const clamped = Math.max(-1, Math.min(1, value));
    this.energy += clamped * clamped;
    this.chunk[this.filled++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    if (this.filled < CHUNK_SAMPLES) return;
    const level = Math.sqrt(this.energy / CHUNK_SAMPLES);
    this.port.postMessage({ pcm: this.chunk.buffer, level }, [this.chunk.buffer]);
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.filled = 0;
    this.energy = 0;
  }
}

registerProcessor('genio-capture', CaptureProcessor);
