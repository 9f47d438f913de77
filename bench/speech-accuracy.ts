/**
 * Spoken-command accuracy on a held-out set (bench/data/speech/<set>/): a real hub hears espeak-ng
 * audio through /api/v1/conversation/audio with its built-in recogniser, and plain MQTT devices judge
 * what arrives. The same sentences are also typed, which gives the assistant's own ceiling, so a
 * spoken miss can be told apart from a sentence the assistant does not understand at all.
 *
 * npm run bench -- speech-accuracy [--set casa-lago] [--rounds N] [--verbose] [--quick]
 */
import { join } from 'node:path';
import { startBenchHub } from './lib/bench-hub.js';
import { HubClient } from './lib/eval/hub-client.js';
import { lintHomeSet } from './lib/eval/lint-set.js';
import { listHomeSets, loadHomeSet } from './lib/eval/load-set.js';
import { missLine } from './lib/eval/report.js';
import { type CaseResult, type ConversationAnswer, EvalHome, registerProducts } from './lib/eval/run-home.js';
import type { EvalCase } from './lib/eval/types.js';
import { repoRoot } from './lib/server.js';
import { describeVoice, type SpokenVoice, speakToWav } from './lib/speak.js';
import { percentile, sorted } from './lib/stats.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Row } from './lib/types.js';

const ADMIN_TOKEN = 'bench-admin-token-speech-accuracy-0123';
const speechDir = join(repoRoot, 'bench', 'data', 'speech');

/**
 * Voices taken in turn (case i, round r gets voice (i + r) mod 6): other variants, speeds, noise
 * colours and formats than the end-to-end test's, so the two sets do not share their audio either.
 */
const voices: SpokenVoice[] = [
  { voice: 'en-us+f3', speed: 155 },
  { voice: 'en-gb-x-rp', speed: 165, rate: 22_050 },
  { voice: 'en-us', speed: 180, noise: { kind: 'pinknoise', level: 0.03 } },
  { voice: 'en-gb+m3', speed: 150, noise: { kind: 'whitenoise', level: 0.03 }, rate: 48_000, channels: 2 },
  { voice: 'en-us+m2', speed: 195 },
  { voice: 'en-gb', speed: 170, noise: { kind: 'brownnoise', level: 0.05 }, rate: 16_000 },
];

const columns: Column[] = [
  { key: 'right', header: 'right', digits: 0 },
  { key: 'total', header: 'cases', digits: 0 },
  { key: 'pct', header: 'right %', digits: 1 },
  { key: 'wrong', header: 'wrong actions', digits: 0 },
  { key: 'asked', header: 'asked first', digits: 0 },
  { key: 'p50', header: 'turn p50 ms', digits: 0 },
];

interface Heard {
  text: string;
  confidence: number;
  asked: boolean;
}

interface SpokenResult {
  result: CaseResult;
  voice: SpokenVoice;
  heard: Heard[];
}

function row(label: string, results: CaseResult[], asked: number | null, note?: string): Row {
  const right = results.filter((r) => r.verdict.right).length;
  const turns = sorted(results.flatMap((r) => r.turnMs));
  return {
    label,
    metrics: {
      right,
      total: results.length,
      pct: results.length ? (100 * right) / results.length : null,
      wrong: results.filter((r) => r.verdict.wrongAction).length,
      asked,
      p50: turns.length ? percentile(turns, 50) : null,
    },
    ...(note ? { note } : {}),
  };
}

/** Post one spoken turn; the transcript and whether the assistant asked back are kept for the report. */
function spokenSender(baseUrl: string, wavs: Buffer[], heard: Heard[]) {
  let turn = 0;
  return async ({
    homeId,
    conversationId,
  }: {
    homeId: string;
    text: string;
    conversationId: string | undefined;
  }): Promise<ConversationAnswer> => {
    const query = new URLSearchParams({ homeId, language: 'en' });
    if (conversationId) query.set('conversationId', conversationId);
    const response = await fetch(`${baseUrl}/api/v1/conversation/audio?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'audio/wav' },
      body: wavs[turn++] as Buffer,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 200)}`);
    const answer = JSON.parse(text) as ConversationAnswer & {
      transcript: { text: string; confidence: number };
      continueConversation: boolean;
    };
    heard.push({
      text: answer.transcript.text,
      confidence: answer.transcript.confidence,
      asked: answer.continueConversation,
    });
    return answer;
  };
}

