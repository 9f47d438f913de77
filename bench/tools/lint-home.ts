/**
 * Check evaluation homes without playing them: the home file, the case files and every expected
 * value against the thing models. For whoever writes a new home, who must not see its scores.
 *
 *   node --import tsx bench/tools/lint-home.ts <home>[,<home>...]
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintHomeSet } from '../lib/eval/lint-set.js';
import { loadHomeSet } from '../lib/eval/load-set.js';

const homesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'homes');
const names = (process.argv[2] ?? '').split(',').filter(Boolean);
if (names.length === 0) {
  console.error('usage: lint-home.ts <home>[,<home>...]');
  process.exit(2);
}
let failed = false;
for (const name of names) {
  try {
    const set = loadHomeSet(homesDir, name);
    const problems = lintHomeSet(set);
    const cases = set.caseFiles.map((f) => `${f.language} ${f.cases.length}`).join(', ');
    if (problems.length) {
      failed = true;
      console.log(`${name}: ${problems.length} problems\n  ${problems.join('\n  ')}`);
    } else console.log(`${name}: ok (${set.devices.length} devices; cases: ${cases})`);
  } catch (error) {
    failed = true;
    console.log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed ? 1 : 0);
