import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { envName, flagName } from '../src/config/names.js';
import { configShape } from '../src/config/schema.js';

// A newcomer followed the docs to files that did not exist (PROTOCOLS.md, examples/miniapps/) and met
// settings no table listed. Every link and every path the user docs name must exist; every setting is listed.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const docs = [
  'README.md',
  'packages/device-sdk/README.md',
  'packages/miniapp-sdk/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
// Folders made by a build or a run, named in the docs but absent from a fresh clone.
const generated = /(^|\/)(dist|results|data)(\/|$)/;

function withoutFencedBlocks(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** Relative targets of Markdown links and images: `[text](path)`, `![alt](path)`. */
function linkTargets(text: string): string[] {
  const targets: string[] = [];
  for (const match of withoutFencedBlocks(text).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = (match[1] as string).replace(/[#?].*$/, '');
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    targets.push(target);
  }
  return targets;
}

/** Paths written as inline code that name a file of this repository: `docs/api.md`, `packages/hub/...`, `intents.md`. */
function codePaths(text: string): string[] {
  const paths: string[] = [];
  for (const match of withoutFencedBlocks(text).matchAll(/`([^`\n]+)`/g)) {
    const span = match[1] as string;
    const repoPath = /^(?:\.\/)?(?:packages|docs|examples|bench|\.ci)\/[A-Za-z0-9_./-]*$/.test(span);
    const markdownFile = /^[A-Za-z0-9_-]+\.md$/.test(span);
    if ((repoPath || markdownFile) && !generated.test(span)) paths.push(span);
  }
  return paths;
}

function exists(doc: string, target: string): boolean {
  return existsSync(resolve(root, dirname(doc), target)) || existsSync(resolve(root, target));
}

describe('the user docs point at files that exist', () => {
  it('finds the docs it checks', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'docs/protocol.md', 'docs/configuration.md']));
  });

  for (const doc of docs) {
    it(`${doc}: every relative link and every repository path named`, () => {
      const text = readFileSync(join(root, doc), 'utf8');
      const missing = [...linkTargets(text), ...codePaths(text)].filter((target) => !exists(doc, target));
      expect(missing, `${doc} points at files that do not exist`).toEqual([]);
    });
  }

  it('the checks see a missing file (PROTOCOLS.md, examples/miniapps/) and a broken link', () => {
    const sample = 'See `PROTOCOLS.md`, `examples/miniapps/` and [the API](api.md) and [gone](nothing.md).';
    const found = [...linkTargets(sample), ...codePaths(sample)];
    expect(found).toEqual(['api.md', 'nothing.md', 'PROTOCOLS.md', 'examples/miniapps/']);
    expect(found.filter((target) => !exists('docs/x.md', target))).toEqual([
      'nothing.md',
      'PROTOCOLS.md',
      'examples/miniapps/',
    ]);
  });
});

describe('every setting is documented', () => {
  const keys = Object.keys(configShape);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const readmeTable = (/^## Configuration\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '')
    .split('\n')
    .filter((line) => line.startsWith('|'));
  const configurationRows = readFileSync(join(root, 'docs/configuration.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'));

  it('in the README table, by its environment variable', () => {
    expect(readmeTable.length).toBeGreaterThan(10);
    const absent = keys.filter((key) => !readmeTable.some((line) => line.includes(`\`${envName(key)}\``)));
    expect(absent, 'settings missing from the README configuration table').toEqual([]);
  });

  it('in docs/configuration.md, with its file key, flag and environment variable on one row', () => {
    const absent = keys.filter(
      (key) =>
        !configurationRows.some(
          (line) =>
            line.includes(`\`${key}\``) &&
            line.includes(`\`${flagName(key)}\``) &&
            line.includes(`\`${envName(key)}\``),
        ),
    );
    expect(absent, 'settings missing from docs/configuration.md').toEqual([]);
  });

  it('names no setting that does not exist', () => {
    const flags = new Set(keys.map(flagName));
    const rows = [...readmeTable, ...configurationRows].join('\n');
    const unknown = [...rows.matchAll(/`(--[a-z-]+)`/g)]
      .map((m) => m[1] as string)
      .filter((flag) => !flags.has(flag) && flag !== '--config');
    expect(unknown).toEqual([]);
  });
});
