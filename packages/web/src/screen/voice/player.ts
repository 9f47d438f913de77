import type { Language } from '@genio/contracts';
import type { ApiClient } from '../../lib/api.js';
import { WavStreamReader } from './wav-stream.js';

/** Counters a test reads from `window.__genioSpeech` (chunks received, buffers played, stops). */
export interface SpeechStats {
  requested: number;
  chunks: number;
  played: number;
  stopped: number;
  playing: boolean;
}

declare global {
  interface Window {
    __genioSpeech?: SpeechStats;
  }
}

/** Lead so the first chunk is not cut when scheduling falls a little behind. */
const LEAD_S = 0.05;

/**
 * Speaks answers through Web Audio as the hub synthesises them: POST /api/v1/speech/synthesize streams
 * a WAV, and each piece is scheduled right after the one before, so sound starts with the first piece.
 * One thing is said at a time; later ones wait in line. stop() (barge-in) silences it and drops the line.
 */
export class SpeechPlayer {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private queue: Array<{ text: string; language: Language }> = [];
  private current: { abort: AbortController; sources: Set<AudioBufferSourceNode> } | null = null;
  private volume = 1;
  readonly stats: SpeechStats = { requested: 0, chunks: 0, played: 0, stopped: 0, playing: false };

  constructor(
    private readonly api: ApiClient,
    private readonly onError: (message: string) => void,
  ) {
    window.__genioSpeech = this.stats;
  }

  /** 0..1; 0 is silence (mute). */
  setVolume(volume: number): void {
    this.volume = Math.max(0, Math.min(1, volume));
    if (this.gain) this.gain.gain.value = this.volume;
    if (this.volume === 0) this.stop();
  }

  /** Browsers start audio only after a gesture: call this from one (a tap, a key). */
  unlock(): void {
    const context = this.ensureContext();
    if (context.state === 'suspended') void context.resume().catch(() => {});
  }

  say(text: string, language: Language): void {
    if (this.volume === 0 || text.trim() === '') return;
    this.queue.push({ text, language });
    if (!this.current) void this.next();
  }

  /** Stop speaking now and forget what was waiting. */
  stop(): void {
    this.queue = [];
    const current = this.current;
    if (!current) return;
    this.current = null;
    this.stats.stopped++;
    this.stats.playing = false;
    current.abort.abort();
    for (const source of current.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // never started
      }
    }
  }

  close(): void {
    this.stop();
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private ensureContext(): AudioContext {
    if (!this.context) {
      this.context = new AudioContext();
      this.gain = this.context.createGain();
      this.gain.gain.value = this.volume;
      this.gain.connect(this.context.destination);
    }
    return this.context;
  }

  private async next(): Promise<void> {
    const item = this.queue.shift();
    if (!item) return;
    const context = this.ensureContext();
    const gain = this.gain as GainNode;
    const current = { abort: new AbortController(), sources: new Set<AudioBufferSourceNode>() };
    this.current = current;
    this.stats.requested++;
    this.stats.playing = true;
    let at = 0;
    let streamDone = false;
    const finished = () => {
      if (this.current !== current || !streamDone || current.sources.size > 0) return;
      this.current = null;
      this.stats.playing = false;
      void this.next();
    };
    try {
      if (context.state === 'suspended') await context.resume();
      const response = await this.api.stream('/api/v1/speech/synthesize', item, current.abort.signal);
      const reader = response.getReader();
      const wav = new WavStreamReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.current !== current) break;
        const samples = wav.push(value);
        const format = wav.known;
        if (!format || samples.length === 0) continue;
        this.stats.chunks++;
        const buffer = context.createBuffer(1, samples.length, format.rate);
        buffer.copyToChannel(samples, 0);
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(gain);
        at = Math.max(at, context.currentTime + LEAD_S);
        source.start(at);
        at += buffer.duration;
        current.sources.add(source);
        source.onended = () => {
          current.sources.delete(source);
          this.stats.played++;
          finished();
        };
      }
    } catch (error) {
      if (current.abort.signal.aborted) return;
      this.onError(error instanceof Error ? error.message : String(error));
    }
    streamDone = true;
    finished();
  }
}
