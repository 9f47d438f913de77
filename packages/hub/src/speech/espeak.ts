/**
 * Text to speech with espeak-ng, run as a separate process (GPL-3: never linked). The text is
 * spoken sentence by sentence and each sentence's samples are passed on as espeak-ng writes them,
 * so the first audio is out long before a long answer is fully synthesised.
 */
import { spawn } from 'node:child_process';
import type { Language } from '../errors/index.js';
import { canRun } from './process.js';
import type { PcmAudio, TextToSpeech } from './types.js';

/** The espeak-ng voice for each language (all four ship with Debian's espeak-ng-data). */
export const espeakVoices: Record<Language, string> = { zh: 'cmn', en: 'en-us', it: 'it', fr: 'fr-fr' };

/** espeak-ng's output rate. */
export const ESPEAK_RATE = 22_050;

/** Sentences of a text, each with its closing punctuation; a very long one is cut at commas. */
export function sentencesOf(text: string): string[] {
  const parts = text.match(/[^.!?;。！？；\n]+[.!?;。！？；]*/g) ?? [];
  return parts.map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
}

/** Create the espeak-ng engine; `command` lets tests and packagers point at another binary. */
export function createEspeakTts(options: { command?: string; speed?: number } = {}): TextToSpeech {
  const command = options.command ?? 'espeak-ng';
  let available: Promise<boolean> | null = null;
  return {
    id: 'espeak-ng',
    async languages() {
      available ??= canRun(command, ['--version']);
      return (await available) ? (Object.keys(espeakVoices) as Language[]) : [];
    },
    async *synthesize(text, { language }) {
      for (const sentence of sentencesOf(text))
        yield* speakSentence(command, sentence, espeakVoices[language], options.speed);
    },
  };
}

/** One espeak-ng process for one sentence; text goes in on stdin so it can never be read as an option. */
export async function* speakSentence(
  command: string,
  sentence: string,
  voice: string,
  speed?: number,
): AsyncIterable<PcmAudio> {
  const args = ['-v', voice, '--stdout', ...(speed ? ['-s', String(speed)] : [])];
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', reject);
  });
  failed.catch(() => {});
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(sentence);
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  let header: Buffer | null = Buffer.alloc(0);
  let odd: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let data = chunk;
      if (header) {
        header = Buffer.concat([header, chunk]);
        const at = header.indexOf('data');
        if (at < 0 || header.length < at + 8) continue;
        data = header.subarray(at + 8);
        header = null;
      }
      // Keep samples whole: a chunk may end in the middle of one.
      const joined = odd.length ? Buffer.concat([odd, data]) : data;
      const even = joined.length - (joined.length % 2);
      odd = joined.subarray(even);
      if (even > 0) yield { rate: ESPEAK_RATE, samples: Buffer.from(joined.subarray(0, even)) };
    }
    const code = await Promise.race([exited, failed]);
    if (code !== 0)
      throw new Error(`espeak-ng exited with ${code}: ${Buffer.concat(stderr).toString('utf8').trim()}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
