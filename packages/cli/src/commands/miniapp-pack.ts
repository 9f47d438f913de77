import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { Manifest } from '@genio/miniapp-sdk';
import { CommandError, type Io, takeOptions, UsageError } from '../io.js';
import { writeArchive } from './miniapp-archive.js';
import { MAX_BUNDLE_BYTES, MAX_PACKAGE_BYTES, readManifest } from './miniapp-manifest.js';

export const packUsage = `genio miniapp pack [DIR] [--out FILE] [--entry FILE]

Checks DIR/manifest.json, bundles the entry (src/app.ts or src/app.js) with esbuild when the app's
project has it installed (else takes the single file as it is) and writes DIR/dist/<id>-<version>.gapp.`;

/** A readable project: its manifest and its bundle. */
export interface AppProject {
  dir: string;
  manifest: Manifest;
  bundle: string;
  bundler: 'esbuild' | 'single file';
}

/** Read and check DIR/manifest.json; problems name the field. */
export function loadManifest(dir: string): Manifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file))
    throw new CommandError(`no manifest.json in ${dir} (make an app with: genio miniapp new DIR)`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError(`manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  const { manifest, problems } = readManifest(value);
  if (!manifest)
    throw new CommandError(
      `manifest.json has ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
  return manifest;
}

function entryOf(dir: string, entry?: string): string {
  if (entry) {
    const file = resolve(dir, entry);
    if (!existsSync(file)) throw new CommandError(`the entry ${entry} does not exist`);
    return file;
  }
  for (const name of ['src/app.ts', 'src/app.js', 'app.js'])
    if (existsSync(join(dir, name))) return join(dir, name);
  throw new CommandError(`no src/app.js or src/app.ts in ${dir} (or name one with --entry)`);
}

type Esbuild = typeof import('esbuild');

/** esbuild from the app's own project, if it has it. */
async function projectEsbuild(dir: string): Promise<Esbuild | null> {
  try {
    const path = createRequire(join(dir, 'package.json')).resolve('esbuild');
    return (await import(path)) as Esbuild;
  } catch {
    return null;
  }
}

/** The app's JavaScript as one script for the sandbox. */
export async function bundleApp(
  dir: string,
  entry?: string,
): Promise<{ bundle: string; bundler: AppProject['bundler'] }> {
  const file = entryOf(dir, entry);
  const esbuild = await projectEsbuild(dir);
  if (esbuild) {
    try {
      const result = await esbuild.build({
        entryPoints: [file],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'neutral',
        target: 'es2020',
        logLevel: 'silent',
        charset: 'utf8',
      });
      return { bundle: result.outputFiles[0]?.text ?? '', bundler: 'esbuild' };
    } catch (error) {
      const errors =
        (error as { errors?: Array<{ text: string; location?: { file: string; line: number } }> }).errors ??
        [];
      throw new CommandError(
        `esbuild could not bundle ${relative(dir, file)}:\n${errors.map((e) => `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('\n') || (error as Error).message}`,
      );
    }
  }
  if (file.endsWith('.ts'))
    throw new CommandError(
      `${relative(dir, file)} is TypeScript: install esbuild in the app (npm i -D esbuild) to bundle it`,
    );
  const bundle = readFileSync(file, 'utf8');
  const importLine = bundle
    .split('\n')
    .findIndex((line) => /^\s*(import\s|export\s|.*\brequire\()/.test(line));
  if (importLine !== -1)
    throw new CommandError(
      `${relative(dir, file)}:${importLine + 1} imports or exports, but the sandbox runs one plain script: install esbuild in the app (npm i -D esbuild) to bundle it`,
    );
  return { bundle, bundler: 'single file' };
}

/** Manifest and bundle of the app in `dir`, both checked. */
export async function readProject(dir: string, entry?: string): Promise<AppProject> {
  const manifest = loadManifest(dir);
  const { bundle, bundler } = await bundleApp(dir, entry);
  const size = Buffer.byteLength(bundle);
  if (size > MAX_BUNDLE_BYTES)
    throw new CommandError(`the bundle is ${size} bytes; the most a bundle may have is ${MAX_BUNDLE_BYTES}`);
  return { dir, manifest, bundle, bundler };
}

/** Write the project's package; returns the archive's path and bytes. */
export function writePackage(project: AppProject, out?: string): { file: string; archive: Buffer } {
  const archive = writeArchive([
    ['manifest.json', `${JSON.stringify(project.manifest, null, 2)}\n`],
    ['bundle.js', project.bundle],
  ]);
  if (archive.length > MAX_PACKAGE_BYTES)
    throw new CommandError(
      `the package is ${archive.length} bytes; the most a package may have is ${MAX_PACKAGE_BYTES}`,
    );
  const file = out
    ? resolve(out)
    : join(project.dir, 'dist', `${project.manifest.id}-${project.manifest.version}.gapp`);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, archive);
  return { file, archive };
}

/** `genio miniapp pack [DIR]`. */
export async function packCommand(argv: readonly string[], io: Io): Promise<number> {
  const { options, rest } = takeOptions(argv, { out: 'string', entry: 'string' });
  if (rest.length > 1) throw new UsageError(packUsage);
  const dir = resolve(io.cwd, rest[0] ?? '.');
  const project = await readProject(dir, typeof options.entry === 'string' ? options.entry : undefined);
  const { file, archive } = writePackage(
    project,
    typeof options.out === 'string' ? resolve(io.cwd, options.out) : undefined,
  );
  const sha = createHash('sha256').update(archive).digest('hex').slice(0, 16);
  io.out(`${project.manifest.id} ${project.manifest.version}: ${relative(io.cwd, file) || file}`);
  io.out(
    `  ${archive.length} bytes (bundle ${Buffer.byteLength(project.bundle)} bytes, ${project.bundler}), sha256 ${sha}…`,
  );
  return 0;
}
