#!/usr/bin/env node
// Module boundaries: code in packages/*/src reaches another module only through its index.ts, and
// another package only by its package name. Tests and benchmarks may reach inside (they test internals).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const packagesDir = join(root, 'packages');
const importPattern =
  /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** The package and, inside packages/hub/src, the module a path belongs to. */
function placeOf(path) {
  const parts = relative(packagesDir, path).split(sep);
  const pkg = parts[0];
  const module = pkg === 'hub' && parts[1] === 'src' && parts.length > 3 ? parts[2] : null;
  return { pkg, module, inSrc: parts[1] === 'src' };
}

const problems = [];
for (const pkg of readdirSync(packagesDir)) {
  const src = join(packagesDir, pkg, 'src');
  try {
    statSync(src);
  } catch {
    continue;
  }
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const from = placeOf(file);
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      if (!spec?.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      // The shared examples (thing models, example devices) are data every package may bundle.
      if (target.startsWith(join(root, 'examples') + sep)) continue;
      if (!target.startsWith(packagesDir + sep)) {
        problems.push(`${relative(root, file)}: imports ${spec}, outside the packages`);
        continue;
      }
      const to = placeOf(target);
      if (to.pkg !== from.pkg) {
        problems.push(
          `${relative(root, file)}: imports ${spec} from package ${to.pkg} by path; use its package name`,
        );
      } else if (from.module && to.module && to.module !== from.module) {
        const rest = relative(join(packagesDir, 'hub', 'src', to.module), target);
        if (!/^index(\.js|\.ts)?$/.test(rest))
          problems.push(
            `${relative(root, file)}: imports ${spec}; reach module ${to.module} through its index.ts`,
          );
      }
    }
  }
}
if (problems.length) {
  console.error(`Module boundaries: ${problems.length} import(s) reach inside another module or package:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log('Module boundaries: every cross-module import goes through an index.ts.');
