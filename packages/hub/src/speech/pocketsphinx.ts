/**
 * English recognition with Debian's pocketsphinx 0.8 (`pocketsphinx_batch`, run as a process),
 * constrained by a JSGF grammar compiled from what the assistant understands in the home now.
 * Grammars are cached by the hash of their text, so a change of devices or intents compiles a new
 * one and an unchanged home reuses the last. The audio file lives only for the decode.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../errors/index.js';
import { type CompiledGrammar, compileGrammar, type PronouncingDictionary, parseDictionary } from './jsgf.js';
import { canRun, runProcess } from './process.js';
import type { PcmAudio, RecognitionVocabulary, SpeechToText } from './types.js';
import { resample } from './wav.js';

/**
 * Decoder settings over pocketsphinx's defaults, measured on espeak-ng commands (bench/data/speech,
 * packages/hub/test/speech-audio.test.ts; docs/speech.md). A language weight of 10 (default 6.5)
 * holds the closed grammar's paths more firmly against acoustic detours. Dither adds half a bit of
 * noise: synthetic or gated audio has stretches of exact digital silence, whose log energy derails
 * the features, and with it clean "set the desk lamp to twenty percent" was heard as "eight percent";
 * a fixed seed keeps a decode repeatable. Beams, insertion penalties, noise removal and filler
 * settings moved nothing beyond run-to-run noise.
 */
const DECODER_OPTIONS = ['-lw', '10', '-dither', 'yes', '-seed', '1'];

/** Where Debian's pocketsphinx-en-us puts its model. */
export const DEBIAN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** One decode's result as pocketsphinx reports it. */
export interface Decoded {
  text: string;
  /** Frames (10 ms) matched by words, not by silence or noise. */
  wordFrames: number;
  /** Frames from the first word's start to the last word's end. */
  spanFrames: number;
  /** Acoustic score of the words, in pocketsphinx's log units (scaled). */
  acoustic: number;
}

/**
 * A heuristic confidence from the grammar path (pocketsphinx's word posteriors are all 1 on a
 * closed grammar's lattice, so they say nothing). Two signs of speech forced onto the nearest
 * sentence: words that leave a stretch of the utterance to silence/noise in between (coverage), and
 * a poor acoustic score per word frame. On espeak-ng commands in the grammar, coverage is above 0.9
 * and the score about -45..-55 per frame; sentences outside it leave half the span to "silence".
 */
export function confidenceOf(decoded: Decoded): number {
  if (!decoded.text || decoded.wordFrames === 0 || decoded.spanFrames === 0) return 0;
  const coverage = Math.min(1, decoded.wordFrames / decoded.spanFrames);
  const perFrame = decoded.acoustic / decoded.wordFrames;
  const fit = Math.max(0, Math.min(1, (perFrame + 130) / 70));
  return Math.round(coverage * coverage * fit * 100) / 100;
}

const notWords = /^(<.*>|\[.*\]|\+\+.*\+\+|\(NULL\))$/;

/** Parse a `-hypseg` line: `uttid S scale T total A acoustic L lm (start ascr lscr word)* end`. */
export function parseHypseg(line: string): Decoded {
  const fields = line.trim().split(/\s+/);
  const words: string[] = [];
  let wordFrames = 0;
  let acoustic = 0;
  let first = -1;
  let last = -1;
  // After the nine header fields come groups of start frame, acoustic, language score, word.
  for (let i = 9; i + 3 < fields.length; i += 4) {
    const start = Number(fields[i]);
    const ascr = Number(fields[i + 1]);
    const word = fields[i + 3] as string;
    const end = Number(fields[i + 4] ?? start);
    if (notWords.test(word)) continue;
    words.push(word.replace(/\(\d+\)$/, ''));
    wordFrames += Math.max(0, end - start);
    acoustic += ascr;
    if (first < 0) first = start;
    last = end;
  }
  return { text: words.join(' '), wordFrames, spanFrames: Math.max(0, last - first), acoustic };
}

/** Create the pocketsphinx engine. */
export function createPocketsphinxStt(
  options: { modelDir?: string; command?: string; cacheDir?: string } = {},
): SpeechToText {
  const modelDir = options.modelDir ?? DEBIAN_MODEL_DIR;
  const command = options.command ?? 'pocketsphinx_batch';
  const cacheDir = options.cacheDir ?? join(tmpdir(), `genio-pocketsphinx-${process.getuid?.() ?? 0}`);
  let available: Promise<boolean> | null = null;
  let dictionary: PronouncingDictionary | null = null;
  const compiled = new Map<string, CompiledGrammar>();

  function grammarFor(vocabulary: RecognitionVocabulary): { jsgf: string; dict: string } {
    const key = JSON.stringify(vocabulary);
    let grammar = compiled.get(key);
    if (!grammar) {
      dictionary ??= parseDictionary(readFileSync(join(modelDir, 'cmudict-en-us.dict'), 'utf8'));
      grammar = compileGrammar(vocabulary, dictionary);
      if (compiled.size > 32) compiled.clear();
      compiled.set(key, grammar);
    }
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const jsgf = join(cacheDir, `${grammar.hash}.jsgf`);
    const dict = join(cacheDir, `${grammar.hash}.dict`);
    if (!existsSync(jsgf) || !existsSync(dict)) {
      writeFileSync(dict, grammar.dictionary);
      writeFileSync(jsgf, grammar.jsgf);
    }
    return { jsgf, dict };
  }

  return {
    id: 'pocketsphinx',
    async languages(): Promise<Language[]> {
      available ??= (async () =>
        existsSync(join(modelDir, 'en-us', 'mdef')) && (await canRun(command, ['-help', 'no'])))();
      return (await available) ? ['en'] : [];
    },
    async transcribe(audio: PcmAudio, { language, vocabulary }) {
      const work = await mkdtemp(join(tmpdir(), 'genio-stt-'));
      try {
        writeFileSync(join(work, 'utt.raw'), resample(audio, 16_000).samples);
        writeFileSync(join(work, 'ctl'), 'utt\n');
        const search = vocabulary
          ? (() => {
              const { jsgf, dict } = grammarFor(vocabulary);
              return ['-jsgf', jsgf, '-dict', dict];
            })()
          : ['-lm', join(modelDir, 'en-us.lm.bin'), '-dict', join(modelDir, 'cmudict-en-us.dict')];
        await runProcess(
          command,
          [
            '-hmm',
            join(modelDir, 'en-us'),
            ...search,
            ...DECODER_OPTIONS,
            '-adcin',
            'yes',
            '-cepdir',
            work,
            '-cepext',
            '.raw',
            '-ctl',
            join(work, 'ctl'),
            '-hypseg',
            join(work, 'hypseg'),
            '-logfn',
            join(work, 'log'),
          ],
          { timeoutMs: 30_000 },
        );
        const line = readFileSync(join(work, 'hypseg'), 'utf8').split('\n')[0] ?? '';
        const decoded = parseHypseg(line);
        return { text: decoded.text, confidence: confidenceOf(decoded), language };
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