function heardLine(s: SpokenResult): string {
  const heard = s.heard.map((h) => `${h.confidence.toFixed(2)} "${h.text}"${h.asked ? ' (asked)' : ''}`);
  return `${s.result.verdict.right ? 'ok  ' : 'MISS'} ${s.result.id} [${describeVoice(s.voice)}]: ${heard.join(' / ')}`;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const names = options.set ? options.set.split(',').map((s) => s.trim()) : listHomeSets(speechDir);
  const sets = names.map((name) => loadHomeSet(speechDir, name));
  const problems = sets.flatMap((set) => lintHomeSet(set).map((p) => `${set.name}: ${p}`));
  if (problems.length)
    throw new Error(`the cases do not fit their thing models:\n  ${problems.join('\n  ')}`);
  const rounds = options.rounds ?? 1;
  const bench = await startBenchHub(ADMIN_TOKEN, { commandTimeoutMs: 2000 });
  const homes: EvalHome[] = [];
  const typed: CaseResult[] = [];
  const spoken: SpokenResult[] = [];
  try {
    const baseUrl = `http://127.0.0.1:${bench.hub.ports.http}`;
    const client = new HubClient(baseUrl, ADMIN_TOKEN);
    for (const set of sets) {
      const file = set.caseFiles.find((f) => f.language === 'en');
      if (!file)
        throw new Error(`${set.name}: no cases/en.yaml (only English is heard by the built-in recogniser)`);
      const productKeys = await registerProducts(client, set);
      const home = await EvalHome.create(client, set, 'en', productKeys, bench.hub.ports.mqtt);
      homes.push(home);
      const cases: EvalCase[] = options.quick ? file.cases.filter((_, i) => i % 4 === 0) : file.cases;
      for (const c of cases) typed.push(await home.runCase(c));
      const t0 = performance.now();
      for (let round = 0; round < rounds; round++) {
        for (const [i, c] of cases.entries()) {
          if (options.signal.aborted) throw options.signal.reason;
          const voice = voices[(i + round) % voices.length] as SpokenVoice;
          const wavs = c.turns.map((text) => speakToWav(text, voice));
          const heard: Heard[] = [];
          const result = await home.runCase(c, spokenSender(baseUrl, wavs, heard));
          const s = { result, voice, heard };
          spoken.push(s);
          if (options.verbose || !result.verdict.right) options.log(heardLine(s));
        }
      }
      options.log(
        `${set.name}: ${spoken.length} spoken cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const typedRight = new Set(typed.filter((r) => r.verdict.right).map((r) => `${r.set}/${r.id}`));
    const spokenResults = spoken.map((s) => s.result);
    const askedCount = (list: SpokenResult[]) => list.filter((s) => s.heard.some((h) => h.asked)).length;
    const understood = spoken.filter((s) => typedRight.has(`${s.result.set}/${s.result.id}`));
    for (const miss of typed.filter((r) => !r.verdict.right)) console.log(`typed miss:${missLine(miss)}`);
    for (const s of spoken.filter((x) => !x.result.verdict.right))
      console.log(
        `spoken miss [${describeVoice(s.voice)}] heard ${s.heard.map((h) => `${h.confidence.toFixed(2)} "${h.text}"`).join(' / ')}:${missLine(s.result)}`,
      );
    return {
      params: { sets: names.join(','), rounds, cases: typed.length, quick: options.quick },
      columns,
      rows: [
        row('typed (the assistant alone)', typed, null),
        row('spoken', spokenResults, askedCount(spoken), `${voices.length} voices in turn`),
        row(
          'spoken, of the cases right when typed',
          understood.map((s) => s.result),
          askedCount(understood),
        ),
      ],
      ratios: [],
      warnings: spokenResults.some((r) => r.verdict.wrongAction)
        ? [
            `${spokenResults.filter((r) => r.verdict.wrongAction).length} spoken cases acted on a wrong device`,
          ]
        : [],
      samples: spoken.map((s) => ({
        set: s.result.set,
        id: s.result.id,
        voice: describeVoice(s.voice),
        said: s.result.turns.join(' / '),
        heard: s.heard.map((h) => h.text).join(' / '),
        confidence: s.heard.map((h) => h.confidence.toFixed(2)).join(' / '),
        asked: s.heard.some((h) => h.asked),
        right: s.result.verdict.right,
        wrongAction: s.result.verdict.wrongAction,
        problems: s.result.verdict.problems.join('; '),
      })),
    };
  } finally {
    await Promise.all(homes.map((h) => h.close()));
    await bench.stop();
  }
}

export const benchmark: Benchmark = {
  name: 'speech-accuracy',
  description:
    'Held-out spoken commands (bench/data/speech) heard by the built-in recogniser, judged at the device',
  run,
};
