/**
 * Accuracy of the recogniser on the dev set (bench/data/assistant/devset/<lang>.yaml) and on
 * the held-out sets (heldout, heldout2, ... /<lang>.yaml, each written by someone who had seen neither the grammar
 * nor any result; a set's first run is its honest figure):
 * utterances as people say them to a speaker, against the sentence-test home. A case is right when
 * the intent and every expected slot match. Misses are printed so they can become sentences.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadGrammar } from '../packages/hub/src/assistant/nlu/grammar.js';
import { LanguageRecognizer, type ListEntry } from '../packages/hub/src/assistant/nlu/recognizer.js';
import { type Language, languages } from '../packages/hub/src/errors/index.js';
import { repoRoot } from './lib/server.js';
import type { Benchmark, BenchOptions, BenchResult, Column, Row } from './lib/types.js';

interface Case {
  text: string;
  intent: string | null;
  slots?: Record<string, unknown>;
}

const assistantDir = join(repoRoot, 'packages', 'hub', 'src', 'assistant');
/** Evaluation sets live outside the source tree, so nothing in src/ is tuned on them by accident. */
const setsDir = join(repoRoot, 'bench', 'data', 'assistant');

function correct(found: ReturnType<LanguageRecognizer['recognize']>, expected: Case): boolean {
  if (expected.intent === null) return found === null;
  if (!found || found.intent !== expected.intent) return false;
  return Object.entries(expected.slots ?? {}).every(
    ([k, v]) => JSON.stringify(found.slots[k]?.value) === JSON.stringify(v),
  );
}

/** Every held-out set, in the order they were written (heldout, heldout2, ...). */
function heldOutSets(): string[] {
  return readdirSync(setsDir)
    .filter((name) => /^heldout\d*$/.test(name))
    .sort((a, b) => Number(a.slice(7) || 1) - Number(b.slice(7) || 1));
}

const columns: Column[] = [
  { key: 'accuracy', header: 'accuracy %', digits: 1 },
  { key: 'right', header: 'right', digits: 0 },
  { key: 'cases', header: 'cases', digits: 0 },
];

async function run(options: BenchOptions): Promise<BenchResult> {
  const home = parse(readFileSync(join(assistantDir, 'tests', 'home.yaml'), 'utf8')) as Record<
    string,
    ListEntry[]
  >;
  const rows: Row[] = [];
  const samples: BenchResult['samples'] = [];
  for (const set of ['devset', ...heldOutSets()]) {
    let allRight = 0;
    let allCases = 0;
    for (const language of languages as readonly Language[]) {
      const file = join(setsDir, set, `${language}.yaml`);
      if (!existsSync(file)) continue;
      const recognizer = new LanguageRecognizer(loadGrammar(language));
      // Follow-ups need the previous turn; the end-to-end tests cover them.
      const cases = (parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases.filter(
        (c) => c.intent !== 'context.follow_up',
      );
      let right = 0;
      for (const c of cases) {
        const found = recognizer.recognize(c.text, home);
        const ok = correct(found, c);
        if (ok) right++;
        else {
          const got = found
            ? `${found.intent} ${JSON.stringify(Object.fromEntries(Object.entries(found.slots).map(([k, v]) => [k, v.value])))}`
            : 'nothing';
          options.log(
            `${set} ${language} miss: "${c.text}" -> ${got} (expected ${c.intent} ${JSON.stringify(c.slots ?? {})})`,
          );
        }
        samples.push({ set, language, text: c.text, ok, got: found?.intent ?? null, expected: c.intent });
      }
      allRight += right;
      allCases += cases.length;
      rows.push({
        label: `${set} ${language}`,
        metrics: { accuracy: (100 * right) / cases.length, right, cases: cases.length },
      });
    }
    if (allCases)
      rows.push({
        label: `${set} all`,
        metrics: { accuracy: (100 * allRight) / allCases, right: allRight, cases: allCases },
      });
  }
  return {
    params: { devset: 'bench/data/assistant/devset' },
    columns,
    rows,
    ratios: [],
    warnings: [],
    samples,
  };
}

export const benchmark: Benchmark = {
  name: 'assistant-accuracy',
  description: 'Intent and slot accuracy per language on the dev set',
  run,
};
